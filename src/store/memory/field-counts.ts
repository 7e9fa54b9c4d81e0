// Running counts of live (not archived) customers per tier, status, source,
// industry and owner, so `stats` without a filter does not walk the tenant.
// countBy answers with keys in the order a walk of the tenant (insertion
// order) first meets them, and callers sort by count with ties kept in that
// order; so each value remembers the insertion sequence of its first customer.
// When that customer leaves the value, the order is no longer known cheaply:
// the field is marked and the next count walks the tenant once to learn it.
import type { CountField } from '../ports.js';
import type { Stored } from './copy.js';

interface Tally { n: number; first: number }

export const COUNT_FIELDS: readonly CountField[] = ['tier', 'status', 'ownerId', 'source', 'industry'];

export class FieldCounts {
  private readonly tallies = new Map<CountField, Map<string, Tally>>(COUNT_FIELDS.map((f) => [f, new Map()]));
  /** fields whose first-seen order must be learnt again by a walk */
  private readonly unordered = new Set<CountField>();

  add(c: Stored, seq: number): void {
    if (c.archived) return;
    for (const field of COUNT_FIELDS) {
      const key = keyOf(c, field);
      if (key === undefined) continue;
      const m = this.tallies.get(field)!;
      const t = m.get(key);
      if (t === undefined) m.set(key, { n: 1, first: seq });
      else {
        t.n += 1;
        if (seq < t.first) t.first = seq;
      }
    }
  }

  remove(c: Stored, seq: number): void {
    if (c.archived) return;
    for (const field of COUNT_FIELDS) {
      const key = keyOf(c, field);
      if (key === undefined) continue;
      const m = this.tallies.get(field)!;
      const t = m.get(key);
      if (t === undefined) continue;
      t.n -= 1;
      if (t.n === 0) m.delete(key);
      else if (t.first === seq) this.unordered.add(field);
    }
  }

  /** the counts in first-seen order; `walk` visits live and archived customers in insertion order */
  counts(field: CountField, walk: () => Iterable<{ c: Stored; seq: number }>): Record<string, number> {
    const m = this.tallies.get(field)!;
    if (this.unordered.has(field)) {
      for (const t of m.values()) t.first = Number.POSITIVE_INFINITY;
      for (const { c, seq } of walk()) {
        if (c.archived) continue;
        const key = keyOf(c, field);
        const t = key === undefined ? undefined : m.get(key);
        if (t !== undefined && seq < t.first) t.first = seq;
      }
      this.unordered.delete(field);
    }
    const entries = [...m].sort((a, b) => a[1].first - b[1].first);
    const out: Record<string, number> = {};
    for (const [key, t] of entries) out[key] = t.n;
    return out;
  }
}

/** the bucket a customer counts in; none when the field is unset or empty */
function keyOf(c: Stored, field: CountField): string | undefined {
  const value: unknown = c[field];
  if (value === undefined || value === '') return undefined;
  return String(value);
}
