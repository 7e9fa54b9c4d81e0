// Spreadsheet bytes → text. Excel in Chinese locales saves "CSV" as GBK by
// default, and as UTF-8 with a BOM when asked for "CSV UTF-8"; both arrive here.
// A file that is valid UTF-8 is UTF-8 (GBK text of any length is almost never
// valid UTF-8); anything else is read as GBK (GB18030, its superset).
// "Save as → Unicode Text (*.txt)", the way older Excel keeps Chinese intact,
// writes UTF-16LE with a BOM (FF FE), tab-separated: the BOM says which.
import iconv from 'iconv-lite';

export type SourceEncoding = 'utf-8' | 'gbk' | Utf16;
export type Utf16 = 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: SourceEncoding;
  bom: boolean;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16Strict = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });

/** a C0 control other than tab, LF and CR: never in text a spreadsheet writes */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
  }
  return false;
}

/** the UTF-16 byte order a BOM announces (FF FE little-endian, FE FF big-endian), or undefined */
export function utf16Bom(bytes: Buffer): Utf16 | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * The text after a UTF-16 BOM, or undefined when the bytes are not UTF-16
 * text: an odd length, a lone surrogate, a NUL or another control character.
 */
export function decodeUtf16(bytes: Buffer, order: Utf16): string | undefined {
  if (bytes.length % 2 !== 0) return undefined;
  // big-endian is little-endian with each pair swapped (a copy: the caller's bytes stay)
  const body = order === 'utf-16le' ? bytes.subarray(2) : Buffer.from(bytes.subarray(2)).swap16();
  let text: string;
  try {
    text = utf16Strict.decode(body);
  } catch {
    return undefined;
  }
  return hasControl(text) ? undefined : text;
}

/** the text of a CSV file; undefined when a UTF-16 BOM stands over bytes that are not UTF-16 text */
export function decodeSpreadsheet(bytes: Buffer): DecodedText | undefined {
  const order = utf16Bom(bytes);
  if (order) {
    const text = decodeUtf16(bytes, order);
    return text === undefined ? undefined : { text, encoding: order, bom: true };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8Strict.decode(body), encoding: 'utf-8', bom };
  } catch {
    return { text: iconv.decode(body, 'gb18030'), encoding: 'gbk', bom: false };
  }
}
