// Bytes → header + records with the line number people see in their editor.
// csv-parse does the CSV (quotes, embedded newlines, CRLF); this file only
// finds the header row, which may sit under a title row such as
// "客户信息分类管理表", and skips rows that are empty or only commas.
import { CsvError, parse } from 'csv-parse/sync';
import { UserError } from '../errors.js';
import { mapHeader, type HeaderMap } from './columns.js';
import { decodeSpreadsheet, type SourceEncoding } from './decode.js';

export interface SheetRecord {
  /** 1-based line where the record starts */
  line: number;
  cells: string[];
}

export interface Sheet {
  encoding: SourceEncoding;
  header: HeaderMap;
  headerTexts: string[];
  headerLine: number;
  records: SheetRecord[];
}

/** how far down a title block may push the header */
const HEADER_SEARCH_ROWS = 10;

export function readSheet(bytes: Buffer): Sheet {
  const { text, encoding } = decodeSpreadsheet(bytes);
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // Excel writes "; " or tab-separated files in some locales; a comma file is the contract
      delimiter: ',',
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
  const at = records.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => mapHeader(r.cells).index.name !== undefined);
  const headerRecord = records[at];
  if (at < 0 || !headerRecord) throw new UserError('import.noHeader');
  return {
    encoding,
    header: mapHeader(headerRecord.cells),
    headerTexts: headerRecord.cells,
    headerLine: headerRecord.line,
    records: records.slice(at + 1),
  };
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
