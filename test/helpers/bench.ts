// Small pieces every benchmark in test/bench/ shares: arguments, quantiles,
// the machine line, and the customer names the platform benches seed.
import { cpus, totalmem } from 'node:os';
import type { Caller, Engine } from '../../src/commands/types.js';

/** `--name value` from the command line, else the fallback */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** the load the platform benches share: closed-loop throughput, open-loop latency, the seeded book */
export interface Load {
  inflight: number;
  total: number;
  rate: number;
  seconds: number;
  customers: number;
}

/** `--inflight --total --rate --seconds --customers`, each with its default */
export function loadArgs(defaults: { inflight: number; rate?: number }): Load {
  return {
    inflight: arg('inflight', defaults.inflight),
    total: arg('total', 2000),
    rate: arg('rate', defaults.rate ?? 150),
    seconds: arg('seconds', 4),
    customers: arg('customers', 1000),
  };
}

/** q in 0..1 of an ascending array */
export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** the process's peak RSS so far in bytes (the kernel's high-water mark: a timer sampler would starve while a job keeps the CPU) */
export const peakRss = (): number => process.resourceUsage().maxRSS * 1024;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export function machine(): string {
  return `${cpus()[0]?.model ?? '?'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
}

export const BENCH_WORDS = ['Cloud', 'Harbour', 'Garden', 'Steel', 'River', 'Peak', 'Silk', 'Jade', 'North', 'Bright'];
export const benchCustomerName = (i: number) => `${BENCH_WORDS[i % 10]} ${BENCH_WORDS[Math.floor(i / 10) % 10]} Trading ${i}`;

/** n customers named from BENCH_WORDS, so "find <word>" matches about a tenth of them */
export async function seedBenchCustomers(engine: Engine, caller: Caller, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await engine.handleText(caller, `new "${benchCustomerName(i)}" --industry retail`);
}

/**
 * Open loop: request i leaves at start + i/rate seconds whatever the answers
 * (closed-loop latency would only measure the queue); the latency of each.
 */
export async function openLoop(count: number, rate: number, send: (i: number) => Promise<Response>): Promise<{ p50: number; p99: number; max: number }> {
  const latencies: number[] = [];
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sentAt = performance.now();
    pending.push(send(i).then(async (res) => {
      await res.arrayBuffer();
      latencies.push(performance.now() - sentAt);
    }));
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies.at(-1) ?? NaN };
}
