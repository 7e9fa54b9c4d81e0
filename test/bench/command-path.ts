// Benchmark of the command path (parse → use-case → store → render) on the
// memory engine with 100,000 customers of one tenant: log, find and stats.
// Targets (foundation issue): find p99 < 20 ms, log p99 < 5 ms, RSS < 500 MB.
// Run: npx tsx test/bench/command-path.ts [customers] [ops]
import pino from 'pino';
import { renderText } from '../../adapters/console/render.js';
import { ManualClock } from '../../src/clock.js';
import { nameIndexKeys } from '../../src/commands/duplicates.js';
import { createEngine } from '../../src/commands/engine.js';
import { formatCode } from '../../src/domain/codes.js';
import { TIERS } from '../../src/domain/types.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import { machine, quantile } from '../helpers/bench.js';

const CUSTOMERS = Number(process.argv[2] ?? 100_000);
const OPS = Number(process.argv[3] ?? 1_000);
const TENANT = 'bench';
const OWNERS = 200;

let peakRss = 0;
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 20);


// deterministic pseudo-random numbers, so two runs measure the same work
let seed = 42;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const CITIES = ['杭州', '上海', '北京', '深圳', '成都', '苏州', 'Wuhan', 'Nanjing'];
const WORDS = ['云栈', '星河', '蓝海', '新创', 'Acme', 'Globex', 'Initech', '华信', '远景', '博达'];

async function main() {
  const store = createMemoryStore();
  await store.init();
  const clock = new ManualClock('2026-11-26T02:00:00Z');
  const engine = createEngine({ store, clock, logger: pino({ level: 'silent' }), adminUsers: ['owner0'], defaultTimeZone: 'Asia/Shanghai', defaultLang: 'zh' });

  const t0 = performance.now();
  const codes: string[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const name = `${CITIES[i % CITIES.length]}${WORDS[Math.floor(rand() * WORDS.length)]}科技${i}有限公司`;
    const code = formatCode('20261101', i + 1);
    const created = new Date(Date.UTC(2026, 10, 1) - Math.floor(rand() * 200) * 86_400_000);
    await store.customers.insert({
      tenantId: TENANT, code, name, ...nameIndexKeys(name), industry: ['internet', 'retail', 'finance'][i % 3],
      contacts: [{ name: `联系人${i}`, phone: `138${String(i).padStart(8, '0')}` }], tier: TIERS[i % 4]!, valueLevel: 'low', frequency: 'low',
      status: 'active', needs: [], ownerId: `owner${i % OWNERS}`, createdAt: created, createdBy: 'seed', updatedAt: created,
      nextFollowUpAt: new Date(created.getTime() + 7 * 86_400_000), dealCount: 0, dealAmount365: 0, archived: false,
    });
    codes.push(code);
  }
  const seedMs = performance.now() - t0;

  async function measure(label: string, lines: () => [string, string]) {
    const times: number[] = [];
    const start = performance.now();
    for (let i = 0; i < OPS; i++) {
      const [user, line] = lines();
      const s = performance.now();
      const reply = await engine.handleText({ platform: 'console', tenantId: TENANT, userId: user }, line);
      renderText(reply);
      times.push(performance.now() - s);
      if (i === 0 && reply.blocks[0]?.type === 'text' && reply.blocks[0].tone === 'error') throw new Error(`${label} failed: ${reply.summary}`);
    }
    const total = performance.now() - start;
    times.sort((a, b) => a - b);
    return { label, ops: OPS, opsPerSec: Math.round(OPS / (total / 1000)), p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: times.at(-1)! };
  }

  const results = [
    await measure('log', () => {
      const i = Math.floor(rand() * CUSTOMERS);
      return [`owner${i % OWNERS}`, `客户 记录 ${codes[i]} 电话沟通续约价格，客户希望下周再谈 --方式 电话 --下次 下周二`];
    }),
    await measure('find', () => [`owner${Math.floor(rand() * OWNERS)}`, `客户 搜索 ${WORDS[Math.floor(rand() * WORDS.length)]}科技${Math.floor(rand() * 1000)}`]),
    await measure('stats', () => ['owner0', '客户 统计']),
  ];
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const maxRss = process.resourceUsage().maxRSS * 1024;

  console.log('# command path (parse → use-case → store → render), memory engine');
  console.log(`machine: ${machine()}`);
  console.log(`inputs: ${CUSTOMERS} customers in one tenant, ${OWNERS} owners, ${OPS} sequential operations per command; seeded in ${(seedMs / 1000).toFixed(1)} s`);
  const targets: Record<string, number> = { log: 5, find: 20 };
  for (const r of results) {
    const target = targets[r.label];
    const verdict = target === undefined ? '' : r.p99 < target ? `  (target p99 < ${target} ms: met)` : `  (target p99 < ${target} ms: MISSED)`;
    console.log(`${r.label.padEnd(6)} ${String(r.opsPerSec).padStart(7)} ops/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  max ${r.max.toFixed(2)} ms${verdict}`);
  }
  const rssMb = Math.max(peakRss, maxRss) / 2 ** 20;
  console.log(`peak RSS ${rssMb.toFixed(0)} MB (target < 500 MB: ${rssMb < 500 ? 'met' : 'MISSED'})`);
}

main().catch((e) => { console.error(e); process.exit(1); });
