// npm run export -- --tenant <id> [--out file.csv|file.xlsx] [--format csv|xlsx] [--lang zh|en] [--as <person id>]
// The book in the classification table's layout: CSV for Excel (UTF-8 with
// BOM) or an .xlsx workbook (--format, or an --out ending in .xlsx), to a file
// or to stdout. An export made --as someone is audited as theirs.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { exportCustomersCounted } from '../csv/export.js';
import { exportCustomersXlsx } from '../csv/export-xlsx.js';
import { LANGS, type Lang } from '../domain/types.js';
import { t } from '../i18n/index.js';
import { exitWith, openCliStoreOrSay } from './run.js';

export async function runExportCli(argv: string[]): Promise<number> {
  const config = loadConfig();
  const say = (text: string): void => void process.stderr.write(`${text}\n`);
  let values: { tenant?: string; out?: string; lang?: string; as?: string; format?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { tenant: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' }, as: { type: 'string' }, format: { type: 'string' } },
    }));
  } catch {
    say(t(config.defaultLang, 'export.cli.usage'));
    return 2;
  }
  const asked = values.lang ?? config.defaultLang;
  const lang: Lang = (LANGS as readonly string[]).includes(asked) ? (asked as Lang) : config.defaultLang;
  const format = values.format ?? (values.out && /\.xlsx$/iu.test(values.out) ? 'xlsx' : 'csv');
  if (!values.tenant || asked !== lang || (format !== 'csv' && format !== 'xlsx')) {
    say(t(lang, 'export.cli.usage'));
    return 2;
  }
  const opened = await openCliStoreOrSay(config, lang, say);
  if (!opened) return 2;
  try {
    if (!opened.durable) {
      say(t(lang, 'export.cli.notDurable', { note: opened.engine }));
      return 2;
    }
    const deps = { store: opened.store, clock: systemClock };
    const input = { tenantId: values.tenant, lang, actorId: values.as ?? 'cli' };
    const { content, count } = format === 'xlsx'
      ? await exportCustomersXlsx(deps, input).then((r) => ({ content: r.xlsx, count: r.count }))
      : await exportCustomersCounted(deps, input).then((r) => ({ content: r.csv, count: r.count }));
    if (values.out) {
      await writeFile(values.out, content);
      say(t(lang, 'export.cli.done', { count, file: values.out }));
    } else {
      process.stdout.write(content);
    }
    return 0;
  } finally {
    await opened.stop();
  }
}

exitWith(runExportCli(process.argv.slice(2)));
