// The console's side of import/export: it reads and writes files on this
// machine, the engine does the rest. "import <path>" checks the file (dry
// run); choosing the "Import N rows" button reads it again and imports.
// "export <path>" writes the table there: .xlsx for a path ending so, else CSV.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { fileCommandOf } from '../../src/commands/file-command.js';
import type { Caller, Engine, ImportSource } from '../../src/commands/types.js';
import type { Lang } from '../../src/domain/types.js';
import { UserError } from '../../src/errors.js';
import { t } from '../../src/i18n/index.js';
import type { ActionRef, Reply } from '../../src/views/model.js';
import { textReply } from '../../src/views/reply.js';
import { langArg, MAX_IMPORT_BYTES, tooBigParams } from '../shared/import-file.js';

const note = (lang: Lang, text: string): Reply => textReply(lang, text, 'error');

/** the file at path, read only when the engine asks (after its role check) */
function csvAt(path: string): ImportSource {
  return {
    ref: path,
    async fetch() {
      let bytes: Buffer;
      try {
        const info = await stat(path);
        if (info.size > MAX_IMPORT_BYTES) throw new UserError('transfer.tooBig', tooBigParams(basename(path), info.size));
        bytes = await readFile(path);
      } catch (e) {
        if (e instanceof UserError) throw e;
        throw new UserError('import.cli.noFile', { file: path, detail: (e as NodeJS.ErrnoException).code ?? String(e) });
      }
      return { name: basename(path), bytes };
    },
  };
}

/** the answer to a line that moves a file, or undefined: the engine answers it as usual */
export async function fileLine(engine: Engine, caller: Caller, text: string): Promise<Reply | undefined> {
  const command = fileCommandOf(text);
  if (!command?.target) return undefined;
  const path = resolve(command.target);
  if (command.verb === 'import') {
    return engine.importCsv(caller, csvAt(path), { dryRun: true, strict: command.strict, lang: command.lang });
  }
  // the path says which: report.xlsx is a workbook, anything else CSV (unless a word said xlsx)
  const { reply, file } = await engine.exportCsv(caller, { lang: command.headers ?? command.lang, format: command.format ?? 'csv' });
  if (!file) return reply;
  try {
    await writeFile(path, file.content);
  } catch (e) {
    return note(reply.lang, t(reply.lang, 'transfer.cannotWrite', { file: path, detail: (e as NodeJS.ErrnoException).code ?? String(e) }));
  }
  const written = t(reply.lang, 'transfer.written', { file: path });
  return { ...reply, blocks: [...reply.blocks, { type: 'text', text: written }] };
}

/** the "Import N rows" button: the file is read again from its path, now for real */
export async function fileAction(engine: Engine, caller: Caller, action: ActionRef): Promise<Reply | undefined> {
  if (action.id !== 'run-import') return undefined;
  const lang: Lang = langArg(action.args) ?? caller.lang ?? 'zh';
  const path = action.args.ref ?? '';
  return engine.importCsv(caller, csvAt(path), { dryRun: false, strict: action.args.strict === '1', lang });
}
