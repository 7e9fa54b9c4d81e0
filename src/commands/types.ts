// The command engine's face towards adapters: text, a button, or a form in;
// a neutral Reply out. Adapters identify the tenant and the person; the engine
// does everything else (STYLE.md rule 1).
import type { Lang, Platform } from '../domain/types.js';
import type { ActionRef, FieldErrors, Reply } from '../views/model.js';

export interface Caller {
  platform: Platform;
  /** Slack team/enterprise id, Feishu tenant_key, or the console tenant */
  tenantId: string;
  /** the platform user id */
  userId: string;
  /** display name, when the platform gave one */
  name?: string;
  /** the person's time zone (IANA), when the platform gave one */
  timeZone?: string;
  /** the language of the person's client, when known; the message's own language wins */
  lang?: Lang;
}

export interface Engine {
  /** a command line: "/customer log C20261122001 …", "客户 记录 …", "log …" */
  handleText(caller: Caller, text: string): Promise<Reply>;
  /** a button or pick-list click */
  handleAction(caller: Caller, action: ActionRef): Promise<Reply>;
  /** a form (modal / form card / console prompt) submitted */
  submitForm(caller: Caller, formId: string, args: Record<string, string>, values: Record<string, string | string[] | undefined>): Promise<Reply | FieldErrors>;
  /**
   * A CSV file the adapter received (admins only). A dry run answers with the
   * report and, when `file.ref` is given and there are good rows, a
   * 'run-import' button carrying that ref: the adapter fetches the bytes again
   * by it and calls importCsv with dryRun false. An ImportSource is fetched
   * only after the role check: nobody but an admin makes the adapter read a
   * file or call a platform API.
   */
  importCsv(caller: Caller, file: ImportFile | ImportSource, options: { dryRun: boolean; strict?: boolean; lang?: Lang }): Promise<Reply>;
  /** the book as .csv (the default) or .xlsx (admins only, audited); `file` is absent when it was refused */
  exportCsv(caller: Caller, options: { lang?: Lang; format?: 'csv' | 'xlsx' }): Promise<{ reply: Reply; file?: ExportedFile }>;
}

export interface ExportedFile {
  name: string;
  /** CSV text (UTF-8 with BOM), or the bytes of an .xlsx workbook */
  content: string | Buffer;
}

export interface ImportFile {
  name: string;
  bytes: Buffer;
  /** how the adapter finds the file again: Slack file id, Feishu message id + file key, console path */
  ref?: string;
}

/**
 * A file the adapter has not fetched yet: `fetch` reads it (a platform call, a
 * disk read) and is called only once the engine knows the caller may import.
 * It throws a UserError (transfer.fileGone, transfer.notCsv…) for a file it
 * cannot hand over.
 */
export interface ImportSource {
  ref?: string;
  fetch(lang: Lang): Promise<ImportFile>;
}

export function isImportSource(file: ImportFile | ImportSource): file is ImportSource {
  return typeof (file as ImportSource).fetch === 'function';
}
