// Benchmark: importing the classification table on the memory engine (issue 7).
// A fresh import of N rows, a dry run of the same file, and a re-import
// (every row matched, nothing written): rows per second and peak RSS.
// Run: npx tsx test/bench/import-50k.ts [rows]
import os from 'node:os';
import { ManualClock } from '../../src/clock.js';
import { importCustomers, type ImportReport } from '../../src/csv/import.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import { generateTable } from '../fixtures/generate-table.js';

const ROWS = Number(process.argv[2] ?? 50_000);
const TENANT = 'bench';
const OWNERS = Array.from({ length: 50 }, (_, i) => `销售${i}`);

let peakRss = process.memoryUsage().rss;
const sample = (): void => { peakRss = Math.max(peakRss, process.memoryUsage().rss); };
const sampler = setInterval(sample, 20);

async function main(): Promise<void> {
  console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${os.platform()} ${os.arch()}`);
  const store = createMemoryStore();
  await store.init();
  const clock = new ManualClock('2026-11-26T02:00:00Z');
  for (const name of ['admin', ...OWNERS]) {
    await store.people.upsert({ tenantId: TENANT, id: name === 'admin' ? 'admin' : `U_${name}`, name, role: name === 'admin' ? 'admin' : 'member' }, clock.now());
  }
  const table = Buffer.from(generateTable(ROWS, OWNERS), 'utf8');
  console.log(`inputs: ${ROWS} rows, ${(table.length / 2 ** 20).toFixed(1)} MiB UTF-8 CSV with BOM, 15 columns, ${OWNERS.length} owners, engine memory`);

  const run = async (label: string, dryRun: boolean): Promise<ImportReport> => {
    const start = performance.now();
    const report = await importCustomers({ store, clock }, { tenantId: TENANT, actorId: 'admin', bytes: table, dryRun, strict: false, timeZone: 'Asia/Shanghai' });
    const ms = performance.now() - start;
    sample();
    console.log(`${label.padEnd(22)} ${ms.toFixed(0).padStart(7)} ms  ${(ROWS / (ms / 1000)).toFixed(0).padStart(7)} rows/s  created ${report.created} updated ${report.updated} unchanged ${report.unchanged} errors ${report.errors.length}  rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
    return report;
  };
  await run('dry run (empty book)', true);
  await run('import', false);
  await run('re-import (no change)', false);
  clearInterval(sampler);
  console.log(`peak RSS: ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
