// The console's side of import/export: it reads and writes files on this
// machine, the engine does the rest. "import <path>" checks the file (dry
// run); choosing the "Import N rows" button reads it again and imports.
// "export <path>" writes the table there: .xlsx for a path ending so, else CSV.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { fileCommandOf } from '../../src/commands/file-command.js';
import type { Caller, Engine } from '../../src/commands/types.js';
import type { Lang } from '../../src/domain/types.js';
import { t } from '../../src/i18n/index.js';
import type { ActionRef, Reply } from '../../src/views/model.js';
import { textReply } from '../../src/views/reply.js';
import { langArg, MAX_IMPORT_BYTES, tooBigParams } from '../shared/import-file.js';

const note = (lang: Lang, text: string): Reply => textReply(lang, text, 'error');

async function readCsv(path: string, lang: Lang): Promise<Buffer | Reply> {
  try {
    const info = await stat(path);
    if (info.size > MAX_IMPORT_BYTES) {
      return note(lang, t(lang, 'transfer.tooBig', tooBigParams(basename(path), info.size)));
    }
    return await readFile(path);
  } catch (e) {
    return note(lang, t(lang, 'import.cli.noFile', { file: path, detail: (e as NodeJS.ErrnoException).code ?? String(e) }));
  }
}

/** the answer to a line that moves a file, or undefined: the engine answers it as usual */
export async function fileLine(engine: Engine, caller: Caller, text: string): Promise<Reply | undefined> {
  const command = fileCommandOf(text);
  if (!command?.target) return undefined;
  const path = resolve(command.target);
  if (command.verb === 'import') {
    const bytes = await readCsv(path, command.lang);
    if (!Buffer.isBuffer(bytes)) return bytes;
    return engine.importCsv(caller, { name: basename(path), bytes, ref: path }, { dryRun: true, strict: command.strict, lang: command.lang });
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
  const bytes = await readCsv(path, lang);
  if (!Buffer.isBuffer(bytes)) return bytes;
  return engine.importCsv(caller, { name: basename(path), bytes }, { dryRun: false, strict: action.args.strict === '1', lang });
}
