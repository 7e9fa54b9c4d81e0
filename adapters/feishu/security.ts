// Webhook security that the SDK leaves to us (platforms.md): it checks the
// signature only with an encrypt key, never the verification token, keeps no
// replay window and no event-id memory. Pure functions; webhook.ts uses them.
import { createHash, timingSafeEqual } from 'node:crypto';
import * as lark from '@larksuiteoapi/node-sdk';

export const MAX_SKEW_MS = 5 * 60_000;

export type Verdict =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; status: number; reason: string };

export interface SecurityOptions {
  verificationToken?: string;
  encryptKey?: string;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
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
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, status: 400, reason: 'body is not a JSON object' };
  }
  let body = parsed as Record<string, unknown>;

  const timestamp = header(headers, 'x-lark-request-timestamp');
  const nonce = header(headers, 'x-lark-request-nonce');
  const signed = header(headers, 'x-lark-signature');

  if (opts.encryptKey) {
    if (typeof body.encrypt !== 'string') return { ok: false, status: 400, reason: 'expected an encrypted body' };
    let challenge = false;
    let plain: Record<string, unknown>;
    try {
      plain = JSON.parse(new lark.AESCipher(opts.encryptKey).decrypt(body.encrypt)) as Record<string, unknown>;
      challenge = plain.type === 'url_verification';
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
  return { ok: true, body };
}
