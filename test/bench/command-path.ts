// Benchmark of the command path (parse → use-case → store → render) with
// 100,000 customers of one tenant: log, find (names, pinyin, initials, typos)
// and due, plus stats. The memory engine by default; MongoDB when MONGODB_URI
// is set (a fresh database `bench_<random>`, dropped at the end), where it
// also reports the documents and index keys each command examines, read from
// the database profiler (level 2 on the bench database only).
// Targets (issue 13): memory find p99 < 5 ms, log p99 < 5 ms, RSS < 500 MB.
// Run: npx tsx test/bench/command-path.ts [customers] [ops]
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { renderText } from '../../adapters/console/render.js';
import { ManualClock } from '../../src/clock.js';
import { nameIndexKeys } from '../../src/commands/duplicates.js';
import { createEngine } from '../../src/commands/engine.js';
import { formatCode } from '../../src/domain/codes.js';
import { TIERS } from '../../src/domain/types.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import type { NewCustomer, Store } from '../../src/store/ports.js';
import { machine, quantile } from '../helpers/bench.js';

const CUSTOMERS = Number(process.argv[2] ?? 100_000);
const OPS = Number(process.argv[3] ?? 1_000);
const MONGODB_URI = process.env.MONGODB_URI;
const TENANT = 'bench';
const OWNERS = 200;
/** operations per command whose profile is read (system.profile is a capped collection of 1 MB) */
const PROFILED_OPS = 50;
/** unmeasured calls of each command (and each kind of find) before the measured ones */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);

let peakRss = 0;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);

// deterministic pseudo-random numbers, so two runs measure the same work
let seed = 42;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const CITIES = ['杭州', '上海', '北京', '深圳', '成都', '苏州', 'Wuhan', 'Nanjing'];
const WORDS = ['云栈', '星河', '蓝海', '新创', 'Acme', 'Globex', 'Initech', '华信', '远景', '博达'];
// what people type into find besides a name: pinyin, initials, and names one character off
const PINYIN = ['hangzhouyunzhan', 'shanghai xinghe', 'lanhai', 'yuanjingkeji', 'huaxin', 'chengdubo'];
const INITIALS = ['hzyz', 'shxh', 'bjlh', 'szxc', 'cdhx', 'yjkj'];
const TYPO_LATIN = ['Acmr科技', 'Globx科技', 'Initehc科技'];
const TYPO_HAN = ['云栈科枝', '星河科计', '蓝海料技', '远景科伎'];

interface Opened { store: Store; label: string; close(): Promise<void>; profile?: Profiler }
interface Profiler { start(): Promise<void>; read(ops: number): Promise<{ docs: number; keys: number }> }

async function open(): Promise<Opened> {
  if (!MONGODB_URI) {
    const store = createMemoryStore();
    await store.init();
    return { store, label: 'memory engine', close: async () => {} };
  }
  const { createMongoStore } = await import('../../src/store/mongo/mongo-store.js');
  const dbName = `bench_${randomBytes(4).toString('hex')}`;
  const store = await createMongoStore({ uri: MONGODB_URI, dbName });
  await store.init();
  const db = store.connection.db!;
  // https://www.mongodb.com/docs/manual/reference/command/profile/ — level 2 records every operation
  // of this database in system.profile, with docsExamined and keysExamined per operation
  const profile: Profiler = {
    async start() {
      await db.command({ profile: 0 });
      await db.collection('system.profile').drop().catch(() => undefined);
      await db.command({ profile: 2 });
    },
    async read(ops) {
      await db.command({ profile: 0 });
      const [row] = await db.collection('system.profile').aggregate<{ docs: number; keys: number }>([
        { $match: { ns: { $regex: `^${dbName}\\.(customers|interactions|deals|people|settings|audit)$` } } },
        { $group: { _id: null, docs: { $sum: { $ifNull: ['$docsExamined', 0] } }, keys: { $sum: { $ifNull: ['$keysExamined', 0] } } } },
      ]).toArray();
      return { docs: (row?.docs ?? 0) / ops, keys: (row?.keys ?? 0) / ops };
    },
  };
  return {
    store, label: `MongoDB (${dbName} at ${MONGODB_URI.replace(/\/\/[^@/]*@/, '//…@')})`, profile,
    close: async () => { await store.connection.dropDatabase(); await store.close(); },
  };
}

