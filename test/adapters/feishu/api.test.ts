// What the open API's answers mean for a sender.
import { describe, expect, it } from 'vitest';
import { call, errorFromThrown, requestUuid } from '../../../adapters/feishu/api.js';
import { DeliveryError } from '../../../src/notify.js';

describe('Feishu API answers', () => {
  it('classifies thrown HTTP errors, timeouts and codes', () => {
    const rate = errorFromThrown('x', { response: { status: 429, data: { code: 99991400 }, headers: { 'x-ogw-ratelimit-reset': '7' } } });
    expect(rate).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });
    expect(errorFromThrown('x', { response: { status: 503, data: {} } }).kind).toBe('transient');
    expect(errorFromThrown('x', { code: 'ECONNABORTED', message: 'timeout of 10000ms exceeded' }).kind).toBe('transient');
    expect(errorFromThrown('x', { response: { status: 400, data: { code: 230001 } } }).kind).toBe('permanent');
  });

  it('checks the code of every 200 answer', async () => {
    await expect(call('send', async () => ({ code: 230002, msg: 'Bot is not in the chat' }))).rejects.toMatchObject({ kind: 'permanent' });
    await expect(call('send', async () => ({ code: 99991400, msg: 'limit' }))).rejects.toMatchObject({ kind: 'rate-limited' });
    await expect(call('send', async () => ({ code: 0, data: { message_id: 'om_1' } }))).resolves.toMatchObject({ data: { message_id: 'om_1' } });
    await expect(call('send', async () => { throw new DeliveryError('x', 'transient'); })).rejects.toBeInstanceOf(DeliveryError);
  });

  it('keeps short keys as uuid and hashes long ones to at most 50 characters, stably', () => {
    expect(requestUuid('digest:t1:ou_a:2026-11-22')).toBe('digest:t1:ou_a:2026-11-22');
    const long = `digest:${'x'.repeat(80)}`;
    expect(requestUuid(long).length).toBeLessThanOrEqual(50);
    expect(requestUuid(long)).toBe(requestUuid(long));
    expect(requestUuid(long)).not.toBe(requestUuid(`${long}y`));
    expect(requestUuid('with space').length).toBeLessThanOrEqual(50);
  });
});
