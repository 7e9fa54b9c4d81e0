// What the three channels agree on when they move a CSV for the engine: how
// large a file may be, how "too big" is said, and the headers language the
// "Import N rows" button carries back.
import type { Lang } from '../../src/domain/types.js';

/** a spreadsheet of 50,000 rows is a few MB; anything far larger is a mistake */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const MIB = 1048576;

/** the parameters of the transfer.tooBig message for a file of this many bytes */
export function tooBigParams(file: string, bytes: number): { file: string; size: number; max: number } {
  return { file, size: Math.ceil(bytes / MIB), max: MAX_IMPORT_BYTES / MIB };
}

/** the language an import button names (the file's headers), if it names one */
export function langArg(args: Record<string, string>): Lang | undefined {
  return args.lang === 'en' || args.lang === 'zh' ? args.lang : undefined;
}