function customer(i: number): NewCustomer {
  const name = `${CITIES[i % CITIES.length]}${pick(WORDS)}科技${i}有限公司`;
  const created = new Date(Date.UTC(2026, 10, 1) - Math.floor(rand() * 200) * 86_400_000);
  return {
    tenantId: TENANT, code: formatCode('20261101', i + 1), name, ...nameIndexKeys(name), industry: ['internet', 'retail', 'finance'][i % 3],
    contacts: [{ name: `联系人${i}`, phone: `138${String(i).padStart(8, '0')}` }], tier: TIERS[i % 4]!, valueLevel: 'low', frequency: 'low',
    status: 'active', needs: [], ownerId: `owner${i % OWNERS}`, createdAt: created, createdBy: 'seed', updatedAt: created,
    nextFollowUpAt: new Date(created.getTime() + 7 * 86_400_000), dealCount: 0, dealAmount365: 0, archived: false,
  };
}

async function main() {
  const opened = await open();
  const { store } = opened;
  const clock = new ManualClock('2026-11-26T02:00:00Z');
  const engine = createEngine({ store, clock, logger: pino({ level: 'silent' }), adminUsers: ['owner0'], defaultTimeZone: 'Asia/Shanghai', defaultLang: 'zh' });

  const t0 = performance.now();
  const codes: string[] = [];
  const batch = MONGODB_URI ? 64 : 1;
  for (let i = 0; i < CUSTOMERS; i += batch) {
    const inputs = Array.from({ length: Math.min(batch, CUSTOMERS - i) }, (_, j) => customer(i + j));
    await Promise.all(inputs.map((c) => store.customers.insert(c)));
    for (const c of inputs) codes.push(c.code);
  }
  const seedMs = performance.now() - t0;

  let profilerRefused = '';
  async function measure(label: string, lines: () => [string, string], ops = OPS) {
    const times: number[] = [];
    const start = performance.now();
    for (let i = 0; i < ops; i++) {
      const [user, line] = lines();
      const s = performance.now();
      const reply = await engine.handleText({ platform: 'console', tenantId: TENANT, userId: user }, line);
      renderText(reply);
      times.push(performance.now() - s);
      if (i === 0 && reply.blocks[0]?.type === 'text' && reply.blocks[0].tone === 'error') throw new Error(`${label} failed: ${reply.summary}`);
    }
    const total = performance.now() - start;
    times.sort((a, b) => a - b);
    let examined = '';
    if (opened.profile && !profilerRefused) {
      try {
        await opened.profile.start();
      } catch (e) {
        // shared tiers (Atlas M0/M2/M5, serverless) refuse the profile command
        profilerRefused = `profiler unavailable: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
    if (opened.profile && !profilerRefused) {
      for (let i = 0; i < PROFILED_OPS; i++) {
        const [user, line] = lines();
        await engine.handleText({ platform: 'console', tenantId: TENANT, userId: user }, line);
      }
      const { docs, keys } = await opened.profile.read(PROFILED_OPS);
      examined = `  examined/command: ${docs.toFixed(0)} docs, ${keys.toFixed(0)} keys`;
    }
    return { label, ops, opsPerSec: Math.round(ops / (total / 1000)), p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: times.at(-1)!, examined };
  }

  const owner = () => `owner${Math.floor(rand() * OWNERS)}`;
  const num = () => Math.floor(rand() * 1000);
  const findKinds: Record<string, () => string> = {
    name: () => `${pick(WORDS)}科技${num()}`,
    pinyin: () => pick(PINYIN),
    initials: () => pick(INITIALS),
    'typo-latin': () => `${pick(TYPO_LATIN)}${num()}`,
    'typo-han': () => pick(TYPO_HAN),
  };
  const kinds = Object.keys(findKinds);
  const logLine = (): [string, string] => {
    const i = Math.floor(rand() * CUSTOMERS);
    return [`owner${i % OWNERS}`, `客户 记录 ${codes[i]} 电话沟通续约价格，客户希望下周再谈 --方式 电话 --下次 下周二`];
  };
  // a service answers commands for days: its code is compiled and its heap settled, which the
  // first calls of a fresh process are not. Each command runs WARMUP times before it is
  // measured; the slowest of those (the first call, mostly) is reported, not hidden.
  const warm: string[] = [];
  const warmUp = async (label: string, lines: () => [string, string]) => {
    let slowest = 0;
    for (let i = 0; i < WARMUP; i++) {
      const [user, line] = lines();
      const s = performance.now();
      renderText(await engine.handleText({ platform: 'console', tenantId: TENANT, userId: user }, line));
      slowest = Math.max(slowest, performance.now() - s);
    }
    warm.push(`${label} ${slowest.toFixed(1)} ms`);
  };
  await warmUp('log', logLine);
  for (const kind of kinds) await warmUp(`find ${kind}`, () => [owner(), `客户 搜索 ${findKinds[kind]!()}`]);
  await warmUp('due', () => [owner(), '客户 待跟进']);
  await warmUp('stats', () => ['owner0', '客户 统计']);
  const results = [
    await measure('log', logLine),
    await measure('find', () => [owner(), `客户 搜索 ${findKinds[pick(kinds)]!()}`]),
    ...await kinds.reduce<Promise<Awaited<ReturnType<typeof measure>>[]>>(async (acc, kind) => [
      ...await acc, await measure(`  ${kind}`, () => [owner(), `客户 搜索 ${findKinds[kind]!()}`], Math.ceil(OPS / 2)),
    ], Promise.resolve([])),
    await measure('due', () => [owner(), '客户 待跟进']),
    await measure('stats', () => ['owner0', '客户 统计']),
  ];
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const maxRss = process.resourceUsage().maxRSS * 1024;

  console.log(`# command path (parse → use-case → store → render), ${opened.label}`);
  console.log(`machine: ${machine()}`);
  console.log(`inputs: ${CUSTOMERS} customers in one tenant, ${OWNERS} owners, ${OPS} sequential operations per command (${Math.ceil(OPS / 2)} per find kind); seeded in ${(seedMs / 1000).toFixed(1)} s`);
  console.log(`warm-up: ${WARMUP} unmeasured calls of each command and find kind first (BENCH_WARMUP); slowest warm-up call: ${warm.join(', ')}`);
  const targets: Record<string, number> = MONGODB_URI ? {} : { log: 5, find: 5 };
  for (const r of results) {
    const target = targets[r.label];
    const verdict = target === undefined ? '' : r.p99 < target ? `  (target p99 < ${target} ms: met)` : `  (target p99 < ${target} ms: MISSED)`;
    console.log(`${r.label.padEnd(12)} ${String(r.opsPerSec).padStart(7)} ops/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  max ${r.max.toFixed(2)} ms${verdict}${r.examined}`);
  }
  if (profilerRefused) console.log(`documents examined not reported: ${profilerRefused}`);
  const rssMb = Math.max(peakRss, maxRss) / 2 ** 20;
  console.log(`peak RSS ${rssMb.toFixed(0)} MB${MONGODB_URI ? '' : ` (target < 500 MB: ${rssMb < 500 ? 'met' : 'MISSED'})`}`);
  await opened.close();
}

main().catch((e) => { console.error(e); process.exit(1); });
