// Cutting text for a platform's length limits, by code points: half an emoji
// (a lone surrogate) is not valid Unicode in the JSON the platform parses.

/** the first `max` code points, nothing added */
export function cut(text: string, max: number): string {
  // UTF-16 length is never below the code-point count: short texts need no split
  if (text.length <= max) return text;
  return Array.from(text).slice(0, max).join('');
}

/** at most `max` code points, the last one an ellipsis (…) when the text was longer */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}
