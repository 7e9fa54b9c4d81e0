// The memory engine's key index against a plain model: postings of every size
// (one row, a short array, a long typed list) keep code order through adds and
// removes, and scans read what the MongoDB index would.
import { describe, expect, it } from 'vitest';
import type { Row } from '../../../src/store/memory/customer-book.js';
import { KeyIndex } from '../../../src/store/memory/key-index.js';
import { codeSortKey, compareText } from '../../../src/store/memory/ordering.js';

let seed = 7;
const rand = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

function rows(n: number): Row[] {
  return Array.from({ length: n }, (_, seq) => {
    // codes in random order, so postings are built by inserts in the middle too
    const code = `C202611${String(10 + Math.floor(rand() * 20))}${String(seq).padStart(4, '0')}`;
    return { key: codeSortKey(code), seq, c: { id: `id${seq}`, code } } as unknown as Row;
  });
}

describe('memory key index', () => {
  it('keeps each key\'s rows in code order through adds and removes, whatever the posting size', () => {
    const all = rows(600);
    const index = new KeyIndex((seq) => all[seq]!);
    const model = new Map<string, Set<Row>>();
    const keysOf = (r: Row): string[] => ['w:shared', `w:mod${r.seq % 7}`, `w:pair${r.seq >> 1}`, `c:${r.seq}`];
    const live = new Set<Row>();
    const add = (r: Row): void => {
      index.add(r, keysOf(r));
      for (const k of keysOf(r)) (model.get(k) ?? model.set(k, new Set()).get(k)!).add(r);
      live.add(r);
    };
    const remove = (r: Row): void => {
      index.remove(r, keysOf(r));
      for (const k of keysOf(r)) model.get(k)!.delete(r);
      live.delete(r);
    };
    const expectModel = (): void => {
      for (const [k, set] of model) {
        const want = [...set].sort((a, b) => compareText(a.key, b.key));
        expect(index.scan({ keys: [k] }, 1000)).toEqual(want);
        expect(index.count({ keys: [k] }, 50)).toBe(Math.min(want.length, 51));
        expect(index.scan({ keys: [k] }, 5)).toEqual(want.slice(0, 5));
      }
    };
    for (const r of all) add(r);
    expectModel();
    // shrink the long postings back to short ones, one row and none
    for (const r of all) if (rand() < 0.9) remove(r);
    expectModel();
    for (const r of all) if (!live.has(r) && rand() < 0.5) add(r);
    expectModel();
    for (const r of [...live]) remove(r);
    for (const k of model.keys()) expect(index.scan({ keys: [k] }, 10)).toEqual([]);
    expect(index.scan({ prefix: 'w:' }, 10)).toEqual([]);
  });

  it('a prefix scan reads keys in order, each row once, at most the limit', () => {
    const all = rows(100);
    const index = new KeyIndex((seq) => all[seq]!);
    for (const r of all) index.add(r, [`w:a${r.seq % 3}`, 'w:ab', 'x:other']);
    const got = index.scan({ prefix: 'w:a' }, 1000);
    expect(new Set(got).size).toBe(100);
    expect(got.length).toBe(100);
    // w:a0 first (its rows in code order), then w:a1's new ones…
    const a0 = all.filter((r) => r.seq % 3 === 0).sort((a, b) => compareText(a.key, b.key));
    expect(got.slice(0, a0.length)).toEqual(a0);
    expect(index.scan({ prefix: 'w:a' }, 10)).toEqual(a0.slice(0, 10));
    expect(index.count({ prefix: 'w:' }, 20)).toBe(21);
  });
});
