// Benchmark: encrypted, signed im.message.receive_v1 events against our
// /feishu/events and, in the same run, against the SDK's bare EventDispatcher
// (adaptDefault) whose handler does nothing. Two workloads for ours: group
// chatter that does not mention the bot (the endpoint's own cost: verify,
// decrypt, claim the event id, parse, ignore: the like of the empty handler),
// and "customer find …" commands (the same plus the engine and the reply,
// which run after the ack but share the CPU).
// Throughput: a fixed number in flight (closed loop). Ack latency: open loop at
// a fixed arrival rate (closed-loop latency would only measure the queue).
// Run: npx tsx test/bench/feishu-webhook.ts [--inflight 100] [--total 2000] [--rate 150] [--seconds 4] [--customers 1000]
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import * as lark from '@larksuiteoapi/node-sdk';
import { startTestApp } from '../helpers/app.js';
import { BENCH_WORDS, loadArgs, machine, openLoop, seedBenchCustomers } from '../helpers/bench.js';
import { feishuRequest, messageEvent, startFakeFeishu, type FakeFeishu, type WebhookRequest } from '../helpers/fake-feishu.js';

const APP_ID = 'cli_0123456789abcdef';
const TOKEN = 'bench-verification-token';
const KEY = 'bench-encrypt-key';
const TENANT = 'bench_tenant';
const { inflight: INFLIGHT, total: TOTAL, rate: RATE, seconds: SECONDS, customers: CUSTOMERS } = loadArgs({ inflight: 100 });


async function bareSdk(): Promise<{ url: string; server: Server }> {
  const quiet = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };
  const dispatcher = new lark.EventDispatcher({ encryptKey: KEY, verificationToken: TOKEN, logger: quiet }).register({
    'im.message.receive_v1': async () => {},
  });
  const handler = lark.adaptDefault('/feishu/events', dispatcher, { autoChallenge: true });
  const server = createServer((req, res) => {
    handler(req, res).catch(() => res.end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feishu/events`, server };
}

let seq = 0;
type Workload = 'chatter' | 'command';

/** built before the clock starts: encryption and signing are Feishu's work, not ours */
function requests(n: number, workload: Workload): WebhookRequest[] {
  return Array.from({ length: n }, () => {
    seq++;
    const event = workload === 'command'
      ? { text: `customer find ${BENCH_WORDS[seq % 10]}` }
      : { text: `lunch at ${seq % 12}?`, chatType: 'group' as const, chatId: 'oc_team' };
    return feishuRequest(messageEvent({
      tenantKey: TENANT, token: TOKEN, openId: 'ou_bench', messageId: `om_b${seq}`, ...event,
    }), { encryptKey: KEY });
  });
}

const post = (url: string, r: WebhookRequest) => fetch(url, { method: 'POST', headers: r.headers, body: r.body });

async function throughput(url: string, fake: FakeFeishu, workload: Workload, waitForAnswers: boolean) {
  const reqs = requests(TOTAL, workload);
  const repliedBefore = fake.messages.length;
  let next = 0;
  let failures = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: INFLIGHT }, async () => {
    while (next < reqs.length) {
      const res = await post(url, reqs[next++]!);
      await res.arrayBuffer();
      if (res.status !== 200) failures++;
    }
  }));
  const ackedMs = performance.now() - start;
  let answeredMs = NaN;
  if (waitForAnswers) {
    const until = Date.now() + 120_000;
    while (fake.messages.length - repliedBefore < TOTAL && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    answeredMs = performance.now() - start;
  }
  return { ackPerS: TOTAL / (ackedMs / 1000), answeredPerS: TOTAL / (answeredMs / 1000), failures };
}

async function latency(url: string, workload: Workload) {
  const n = RATE * SECONDS;
  const reqs = requests(n, workload);
  return openLoop(n, RATE, (i) => post(url, reqs[i]!));
}

async function main() {
  const fake = await startFakeFeishu();
  fake.users.set('ou_bench', { name: 'Bench', time_zone: 'Asia/Shanghai' });
  const ours = await startTestApp({
    FEISHU_APP_ID: APP_ID, FEISHU_APP_SECRET: 'bench-secret', FEISHU_VERIFICATION_TOKEN: TOKEN, FEISHU_ENCRYPT_KEY: KEY,
    FEISHU_MODE: 'webhook', FEISHU_DOMAIN: fake.url, LOG_LEVEL: 'silent',
  });
  const bare = await bareSdk();
  const caller = { platform: 'feishu' as const, tenantId: TENANT, userId: 'ou_bench', name: 'Bench', timeZone: 'Asia/Shanghai', lang: 'en' as const };
  await seedBenchCustomers(ours.app.engine, caller, CUSTOMERS);
  const oursUrl = `${ours.baseUrl}/feishu/events`;

  console.log(`machine: ${machine()}`);
  console.log(`inputs: ${CUSTOMERS} customers (memory store), encrypted+signed "customer find <word>" events matching ~${CUSTOMERS / 10} each;`
    + ` throughput ${TOTAL} events with ${INFLIGHT} in flight; latency open loop ${RATE}/s for ${SECONDS}s;`
    + ' load generator, fake Feishu and both servers share this process');
  console.log('bare: SDK adaptDefault + EventDispatcher (signature check, decrypt), empty handler');
  console.log('ours: verify signature + timestamp + token, decrypt, claim event_id in the store, dispatch, ack;'
    + ' chatter is then ignored, a command runs (after the ack) and replies through the fake open API');

  // warm up both paths (JIT, token, user look-up)
  await throughput(oursUrl, fake, 'command', true);
  await throughput(bare.url, fake, 'chatter', false);

  const bareT = await throughput(bare.url, fake, 'chatter', false);
  const chatterT = await throughput(oursUrl, fake, 'chatter', false);
  const commandT = await throughput(oursUrl, fake, 'command', true);
  const bareL = await latency(bare.url, 'chatter');
  const chatterL = await latency(oursUrl, 'chatter');
  const commandL = await latency(oursUrl, 'command');

  const f = (x: number) => x.toFixed(1);
  console.log(`throughput (acks/s): bare SDK ${f(bareT.ackPerS)}`
    + ` | ours, chatter ${f(chatterT.ackPerS)} ratio ${(chatterT.ackPerS / bareT.ackPerS).toFixed(2)} (goal ≥ 0.8)`
    + ` | ours, commands ${f(commandT.ackPerS)} ratio ${(commandT.ackPerS / bareT.ackPerS).toFixed(2)} (engine + reply included)`);
  console.log(`ours end to end (reply sent): ${f(commandT.answeredPerS)} commands/s; failures bare ${bareT.failures} chatter ${chatterT.failures} commands ${commandT.failures}`);
  const l = (x: { p50: number; p99: number; max: number }) => `p50 ${f(x.p50)} p99 ${f(x.p99)} max ${f(x.max)}`;
  console.log(`ack latency ms, open loop ${RATE}/s: bare ${l(bareL)} | ours chatter ${l(chatterL)} | ours commands ${l(commandL)}`);

  await new Promise<void>((r) => bare.server.close(() => r()));
  await ours.stop();
  await fake.close();
}

await main();
