// The book as an Excel workbook: the classification table's columns and
// headers (Chinese or English), a bold header row that stays in view, real
// date cells for 最近跟进时间 and widths that fit the usual contents. Written
// with exceljs' streaming writer, so 50,000 rows never exist as cell objects
// all at once. Text cells are text: nothing in them is ever a formula.
import { PassThrough } from 'node:stream';
import { COLUMNS, headerOf, type ColumnId } from './columns.js';
import { exportTable, type ExportDeps, type ExportInput } from './export.js';

const WIDTHS: Record<ColumnId, number> = {
  code: 15, name: 30, industry: 12, source: 16, contact: 16, contactDetails: 26, tier: 11, valueLevel: 9,
  frequency: 9, lastInteractionAt: 13, followUp: 44, needs: 24, status: 18, owner: 12, notes: 32, type: 10, region: 12,
};

export interface XlsxExport {
  xlsx: Buffer;
  count: number;
}

export async function exportCustomersXlsx(deps: ExportDeps, input: ExportInput): Promise<XlsxExport> {
  const rows = await exportTable(deps, { ...input, format: 'xlsx' });
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  // loaded when a workbook is asked for, not when the service starts
  const { default: excel } = await import('exceljs');
  const wb = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(input.lang === 'zh' ? '客户信息' : 'Customers', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((id) => ({ header: headerOf(id, input.lang), key: id, width: WIDTHS[id] }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.commit();
  for (const cells of rows) {
    const row = ws.addRow(COLUMNS.map((id) => cellOf(id, cells[id])));
    const date = row.getCell(COLUMNS.indexOf('lastInteractionAt') + 1);
    if (date.value instanceof Date) date.numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
  return { xlsx: Buffer.concat(chunks), count: rows.length };
}

/** 最近跟进时间 as a date cell (its wall-clock day, as exceljs reads dates); everything else as text */
function cellOf(id: ColumnId, text: string | undefined): string | Date | null {
  if (!text) return null;
  if (id === 'lastInteractionAt' && /^\d{4}-\d{2}-\d{2}$/u.test(text)) return new Date(`${text}T00:00:00Z`);
  return text;
}
