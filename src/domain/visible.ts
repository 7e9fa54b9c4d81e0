// Names and text are visible text (SPEC §1, issue 12): what a person typed,
// pasted or put in a spreadsheet cell is stored without control characters,
// and text with nothing visible in it (only spaces, control, format or
// zero-width characters) is refused, never stored as a blank-looking name.
// The same rule for commands, forms and CSV import.
import { UserError } from '../errors.js';

/** C0/C1 controls (NUL, ESC, DEL…); a line break and a tab survive in multi-line text */
const CONTROL = /\p{Cc}/gu;
const CONTROL_EXCEPT_LINES = /[^\P{Cc}\n\t]/gu;
/** bidi embeddings, overrides and isolates: they reorder what is shown around them */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/gu;
/** line and paragraph separators become plain line breaks */
const SEPARATORS = /[\u2028\u2029]/gu;
/**
 * What shows nothing: controls, format characters (zero-width space and
 * joiners, word joiner, BOM, soft hyphen, bidi marks…), spaces of every
 * kind, and the fillers and blanks that render empty (Hangul fillers,
 * Khmer inherent vowels, Mongolian vowel separator, braille blank,
 * combining grapheme joiner).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\s\u115F\u1160\u180E\u2800\u3164\uFFA0]|\u034F|\u17B4|\u17B5/gu;

/** true when something in the text would show */
export function isVisible(text: string): boolean {
  return text.replace(INVISIBLE, '').length > 0;
}

/**
 * The text without control and bidi characters. `multiline` keeps line
 * breaks and tabs; otherwise they become spaces.
 */
export function stripControl(text: string, opts: { multiline?: boolean } = {}): string {
  const lines = text.replace(SEPARATORS, '\n').replace(BIDI, '').replace(/\r\n?/g, '\n');
  return opts.multiline ? lines.replace(CONTROL_EXCEPT_LINES, '') : lines.replace(/[\n\t\v\f]/g, ' ').replace(CONTROL, '');
}

/**
 * Free text as stored: controls stripped, trimmed. Refused (domain.textInvisible,
 * naming `field`) when nothing visible is left; '' stays '' (not given).
 */
export function visibleText(raw: string, field: string, opts: { multiline?: boolean } = {}): string {
  const text = stripControl(raw.normalize('NFC'), opts).trim();
  if (raw.trim() !== '' && !isVisible(text)) throw new UserError('domain.textInvisible', { field });
  return text;
}
