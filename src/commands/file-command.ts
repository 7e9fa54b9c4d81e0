// Which command lines move a file: adapters ask before handing text to the
// engine, because the answer to "export" is a file they must send and the
// answer to "import <path>" (console) needs a file they must read. The line is
// parsed by the engine's own parser, so aliases and flags mean the same here.
import type { Lang } from '../domain/types.js';
import { parseCommand } from './parse.js';
import { headerLang } from './verbs/transfer.js';

export type FileCommand =
  | { verb: 'import'; lang: Lang; /** what follows the verb: a path on the console */ target?: string; strict: boolean }
  | { verb: 'export'; lang: Lang; /** the header language asked for (--lang, or a word like 中文) */ headers?: Lang; target?: string };

/** an import or export command line, or undefined for anything else (including lines that do not parse) */
export function fileCommandOf(text: string): FileCommand | undefined {
  let parsed;
  try {
    parsed = parseCommand(text);
  } catch {
    return undefined;
  }
  const lang: Lang = parsed.lang === 'zh' ? 'zh' : 'en';
  const target = parsed.words.join(' ').trim() || undefined;
  if (parsed.verb === 'import') {
    if (Object.keys(parsed.flags).some((f) => f !== 'strict')) return undefined;
    return { verb: 'import', lang, ...(target ? { target } : {}), strict: parsed.flags.strict === 'true' };
  }
  if (parsed.verb === 'export') {
    if (Object.keys(parsed.flags).some((f) => f !== 'lang')) return undefined;
    // "export zh" / "导出 英文": a lone language word is the header language, not a path
    const word = headerLang(target);
    const headers = headerLang(parsed.flags.lang) ?? word;
    if (parsed.flags.lang !== undefined && headerLang(parsed.flags.lang) === undefined) return undefined;
    return { verb: 'export', lang, ...(headers ? { headers } : {}), ...(target && !word ? { target } : {}) };
  }
  return undefined;
}
