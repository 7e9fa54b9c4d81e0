// Spreadsheet (.csv, .txt, .xlsx) import and export in Feishu (issues 7, 11). A file message to the bot in a
// direct chat is downloaded (im.v1.messageResource.get, type file) and
// checked; the card's "Import N rows" button carries "message id:file key",
// so the click downloads it again and imports. "导出" sends the CSV as a file
// message (im.v1.file.create, then im.v1.message.create msg_type file).
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Caller, Engine, ImportSource } from '../../src/commands/types.js';
import { UserError } from '../../src/errors.js';
import type { Lang } from '../../src/domain/types.js';
import type { ActionRef, Reply } from '../../src/views/model.js';
import { isImportName, langArg, MAX_IMPORT_BYTES } from '../shared/import-file.js';
import { call, errorFromThrown, requestUuid } from './api.js';
import type { ReceivedMessage } from './message-text.js';

/** the file of a file message, or undefined */
export function fileOf(message: ReceivedMessage): { key: string; name: string } | undefined {
  if (message.message_type !== 'file') return undefined;
  try {
    const content = JSON.parse(message.content) as { file_key?: unknown; file_name?: unknown };
    if (typeof content.file_key !== 'string') return undefined;
    return { key: content.file_key, name: typeof content.file_name === 'string' ? content.file_name : 'file.csv' };
  } catch {
    return undefined;
  }
}

async function download(client: lark.Client, messageId: string, fileKey: string): Promise<Buffer> {
  const res = await client.im.v1.messageResource.get({ params: { type: 'file' }, path: { message_id: messageId, file_key: fileKey } });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.getReadableStream()) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > MAX_IMPORT_BYTES) throw new Error('too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** the file behind a ref, fetched only once the engine has checked the caller may import */
function fileAt(client: lark.Client, ref: string, name: string): ImportSource {
  return {
    ref,
    async fetch() {
      // a spreadsheet by name here; what the bytes really are is the importer's to check
      if (!isImportName(name)) throw new UserError('transfer.notCsv', { file: name });
      const [messageId = '', fileKey = ''] = ref.split(':');
      try {
        return { name, bytes: await download(client, messageId, fileKey) };
      } catch (e) {
        throw new UserError('transfer.fileGone', { detail: (e as Error).message.slice(0, 80) });
      }
    },
  };
}

function importFrom(engine: Engine, client: lark.Client, caller: Caller, ref: string, name: string, options: { dryRun: boolean; strict: boolean; lang: Lang }): Promise<Reply> {
  return engine.importCsv(caller, fileAt(client, ref, name), options);
}

/** a file message in a direct chat: the dry run */
export function checkFile(engine: Engine, client: lark.Client, caller: Caller, message: ReceivedMessage, file: { key: string; name: string }, lang: Lang): Promise<Reply> {
  // the name rides in the ref too, so the button's import names the same file
  return importFrom(engine, client, caller, `${message.message_id}:${file.key}:${file.name}`, file.name, { dryRun: true, strict: false, lang });
}

/** the "Import N rows" button */
export function runImportAction(engine: Engine, client: lark.Client, caller: Caller, action: ActionRef, lang: Lang): Promise<Reply> {
  const ref = action.args.ref ?? '';
  const name = ref.split(':').slice(2).join(':') || 'file.csv';
  return importFrom(engine, client, caller, ref, name, { dryRun: false, strict: action.args.strict === '1', lang: langArg(action.args) ?? lang });
}

/** "导出": the CSV as a file message to the person; the reply says so */
export async function exportToChat(engine: Engine, client: lark.Client, caller: Caller, headers: Lang, key: string, format?: 'csv' | 'xlsx'): Promise<Reply> {
  // no format: the engine's default (csv)
  const { reply, file } = await engine.exportCsv(caller, { lang: headers, format });
  if (!file) return reply;
  let uploaded;
  try {
    uploaded = await client.im.v1.file.create({ data: { file_type: 'stream', file_name: file.name, file: typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content } });
  } catch (e) {
    // the SDK's axios error carries the tenant token in its request: never pass it on
    throw errorFromThrown('im.v1.file.create', e);
  }
  const fileKey = uploaded?.file_key;
  if (!fileKey) throw new Error('im.v1.file.create gave no file_key');
  await call('im.v1.message.create', () => client.im.v1.message.create({
    params: { receive_id_type: 'open_id' },
    data: { receive_id: caller.userId, msg_type: 'file', content: JSON.stringify({ file_key: fileKey }), uuid: requestUuid(`export:${key}`) },
  }));
  return reply;
}
