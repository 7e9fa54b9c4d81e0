// On a real MongoDB (MONGODB_URI, or an embedded one where a mongod can run):
// what the server did for list, due and the digest's queries. Each is served by
// an index scan (no collection scan, no in-memory sort where the registry
// declares a sort) and examines no more documents than the bound the registry
// states for it (queries.ts EXAMINES), on a tenant beside a bigger one.
import { beforeAll, expect, it } from 'vitest';
import { EXAMINES } from '../../src/store/mongo/queries.js';
import type { Store } from '../../src/store/ports.js';
import { describeEachEngine, enginesUnderTest } from '../helpers/engines.js';
import { explainIssued, type PlanSummary } from '../helpers/explain.js';
import { at, newCustomer, tenant } from './fixtures.js';

const engines = (await enginesUnderTest()).filter((e) => e.name === 'mongo');

const N = 240;
const OWNERS = ['u1', 'u2', 'u3', 'u4'];
const BEFORE = at(10);

function expectIndexed(plans: PlanSummary[], bound: number, sorted: boolean): void {
  for (const p of plans) {
    expect(p.collscan, `${p.command} ${p.stages.join('>')}`).toBe(false);
    expect(p.stages, p.command).toContain('IXSCAN');
    if (sorted) expect(p.blockingSort, `${p.command} ${p.stages.join('>')}`).toBe(false);
    expect(p.docsExamined, `${p.command} on ${p.indexes.join(',')}`).toBeLessThanOrEqual(bound);
  }
}

describeEachEngine('explain: list, due and digest queries use their index within their bound', engines, (store) => {
  const t = tenant();
  /** the seeded customers, to count each query's bound */
  const seeded: { ownerId: string; next: Date; status: string; archived: boolean }[] = [];

  beforeAll(async () => {
    const s: Store = store();
    // a neighbour tenant twice the size: nothing of it may be examined
    const other = tenant();
    for (let i = 0; i < 2 * N; i += 1) {
      await s.customers.insert(newCustomer(other, `C20261122${String(i + 1).padStart(3, '0')}`, { nextFollowUpAt: at(-5) }));
    }
    for (let i = 0; i < N; i += 1) {
      const row = {
        ownerId: OWNERS[i % OWNERS.length]!,
        next: at((i % 30) - 10),
        status: i % 17 === 0 ? 'lost' : 'active',
        archived: i % 23 === 0,
      };
      seeded.push(row);
      await s.customers.insert(newCustomer(t, `C20261122${String(i + 1).padStart(3, '0')}`, {
        ownerId: row.ownerId, nextFollowUpAt: row.next, status: row.status as 'active', archived: row.archived,
        tier: i % 3 === 0 ? 'core' : 'regular',
      }));
    }
  }, 120_000);

  /** documents a page reads in code order: up to its last row, archived ones (filtered out) included */
  const pageReads = (end: number, owner?: string) => {
    let kept = 0;
    let read = 0;
    for (const c of seeded) {
      if (owner !== undefined && c.ownerId !== owner) continue;
      if (kept >= end) break;
      read += 1;
      if (!c.archived) kept += 1;
    }
    return read;
  };
  const dueCount = (owner?: string) => seeded.filter((c) => c.next < BEFORE && (owner === undefined || c.ownerId === owner)).length;

  it('the registry states a bound for each of these queries', () => {
    for (const q of ['customers.list', 'customers.list.owner', 'customers.list.due', 'customers.list.owner.due', 'customers.dueFor', 'customers.ownersWithDue'] as const) {
      expect(EXAMINES[q], q).toBeTruthy();
    }
  });

  it('list: a page examines the page (code order straight from the index); the total counts within the tenant', async () => {
    const s = store();
    const plans = await explainIssued(s, () => s.customers.list(t, {}, { offset: 20, limit: 10 }));
    const [find, count] = plans;
    expectIndexed([find!], pageReads(20 + 10), true);
    expectIndexed([count!], N, false);
    const owner = await explainIssued(s, () => s.customers.list(t, { ownerId: 'u2' }, { offset: 0, limit: 10 }));
    expectIndexed(owner.slice(0, 1), pageReads(10, 'u2'), true);
    expectIndexed(owner.slice(1), N / OWNERS.length, false);
    // a residual filter (tier) reads within the tenant, never beyond it
    const tier = await explainIssued(s, () => s.customers.list(t, { tier: 'core' }, { offset: 0, limit: 10 }));
    expectIndexed(tier, N, true);
  });

  it('list --due: examines only the customers due before the instant', async () => {
    const s = store();
    expectIndexed(await explainIssued(s, () => s.customers.list(t, { dueBefore: BEFORE }, { offset: 0, limit: 20 })), dueCount(), true);
    expectIndexed(await explainIssued(s, () => s.customers.list(t, { ownerId: 'u3', dueBefore: BEFORE }, { offset: 0, limit: 20 })), dueCount('u3'), true);
  });

  it('the digest: owners with something due, then each owner\'s due list, within the due customers', async () => {
    const s = store();
    expectIndexed(await explainIssued(s, () => s.customers.ownersWithDue(t, BEFORE)), dueCount(), false);
    for (const owner of OWNERS) {
      expectIndexed(await explainIssued(s, () => s.customers.dueFor(t, owner, BEFORE)), dueCount(owner), false);
    }
  });
});
