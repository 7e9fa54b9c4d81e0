// Search reads only through key scans, each bounded: checked with a counting
// scanner over a large book, and on the MongoDB side by the queries the
// scanner builds (no server needed: a fake model records them).
import { describe, expect, it } from 'vitest';
import type { Model } from 'mongoose';
import type { Customer } from '../../../src/domain/types.js';
import { searchKeysOf } from '../../../src/store/search/keys.js';
import { runSearch, SCAN_LIMIT, type KeyScanner, type Scan } from '../../../src/store/search/plan.js';
import { mongoKeyScanner, prefixEnd } from '../../../src/store/mongo/search.js';
import { SEARCH_INDEX } from '../../../src/store/mongo/queries.js';
import type { Doc } from '../../../src/store/mongo/schemas.js';
import { newCustomer } from '../../contract/fixtures.js';

function book(n: number): Customer[] {
  return Array.from({ length: n }, (_, i) => {
    const name = `${['杭州', '上海'][i % 2]}${['云栈', '星河', 'Acme'][i % 3]}科技${i}有限公司`;
    return { ...newCustomer('t', `C20261101${String(i + 1).padStart(6, '0')}`, { name, contacts: [{ name: `联系人${i}`, phone: `138${i}` }] }), id: `id${i}`, version: 1 };
  });
}

/** a scanner over a list, by brute force, that counts what it hands out */
function countingScanner(list: Customer[]): KeyScanner & { read: number; scans: Scan[] } {
  const byKey = new Map<string, Set<number>>();
  list.forEach((c, i) => { for (const k of searchKeysOf(c)) byKey.set(k, (byKey.get(k) ?? new Set()).add(i)); });
  const keys = [...byKey.keys()];
  const reach = (scan: Scan): Customer[] => {
    const hit = 'keys' in scan ? scan.keys : keys.filter((k) => k.startsWith(scan.prefix));
    const at = new Set(hit.flatMap((k) => [...(byKey.get(k) ?? [])]));
    return [...at].sort((a, b) => a - b).map((i) => list[i]!);
  };
  const s = {
    read: 0,
    scans: [] as Scan[],
    async count(scan: Scan, cap: number) { return Math.min(reach(scan).length, cap + 1); },
    async scan(this: { read: number; scans: Scan[] }, scan: Scan, limit: number) {
      this.scans.push(scan);
      const got = reach(scan).slice(0, limit);
      this.read += got.length;
      return got;
    },
  };
  return s;
}

describe('search reads a bounded number of customers', () => {
  const list = book(2400);
  const scannerFor = (() => {
    const shared = countingScanner(list);
    return () => Object.assign(Object.create(shared) as typeof shared, { read: 0, scans: [] as Scan[] });
  })();

  it('whatever is typed: names, common words, pinyin, initials and typos', async () => {
    for (const text of ['科技', '杭州', 'Acme科技123', 'hangzhou', 'hz', 'acmx', '云栈科枝', 'c2026', '138', 'k']) {
      const scanner = scannerFor();
      const found = await runSearch(scanner, { text, limit: 11, contactDetailsOf: 'all' });
      expect(scanner.scans.length, text).toBeLessThanOrEqual(12);
      for (const scan of scanner.scans) expect('keys' in scan ? scan.keys.length : 1, text).toBeLessThanOrEqual(64);
      expect(scanner.read, text).toBeLessThanOrEqual(scanner.scans.length * SCAN_LIMIT);
      expect(found.length, text).toBeLessThanOrEqual(11);
    }
  });

  it('reads the rarest word first: a name among thousands sharing its other words', async () => {
    const scanner = scannerFor();
    const found = await runSearch(scanner, { text: 'Acme 科技 1232', limit: 11 });
    expect(found.map((c) => c.name)).toContain('杭州Acme科技1232有限公司');
    expect(scanner.read).toBeLessThan(50);
  });
});

describe('the MongoDB key scans', () => {
  function fakeModel() {
    const calls: { op: string; filter: Doc; options?: Doc; hint?: unknown; sort?: unknown; limit?: number }[] = [];
    const M = {
      countDocuments(filter: Doc, options: Doc) {
        calls.push({ op: 'count', filter, options });
        return Promise.resolve(0);
      },
      find(filter: Doc) {
        const call: (typeof calls)[number] = { op: 'find', filter };
        calls.push(call);
        const q = {
          hint(h: unknown) { call.hint = h; return q; },
          sort(s: unknown) { call.sort = s; return q; },
          limit(n: number) { call.limit = n; return q; },
          lean: async () => [],
        };
        return q;
      },
    };
    return { M: M as unknown as Model<Doc>, calls };
  }

  it('are exact keys or an $elemMatch range, hinted to the search index, with a limit; never a regular expression', async () => {
    const { M, calls } = fakeModel();
    const scanner = mongoKeyScanner(M, 't1', (d) => d as unknown as Customer);
    await scanner.scan({ keys: ['w:acme'] }, 200);
    await scanner.scan({ keys: ['d:acm', 'w:acm'] }, 200);
    await scanner.scan({ prefix: 'n:acme' }, 200);
    await scanner.count({ prefix: 'y:yunfan' }, 200);
    expect(calls).toEqual([
      { op: 'find', filter: { tenantId: 't1', searchKeys: 'w:acme' }, hint: SEARCH_INDEX, sort: { codeSort: 1 }, limit: 200 },
      { op: 'find', filter: { tenantId: 't1', searchKeys: { $in: ['d:acm', 'w:acm'] } }, hint: SEARCH_INDEX, sort: { codeSort: 1 }, limit: 200 },
      { op: 'find', filter: { tenantId: 't1', searchKeys: { $elemMatch: { $gte: 'n:acme', $lt: 'n:acmf' } } }, hint: SEARCH_INDEX, limit: 200 },
      { op: 'count', filter: { tenantId: 't1', searchKeys: { $elemMatch: { $gte: 'y:yunfan', $lt: 'y:yunfao' } } }, options: { limit: 201, hint: SEARCH_INDEX } },
    ]);
    expect(JSON.stringify(calls)).not.toContain('$regex');
  });

  it('end a prefix range after every string that starts with it, in UTF-8 order too', () => {
    expect(prefixEnd('g:云')).toBe('g:互');
    expect(prefixEnd('w:a\ud7ff')).toBe('w:a\ue000');
    expect(prefixEnd('w:😀')).toBe('w:😁');
    expect(prefixEnd('w:\u{10ffff}')).toBeUndefined();
    expect(prefixEnd('')).toBeUndefined();
  });
});
