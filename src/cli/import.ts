// npm run import -- <file.xlsx|file.csv|file.txt> --tenant <id> [--as <admin id>] [--dry-run] [--strict] [--lang zh|en]
// The operator's way in for a whole spreadsheet: the same importCustomers the
// console and chat use, against the configured store. Exit code: 0 all rows
// good, 1 some rows bad (or a strict run refused), 2 the command itself failed.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.js';
import { loadConfig, type Config } from '../config.js';
import { importCustomers, renderImportReport } from '../csv/import.js';
import { LANGS, type Lang } from '../domain/types.js';
import { isUserError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Store } from '../store/ports.js';
import { exitWith, openCliStoreOrSay } from './run.js';

/** the admin the import is made as: --as, else the tenant's first admin, else the configured bootstrap admin */
async function resolveActor(store: Store, config: Config, tenant: string, as: string | undefined): Promise<{ id: string } | { error: 'import.cli.noActor' | 'import.cli.notAdmin' }> {
  if (as) {
    const person = await store.people.get(tenant, as);
    if (person ? person.role === 'admin' : config.adminUsers.includes(as)) return { id: as };
    return { error: 'import.cli.notAdmin' };
  }
  const admin = (await store.people.list(tenant)).find((p) => p.role === 'admin');
  const id = admin?.id ?? config.adminUsers[0];
  return id ? { id } : { error: 'import.cli.noActor' };
}

export async function runImportCli(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const config = loadConfig();
  let lang: Lang = config.defaultLang;
  const say = (text: string): void => void out.write(`${text}\n`);
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
    if (args.values.lang && (LANGS as readonly string[]).includes(args.values.lang)) lang = args.values.lang as Lang;
  } catch {
    say(t(lang, 'import.cli.usage'));
    return 2;
  }
  const [file] = args.positionals;
  const tenant = args.values.tenant;
  if (!file || !tenant || args.positionals.length > 1) {
    say(t(lang, 'import.cli.usage'));
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    say(t(lang, 'import.cli.noFile', { file, detail: e instanceof Error ? e.message : String(e) }));
    return 2;
  }

  const dryRun = args.values['dry-run'] ?? false;
  const opened = await openCliStoreOrSay(config, lang, say);
  if (!opened) return 2;
  try {
    if (!opened.durable && !dryRun) {
      say(t(lang, 'import.cli.notDurable', { note: opened.engine }));
      return 2;
    }
    let actor = await resolveActor(opened.store, config, tenant, args.values.as);
    // a dry run only checks the file: any name will do for "the customer goes to …"
    if ('error' in actor && dryRun && !args.values.as) actor = { id: 'cli' };
    if ('error' in actor) {
      say(t(lang, actor.error, { tenant, actor: args.values.as ?? '' }));
      return 2;
    }
    const { timeZone } = await opened.store.settings.get(tenant);
    const report = await importCustomers({ store: opened.store, clock: systemClock }, {
      tenantId: tenant, actorId: actor.id, bytes, fileName: basename(file), dryRun, strict: args.values.strict ?? false, timeZone,
    });
    say(renderImportReport(report, lang));
    return report.errors.length > 0 ? 1 : 0;
  } catch (e) {
    if (!isUserError(e)) throw e;
    say(t(lang, e.key, e.params));
    return 2;
  } finally {
    await opened.stop();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      as: { type: 'string' },
      lang: { type: 'string' },
      'dry-run': { type: 'boolean' },
      strict: { type: 'boolean' },
    },
  });
}

exitWith(runImportCli(process.argv.slice(2)));
