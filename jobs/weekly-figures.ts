// The figures of the weekly manager report. Counts "a week ago" are rebuilt
// from today's customers and the audit trail (every tier and status change
// keeps from/to, SPEC §1) instead of from a snapshot, so the first report is
// already right and a report caught up late shows the same numbers.
import { POOL_OWNER } from '../src/domain/pool.js';
import type { AuditEntry, Customer, Status, Tier } from '../src/domain/types.js';
import { STATUSES, TIERS } from '../src/domain/types.js';
import type { Store } from '../src/store/ports.js';

export interface WeekFigures {
  start: Date;
  end: Date;
  tierAtStart: Record<Tier, number>;
  tierAtEnd: Record<Tier, number>;
  statusAtStart: Record<Status, number>;
  statusAtEnd: Record<Status, number>;
  totalAtStart: number;
  totalAtEnd: number;
  created: Customer[];
  lost: Customer[];
  /** owner id → overdue follow-ups at the end of the week */
  overdueByOwner: Record<string, number>;
  /** the public pool (SPEC §7): its size now, and the week's moves in and out */
  pool: { size: number; in: number; out: number };
}

const POOL_IN = new Set<string>(['pool.recycle', 'pool.release']);
const POOL_OUT = new Set<string>(['pool.claim', 'pool.assign']);

const AUDIT_LIMIT = 1_000_000;

function zero<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

interface Snapshot { tier: Tier; status: Status }

/** each customer's tier and status at `at`, undoing the changes made since (newest first) */
function stateAt(c: Customer, changesNewestFirst: AuditEntry[], at: Date): Snapshot | undefined {
  if (c.createdAt.getTime() >= at.getTime()) return undefined;
  const s: Snapshot = { tier: c.tier, status: c.status };
  for (const e of changesNewestFirst) {
    if (e.at.getTime() < at.getTime()) break;
    if (e.field === 'tier' && (TIERS as readonly string[]).includes(e.from ?? '')) s.tier = e.from as Tier;
    if (e.field === 'status' && (STATUSES as readonly string[]).includes(e.from ?? '')) s.status = e.from as Status;
  }
  return s;
}

/**
 * The week [start, end). `overdueBefore` is the start of the report day: a
 * follow-up due before it is overdue.
 */
export async function weekFigures(store: Store, tenantId: string, start: Date, end: Date, overdueBefore: Date): Promise<WeekFigures> {
  const audit = await store.audit.list(tenantId, { since: start }, AUDIT_LIMIT);
  const changes = new Map<string, AuditEntry[]>();
  for (const e of audit) {
    if (!e.customerId || (e.field !== 'tier' && e.field !== 'status') || e.from === undefined) continue;
    const list = changes.get(e.customerId) ?? [];
    list.push(e);
    changes.set(e.customerId, list);
  }
  for (const list of changes.values()) list.sort((a, b) => b.at.getTime() - a.at.getTime());

  const f: WeekFigures = {
    start, end,
    tierAtStart: zero(TIERS), tierAtEnd: zero(TIERS),
    statusAtStart: zero(STATUSES), statusAtEnd: zero(STATUSES),
    totalAtStart: 0, totalAtEnd: 0,
    created: [], lost: [],
    overdueByOwner: {},
    pool: { size: 0, in: 0, out: 0 },
  };
  for (const e of audit) {
    if (e.at.getTime() >= end.getTime()) continue;
    if (POOL_IN.has(e.action)) f.pool.in += 1;
    else if (POOL_OUT.has(e.action)) f.pool.out += 1;
  }
  for await (const c of store.customers.iterate(tenantId)) {
    if (c.archived) continue;
    if (c.ownerId === POOL_OWNER) f.pool.size += 1;
    const mine = changes.get(c.id) ?? [];
    const before = stateAt(c, mine, start);
    const after = stateAt(c, mine, end);
    if (before) {
      f.tierAtStart[before.tier] += 1;
      f.statusAtStart[before.status] += 1;
      f.totalAtStart += 1;
    }
    if (after) {
      f.tierAtEnd[after.tier] += 1;
      f.statusAtEnd[after.status] += 1;
      f.totalAtEnd += 1;
    }
    if (c.createdAt >= start && c.createdAt < end) f.created.push(c);
    // lost during the week and still lost at its end (a win-back within the week cancels it)
    if (before?.status !== 'lost' && after?.status === 'lost') f.lost.push(c);
  }
  const overdue = await store.customers.countBy(tenantId, 'ownerId', { dueBefore: overdueBefore });
  for (const [owner, n] of Object.entries(overdue)) if (n > 0 && owner !== POOL_OWNER) f.overdueByOwner[owner] = n;
  f.created.sort((a, b) => a.code.localeCompare(b.code));
  f.lost.sort((a, b) => a.code.localeCompare(b.code));
  return f;
}
