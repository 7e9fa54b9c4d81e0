// Benchmark of the public pool's daily recycling (issue 14 §9):
// `npx tsx test/bench/pool.ts` (also in `npm run bench`).
//  - one tenant of 100,000 customers and 1,000 owners on the memory engine,
//    10,000 of them past their tier's recycle days: the whole pass (find,
//    move each with its conditional write and audit entry, one batched
//    message per former owner, through the delivery records) — goal < 10 s,
//    peak RSS < 400 MB;
//  - a second pass the same day moves and sends nothing (exactly once);
//  - the morning's digests with the pool warnings, computed (dry run);
//  - the MongoDB queries the pass and the warnings issue, and the index that
//    serves each (from the registry the index test checks).
// Options: --customers N --owners N --recycle N
import { parseArgs } from 'node:util';
import { POOL_OWNER } from '../../src/domain/pool.js';
import { TIERS } from '../../src/domain/types.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import { matchIndexes } from '../../src/store/mongo/queries.js';
import { realSleep } from '../../jobs/deliver.js';
import { createRuntime, runJob } from '../../jobs/scheduler.js';
import { FakePlatform, quietLogger } from '../jobs/world.js';
import { machine, mb, peakRss, secs } from '../helpers/bench.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    owners: { type: 'string', default: '1000' },
    recycle: { type: 'string', default: '10000' },
  },
});
const CUSTOMERS = Number(values.customers);
const OWNERS = Number(values.owners);
const RECYCLE = Number(values.recycle);
const DAY = 86_400_000;
const TENANT = 'bench';
// Tuesday 2026-12-01 09:30 in Shanghai, past the digest time
const NOW = new Date('2026-12-01T01:30:00Z');
// default recycle days: potential 30, regular 60, key 90, core never
const IDLE_PAST = { potential: 45, regular: 75, key: 120, core: 400 } as const;
const IDLE_WITHIN = { potential: 10, regular: 30, key: 40, core: 5 } as const;


async function seed() {
  const store = createMemoryStore();
  for (let o = 0; o < OWNERS; o += 1) {
    await store.people.upsert({ tenantId: TENANT, id: `U${o}`, name: `Owner ${o}`, timeZone: 'Asia/Shanghai', lang: o % 2 ? 'en' : 'zh' }, NOW);
  }
  // every tenth of the non-core customers is past its days (until RECYCLE of them); a few are in the warning window
  const recyclable = TIERS.filter((t) => t !== 'core');
  let toRecycle = 0;
  for (let i = 0; i < CUSTOMERS; i += 1) {
    const past = i % 10 === 0 && toRecycle < RECYCLE;
    const warned = !past && i % 50 === 1;
    const tier = past ? recyclable[(i / 10) % 3]! : warned ? 'potential' : TIERS[i % 4]!;
    if (past) toRecycle += 1;
    // warned: 25 days without a follow-up, 5 days before a potential customer returns
    const idle = past ? IDLE_PAST[tier] : warned ? 25 : IDLE_WITHIN[tier];
    // the ones to recycle spread over every owner, ten each
    const name = `Customer ${i}`;
    await store.customers.insert({
      tenantId: TENANT, code: `C20250101${String(i).padStart(6, '0')}`, name, nameKey: name.toLowerCase(), nameVariants: [],
      contacts: [], tier, valueLevel: 'low', frequency: 'low', status: !past && i % 97 === 3 ? 'lost' : 'active', needs: [],
      ownerId: `U${(past ? i / 10 : i) % OWNERS}`, createdAt: new Date(NOW.getTime() - 400 * DAY), createdBy: 'U0', updatedAt: NOW,
      lastInteractionAt: new Date(NOW.getTime() - idle * DAY), nextFollowUpAt: new Date(NOW.getTime() + ((i % 20) - 3) * DAY),
      dealCount: 0, dealAmount365: 0, archived: false,
    });
  }
  return { store, toRecycle };
}

async function main() {
  console.log(`machine: ${machine()}`);
  console.log(`inputs: ${CUSTOMERS} customers, ${OWNERS} owners, one tenant, memory engine; ${RECYCLE} past their recycle days`);
  const t0 = performance.now();
  const { store, toRecycle } = await seed();
  console.log(`seeded in ${secs(performance.now() - t0)}; RSS ${mb(process.memoryUsage().rss)}`);

  const platform = new FakePlatform({ now: () => NOW });
  const rt = createRuntime({ store, notifiers: [platform.notifier()], clock: { now: () => NOW }, logger: quietLogger, config: { scheduler: true, defaultLang: 'zh' } }, realSleep);

  const t1 = performance.now();
  const run = await runJob(rt, 'pool', { now: NOW });
  const passMs = performance.now() - t1;
  const inPool = (await store.customers.countBy(TENANT, 'ownerId'))[POOL_OWNER] ?? 0;
  const peak = peakRss();
  console.log(`recycling pass: ${secs(passMs)} (goal < 10 s) · moved ${run.moved} of ${toRecycle} expected · in the pool ${inPool} · messages ${run.sent} (one per former owner) · errors ${run.errors}`);
  console.log(`peak RSS after the pass: ${mb(peak)} (goal < 400 MB)`);

  const t2 = performance.now();
  const again = await runJob(rt, 'pool', { now: new Date(NOW.getTime() + 60_000) });
  console.log(`second pass the same day: ${secs(performance.now() - t2)} · moved ${again.moved ?? 0} · messages ${again.sent} · total delivered ${platform.delivered.length}`);

  const t3 = performance.now();
  let digests = 0;
  let warned = 0;
  await runJob(rt, 'digest', {
    now: NOW, dryRun: true,
    print: (_h, reply) => {
      digests += 1;
      if (JSON.stringify(reply).includes('公海') || JSON.stringify(reply).includes('public pool')) warned += 1;
    },
  });
  console.log(`digests with pool warnings (dry run): ${digests} digests, ${warned} with a pool section, in ${secs(performance.now() - t3)}`);

  for (const m of matchIndexes().filter((q) => q.query.startsWith('customers.idle') || q.query === 'customers.updateIf' || q.query === 'counters.quota')) {
    console.log(`  ${m.query.padEnd(28)} ${m.index ? JSON.stringify(m.index) : 'NOT SERVED'}`);
  }
  const ok = run.moved === toRecycle && inPool === toRecycle && (again.moved ?? 0) === 0 && again.sent === 0 && run.errors === 0
    && passMs < 10_000 && peak < 400 * 2 ** 20 && matchIndexes().every((m) => m.index);
  console.log(ok ? 'pool bench: all goals met' : 'pool bench: GOAL MISSED');
  if (!ok) process.exitCode = 1;
}

await main();
