// Text → command: prefix, verb (English or Chinese), words and flags.
// Tolerates what chat clients and input methods do to a command line:
// full-width spaces, em dashes for "--" (——next, —next), full-width or
// curly quotes around names with spaces, "：" or "=" after a flag name.
import { UserError } from '../errors.js';
import type { Lang } from '../domain/types.js';
import {
  BOOLEAN_FLAGS, lookupFlag, lookupVerb, ONE_WORD_FLAGS, PREFIXES, type Flag, type Verb,
} from './verbs.js';

export const MAX_COMMAND_LENGTH = 4000;

export interface ParsedCommand {
  verb?: Verb;
  /** the language the command itself is written in (Chinese prefix or verb), if it says */
  lang?: Lang;
  /** positional words, quotes removed */
  words: string[];
  /** whether the first positional word was quoted (a quoted name is taken as given) */
  firstQuoted?: boolean;
  flags: Partial<Record<Flag, string>>;
  raw: string;
}

interface Token { text: string; quoted: boolean }

const QUOTES: Record<string, string> = {
  '"': '"', "'": "'", '“': '”', '‘': '’', '「': '」', '『': '』', '＂': '＂', '”': '”',
};
// "--", em/en dashes, Chinese "——", full-width "－－"
const FLAG_MARK = /^(?:--|——|—|–|－－|－)(?=\p{L})/u;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/u.test(ch)) { i++; continue; }
    const close = QUOTES[ch];
    if (close !== undefined) {
      const end = text.indexOf(close, i + 1);
      if (end > i) {
        tokens.push({ text: text.slice(i + 1, end), quoted: true });
        i = end + 1;
        continue;
      }
    }
    let j = i;
    while (j < text.length && !/\s/u.test(text[j]!)) j++;
    tokens.push({ text: text.slice(i, j), quoted: false });
    i = j;
  }
  return tokens;
}

/** "--tier=core", "——tier：core" → { name: 'tier', inline: 'core' } */
function readFlag(token: Token): { name: string; inline?: string } | undefined {
  if (token.quoted) return undefined;
  const mark = FLAG_MARK.exec(token.text);
  if (!mark) return undefined;
  const body = token.text.slice(mark[0].length);
  const sep = body.search(/[=:：]/u);
  if (sep > 0) return { name: body.slice(0, sep), inline: body.slice(sep + 1) };
  return { name: body };
}

function stripPrefix(tokens: Token[]): { lang?: Lang } {
  const first = tokens[0];
  if (!first || first.quoted) return {};
  const word = first.text.toLowerCase();
  if (PREFIXES.en.includes(word)) { tokens.shift(); return {}; }
  if (PREFIXES.zh.includes(word)) { tokens.shift(); return { lang: 'zh' }; }
  // "客户记录 …" typed without the space
  for (const prefix of PREFIXES.zh) {
    if (word.startsWith(prefix) && lookupVerb(word.slice(prefix.length))) {
      first.text = first.text.slice(prefix.length);
      return { lang: 'zh' };
    }
  }
  return {};
}

export function parseCommand(input: string): ParsedCommand {
  const raw = input.replace(/^\uFEFF/, '').trim();
  if (raw.length > MAX_COMMAND_LENGTH) {
    throw new UserError('error.tooLong', { field: 'command', length: raw.length, max: MAX_COMMAND_LENGTH });
  }
  const tokens = tokenize(raw);
  const { lang: prefixLang } = stripPrefix(tokens);
  const head = tokens[0];
  if (!head) return { words: [], flags: {}, raw, lang: prefixLang };
  const found = head.quoted ? undefined : lookupVerb(head.text);
  if (!found) throw new UserError('cmd.unknownVerb', { verb: head.text.slice(0, 40) });
  tokens.shift();

  const words: string[] = [];
  const flags: Partial<Record<Flag, string>> = {};
  let firstQuoted = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const marked = readFlag(token);
    if (!marked) {
      if (words.length === 0 && token.quoted) firstQuoted = true;
      words.push(token.text);
      continue;
    }
    const flag = lookupFlag(marked.name);
    if (!flag) throw new UserError('cmd.unknownFlag', { flag: marked.name.slice(0, 40) });
    if (flags[flag] !== undefined) throw new UserError('cmd.duplicateFlag', { flag });
    if (BOOLEAN_FLAGS.has(flag)) { flags[flag] = 'true'; continue; }
    const parts: string[] = marked.inline ? [marked.inline] : [];
    const oneWord = ONE_WORD_FLAGS.has(flag);
    while (i + 1 < tokens.length && !readFlag(tokens[i + 1]!) && !(oneWord && parts.length > 0)) {
      parts.push(tokens[++i]!.text);
    }
    const value = parts.join(' ').trim();
    if (!value) throw new UserError('cmd.flagNeedsValue', { flag });
    flags[flag] = value;
  }
  return { verb: found.verb, lang: found.lang === 'zh' ? 'zh' : prefixLang ?? 'en', words, ...(firstQuoted ? { firstQuoted } : {}), flags, raw };
}
