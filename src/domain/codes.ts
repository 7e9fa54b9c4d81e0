// Customer codes: C + creation day (tenant zone) + daily sequence (SPEC §1).
import { isValidYmd } from './time.js';

/** C20261122001; the sequence widens past 999 (C202611221000) rather than wrapping */
export function formatCode(day: string, seq: number): string {
  if (!/^\d{8}$/.test(day)) throw new Error(`formatCode: day must be YYYYMMDD, got "${day}"`);
  if (!Number.isInteger(seq) || seq < 1) throw new Error(`formatCode: sequence must be a positive integer, got ${seq}`);
  return `C${day}${String(seq).padStart(3, '0')}`;
}

const CODE = /^C(\d{4})(\d{2})(\d{2})(\d{3,})$/i;

/** does the text (trimmed, any case) look like a customer code rather than a name? */
export function isCustomerCode(text: string): boolean {
  const m = CODE.exec(text.trim());
  if (!m) return false;
  return isValidYmd(Number(m[1]), Number(m[2]), Number(m[3])) && Number(m[4]) >= 1;
}

export function normaliseCode(text: string): string {
  return text.trim().toUpperCase();
}
