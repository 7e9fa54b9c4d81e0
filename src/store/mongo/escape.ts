// User text never becomes a regular expression or an operator (SPEC §6).

/** the text as a literal inside a RegExp source */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** a string, whatever arrived: an object such as {"$gt": ""} becomes its text */
export function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
