// Webhook checks against requests built exactly as Feishu builds them.
import { describe, expect, it } from 'vitest';
import { verifyRequest } from '../../../adapters/feishu/security.js';
import { feishuRequest, messageEvent, urlVerification } from '../../helpers/fake-feishu.js';

const TOKEN = 'v-token';
const KEY = 'encrypt-key-123';
const now = new Date();
const event = messageEvent({ tenantKey: 't1', token: TOKEN, openId: 'ou_a', text: 'help' });

describe('Feishu webhook security', () => {
  it('accepts a plain event with the right token and refuses a wrong one', () => {
    const good = feishuRequest(event);
    expect(verifyRequest(good.body, good.headers, { verificationToken: TOKEN }, now)).toMatchObject({ ok: true });
    const bad = feishuRequest(messageEvent({ tenantKey: 't1', token: 'nope', openId: 'ou_a', text: 'help' }));
    expect(verifyRequest(bad.body, bad.headers, { verificationToken: TOKEN }, now)).toMatchObject({ ok: false, status: 401 });
  });

  it('decrypts and checks the signature of an encrypted event', () => {
    const req = feishuRequest(event, { encryptKey: KEY });
    expect(JSON.parse(req.body)).toHaveProperty('encrypt');
    const verdict = verifyRequest(req.body, req.headers, { verificationToken: TOKEN, encryptKey: KEY }, now);
    expect(verdict).toMatchObject({ ok: true, body: { schema: '2.0', header: { tenant_key: 't1' } } });
    const forged = feishuRequest(event, { encryptKey: KEY, signWith: 'another-key' });
    expect(verifyRequest(forged.body, forged.headers, { encryptKey: KEY }, now)).toMatchObject({ ok: false, status: 401, reason: 'bad signature' });
    const plain = feishuRequest(event);
    expect(verifyRequest(plain.body, plain.headers, { encryptKey: KEY }, now)).toMatchObject({ ok: false, status: 400 });
    const otherKey = feishuRequest(event, { encryptKey: 'other' });
    expect(verifyRequest(otherKey.body, otherKey.headers, { encryptKey: KEY }, now)).toMatchObject({ ok: false });
  });

  it('refuses a request older than five minutes, and one from the future', () => {
    const sec = Math.floor(now.getTime() / 1000);
    for (const ts of [sec - 301, sec + 301]) {
      const req = feishuRequest(event, { encryptKey: KEY, timestampSec: ts });
      expect(verifyRequest(req.body, req.headers, { encryptKey: KEY }, now)).toMatchObject({ ok: false, reason: 'stale or bad request timestamp' });
    }
    const fresh = feishuRequest(event, { encryptKey: KEY, timestampSec: sec - 200 });
    expect(verifyRequest(fresh.body, fresh.headers, { encryptKey: KEY }, now)).toMatchObject({ ok: true });
  });

  it('lets an encrypted url_verification through when it decrypts and carries the token', () => {
    const req = feishuRequest(urlVerification(TOKEN, 'abc'), { encryptKey: KEY });
    delete req.headers['x-lark-signature'];
    expect(verifyRequest(req.body, req.headers, { verificationToken: TOKEN, encryptKey: KEY }, now)).toMatchObject({ ok: true, body: { challenge: 'abc' } });
    const wrong = feishuRequest(urlVerification('nope', 'abc'), { encryptKey: KEY });
    expect(verifyRequest(wrong.body, wrong.headers, { verificationToken: TOKEN, encryptKey: KEY }, now)).toMatchObject({ ok: false });
  });

  it('refuses what is not JSON', () => {
    expect(verifyRequest('not json', {}, { verificationToken: TOKEN }, now)).toMatchObject({ ok: false, status: 400 });
  });
});
