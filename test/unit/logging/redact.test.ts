// The one redaction at the logger (src/redact.ts): what an SDK throws is
// written as what explains it, and no secret survives in keys or in text.
import { describe, expect, it } from 'vitest';
import { CENSOR, createRedactor } from '../../../src/redact.js';

const APP_SECRET = 'AppSecretValue0123456789';
const TENANT_TOKEN = 't-g1044cAbcdefghijklmnopqrstuvwxyz0123';

function axiosError(): Error {
  const e = new Error('Request failed with status code 503') as Error & Record<string, unknown>;
  Object.assign(e, {
    isAxiosError: true,
    code: 'ERR_BAD_RESPONSE',
    config: {
      url: '/open-apis/auth/v3/tenant_access_token/internal',
      headers: { Authorization: `Bearer ${TENANT_TOKEN}` },
      data: JSON.stringify({ app_id: 'cli_x', app_secret: APP_SECRET }),
    },
    request: { _header: `POST / HTTP/1.1\r\nAuthorization: Bearer ${TENANT_TOKEN}\r\n`, outputData: [{ data: APP_SECRET }] },
    response: { status: 503, data: { code: 1, msg: 'busy' }, config: { data: APP_SECRET }, headers: { 'set-cookie': 'x' } },
  });
  return e;
}

describe('createRedactor', () => {
  const r = createRedactor([APP_SECRET, 'short']);
  const out = (v: unknown) => JSON.stringify(r.value(v));

  it('an axios error keeps its message, code, status and answer, never its request', () => {
    const text = out({ err: axiosError() });
    expect(text).not.toContain(APP_SECRET);
    expect(text).not.toContain(TENANT_TOKEN);
    expect(JSON.parse(text)).toMatchObject({
      err: { type: 'Error', message: 'Request failed with status code 503', code: 'ERR_BAD_RESPONSE', response: { status: 503, data: { code: 1, msg: 'busy' } } },
    });
  });

  it('keys that name a secret are censored at any depth; ordinary values stay', () => {
    const v = r.value({ a: { b: { c: { d: { access_token: 'x1', clientSecret: 'y', Authorization: 'z', name: 'ACME' } } } }, appId: 'cli_1' }) as Record<string, never>;
    expect(JSON.stringify(v)).toBe(JSON.stringify({ a: { b: { c: { d: { access_token: CENSOR, clientSecret: CENSOR, Authorization: CENSOR, name: 'ACME' } } } }, appId: 'cli_1' }));
  });

  it('text loses configured values, bearer credentials, token shapes, key=value secrets and URL passwords', () => {
    const line = r.text(`sent ${APP_SECRET} with Bearer ${TENANT_TOKEN} xoxb-1-2-abc xapp-1-A-3-def `
      + `{"app_secret":"s1"} {\\"app_secret\\":\\"s2\\"} client_secret=s3&x=1 mongodb://u:pw@host/db`);
    for (const leaked of [APP_SECRET, TENANT_TOKEN, 'xoxb-1-2-abc', 'xapp-1-A-3-def', 's1', 's2', 's3', ':pw@']) expect(line).not.toContain(leaked);
    expect(line).toContain('mongodb://u:');
    // a configured value shorter than 6 characters would blank ordinary words: it is left to the key rules
    expect(r.text('a short note')).toBe('a short note');
  });

  it('survives cycles, buffers, class instances and very deep values', () => {
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { leaf: 'bottom' };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    class Socketish { secretField = APP_SECRET; }
    const text = out({ cyclic, buf: Buffer.from(APP_SECRET), deep, sock: new Socketish() });
    expect(text).not.toContain(APP_SECRET);
    expect(text).toContain('[circular]');
    expect(text).toContain('[Socketish]');
  });
});
