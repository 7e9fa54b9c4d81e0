// Workbooks built in the test, the way Excel users keep the table: a merged
// title row above the header, date cells, phone numbers typed as numbers,
// formulas saved with their values. No binary fixture is committed.
import ExcelJS from 'exceljs';

export type XlsxCell = string | number | Date | null | { formula: string; result: string | number };

export interface XlsxOptions {
  /** a merged title row above the header */
  title?: string;
  sheetName?: string;
  /** sheets before the table (a cover page, notes, a hidden old copy) */
  before?: { name: string; rows: XlsxCell[][]; state?: 'hidden' | 'veryHidden' }[];
}

export async function makeXlsx(rows: XlsxCell[][], opts: XlsxOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const extra of opts.before ?? []) wb.addWorksheet(extra.name, extra.state ? { state: extra.state } : {}).addRows(extra.rows);
  const ws = wb.addWorksheet(opts.sheetName ?? '客户信息');
  if (opts.title) {
    ws.addRow([opts.title]);
    ws.mergeCells(1, 1, 1, Math.max(1, rows[0]?.length ?? 1));
  }
  for (const r of rows) {
    const row = ws.addRow(r.map((c) => c ?? null));
    r.forEach((c, i) => {
      if (c instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** a date cell's value: exceljs writes the wall-clock reading of the UTC instant */
export const day = (ymd: string): Date => new Date(`${ymd}T00:00:00Z`);
