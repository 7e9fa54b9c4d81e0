// Command objects back to text: the buttons "Create anyway" and the pick
// list re-run a command, and carry it as text so any replica can run it.
import type { Lang } from '../domain/types.js';
import { BOOLEAN_FLAGS, VERB_ALIASES, type Flag, type Verb } from './verbs.js';

function quote(word: string): string {
  if (!/[\s"'“”]/u.test(word) && !/^(--|——|—)/u.test(word)) return word;
  if (!word.includes('"')) return `"${word}"`;
  if (!word.includes('「') && !word.includes('」')) return `「${word}」`;
  return `“${word.replace(/[“”]/g, '')}”`;
}

export function toCommandText(verb: Verb, lang: Lang, words: string[], flags: Record<string, string | undefined>): string {
  const parts = [VERB_ALIASES[verb][lang][0]!, ...words.filter(Boolean).map(quote)];
  for (const [name, value] of Object.entries(flags)) {
    if (value === undefined || value === '') continue;
    parts.push(value === 'true' && BOOLEAN_FLAGS.has(name as Flag) ? `--${name}` : `--${name} ${quote(value)}`);
  }
  return parts.join(' ');
}
