// An .xlsx is a zip of XML. Before any XML parser sees it, its directory is
// read and checked against the bytes: every byte before the directory belongs
// to an entry the directory lists (nothing hidden for a streaming reader to
// find), the declared sizes stay within bounds (a zip bomb declares them
// honestly or lies), and each entry is inflated once while counting, stopping
// as soon as it outgrows what it declared or the limit. Only then is the
// workbook parsed, knowing how large it can get.
import { createInflateRaw } from 'node:zlib';
import { UserError } from '../errors.js';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** the XML of a 50,000-row workbook is some 60 MB; ten times that is no customer table */
export const MAX_UNPACKED_BYTES = 512 * 2 ** 20;
/** xlsx compresses 5–20×; past this ratio (and past a few MB) it is built to expand */
export const MAX_RATIO = 120;
const RATIO_FLOOR = 16 * 2 ** 20;

const damaged = (detail: string): UserError => new UserError('import.unreadableXlsx', { detail });

/** the central directory's entries; throws when the zip is not one this reader trusts */
export function zipEntries(bytes: Buffer): ZipEntry[] {
  // the end-of-central-directory record: 22 bytes plus a comment of up to 65,535
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('no zip directory');
  const count = bytes.readUInt16LE(eocd + 10);
  const dirSize = bytes.readUInt32LE(eocd + 12);
  const dirOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw damaged('zip64');
  if (dirOffset + dirSize > eocd) throw damaged('bad zip directory');
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || bytes.readUInt32LE(p) !== 0x02014b50) throw damaged('bad zip directory');
    const nameLength = bytes.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      flags: bytes.readUInt16LE(p + 8),
      method: bytes.readUInt16LE(p + 10),
      compressedSize: bytes.readUInt32LE(p + 20),
      size: bytes.readUInt32LE(p + 24),
      localOffset: bytes.readUInt32LE(p + 42),
      name: bytes.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff) throw damaged('zip64');
    entries.push(entry);
    p += 46 + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
  }
  checkLayout(bytes, entries, dirOffset);
  return entries;
}

/** every local entry is a listed one, back to back up to the directory */
function checkLayout(bytes: Buffer, entries: ZipEntry[], dirOffset: number): void {
  let expected = 0;
  for (const e of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    const at = e.localOffset;
    if (at !== expected || at + 30 > dirOffset || bytes.readUInt32LE(at) !== 0x04034b50) throw damaged('unlisted data in the zip');
    const nameLength = bytes.readUInt16LE(at + 26);
    if (bytes.toString('utf8', at + 30, at + 30 + nameLength) !== e.name) throw damaged('zip entry names disagree');
    let end = dataStart(bytes, e) + e.compressedSize;
    if (e.flags & 0x8) {
      // a data descriptor follows: an optional signature, then crc, sizes
      end += bytes.readUInt32LE(end) === 0x08074b50 ? 16 : 12;
    }
    expected = end;
  }
  if (expected !== dirOffset) throw damaged('unlisted data in the zip');
}

function dataStart(bytes: Buffer, e: ZipEntry): number {
  return e.localOffset + 30 + bytes.readUInt16LE(e.localOffset + 26) + bytes.readUInt16LE(e.localOffset + 28);
}

/**
 * Refuses a zip bomb: by the sizes the directory declares, then by inflating
 * each entry and counting, never holding more than one chunk of its output.
 */
export async function guardZip(bytes: Buffer, entries: ZipEntry[], limit = MAX_UNPACKED_BYTES): Promise<void> {
  const refuse = (size: number): UserError => new UserError('import.zipBomb', {
    size: Math.ceil(size / 2 ** 20), max: Math.floor(limit / 2 ** 20), ratio: Math.round(size / Math.max(1, bytes.length)),
  });
  const declared = entries.reduce((n, e) => n + e.size, 0);
  if (declared > limit || (declared > RATIO_FLOOR && declared / bytes.length > MAX_RATIO)) throw refuse(declared);
  let total = 0;
  for (const e of entries) {
    const start = dataStart(bytes, e);
    const data = bytes.subarray(start, start + e.compressedSize);
    let size: number;
    if (e.method === 0) size = data.length;
    else if (e.method === 8) size = await inflatedSize(data, Math.min(e.size, limit - total) + 1);
    else throw damaged(`zip method ${e.method}`);
    // more than it declared: the directory lied, which only a bomb does
    if (size > e.size) throw refuse(total + size > declared ? total + size : declared + size);
    total += size;
  }
}

/** bytes that `data` inflates to, counted as they come; stops past `stopAt` */
function inflatedSize(data: Buffer, stopAt: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const z = createInflateRaw();
    let n = 0;
    let done = false;
    const finish = (v: number): void => {
      if (done) return;
      done = true;
      resolve(v);
    };
    z.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > stopAt) {
        finish(n);
        z.destroy();
      }
    });
    z.on('end', () => finish(n));
    z.on('error', (e) => {
      if (!done) {
        done = true;
        reject(damaged(e.message.slice(0, 80)));
      }
    });
    z.end(data);
  });
}
