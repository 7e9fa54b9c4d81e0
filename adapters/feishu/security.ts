// Webhook security that the SDK leaves to us (platforms.md): it checks the
// signature only with an encrypt key, never the verification token, keeps no
// replay window and no event-id memory. Pure functions; webhook.ts uses them.
import { createHash } from 'node:crypto';
import * as lark from '@larksuiteoapi/node-sdk';
import { header, isObject, isText, sameText } from '../shared/request.js';

export const MAX_SKEW_MS = 5 * 60_000;

export type Verdict =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; status: number; reason: string };

export interface SecurityOptions {
  verificationToken?: string;
  encryptKey?: string;
}

/** hex SHA-256 of timestamp + nonce + encryptKey + raw body, as Feishu signs */
export function signature(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + rawBody).digest('hex');
}

/** the token an envelope carries: schema 2.0 in header.token, v1 and url_verification at the top */
export function tokenOf(body: Record<string, unknown>): string | undefined {
  const head = body.header as Record<string, unknown> | undefined;
  const token = head?.token ?? body.token;
  return typeof token === 'string' ? token : undefined;
}

/**
 * Check a webhook request and give back its plain body. Order matters: the
 * signature (over the raw bytes) before decrypting, the token after.
 */
export function verifyRequest(
  rawBody: string,
  headers: Record<string, string | string[] | undefined>,
  opts: SecurityOptions,
  now: Date,
): Verdict {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    return { ok: false, status: 400, reason: 'body is not JSON' };
  }
  if (!isObject(parsed)) {
    return { ok: false, status: 400, reason: 'body is not a JSON object' };
  }
  let body = parsed as Record<string, unknown>;

  const timestamp = header(headers, 'x-lark-request-timestamp');
  const nonce = header(headers, 'x-lark-request-nonce');
  const signed = header(headers, 'x-lark-signature');

  if (opts.encryptKey) {
    if (typeof body.encrypt !== 'string') return { ok: false, status: 400, reason: 'expected an encrypted body' };
    let challenge = false;
    let plain: unknown;
    try {
      plain = JSON.parse(new lark.AESCipher(opts.encryptKey).decrypt(body.encrypt));
      challenge = isObject(plain) && plain.type === 'url_verification';
    } catch {
      return { ok: false, status: 400, reason: 'body does not decrypt with the encrypt key' };
    }
    // The url_verification of the console's "save request URL" may come
    // unsigned; decrypting with our key and the token below vouch for it.
    if (!challenge || signed !== undefined) {
      if (!timestamp || !nonce || !signed) return { ok: false, status: 401, reason: 'missing signature headers' };
      if (!sameText(signature(timestamp, nonce, opts.encryptKey, rawBody), signed)) {
        return { ok: false, status: 401, reason: 'bad signature' };
      }
    }
    if (!isObject(plain)) return { ok: false, status: 400, reason: 'decrypted body is not a JSON object' };
    body = plain;
  }

  if (timestamp !== undefined && body.type !== 'url_verification') {
    const sentAt = Number(timestamp) * 1000;
    if (!Number.isFinite(sentAt) || Math.abs(now.getTime() - sentAt) > MAX_SKEW_MS) {
      return { ok: false, status: 401, reason: 'stale or bad request timestamp' };
    }
  }

  if (opts.verificationToken) {
    const token = tokenOf(body);
    if (!token || !sameText(token, opts.verificationToken)) return { ok: false, status: 401, reason: 'bad verification token' };
  }
  const malformed = shapeProblem(body);
  if (malformed) return { ok: false, status: 400, reason: malformed };
  return { ok: true, body };
}

/**
 * What is missing for the body to be something the listeners can act on: a
 * url_verification with its challenge, or a schema 2.0 event (header with
 * event_type and event_id, and the event). Anything else gets a 400 rather
 * than a trip through the SDK.
 */
function shapeProblem(body: Record<string, unknown>): string | undefined {
  if (body.type === 'url_verification') return isText(body.challenge) ? undefined : 'url_verification without a challenge';
  const head = body.header;
  if (!isObject(head) || !isText(head.event_type) || !isText(head.event_id)) return 'not a schema 2.0 event (header.event_type, header.event_id)';
  if (!isObject(body.event)) return 'event without its body';
  return undefined;
}
