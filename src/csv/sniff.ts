// What a file really is, from its first bytes, not from its name: people
// rename files, and chat platforms trust the name. A workbook is a zip with
// xl/workbook.xml; a password-protected workbook is not a zip at all but an
// OLE compound file holding an EncryptedPackage (as is an Excel 97–2003
// .xls); text is CSV (or tab-separated: read-sheet decides); anything else is
// said to be what it is.
import { UserError } from '../errors.js';
import { utf16Bom } from './decode.js';

/** a spreadsheet of 50,000 rows is a few MB; anything far larger is a mistake */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type FileFormat = 'csv' | 'xlsx';

const MAGIC: [string, number[]][] = [
  ['PDF', [0x25, 0x50, 0x44, 0x46]],
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['RAR', [0x52, 0x61, 0x72, 0x21]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf]],
  ['GZIP', [0x1f, 0x8b]],
];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Buffer, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

export function isZip(bytes: Buffer): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]);
}

/**
 * 'xlsx' or 'csv' by content; a file that is neither is refused with what it
 * is. Which entries a zip holds is zip-guard's to read (read-xlsx asks it).
 */
export function sniffFormat(bytes: Buffer, name: string): FileFormat {
  if (isZip(bytes)) return 'xlsx';
  if (startsWith(bytes, OLE)) {
    // the stream names of the compound file are UTF-16LE
    const encrypted = bytes.includes(Buffer.from('EncryptedPackage', 'utf16le')) || bytes.includes(Buffer.from('EncryptionInfo', 'utf16le'));
    throw new UserError(encrypted ? 'import.encrypted' : 'import.legacyXls');
  }
  const known = MAGIC.find(([, magic]) => startsWith(bytes, magic));
  if (known) throw notSpreadsheet(name, known[0]);
  // Excel's "Unicode Text" is UTF-16 with a BOM: half its bytes are NUL, so the
  // BOM is read first (decode.ts reads the whole file as UTF-16 text or refuses it)
  if (utf16Bom(bytes)) return 'csv';
  // any other text has no NUL byte
  if (bytes.subarray(0, 8192).includes(0)) throw notSpreadsheet(name);
  return 'csv';
}

/** kind: a format's name such as PDF, when the bytes say which */
export function notSpreadsheet(file: string, kind?: string): UserError {
  return kind ? new UserError('import.notSpreadsheet', { file, kind }) : new UserError('import.binaryFile', { file });
}
