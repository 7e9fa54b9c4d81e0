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
  const digits = m[2]!;
  const key = `C${m[1]}${digits.padStart(9, '0')}`;
  // codes as formatCode writes them (3 digits, or more without a leading zero)
  // keep the key they always had; another spelling of the same sequence
  // (C202611220001 or C202611221 beside C20261122001) sorts right after it, under a key of its own
  const canonical = digits.length === 3 || (digits.length > 3 && digits[0] !== '0');
  return canonical ? key : `${key}~${digits.length}`;
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

/**
 * Code-point order, as MongoDB compares strings (UTF-8 bytes): the same in both
 * engines, whatever the locale. JavaScript's own `<` compares UTF-16 units, which
 * puts text beyond the BMP (𝒜, most emoji, CJK extension B) before U+E000–U+FFFF.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

/** a UTF-16 unit moved so that surrogates (text beyond the BMP) sort after U+E000–U+FFFF */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

/** counts with their keys in code-point order: both engines hand countBy's buckets out alike */
export function inKeyOrder(counts: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(counts).sort(compareText)) out[key] = counts[key]!;
  return out;
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
