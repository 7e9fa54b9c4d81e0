// Bytes → header + records with the line number people see in their editor
// (the CSV line, the workbook's row number). The format is what the bytes
// are, not what the file is called (sniff.ts): a workbook is read by
// read-xlsx.ts, a CSV here by csv-parse (quotes, embedded newlines, CRLF);
// comma-separated unless the first line says tab (Excel's "Unicode Text", a .tsv).
// Either way the header row is looked for in the first rows, under a title
// such as "客户信息分类管理表", and rows that are empty are skipped.
import { CsvError, parse } from 'csv-parse/sync';
import { UserError } from '../errors.js';
import { columnOf, HEADER_SEARCH_ROWS, mapHeader, type HeaderMap } from './columns.js';
import { decodeSpreadsheet, type SourceEncoding } from './decode.js';
import { MAX_IMPORT_BYTES, notSpreadsheet, sniffFormat } from './sniff.js';
import { readXlsxRecords } from './read-xlsx.js';

export type SheetFormat = SourceEncoding | 'xlsx';

export interface SheetRecord {
  /** 1-based line (CSV) or row number (workbook) where the record starts */
  line: number;
  cells: string[];
}

export interface Sheet {
  encoding: SheetFormat;
  header: HeaderMap;
  headerTexts: string[];
  headerLine: number;
  records: SheetRecord[];
}


/** the file as a sheet, whichever format its bytes are; `name` only words the messages */
export async function readSpreadsheet(bytes: Buffer, name = 'file'): Promise<Sheet> {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new UserError('import.tooBig', { size: Math.ceil(bytes.length / 2 ** 20), max: MAX_IMPORT_BYTES / 2 ** 20 });
  }
  const format = sniffFormat(bytes, name);
  if (format === 'csv') return readSheet(bytes, name);
  const { sheetName, records, header } = await readXlsxRecords(bytes, name, findHeaderAt);
  if (header === undefined) throw emptyOrNoHeader(records, sheetName);
  return sheetOf('xlsx', records, header);
}

/** a CSV file */
function readSheet(bytes: Buffer, name: string): Sheet {
  const decoded = decodeSpreadsheet(bytes);
  if (!decoded) throw notSpreadsheet(name);
  const { text, encoding } = decoded;
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // Excel writes "; " in some locales; comma, or tab when the first line says so, is the contract
      delimiter: delimiterOf(text),
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    if (e instanceof CsvError) throw new UserError('import.unreadable', { detail: e.message.slice(0, 200) });
    throw e;
  }
  const records = parsed.map(({ record, info }) => ({
    // info.lines is where the record ends; quoted cells may span lines
    line: info.lines - record.reduce((n, c) => n + countNewlines(c), 0),
    cells: record,
  }));
  if (records.length === 0) throw new UserError('import.empty');
  const at = findHeaderAt(records);
  if (at < 0) throw emptyOrNoHeader(records);
  return sheetOf(encoding, records, at);
}

/** how far into the text the first line is looked for: a header is far shorter */
const DELIMITER_SCAN = 65_536;

/**
 * ',' unless the first line with a separator outside quotes (a title line may
 * have none) has more tabs than commas: then '\t'. Any encoding.
 */
export function delimiterOf(text: string): ',' | '\t' {
  let quoted = false;
  let tabs = 0;
  let commas = 0;
  for (let i = 0; i < Math.min(text.length, DELIMITER_SCAN); i++) {
    const c = text[i];
    // "" inside quotes toggles twice: still inside
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '\t') tabs++;
    else if (c === ',') commas++;
    else if (c === '\n' && tabs + commas > 0) break;
  }
  return tabs > commas ? '\t' : ',';
}

/** index of the header among the first records: the first one with a name column; -1 when none */
export function findHeaderAt(records: SheetRecord[]): number {
  return records.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => mapHeader(r.cells).index.name !== undefined);
}

function sheetOf(encoding: SheetFormat, records: SheetRecord[], at: number): Sheet {
  const headerRecord = records[at]!;
  return {
    encoding,
    header: mapHeader(headerRecord.cells),
    headerTexts: headerRecord.cells,
    headerLine: headerRecord.line,
    records: records.slice(at + 1),
  };
}

/** no header found: an empty sheet, a header that lacks only its name column, or no header at all */
function emptyOrNoHeader(records: SheetRecord[], sheetName?: string): UserError {
  if (records.length === 0) return sheetName === undefined ? new UserError('import.empty') : new UserError('import.emptySheet', { sheet: sheetName });
  // a row with several known headers is the header: say which column it lacks
  const header = records.slice(0, HEADER_SEARCH_ROWS).find((r) => r.cells.filter((c) => columnOf(c.trim())).length >= 2);
  if (header) {
    const columns = header.cells.map((c) => c.trim()).filter((c) => columnOf(c)).join(', ');
    return new UserError('import.noNameColumn', { line: header.line, columns });
  }
  return new UserError('import.noHeader');
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
