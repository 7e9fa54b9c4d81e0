// Spreadsheet import and export in Slack (issues 7, 11). A .csv, .txt or .xlsx file shared with the bot in
// its direct message is downloaded and checked (dry run); the reply's
// "Import N rows" button carries the Slack file id, so the click downloads the
// file again and imports it. "/customer export [xlsx]" uploads the file to the DM.
// The engine decides everything; this file only moves bytes.
import type { App, webApi } from '@slack/bolt';
import type { Caller } from '../../../src/commands/types.js';
import type { Lang } from '../../../src/domain/types.js';
import { UserError } from '../../../src/errors.js';
import type { ActionRef, Reply } from '../../../src/views/model.js';
import { guarded, logApiError, slackErrorCode, sourceOf, textReply, type Deps } from '../context.js';
import { renderMessage } from '../render.js';
import { isImportName, langArg, MAX_IMPORT_BYTES, tooBigParams } from '../../shared/import-file.js';

type WebClient = webApi.WebClient;

interface SharedFile { id?: string; name?: string; filetype?: string }
interface FileShareEvent {
  type: 'message';
  subtype?: string;
  channel?: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  files?: SharedFile[];
}

/** a file the import reads by its content: Slack's type or the name says spreadsheet (isImportName) */
function isSpreadsheet(name: string, filetype: string | undefined): boolean {
  return ['csv', 'tsv', 'xlsx', 'xls'].includes(filetype ?? '') || isImportName(name);
}

/**
 * files.info for the download URL (the event's file object may be partial),
 * then the bytes with the bot token. The token goes only to Slack's own hosts
 * (or the API host configured, e.g. a test double), never to another URL.
 */
async function download(client: WebClient, fileId: string): Promise<{ name: string; bytes: Buffer }> {
  let info;
  try {
    info = await client.files.info({ file: fileId });
  } catch (error) {
    throw new UserError('transfer.fileGone', { detail: slackErrorCode(error) });
  }
  const file = info.file ?? {};
  const name = file.name ?? file.title ?? fileId;
  if (!isSpreadsheet(name, file.filetype)) throw new UserError('transfer.notCsv', { file: name });
  if ((file.size ?? 0) > MAX_IMPORT_BYTES) {
    throw new UserError('transfer.tooBig', tooBigParams(name, file.size ?? 0));
  }
  const url = file.url_private_download ?? file.url_private;
  if (!url || !trusted(url, client.slackApiUrl)) throw new UserError('transfer.fileGone', { detail: 'no download URL' });
  const res = await fetch(url, { headers: { authorization: `Bearer ${client.token ?? ''}` }, signal: AbortSignal.timeout(30_000), redirect: 'follow' });
  if (!res.ok) throw new UserError('transfer.fileGone', { detail: `HTTP ${res.status}` });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new UserError('transfer.tooBig', tooBigParams(name, bytes.length));
  }
  return { name, bytes };
}

function trusted(url: string, apiUrl: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'slack.com' || host.endsWith('.slack.com') || host === new URL(apiUrl).hostname;
  } catch {
    return false;
  }
}

function importFrom(deps: Deps, client: WebClient, caller: Caller, fileId: string, options: { dryRun: boolean; strict: boolean; lang?: Lang }): Promise<Reply> {
  // the engine fetches (files.info, the download) only once it knows the caller is an admin
  return guarded(deps, caller, options.dryRun ? 'import check' : 'import',
    () => deps.engine.importCsv(caller, { ref: fileId, fetch: () => download(client, fileId) }, options));
}

/** the "Import N rows" button (actions.ts hands it over): the file again, for real */
export function runImportAction(deps: Deps, client: WebClient, caller: Caller, ref: ActionRef): Promise<Reply> {
  const lang = langArg(ref.args);
  return importFrom(deps, client, caller, ref.args.ref ?? '', { dryRun: false, strict: ref.args.strict === '1', ...(lang ? { lang } : {}) });
}

/** "/customer export": the CSV uploaded to the person's DM; the reply says where it went */
export async function exportToDm(deps: Deps, client: WebClient, caller: Caller, headers: Lang, format?: 'csv' | 'xlsx'): Promise<Reply> {
  // no format: the engine's default (csv)
  const out = await guarded(deps, caller, 'export', () => deps.engine.exportCsv(caller, { lang: headers, format }));
  if (!('reply' in out)) return out;
  if (!out.file) return out.reply;
  try {
    const dm = await client.conversations.open({ users: caller.userId });
    const channel = dm.channel?.id;
    if (!channel) throw new Error('conversations.open gave no channel');
    const { name, content } = out.file;
    const body = typeof content === 'string' ? { content } : { file: content };
    await client.filesUploadV2({ channel_id: channel, filename: name, title: name, ...body, initial_comment: out.reply.summary });
  } catch (error) {
    logApiError(deps, error, 'files.uploadV2', { tenantId: caller.tenantId, userId: caller.userId });
    return textReply(out.reply.lang, 'transfer.cannotWrite', { file: out.file.name, detail: slackErrorCode(error) });
  }
  return out.reply;
}

export function registerFiles(app: App, deps: Deps): void {
  app.event('message', async ({ event, client, context }) => {
    const message = event as unknown as FileShareEvent;
    if (message.subtype !== 'file_share' || message.channel_type !== 'im' || !message.user || message.bot_id) return;
    const caller = await deps.people.callerOf(client, sourceOf(context, message.user));
    for (const file of message.files ?? []) {
      if (!file.id) continue;
      const reply = isSpreadsheet(file.name ?? '', file.filetype) || !file.name
        ? await importFrom(deps, client, caller, file.id, { dryRun: true, strict: false })
        : textReply(caller.lang ?? 'en', 'transfer.notCsv', { file: file.name });
      // a DM: the answer is an ordinary message there (an ephemeral one would vanish on reload)
      try {
        await client.chat.postMessage({ channel: message.channel ?? caller.userId, ...renderMessage(reply) });
      } catch (error) {
        logApiError(deps, error, 'chat.postMessage', { tenantId: caller.tenantId, userId: caller.userId });
      }
    }
  });
}
