// import (导入) and export (导出) in chat (issue 7, "Where"). The adapter only
// receives and ships files: it hands over the bytes of a CSV file, or sends
// the CSV text it is given. Checking, writing, auditing and the answer live
// here and in src/csv, the same code the CLIs run.
import { exportCustomersCounted } from '../../csv/export.js';
import { exportCustomersXlsx } from '../../csv/export-xlsx.js';
import { importCustomers, renderImportReport, type ImportReport } from '../../csv/import.js';
import { localDay } from '../../domain/time.js';
import type { Lang } from '../../domain/types.js';
import type { MessageKey } from '../../i18n/index.js';
import type { Block, Reply } from '../../views/model.js';
import { button, reply, textReply } from '../../views/reply.js';
import type { Ctx } from '../context.js';
import type { Input } from '../input.js';
import { requireRole } from '../permissions.js';
import { isImportSource, type ExportedFile, type ImportFile, type ImportSource } from '../types.js';

/** issues listed per kind in a chat message; the console prints them all */
export const CHAT_ISSUE_LIMIT = 40;
/** a text block stays well inside Slack's 3,000 characters and a Feishu card's element */
const CHUNK_CHARS = 2500;

/** "import" typed without a file: how to hand one over on this platform */
export async function runImportHint(ctx: Ctx, _input: Input): Promise<Reply> {
  requireRole(ctx, 'admin');
  return textReply(ctx.lang, ctx.t(`transfer.importHow.${ctx.caller.platform}` as MessageKey), 'info');
}

/** "export" that reached the engine as text: the adapter did not ship a file, so say how */
export async function runExportHint(ctx: Ctx, _input: Input): Promise<Reply> {
  requireRole(ctx, 'admin');
  return textReply(ctx.lang, ctx.t(`transfer.exportHow.${ctx.caller.platform}` as MessageKey), 'info');
}

export async function importFile(ctx: Ctx, source: ImportFile | ImportSource, options: { dryRun: boolean; strict?: boolean }): Promise<Reply> {
  requireRole(ctx, 'admin');
  // only now may the adapter read the file: a member's forged button reaches no file and no platform API
  const file = isImportSource(source) ? { ...await source.fetch(ctx.lang), ref: source.ref } : source;
  const strict = options.strict === true;
  const report = await importCustomers({ store: ctx.store, clock: ctx.deps.clock }, {
    tenantId: ctx.tenantId, actorId: ctx.person.id, bytes: file.bytes, fileName: file.name, dryRun: options.dryRun, strict,
    // dates without a time are days of the tenant, not of whoever imports
    timeZone: ctx.settings.timeZone || ctx.deps.defaultTimeZone,
  });
  const limit = ctx.caller.platform === 'console' ? Infinity : CHAT_ISSUE_LIMIT;
  const [summary = '', ...issues] = renderImportReport(report, ctx.lang, limit).split('\n');
  const title = ctx.t(options.dryRun ? 'transfer.checkTitle' : 'transfer.importTitle', { file: file.name });
  const blocks: Block[] = [
    { type: 'heading', text: title },
    { type: 'text', text: summary, tone: toneOf(report) },
    ...chunks(issues).map((text): Block => ({ type: 'text', text })),
  ];
  const good = report.rows - report.skipped;
  if (options.dryRun && good > 0 && file.ref !== undefined) {
    if (strict && report.skipped > 0) {
      blocks.push({ type: 'text', text: ctx.t('transfer.strictBlocked', { count: report.skipped }), tone: 'warning' });
    } else {
      blocks.push({ type: 'actions', buttons: [button(ctx.t('transfer.importButton', { count: good }), 'run-import', {
        ref: file.ref, strict: strict ? '1' : '0', lang: ctx.lang,
      }, 'primary')] });
    }
  }
  return reply(ctx.lang, blocks, summary);
}

function toneOf(report: ImportReport): 'info' | 'success' | 'warning' {
  if (report.skipped > 0) return 'warning';
  return report.dryRun ? 'info' : 'success';
}

/** issue lines joined into blocks of bounded size, never splitting a line */
function chunks(lines: string[]): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > CHUNK_CHARS) {
      out.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(current);
  return out;
}

export async function exportFile(ctx: Ctx, lang: Lang | undefined, format: 'csv' | 'xlsx' = 'csv'): Promise<{ reply: Reply; file: ExportedFile }> {
  requireRole(ctx, 'admin');
  const deps = { store: ctx.store, clock: ctx.deps.clock };
  const input = { tenantId: ctx.tenantId, lang: lang ?? ctx.lang, actorId: ctx.person.id };
  const { content, count } = format === 'xlsx'
    ? await exportCustomersXlsx(deps, input).then((r) => ({ content: r.xlsx, count: r.count }))
    : await exportCustomersCounted(deps, input).then((r) => ({ content: r.csv, count: r.count }));
  const name = `customers-${localDay(ctx.now, ctx.timeZone)}.${format}`;
  const text = ctx.t('transfer.exported', { count, file: name });
  return { reply: reply(ctx.lang, [{ type: 'text', text, tone: 'success' }], text), file: { name, content } };
}

/** the header language a command asks for: --lang zh|en, or a word such as 中文 / english */
export function headerLang(value: string | undefined): Lang | undefined {
  const v = value?.trim().toLowerCase();
  if (!v) return undefined;
  if (['zh', 'cn', 'chinese', '中文', '汉语'].includes(v)) return 'zh';
  if (['en', 'english', '英文', '英语'].includes(v)) return 'en';
  return undefined;
}
