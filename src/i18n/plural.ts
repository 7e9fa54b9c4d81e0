// Counts that read right (SPEC §8): a message says
// "{count, plural, one {# follow-up} other {# follow-ups}}" (the ICU
// MessageFormat plural, without nesting) and the language's own rules
// (Intl.PluralRules) choose the branch: English tells one from other,
// Chinese has only other. "=0" picks an exact number; "#" is the number.
import type { Lang } from '../domain/types.js';

const rules = new Map<Lang, Intl.PluralRules>();

function categoryOf(lang: Lang, n: number): string {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  return r.select(n);
}

const START = /\{(\w+),\s*plural,/g;

/** the text from `open` (a '{') to its matching '}', or -1 */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '{') depth += 1;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** each "{name, plural, …}" replaced by the branch its number selects; the rest untouched */
export function selectPlurals(lang: Lang, template: string, params: Record<string, string | number>): string {
  let out = '';
  let from = 0;
  START.lastIndex = 0;
  for (let m = START.exec(template); m; m = START.exec(template)) {
    const end = closing(template, m.index);
    if (end < 0) break;
    const raw = params[m[1]!];
    const n = typeof raw === 'number' ? raw : Number(raw);
    const branches = new Map<string, string>();
    let i = m.index + m[0].length;
    while (i < end) {
      const sel = /^\s*(=?\w+)\s*\{/.exec(template.slice(i, end));
      if (!sel) break;
      const open = i + sel[0].length - 1;
      const close = closing(template, open);
      branches.set(sel[1]!, template.slice(open + 1, close));
      i = close + 1;
    }
    const chosen = raw === undefined || Number.isNaN(n)
      ? branches.get('other')
      : branches.get(`=${n}`) ?? branches.get(categoryOf(lang, n)) ?? branches.get('other');
    out += template.slice(from, m.index) + (chosen ?? '').replace(/#/g, raw === undefined ? '#' : String(raw));
    from = end + 1;
    START.lastIndex = end + 1;
  }
  return out + template.slice(from);
}
