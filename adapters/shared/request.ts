// What both webhook doors (Slack's gate, Feishu's webhook) do with a request
// before their platform's rules: read a header, test a field's shape, compare
// a secret in constant time, and drop the connection after a 413.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** a header's value, the first one when it came more than once */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
export const isText = (x: unknown): x is string => typeof x === 'string' && x.length > 0;

/** the same UTF-8 bytes, compared in constant time */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A body too large: the answer (the caller's to send) closes the connection,
 * and the request is dropped once it is sent rather than read to its end.
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  res.once('finish', () => req.destroy());
}
