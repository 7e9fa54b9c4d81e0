// What an import did (or, on a dry run, would do), and its rendering as text
// for the CLI, the console and chat replies. Issues are message keys with
// parameters, so each surface renders them in its reader's language.
import { levelLabel, sourceLabel, statusLabel, tierLabel, typeLabel } from '../domain/labels.js';
import type { Lang } from '../domain/types.js';
import { t } from '../i18n/index.js';
import { headerOf, type ColumnId } from './columns.js';
import type { SheetFormat } from './read-sheet.js';
import type { Issue } from './row.js';

export interface RowIssue extends Issue {
  line: number;
}

/** one kind of non-exact reading and how often it was made: 线上广告投放 → 线上广告 ×2 */
export interface MappingCount {
  column: string;
  field: ColumnId;
  from: string;
  value: string;
  count: number;
}

export interface ImportReport {
  /** utf-8 / gbk for a CSV, xlsx for a workbook */
  encoding: SheetFormat;
  /** which header each column matched, in the file's order */
  columns: { header: string; column: ColumnId }[];
  /** every non-exact value mapping, in first-seen order */
  mappings: MappingCount[];
  /** notes about the whole file (owners nobody here matches) */
  notes: Omit<Issue, 'column'>[];
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

const VALUE_LABEL: Partial<Record<ColumnId, (v: never, lang: Lang) => string>> = {
  source: sourceLabel, tier: tierLabel, valueLevel: levelLabel, frequency: levelLabel, status: statusLabel, type: typeLabel,
};

function valueText(field: ColumnId, value: string, lang: Lang): string {
  const label = VALUE_LABEL[field];
  return label ? label(value as never, lang) : value;
}

/** 2, 3, 4, 7 → "2–4, 7" */
function lineRanges(lines: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    out.push(j > i ? `${lines[i]}–${lines[j]}` : String(lines[i]));
    i = j;
  }
  return out.join(', ');
}

/** the same note on many lines is one line of the report: "Lines 2–5, 联系方式 (note): …" */
function renderWarnings(lang: Lang, warnings: RowIssue[], limit: number): string[] {
  const groups = new Map<string, RowIssue & { lines: number[] }>();
  for (const w of warnings) {
    const key = JSON.stringify([w.reason, w.column ?? '', w.params]);
    const group = groups.get(key);
    if (group) {
      if (group.lines.at(-1) !== w.line) group.lines.push(w.line);
    } else groups.set(key, { ...w, lines: [w.line] });
  }
  const lines: string[] = [];
  for (const g of [...groups.values()].slice(0, limit)) {
    if (g.lines.length === 1) {
      lines.push(renderIssue(lang, g, 'warning'));
      continue;
    }
    const reason = t(lang, g.reason, g.params);
    const at = lineRanges(g.lines);
    lines.push(g.column && g.params.field !== g.column
      ? t(lang, 'import.summary.warningLinesAt', { lines: at, column: g.column, reason })
      : t(lang, 'import.summary.warningLines', { lines: at, reason }));
  }
  if (groups.size > limit) lines.push(t(lang, 'import.summary.more', { count: groups.size - limit }));
  return lines;
}

/**
 * A summary line; the columns as read and every non-exact mapping with its
 * count; file notes; then every bad row by line and the notes (each up to
 * `limit`), a note repeated on many lines shown once with its lines.
 */
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
  if (report.columns.length) {
    const columns = report.columns.map((c) => {
      const ours = headerOf(c.column, lang);
      return c.header === ours ? c.header : `${c.header} → ${ours}`;
    });
    lines.push(t(lang, 'import.summary.columns', { columns: columns.join(lang === 'zh' ? '、' : ', ') }));
  }
  if (report.mappings.length) {
    const mappings = report.mappings.slice(0, limit).map((m) => `${m.column} ${m.from} → ${valueText(m.field, m.value, lang)} ×${m.count}`);
    lines.push(t(lang, 'import.summary.mappings', { mappings: mappings.join(lang === 'zh' ? '；' : '; ') }));
  }
  for (const n of report.notes) lines.push(t(lang, 'import.summary.note', { reason: t(lang, n.reason, n.params) }));
  for (const issue of report.errors.slice(0, limit)) lines.push(renderIssue(lang, issue, 'error'));
  if (report.errors.length > limit) lines.push(t(lang, 'import.summary.more', { count: report.errors.length - limit }));
  lines.push(...renderWarnings(lang, report.warnings, limit));
  return lines.join('\n');
}
