// The memory engine answers name and text lookups from compact indexes
// (hashed name variants, joined variant strings, instants as numbers, search
// search keys). A seeded random run of inserts and updates (renames, archiving,
// contact and industry changes, odd variant lists) checks every lookup
// against a brute-force scan of `iterate`, and every stored customer against
// what was last written.
import { describe, expect, it } from 'vitest';
import type { Customer } from '../../src/domain/types.js';
import { codeSortKey } from '../../src/store/memory/ordering.js';
import { containsWithinOneEdit, wordWithinOneEdit } from '../../src/store/search/fuzzy.js';
import { detailForm, isHan, isLatinWord, pinyinSuffixes, searchKeysOf, wordsOf, wordsWithoutSuffix } from '../../src/store/search/keys.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import { hashVariant } from '../../src/store/memory/variant-index.js';
import type { CustomerPatch, Store } from '../../src/store/ports.js';
import { at, collect, nameKeyOf, newCustomer, tenant, variantsOf } from './fixtures.js';

// two variants with the same FNV-1a hash: the index must tell them apart
const COLLIDING = ['v7pwu', 've5fa'] as const;
const WORDS = ['ab', 'abc', 'ac', 'Bc', '云栈', '云', 'x', 'v7pwu', 've5fa', 'Acme', '有限公司'];

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

async function all(store: Store, t: string): Promise<Customer[]> {
  return collect(store.customers.iterate(t, 97));
}

const byCodeKey = (a: Customer, b: Customer): number => (codeSortKey(a.code) < codeSortKey(b.code) ? -1 : codeSortKey(a.code) > codeSortKey(b.code) ? 1 : 0);
const ids = (list: Customer[]): string[] => list.map((c) => c.id);

/** the search rules applied to every customer, one by one, from its keys: the index must answer the same */
const keysCache = new Map<string, string[]>();
function ruleRank(c: Customer, text: string, details: string | undefined): number | undefined {
  const id = `${c.id}:${c.version}`;
  const keys = keysCache.get(id) ?? searchKeysOf(c);
  keysCache.set(id, keys);
  const has = (p: string): boolean => keys.some((k) => k.startsWith(p));
  const all = wordsOf(text);
  const words = wordsWithoutSuffix(all);
  const compact = all.join('');
  const codeText = text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
  const ranks: number[] = [];
  if (codeText && has(`c:${codeText}`)) ranks.push(keys.includes(`c:${codeText}`) ? 0 : 1);
  if (compact === '') return ranks[0];
  const nameWords = wordsWithoutSuffix(wordsOf(c.name));
  const name = nameWords.join('');
  const wordStarts = (w: string): boolean => nameWords.some((x) => x.startsWith(w));
  if (has(`n:${compact}`)) ranks.push(wordsOf(c.name).join('') === compact ? 2 : 3);
  if (words.every(wordStarts)) ranks.push(4);
  if (words.some(isHan) && words.every((w) => (isHan(w) ? name.includes(w) : wordStarts(w)))) ranks.push(5);
  const py = compact.replace(/(youxianzerengongsi|gufenyouxiangongsi|jituanyouxiangongsi|youxiangongsi|gufengongsi|jituan|gongsi)$/u, (m, _s, at: number) => (at >= 2 ? '' : m));
  if (/^[a-z]{2,}$/u.test(compact) && nameWords.filter(isHan).some((h) => pinyinSuffixes(h).some((p) => p.startsWith(py)))) ranks.push(5);
  if (/^[a-z]{2,10}$/u.test(compact) && has(`j:${compact}`)) ranks.push(5);
  if (has(`k:${compact}`)) ranks.push(6);
  if (has(`i:${compact}`)) ranks.push(7);
  const detail = detailForm(text.trim());
  if (detail && (details === 'all' || details === c.ownerId)) {
    if (c.contacts.some((k) => [k.phone, k.email, k.wechat].some((v) => v !== undefined && detailForm(v).startsWith(detail)))) ranks.push(8);
  }
  const long = (w: string): boolean => [...w].length >= 4;
  const fuzzy = (w: string): boolean => (isHan(w) ? (long(w) ? containsWithinOneEdit(name, w) : name.includes(w))
    : isLatinWord(w) && long(w) ? nameWords.some((x) => x.startsWith(w) || wordWithinOneEdit(x, w)) : wordStarts(w));
  if (words.some((w) => long(w) && (isHan(w) || isLatinWord(w))) && words.every(fuzzy)) ranks.push(9);
  return ranks.length ? Math.min(...ranks) : undefined;
}

function bruteSearch(list: Customer[], text: string, details: string | undefined, limit: number): Customer[] {
  if (text.trim() === '' || limit <= 0) return [];
  return list
    .filter((c) => !c.archived)
    .map((c) => ({ c, rank: ruleRank(c, text, details) }))
    .filter((x): x is { c: Customer; rank: number } => x.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || byCodeKey(a.c, b.c))
    .slice(0, limit)
    .map((x) => x.c);
}

