// Which command lines move a file: adapters ask before handing text to the
// engine, because the answer to "export" is a file they must send and the
// answer to "import <path>" (console) needs a file they must read. The line is
// parsed by the engine's own parser, so aliases and flags mean the same here.
import type { Lang } from '../domain/types.js';
import { parseCommand } from './parse.js';
import { headerLang } from './verbs/transfer.js';

export type FileCommand =
  | { verb: 'import'; lang: Lang; /** what follows the verb: a path on the console */ target?: string; strict: boolean }
  | {
    verb: 'export'; lang: Lang; /** the header language asked for (--lang, or a word like 中文) */ headers?: Lang; target?: string;
    /** xlsx or csv: a word (excel, xlsx, csv) or the target's extension; absent, the adapter's default (csv) */
    format?: ExportFormat;
  };

export type ExportFormat = 'csv' | 'xlsx';

/** "export excel" / "导出 表格" / a path ending in .xlsx */
function formatWord(word: string | undefined): ExportFormat | undefined {
  const v = word?.trim().toLowerCase();
  if (!v) return undefined;
  if (['xlsx', 'excel', '.xlsx', 'workbook', '工作簿', 'excel表格'].includes(v)) return 'xlsx';
  if (['csv', '.csv'].includes(v)) return 'csv';
  return undefined;
}

/** an import or export command line, or undefined for anything else (including lines that do not parse) */
export function fileCommandOf(text: string): FileCommand | undefined {
  let parsed;
  try {
    parsed = parseCommand(text);
  } catch {
    return undefined;
  }
  const lang: Lang = parsed.lang === 'zh' ? 'zh' : 'en';
  const target = parsed.words.join(' ').trim() || undefined;
  if (parsed.verb === 'import') {
    if (Object.keys(parsed.flags).some((f) => f !== 'strict')) return undefined;
    return { verb: 'import', lang, ...(target ? { target } : {}), strict: parsed.flags.strict === 'true' };
  }
  if (parsed.verb === 'export') {
    if (Object.keys(parsed.flags).some((f) => f !== 'lang')) return undefined;
    // "export zh xlsx" / "导出 英文": language and format words are not a path
    const words = parsed.words.filter((w) => headerLang(w) === undefined && formatWord(w) === undefined);
    const path = words.join(' ').trim() || undefined;
    const headers = headerLang(parsed.flags.lang) ?? parsed.words.map(headerLang).find(Boolean);
    if (parsed.flags.lang !== undefined && headerLang(parsed.flags.lang) === undefined) return undefined;
    const format = parsed.words.map(formatWord).find(Boolean) ?? (path && /\.xlsx$/iu.test(path) ? 'xlsx' : undefined);
    return { verb: 'export', lang, ...(headers ? { headers } : {}), ...(path ? { target: path } : {}), ...(format ? { format } : {}) };
  }
  return undefined;
}
