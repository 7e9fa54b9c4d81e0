// The calendar setting and the day-off mark, as an admin and a salesperson see them.
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../../helpers/engine.js';

describe('settings calendar', () => {
  it('defaults to cn in Shanghai, takes cn|weekdays|none, refuses anything else and writes nothing', async () => {
    const h = await makeHarness();
    expect((await h.say('boss', 'settings')).text).toContain('calendar = cn');
    const before = await h.writes();
    expect((await h.say('boss', 'settings calendar moon')).text).toContain('"moon" is not a valid value for calendar');
    expect((await h.say('amy', 'settings calendar none')).text).toContain('not allowed');
    expect(await h.writes()).toEqual(before);
    expect((await h.say('boss', 'settings calendar WEEKDAYS')).text).toContain('calendar is now weekdays');
    expect((await h.store.settings.get('t1')).calendar).toBe('weekdays');
    expect((await h.say('boss', 'settings timeZone America/New_York')).text).toContain('America/New_York');
    expect((await h.say('boss', 'settings')).text).toContain('calendar = weekdays');
    expect((await h.say('boss', '客户 设置 calendar 休息')).text).toContain('“休息”不是 calendar 的有效值');
  });

  it('defaults to weekdays for a tenant outside mainland China', async () => {
    const h = await makeHarness();
    await h.say('boss', 'settings timeZone Europe/Berlin');
    expect((await h.say('boss', 'settings')).text).toContain('calendar = weekdays');
  });

  it('moves cadence dates when the calendar changes, and never a typed one', async () => {
    // Sat 2026-09-26 10:00 Shanghai: a core customer's next follow-up is Oct 3 + moved to Oct 8
    const h = await makeHarness({ now: '2026-09-26T02:00:00Z' });
    await h.say('boss', 'new "Cadence Co" --tier core');
    await h.say('boss', 'new "Typed Co" --tier core');
    const typed = (await h.say('boss', 'log "Typed Co" 电话沟通续约价格，客户希望打95折 --next 2026-10-03')).text;
    expect(typed).not.toContain('✖');
    const next = async (name: string) => (await h.store.customers.list('t1', {}, { offset: 0, limit: 10 })).items.find((c) => c.name === name)?.nextFollowUpAt?.toISOString();
    expect(await next('Cadence Co')).toBe('2026-10-08T02:00:00.000Z');
    expect(await next('Typed Co')).toBe('2026-10-02T16:00:00.000Z');
    await h.say('boss', 'settings calendar none');
    expect(await next('Cadence Co')).toBe('2026-10-03T02:00:00.000Z');
    expect(await next('Typed Co')).toBe('2026-10-02T16:00:00.000Z');
  });
});

describe('the customer card', () => {
  it('shows the day of the week and marks a typed date that is a day off, in both languages', async () => {
    const h = await makeHarness({ now: '2026-09-26T02:00:00Z' });
    await h.say('boss', 'new "Holiday Co" --tier core');
    await h.say('boss', 'log "Holiday Co" 电话沟通续约价格，客户希望打95折 --next 2026-10-03');
    expect((await h.say('boss', '客户 查看 "Holiday Co"')).text).toMatch(/下次跟进:\s+2026-10-03（周六），休息日/);
    expect((await h.say('boss', 'show "Holiday Co"')).text).toMatch(/2026-10-03 \(Sat\), a day off/);
    await h.say('boss', 'log "Holiday Co" called about the renewal price, they want 5% off --next 2026-10-10');
    // Saturday Oct 10 is a make-up working day: no mark
    const card = (await h.say('boss', 'show "Holiday Co"')).text;
    expect(card).toContain('2026-10-10 (Sat)');
    expect(card).not.toContain('day off');
  });
});
