// Every date a person reads is in their zone (SPEC §8): a deal recorded on
// 2025-10-28 in Shanghai is "first deal 2025-10-28" in the monthly review,
// with the months counted on that calendar, not UTC's.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render.js';
import { createEngine } from '../../src/commands/engine.js';
import { makeWorld, type World } from './world.js';

const T = 'T1';

async function book(w: World) {
  await w.person(T, 'amy', { name: 'Amy' });
  // a tenant that never recycles to the public pool: a year without follow-ups keeps Acme with its owner
  await w.store.settings.update(T, { pool: { recycleDays: { core: 0, key: 0, regular: 0, potential: 0 } } }, w.clock.now());
  const engine = createEngine({
    store: w.store, clock: w.clock, logger: pino({ level: 'silent' }), adminUsers: [],
    defaultTimeZone: 'Asia/Shanghai', defaultLang: 'en',
  });
  const say = async (text: string) => renderText(await engine.handleText({ platform: 'console', tenantId: T, userId: 'amy' }, text));
  // 2025-10-28 08:30 in Shanghai, 00:30 UTC
  w.clock.set(new Date('2025-10-28T00:30:00Z'));
  await say('new "Acme Trading"');
  const [acme] = await w.store.customers.search(T, { text: 'Acme', limit: 1 });
  expect(await say(`deal ${acme!.code} 30000 --on 2025-10-28`)).toContain('Deal of');
  w.clock.set(new Date('2026-06-01T02:00:00Z'));
  await say(`deal ${acme!.code} 60000`);
  return { say };
}

async function reviewOn(w: World, at: string): Promise<string> {
  w.clock.set(new Date(at));
  await w.scheduler().tick();
  const review = w.platform.delivered.find((d) => d.key.includes('monthly-review'));
  expect(review, 'a review was sent').toBeDefined();
  return renderText(review!.reply);
}

describe('dates in the person\'s zone', () => {
  it('the monthly review says the first deal\'s own day and the months on that calendar', async () => {
    const w = makeWorld('2025-10-20T00:00:00Z');
    await book(w);
    // 2026-12-01 09:00 in Shanghai
    const text = await reviewOn(w, '2026-12-01T01:00:00Z');
    expect(text).toContain('Cooperating for 13 months (first deal 2025-10-28)');
    expect(text).not.toContain('2025-10-27');
  });

  it('a person who chose another zone reads the same instant on their own calendar', async () => {
    const w = makeWorld('2025-10-20T00:00:00Z');
    const { say } = await book(w);
    // the deal's day began at 2025-10-27 16:00 UTC: 09:00 on the 27th in Los Angeles
    await say('me tz America/Los_Angeles');
    // 2026-12-01 09:00 in Los Angeles
    const text = await reviewOn(w, '2026-12-01T17:00:00Z');
    expect(text).toContain('first deal 2025-10-27');
  });
});
