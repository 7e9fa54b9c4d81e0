// Ordering and matching rules both engines must agree on (the contract suite
// holds them to it). Pure functions: no state, no I/O. The mongo engine imports
// them too, so the two cannot drift.
import { TIER_RANK } from '../../domain/cadence.js';
import type { Customer, Tier } from '../../domain/types.js';
import type { CustomerFilter } from '../ports.js';

const CODE = /^C(\d{8})(\d+)$/;

/**
 * A key that sorts codes in creation order: C20261122999 before C202611221000
 * (plain string order would put 1000 first). Codes that do not follow the
 * pattern (imported ones) sort after, in string order.
 */
export function codeSortKey(code: string): string {
  const m = CODE.exec(code);
  if (!m) return `~${code}`;
  return `C${m[1]}${m[2]!.padStart(9, '0')}`;
}

// the code format itself is a domain rule; both engines take it from there
export { formatCode } from '../../domain/codes.js';

/** most urgent first: tier, then the oldest due date, then name */
export function compareUrgency(a: Customer, b: Customer): number {
  return TIER_RANK[a.tier] - TIER_RANK[b.tier]
    || time(a.nextFollowUpAt) - time(b.nextFollowUpAt)
    || compareText(a.name, b.name)
    || compareText(a.code, b.code);
}

function time(d: Date | undefined): number {
  return d ? d.getTime() : Number.POSITIVE_INFINITY;
}

/** code-point order: the same in both engines, whatever the locale */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** the fields the filters read; the memory engine keeps instants as epoch milliseconds */
export interface Filterable {
  archived: boolean;
  ownerId: string;
  tier: Tier;
  status: Customer['status'];
  industry?: string;
  nextFollowUpAt?: Date | number;
}

export function isDue(c: Filterable, before: Date): boolean {
  return c.status !== 'lost' && !c.archived && c.nextFollowUpAt !== undefined && +c.nextFollowUpAt < +before;
}

export function matchesFilter(c: Filterable, f: CustomerFilter): boolean {
  if (!f.includeArchived && c.archived) return false;
  if (f.ownerId !== undefined && c.ownerId !== f.ownerId) return false;
  if (f.tier !== undefined && c.tier !== f.tier) return false;
  if (f.status !== undefined && c.status !== f.status) return false;
  if (f.industry !== undefined && c.industry !== f.industry) return false;
  if (f.dueBefore !== undefined && !isDue(c, f.dueBefore)) return false;
  return true;
}
