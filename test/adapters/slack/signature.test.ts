// The gate's own signature check (gate.ts verifySignature) agrees with Bolt's
// verifySlackRequest on every case: the same HMAC, the same stale limit, and
// refusals for another version, a short or long hash and a changed body.
import { createHmac } from 'node:crypto';
import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { verifySignature } from '../../../adapters/slack/gate.js';

const SECRET = 'sig-secret';
const NOW = Date.UTC(2026, 0, 5, 9);
const sign = (ts: number, body: string, secret = SECRET) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
const ours = (sig: string, ts: number, body: string) => { try { verifySignature(SECRET, sig, ts, body, NOW); return true; } catch { return false; } };
const bolts = (sig: string, ts: number, body: string) => {
  try {
    verifySlackRequest({ signingSecret: SECRET, body, nowMilliseconds: NOW, headers: { 'x-slack-signature': sig, 'x-slack-request-timestamp': ts } });
    return true;
  } catch { return false; }
};

describe('slack signature check', () => {
  const ts = NOW / 1000 - 10;
  const body = 'command=%2Fcustomer&text=find+acme';
  const good = sign(ts, body);
  const cases: [string, string, number, string][] = [
    ['good', good, ts, body],
    ['wrong secret', sign(ts, body, 'other'), ts, body],
    ['changed body', good, ts, `${body}x`],
    ['other timestamp', good, ts + 1, body],
    ['stale', sign(NOW / 1000 - 301, body), NOW / 1000 - 301, body],
    ['at the stale limit', sign(NOW / 1000 - 300, body), NOW / 1000 - 300, body],
    ['version v1', good.replace(/^v0/, 'v1'), ts, body],
    ['no version', good.slice(3), ts, body],
    ['short hash', good.slice(0, -2), ts, body],
    ['long hash', `${good}00`, ts, body],
    ['empty hash', 'v0=', ts, body],
    ['upper-case hash', good.toUpperCase().replace(/^V0/, 'v0'), ts, body],
  ];
  it.each(cases)('%s: as Bolt decides', (_, sig, at, text) => {
    expect(ours(sig, at, text)).toBe(bolts(sig, at, text));
  });
  it('accepts the good one and refuses a mismatch', () => {
    expect(ours(good, ts, body)).toBe(true);
    expect(ours(sign(ts, body, 'other'), ts, body)).toBe(false);
  });
});
