// Every count reads right (SPEC §8): each message of every catalogue, in both
// languages, is filled with 0, 1 and 2 for each numeric parameter; English
// never says "1 follow-ups", and no plural syntax or placeholder is left over.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { t, type MessageKey } from '../../../src/i18n/index.js';
import { selectPlurals } from '../../../src/i18n/plural.js';

const dir = new URL('../../../src/i18n/catalog/', import.meta.url);
type Cat = { en: Record<string, string>; zh: Record<string, string> };
const catalogues: Cat[] = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
  const mod = await import(new URL(file, dir).href) as Record<string, unknown>;
  for (const value of Object.values(mod)) {
    if (value && typeof value === 'object' && 'en' in value && 'zh' in value) catalogues.push(value as Cat);
  }
}
const keys = [...new Set(catalogues.flatMap((c) => Object.keys(c.en)))] as MessageKey[];
const template = (lang: 'en' | 'zh', key: string) => catalogues.find((c) => key in c[lang])?.[lang][key] ?? '';

/** parameters that carry a number; every parameter must be one or the other, so a new one is classified here */
const NUMERIC = new Set([
  'count', 'total', 'days', 'left', 'max', 'length', 'limit', 'page', 'pages', 'size', 'n', 'line', 'rows', 'created',
  'updated', 'unchanged', 'skipped', 'errors', 'months', 'new', 'lost', 'overdue', 'today', 'percent',
  'ratio', 'wait', 'warn', 'in', 'out',
]);
const TEXT = new Set([
  'value', 'name', 'code', 'file', 'field', 'to', 'time', 'owner', 'date', 'tier', 'reason', 'from', 'flag', 'zone',
  'target', 'hours', 'detail', 'actor', 'verb', 'text', 'tenant', 'start', 'role', 'note', 'key', 'error', 'end',
  'allowed', 'title', 'status', 'lang', 'existing', 'column', 'columns', 'codes', 'change', 'amount', 'words', 'user',
  'roles', 'recipient', 'period', 'month', 'keys', 'job', 'id', 'ids', 'form', 'fields', 'example', 'currency', 'by', 'names',
  'kind', 'sheet', 'kept', 'mappings', 'lines', 'why', 'since',
]);
// words ending in s that are not plurals, after a number
const MODIFIERS = new Set(['more', 'tier', 'new', 'other', 'overdue', 'open']);
const NOT_PLURAL = new Set(['is', 'was', 'has', 'does', 'its', 'this', 'as', 'us', 'needs', 'status', 'plus', 'across', 'less']);

function paramsOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)(?=[},])/g)].map((m) => m[1]!))];
}

function fill(names: string[], over: Record<string, number>): Record<string, string | number> {
  return Object.fromEntries(names.map((n) => [n, NUMERIC.has(n) ? over[n] ?? 2 : `«${n}»`]));
}

/** "1 follow-ups", "1 tier changes", "1 more customers" */
function pluralAfterOne(text: string): string | undefined {
  for (const m of text.matchAll(/(?<![\d.,])1\s+([A-Za-z-]+)(?:\s+([A-Za-z-]+))?/g)) {
    // the word after the number, or after a word that only qualifies the noun ("1 more customers")
    const words = MODIFIERS.has(m[1]!.toLowerCase()) && m[2] ? [m[1]!, m[2]] : [m[1]!];
    for (const word of words) {
      if (/[^s]s$/i.test(word) && !NOT_PLURAL.has(word.toLowerCase())) return m[0];
    }
  }
  return undefined;
}

describe('counts in every message', () => {
  it('every parameter of every message is classified as a number or a text', () => {
    const names = new Set(keys.flatMap((k) => [...paramsOf(template('en', k)), ...paramsOf(template('zh', k))]));
    const unknown = [...names].filter((n) => !NUMERIC.has(n) && !TEXT.has(n));
    expect(unknown).toEqual([]);
    expect(keys.length).toBeGreaterThan(300);
  });

  it('0, 1 and 2 of each numeric parameter read right in English and Chinese', () => {
    const slips: string[] = [];
    let checked = 0;
    for (const key of keys) {
      for (const lang of ['en', 'zh'] as const) {
        const names = paramsOf(template(lang, key));
        const numeric = names.filter((n) => NUMERIC.has(n));
        for (const p of numeric) {
          for (const v of [0, 1, 2]) {
            const out = t(lang, key, fill(names, { [p]: v }));
            checked += 1;
            if (/[{}#]|plural,/.test(out.replace(/#\d/g, ''))) slips.push(`${lang} ${key} ${p}=${v}: leftover in "${out}"`);
            const one = lang === 'en' && v === 1 ? pluralAfterOne(out) : undefined;
            if (one) slips.push(`${key} ${p}=1: "${one}" in "${out}"`);
            if (lang === 'en' && v === 2 && /\b2\s+(customer|row|day|deal|month|character|follow-up|block|tier change)\b(?!s)/.test(out)) {
              slips.push(`${key} ${p}=2: singular in "${out}"`);
            }
          }
        }
      }
    }
    expect(slips).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('says the issue\'s own examples right', () => {
    expect(t('en', 'jobs.digest.summary', { count: 1, overdue: 0, today: 1 })).toBe('1 follow-up due: 0 overdue, 1 due today.');
    expect(t('en', 'jobs.digest.summary', { count: 3, overdue: 1, today: 2 })).toBe('3 follow-ups due: 1 overdue, 2 due today.');
    expect(t('en', 'jobs.monthly.summary', { count: 1 })).toMatch(/^1 tier change suggested for/);
    expect(t('en', 'jobs.monthly.summary', { count: 0 })).toMatch(/^0 tier changes suggested/);
    expect(t('zh', 'jobs.monthly.summary', { count: 1 })).toBe('为你的客户建议了 1 项关系分类调整。你接受之前不会有任何改动。');
  });

  it('the plural selector: exact numbers, the language\'s categories, # and a missing number', () => {
    const tpl = 'x {n, plural, =0 {none} one {# item} other {# items}} y {m}';
    expect(selectPlurals('en', tpl, { n: 0 })).toBe('x none y {m}');
    expect(selectPlurals('en', tpl, { n: 1 })).toBe('x 1 item y {m}');
    expect(selectPlurals('en', tpl, { n: 21 })).toBe('x 21 items y {m}');
    expect(selectPlurals('zh', tpl, { n: 1 })).toBe('x 1 items y {m}');
    expect(selectPlurals('en', tpl, {})).toBe('x # items y {m}');
  });
});
