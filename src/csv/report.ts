// What an import did (or, on a dry run, would do), and its rendering as text
// for the CLI, the console and chat replies. Issues are message keys with
// parameters, so each surface renders them in its reader's language.
import type { Lang } from '../domain/types.js';
import { t } from '../i18n/index.js';
import type { SourceEncoding } from './decode.js';
import type { Issue } from './row.js';

export interface RowIssue extends Issue {
  line: number;
}

export interface ImportReport {
  encoding: SourceEncoding;
  /** customer rows in the file (header, title and empty rows not counted) */
  rows: number;
  /** the plan: on a dry run or a refused strict run nothing of it was written */
  created: number;
  updated: number;
  unchanged: number;
  /** rows left out because of errors (duplicates inside the file included) */
  skipped: number;
  /** row problems: a row with any error is skipped */
  errors: RowIssue[];
  /** notes that do not stop a row (unknown owner, unknown columns, …) */
  warnings: RowIssue[];
  /** rows that are the same customer (same 客户编号, or same normalised name) */
  duplicatesInFile: { name: string; lines: number[] }[];
  dryRun: boolean;
  strict: boolean;
  /** true when the plan was carried out */
  written: boolean;
}

function renderIssue(lang: Lang, issue: RowIssue, kind: 'error' | 'warning'): string {
  const reason = t(lang, issue.reason, issue.params);
  // a domain message that already names the column needs no second mention
  if (issue.column && issue.params.field !== issue.column) {
    return t(lang, kind === 'error' ? 'import.summary.errorAt' : 'import.summary.warningAt', { line: issue.line, column: issue.column, reason });
  }
  return t(lang, kind === 'error' ? 'import.summary.error' : 'import.summary.warning', { line: issue.line, reason });
}

/** a summary line, then every error and warning (up to `limit` each) in line order */
export function renderImportReport(report: ImportReport, lang: Lang, limit = Infinity): string {
  const counts = {
    rows: report.rows, created: report.created, updated: report.updated,
    unchanged: report.unchanged, skipped: report.skipped, errors: report.skipped,
  };
  const refused = report.strict && !report.dryRun && !report.written && report.skipped > 0;
  const summary = report.dryRun
    ? t(lang, 'import.summary.dryRun', counts)
    : refused ? t(lang, 'import.summary.strict', counts) : t(lang, 'import.summary.done', counts);
  const lines = [summary];
  const list = (issues: RowIssue[], kind: 'error' | 'warning'): void => {
    for (const issue of issues.slice(0, limit)) lines.push(renderIssue(lang, issue, kind));
    if (issues.length > limit) lines.push(t(lang, 'import.summary.more', { count: issues.length - limit }));
  };
  list(report.errors, 'error');
  list(report.warnings, 'warning');
  return lines.join('\n');
}
