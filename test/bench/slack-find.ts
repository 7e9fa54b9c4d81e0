// Benchmark: signed `/customer find …` slash commands against our /slack/events
// and, in the same run, against a bare Bolt app whose handler only acks.
// Throughput: a fixed number in flight (closed loop). Ack latency: open loop at
// a fixed arrival rate (closed-loop latency would only measure the queue).
// Goals (issue 12): ours ≥ 0.8× bare Bolt's acks/s at 200 in flight, and ack
// p99 < 100 ms at an open-loop 200 req/s. Both apps authorize with one static
// bot token (no Web API call per request); ours also runs its gate (signature,
// shape, the replay claim in the store) on every request.
// Run: npx tsx test/bench/slack-find.ts [--inflight 200] [--total 2000] [--rate 200] [--seconds 4] [--customers 1000]
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { startTestApp } from '../helpers/app.js';
import { BENCH_WORDS, loadArgs, machine, openLoop, seedBenchCustomers } from '../helpers/bench.js';
import { postSigned, slashCommandBody, startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';

const SECRET = 'bench-signing-secret';
const { inflight: INFLIGHT, total: TOTAL, seconds: SECONDS, customers: CUSTOMERS, rate: RATE } = loadArgs({ inflight: 200, rate: 200 });


async function bareBolt(fake: FakeSlack): Promise<{ url: string; server: Server }> {
  const receiver = new HTTPReceiver({ signingSecret: SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  const app = new App({ token: 'xoxb-bench', receiver, logLevel: LogLevel.ERROR, deferInitialization: true, clientOptions: { slackApiUrl: fake.apiUrl } });
  await app.init();
  app.command('/customer', async ({ ack }) => {
    await ack();
  });
  const server = createServer((req, res) => {
    try {
      receiver.requestListener(req, res);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, server };
}

let seq = 0;
function body(fake: FakeSlack): { text: string; id: string } {
  const id = `b${++seq}`;
  const query = BENCH_WORDS[seq % 10]!;
  return { id, text: slashCommandBody({ text: `find ${query}`, responseUrl: fake.responseUrl(id) }) };
}

/** closed loop: INFLIGHT requests always outstanding until TOTAL were answered */
async function throughput(url: string, fake: FakeSlack, waitForAnswers: boolean) {
  const bodies = Array.from({ length: TOTAL }, () => body(fake));
  const answeredBefore = fake.callsOf('response_url').length;
  let next = 0;
  let failures = 0;
  let inAck = 0;
  let slowest = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: INFLIGHT }, async () => {
    while (next < bodies.length) {
      const b = bodies[next++]!;
      const t0 = performance.now();
      const res = await postSigned(url, SECRET, b.text, { timeoutMs: 60_000 });
      slowest = Math.max(slowest, performance.now() - t0);
      if ((await res.text()).includes('"blocks"')) inAck++;
      if (res.status !== 200) failures++;
    }
  }));
  const ackedMs = performance.now() - start;
  if (slowest > 3000) console.log(`  note: slowest ack ${slowest.toFixed(0)} ms (Slack would have given up after 3 s)`);
  let answeredMs = NaN;
  if (waitForAnswers && fake.callsOf('response_url').length - answeredBefore > 0) {
    await fake.waitFor('response_url', () => fake.callsOf('response_url').length - answeredBefore >= TOTAL, 120_000);
    answeredMs = performance.now() - start;
  }
  const viaResponseUrl = fake.callsOf('response_url').length - answeredBefore;
  return { ackPerS: TOTAL / (ackedMs / 1000), answeredPerS: TOTAL / ((Number.isNaN(answeredMs) ? ackedMs : answeredMs) / 1000), failures, inAck, viaResponseUrl };
}

/** open loop: one request every 1/RATE s regardless of answers; ack latency of each */
async function latency(url: string, fake: FakeSlack) {
  const n = RATE * SECONDS;
  const bodies = Array.from({ length: n }, () => body(fake));
  return openLoop(n, RATE, (i) => postSigned(url, SECRET, bodies[i]!.text, { timeoutMs: 60_000 }));
}

async function main() {
  const fake = await startFakeSlack();
  fake.users.set('U0001', { id: 'U0001', name: 'alice', tz: 'Asia/Shanghai', locale: 'en-US' });
  const ours = await startTestApp({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'silent' });
  const bare = await bareBolt(fake);
  const caller = { platform: 'slack' as const, tenantId: 'T0001', userId: 'U0001', name: 'alice', timeZone: 'Asia/Shanghai', lang: 'en' as const };
  await seedBenchCustomers(ours.app.engine, caller, CUSTOMERS);
  const oursUrl = `${ours.baseUrl}/slack/events`;

  console.log(`machine: ${machine()}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`inputs: ${CUSTOMERS} customers (memory store), "find <word>" matching ~${CUSTOMERS / 10} each (the engine pages them);`
    + ` throughput ${TOTAL} requests with ${INFLIGHT} in flight; latency open loop ${RATE}/s for ${SECONDS}s;`
    + ' load generator, fake Slack and both servers share this process');

  // warm up both paths (JIT, caches, users.info)
  await throughput(oursUrl, fake, true);
  await throughput(bare.url, fake, false);

  const tOurs = await throughput(oursUrl, fake, true);
  const tBare = await throughput(bare.url, fake, false);
  const lOurs = await latency(oursUrl, fake);
  const lBare = await latency(bare.url, fake);

  const f = (x: number) => x.toFixed(1);
  console.log(`throughput (acks/s):      ours ${f(tOurs.ackPerS)}  bare Bolt ${f(tBare.ackPerS)}  ratio ${(tOurs.ackPerS / tBare.ackPerS).toFixed(2)} (goal ≥ 0.8)`);
  console.log(`ours end to end: ${f(tOurs.answeredPerS)} answered commands/s (${tOurs.inAck} answered in the ack, ${tOurs.viaResponseUrl} via response_url); failures ours ${tOurs.failures} bare ${tBare.failures}`);
  console.log(`ack latency ms at ${RATE}/s: ours p50 ${f(lOurs.p50)} p99 ${f(lOurs.p99)} max ${f(lOurs.max)} | bare p50 ${f(lBare.p50)} p99 ${f(lBare.p99)} max ${f(lBare.max)} (goal p99 < 100)`);

  await new Promise<void>((r) => bare.server.close(() => r()));
  await ours.stop();
  await fake.close();
}

await main();
