// Benchmark: importing the classification table on the memory engine (issues
// 7 and 11), as CSV and as an .xlsx workbook. For each format, in its own
// process (so the peak RSS is that format's): a dry run on an empty book, the
// import, and a re-import (every row matched, nothing written); rows per
// second and peak RSS, which must stay under 1 GiB.
// Run: npx tsx test/bench/import-50k.ts [rows]   (one format: [rows] csv|xlsx <file>)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ManualClock } from '../../src/clock.js';
import { importCustomers, type ImportReport } from '../../src/csv/import.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import { generateTable } from '../fixtures/generate-table.js';

const ROWS = Number(process.argv[2] ?? 50_000);
const FORMAT = process.argv[3] as 'csv' | 'xlsx' | undefined;
const TENANT = 'bench';
const OWNERS = Array.from({ length: 50 }, (_, i) => `销售${i}`);
const RSS_LIMIT = 2 ** 30;

/** the same table as a workbook: a title row, dates as date cells, the rest as Excel keeps text */
async function writeXlsx(csv: string, file: string): Promise<void> {
  const [header, ...rows] = parse(csv.replace(/^\uFEFF/u, ''), { relax_column_count: true }) as string[][];
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('客户信息');
  ws.addRow(['客户信息分类管理表']).commit();
  ws.addRow(header).commit();
  for (const r of rows) {
    const [y, m, d] = (r[9] ?? '').split('/').map(Number);
    const row = ws.addRow(r.map((v, i) => (i === 9 && y ? new Date(Date.UTC(y, m! - 1, d)) : v || null)));
    if (y) row.getCell(10).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

async function parent(): Promise<void> {
  console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ${os.platform()} ${os.arch()}`);
  const dir = mkdtempSync(join(os.tmpdir(), 'crm-bench-import-'));
  try {
    const csv = generateTable(ROWS, OWNERS);
    const files = { csv: join(dir, 'table.csv'), xlsx: join(dir, 'table.xlsx') };
    writeFileSync(files.csv, csv, 'utf8');
    await writeXlsx(csv, files.xlsx);
    let failed = false;
    for (const format of ['csv', 'xlsx'] as const) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), String(ROWS), format, files[format]], { stdio: 'inherit' });
      failed ||= run.status !== 0;
    }
    if (failed) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function child(format: 'csv' | 'xlsx', file: string): Promise<void> {
  let peakRss = process.memoryUsage().rss;
  const sample = (): void => { peakRss = Math.max(peakRss, process.memoryUsage().rss); };
  const sampler = setInterval(sample, 20);
  const store = createMemoryStore();
  await store.init();
  const clock = new ManualClock('2026-11-26T02:00:00Z');
  for (const name of ['admin', ...OWNERS]) {
    await store.people.upsert({ tenantId: TENANT, id: name === 'admin' ? 'admin' : `U_${name}`, name, role: name === 'admin' ? 'admin' : 'member' }, clock.now());
  }
  const bytes = readFileSync(file);
  const what = format === 'csv' ? 'UTF-8 CSV with BOM' : '.xlsx (title row, date cells, shared strings)';
  console.log(`\n[${format}] inputs: ${ROWS} rows, ${(bytes.length / 2 ** 20).toFixed(1)} MiB ${what}, 15 columns, ${OWNERS.length} owners, engine memory`);
  const run = async (label: string, dryRun: boolean): Promise<ImportReport> => {
    const start = performance.now();
    const report = await importCustomers({ store, clock }, { tenantId: TENANT, actorId: 'admin', bytes, fileName: `table.${format}`, dryRun, strict: false, timeZone: 'Asia/Shanghai' });
    const ms = performance.now() - start;
    sample();
    console.log(`[${format}] ${label.padEnd(22)} ${ms.toFixed(0).padStart(7)} ms  ${(ROWS / (ms / 1000)).toFixed(0).padStart(7)} rows/s  created ${report.created} updated ${report.updated} unchanged ${report.unchanged} errors ${report.errors.length}  rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
    return report;
  };
  await run('dry run (empty book)', true);
  await run('import', false);
  await run('re-import (no change)', false);
  clearInterval(sampler);
  console.log(`[${format}] peak RSS: ${(peakRss / 2 ** 20).toFixed(0)} MiB (limit ${RSS_LIMIT / 2 ** 20} MiB)`);
  if (peakRss >= RSS_LIMIT) {
    console.error(`[${format}] peak RSS over the limit`);
    process.exitCode = 1;
  }
}

(FORMAT ? child(FORMAT, process.argv[4] ?? '') : parent()).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