describe('memory engine indexes agree with a scan of the tenant', () => {
  it('hashVariant collides for the fixture pair (so the collision path is exercised)', () => {
    expect(hashVariant(COLLIDING[0])).toBe(hashVariant(COLLIDING[1]));
  });

  it('a colliding variant finds only the customer that holds it', async () => {
    const store = createMemoryStore();
    const t = tenant('coll');
    const a = await store.customers.insert(newCustomer(t, 'C1', { name: 'A', nameKey: 'a', nameVariants: [COLLIDING[0]] }));
    const b = await store.customers.insert(newCustomer(t, 'C2', { name: 'B', nameKey: 'b', nameVariants: [COLLIDING[1]] }));
    expect(ids(await store.customers.findByNameVariants(t, [COLLIDING[0]]))).toEqual([a.id]);
    expect(ids(await store.customers.findByNameVariants(t, [COLLIDING[1]]))).toEqual([b.id]);
    await store.customers.update(t, a.id, { nameVariants: ['other'] });
    expect(await store.customers.findByNameVariants(t, [COLLIDING[0]])).toEqual([]);
    expect(ids(await store.customers.findByNameVariants(t, [COLLIDING[1]]))).toEqual([b.id]);
  });

  it('random inserts and updates: findByNameVariants, findByName, search and get match the scan', async () => {
    const store = createMemoryStore();
    const t = tenant('rand');
    const rand = rng(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const randomName = (): string => `${pick(WORDS)}${rand() < 0.5 ? pick(WORDS) : ''}${rand() < 0.3 ? ` ${Math.floor(rand() * 20)}` : ''}`;
    /** mostly the real shape; sometimes lists the joined form cannot hold */
    const randomVariants = (key: string): string[] => {
      const r = rand();
      if (r < 0.05) return [];
      if (r < 0.08) return [''];
      if (r < 0.11) return ['', key];
      if (r < 0.14) return [`${key}\u0001x`, key];
      if (r < 0.17) return [key, key];
      return variantsOf(key);
    };
    const expected = new Map<string, Customer>();
    // the variants each customer was given: index data, never read back
    const variantsById = new Map<string, string[]>();
    let seq = 0;

    async function insert(): Promise<void> {
      seq += 1;
      const name = randomName();
      const key = nameKeyOf(name);
      // mostly in code order, some earlier days (inserted mid-book) and some imported codes
      const code = rand() < 0.1 ? `IMP-${seq}` : `C${rand() < 0.1 ? '20261101' : '20261122'}${String(seq).padStart(3, '0')}`;
      const input = newCustomer(t, code, {
        name, nameKey: key, nameVariants: randomVariants(key), industry: rand() < 0.5 ? pick(['retail', 'Acme Tools', 'x-ray']) : undefined,
        contacts: rand() < 0.5 ? [{ name: randomName(), phone: `138${seq}` }] : [], ownerId: pick(['u1', 'u2']),
        createdAt: at(-Math.floor(rand() * 30)), nextFollowUpAt: rand() < 0.5 ? at(Math.floor(rand() * 10)) : undefined,
      });
      const c = await store.customers.insert(input);
      expected.set(c.id, c);
      variantsById.set(c.id, input.nameVariants);
    }

    async function update(): Promise<void> {
      const id = pick([...expected.keys()]);
      const r = rand();
      let patch: CustomerPatch;
      if (r < 0.4) {
        const name = randomName();
        const key = nameKeyOf(name);
        patch = { name, nameKey: key, nameVariants: randomVariants(key) };
      } else if (r < 0.55) patch = { archived: !expected.get(id)!.archived };
      else if (r < 0.7) patch = { industry: rand() < 0.3 ? undefined : pick(['retail', 'abc', 'Bc co']) };
      else if (r < 0.8) patch = { contacts: [{ name: randomName(), email: `${Math.floor(rand() * 99)}@x.io` }] };
      else patch = { lastInteractionAt: at(Math.floor(rand() * 5)), nextFollowUpAt: rand() < 0.3 ? undefined : at(3) };
      const c = await store.customers.update(t, id, patch);
      expected.set(c.id, c);
      if (patch.nameVariants) variantsById.set(c.id, patch.nameVariants);
    }

    async function check(): Promise<void> {
      const list = await all(store, t);
      expect(list.length).toBe(expected.size);
      for (const c of list) expect(c).toEqual(expected.get(c.id));
      const live = list.filter((c) => !c.archived);
      for (let i = 0; i < 8; i += 1) {
        const probe = variantsOf(nameKeyOf(randomName())).slice(0, 1 + Math.floor(rand() * 4));
        if (rand() < 0.2) probe.push(pick(COLLIDING), '');
        const got = await store.customers.findByNameVariants(t, probe);
        const want = live.filter((c) => variantsById.get(c.id)!.some((v) => probe.includes(v))).sort(byCodeKey);
        expect(ids(got)).toEqual(ids(want));

        const name = pick(list).name;
        const q = rand() < 0.5 ? ` ${name.toUpperCase()} ` : name;
        const key = rand() < 0.5 ? nameKeyOf(name) : 'nope';
        const byName = await store.customers.findByName(t, q, key);
        const wantByName = live.filter((c) => c.name.toLowerCase() === q.trim().toLowerCase() || c.nameKey === key).sort(byCodeKey);
        expect(ids(byName)).toEqual(ids(wantByName));

        const text = rand() < 0.6 ? pick(WORDS).slice(0, 1 + Math.floor(rand() * 3))
          : pick(['c2026', '138', 'x.io', 'ret', 'imp-1', '有限', '云栈有限公司', '云有', '云栈云', '云栈云x', 'acmx', 'acme ab', 'v7pwx', 'yunzhan', 'yz', 'yzy', 'Acme 1', '栈云']);
        const details = pick([undefined, 'all', 'u1']);
        const limit = pick([1, 3, 10, 50]);
        const found = await store.customers.search(t, { text, contactDetailsOf: details, limit });
        expect(ids(found), `search ${text} ${details} ${limit}`).toEqual(ids(bruteSearch(list, text, details, limit)));
      }
    }

    for (let i = 0; i < 40; i += 1) await insert();
    for (let round = 0; round < 30; round += 1) {
      for (let i = 0; i < 25; i += 1) await (rand() < 0.4 ? insert() : update());
      await check();
    }
  });
});
