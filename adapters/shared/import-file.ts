// What the three channels agree on when they move a CSV for the engine: how
// large a file may be, how "too big" is said, and the headers language the
// "Import N rows" button carries back.
import type { Lang } from '../../src/domain/types.js';

import { MAX_IMPORT_BYTES } from '../../src/csv/sniff.js';

/** the importer's own limit: the channels refuse a larger file before downloading it all */
export { MAX_IMPORT_BYTES };

const MIB = 1048576;

/**
 * A name an import is read from: .csv; .txt / .tsv (tab-separated, such as
 * Excel's "Unicode Text"); .xlsx; an .xls is let through to be told to save as
 * .xlsx. The name only lets a file in: what it is, the importer reads from its bytes.
 */
export function isImportName(name: string): boolean {
  return /\.(csv|tsv|txt|xlsx|xls)$/iu.test(name);
}

/** the parameters of the transfer.tooBig message for a file of this many bytes */
export function tooBigParams(file: string, bytes: number): { file: string; size: number; max: number } {
  return { file, size: Math.ceil(bytes / MIB), max: MAX_IMPORT_BYTES / MIB };
}

/** the language an import button names (the file's headers), if it names one */
export function langArg(args: Record<string, string>): Lang | undefined {
  return args.lang === 'en' || args.lang === 'zh' ? args.lang : undefined;
}
