// npm run export -- --tenant <id> [--out file.csv] [--lang zh|en] [--as <person id>]
// The book in the classification table's layout, for Excel (UTF-8 with BOM),
// to a file or to stdout. An export made --as someone is audited as theirs.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { exportCustomersCounted } from '../csv/export.js';
import { LANGS, type Lang } from '../domain/types.js';
import { t } from '../i18n/index.js';
import { exitWith, openCliStoreOrSay } from './run.js';

export async function runExportCli(argv: string[]): Promise<number> {
  const config = loadConfig();
  const say = (text: string): void => void process.stderr.write(`${text}\n`);
  let values: { tenant?: string; out?: string; lang?: string; as?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { tenant: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' }, as: { type: 'string' } },
    }));
  } catch {
    say(t(config.defaultLang, 'export.cli.usage'));
    return 2;
  }
  const asked = values.lang ?? config.defaultLang;
  const lang: Lang = (LANGS as readonly string[]).includes(asked) ? (asked as Lang) : config.defaultLang;
  if (!values.tenant || asked !== lang) {
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
    const { csv, count } = await exportCustomersCounted(
      { store: opened.store, clock: systemClock },
      { tenantId: values.tenant, lang: lang, actorId: values.as ?? 'cli' },
    );
    if (values.out) {
      await writeFile(values.out, csv, 'utf8');
      say(t(lang, 'export.cli.done', { count, file: values.out }));
    } else {
      process.stdout.write(csv);
    }
    return 0;
  } finally {
    await opened.stop();
  }
}

exitWith(runExportCli(process.argv.slice(2)));
