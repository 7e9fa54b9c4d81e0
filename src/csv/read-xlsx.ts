// An .xlsx workbook → records, streamed (exceljs' WorkbookReader: a sheet's
// rows arrive one by one, never the whole workbook as objects). Read as the
// person sees it: a date cell is its date, a number keeps all its digits
// (a phone 13812345678 stays whole, never 1.38E+10), a formula gives the
// value Excel saved with it and is never evaluated, rich text is its text.
// The first visible sheet whose first rows hold the header is the table (a
// hidden one only when no visible sheet has it).
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { UserError } from '../errors.js';
import { formatYmd } from '../domain/time.js';
import { serialToSheetDate } from './dates.js';
import { HEADER_SEARCH_ROWS } from './columns.js';
import type { SheetRecord } from './read-sheet.js';
import { notSpreadsheet } from './sniff.js';
import { guardZip, zipEntries } from './zip-guard.js';

/** well past any customer table; bounds what one file can make this process hold */
export const MAX_SHEET_ROWS = 200_000;

export interface XlsxRecords {
  /** the sheet read, or (no header anywhere) the first sheet */
  sheetName?: string;
  records: SheetRecord[];
  /** index of the header among records; undefined when no sheet has one */
  header?: number;
}

export async function readXlsxRecords(bytes: Buffer, name: string, findHeaderAt: (records: SheetRecord[]) => number): Promise<XlsxRecords> {
  const entries = zipEntries(bytes);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) {
    throw notSpreadsheet(name, names.has('word/document.xml') ? 'Word (.docx)' : names.has('ppt/presentation.xml') ? 'PowerPoint (.pptx)' : 'ZIP');
  }
  await guardZip(bytes, entries);

  // loaded when a workbook comes, not when the service starts
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  let first: XlsxRecords | undefined;
  let found: XlsxRecords | undefined;
  // a hidden sheet (an old copy, the lists behind a drop-down) is read only when no visible one holds the table
  let foundHidden: XlsxRecords | undefined;
  try {
    for await (const sheet of reader) {
      const ws = sheet as ExcelJS.stream.xlsx.WorksheetReader & { name?: string; id?: number; state?: string };
      const sheetName = ws.name ?? `Sheet${ws.id ?? ''}`;
      const hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
      const records: SheetRecord[] = [];
      let header: number | undefined;
      let looking = found === undefined && !(hidden && foundHidden !== undefined);
      for await (const row of ws) {
        // a table was found already, or this sheet's first rows had no header: drain it
        if (!looking) continue;
        const cells = rowCells(row);
        if (cells.every((c) => c === '')) continue;
        if (records.length >= MAX_SHEET_ROWS) throw new UserError('import.tooManyRows', { max: MAX_SHEET_ROWS });
        records.push({ line: row.number, cells });
        if (header === undefined && records.length <= HEADER_SEARCH_ROWS) {
          const at = findHeaderAt(records);
          if (at >= 0) header = at;
          else if (records.length === HEADER_SEARCH_ROWS) looking = false;
        }
      }
      if (header === undefined && first === undefined && !hidden) first = { sheetName, records: records.slice(0, HEADER_SEARCH_ROWS) };
      if (header !== undefined && hidden) foundHidden ??= { sheetName, records, header };
      else if (found === undefined && header !== undefined) found = { sheetName, records, header };
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError('import.unreadableXlsx', { detail: (e instanceof Error ? e.message : String(e)).slice(0, 120) });
  }
  return found ?? foundHidden ?? first ?? { records: [] };
}

function rowCells(row: ExcelJS.Row): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    while (cells.length < col - 1) cells.push('');
    cells[col - 1] = cellText(cell.value, cell.numFmt);
  });
  return cells;
}

/** what the cell shows, as text the row reader already understands */
export function cellText(value: ExcelJS.CellValue | undefined, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return isDateFormat(numFmt) ? serialText(value) : numberText(value);
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  // a formula (or a cell sharing one): the result Excel saved, never evaluated here
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue, numFmt);
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue, numFmt);
  // #N/A, #DIV/0!: no value
  return '';
}

/** integers in full (a phone number is one); decimals without binary noise */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(Number(n.toPrecision(15)));
}

/** exceljs gives a date cell as the UTC instant of its wall-clock reading */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const day = formatYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  return h || m ? `${day} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}` : day;
}

function serialText(serial: number): string {
  const date = serialToSheetDate(serial);
  if (!date) return numberText(serial);
  const day = formatYmd(date.year, date.month, date.day);
  return date.hasTime ? `${day} ${String(date.hour).padStart(2, '0')}:${String(date.minute).padStart(2, '0')}` : day;
}

/** a number format that shows a date: y, m or d outside quoted text and [colour] tags */
function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const bare = numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./gu, '');
  return /[ymd]/iu.test(bare) && !/^general$/iu.test(bare);
}
