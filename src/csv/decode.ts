// Spreadsheet bytes → text. Excel in Chinese locales saves "CSV" as GBK by
// default, and as UTF-8 with a BOM when asked for "CSV UTF-8"; both arrive here.
// A file that is valid UTF-8 is UTF-8 (GBK text of any length is almost never
// valid UTF-8); anything else is read as GBK (GB18030, its superset).
import iconv from 'iconv-lite';

export type SourceEncoding = 'utf-8' | 'gbk';

export interface DecodedText {
  text: string;
  encoding: SourceEncoding;
  bom: boolean;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeSpreadsheet(bytes: Buffer): DecodedText {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8Strict.decode(body), encoding: 'utf-8', bom };
  } catch {
    return { text: iconv.decode(body, 'gb18030'), encoding: 'gbk', bom: false };
  }
}
