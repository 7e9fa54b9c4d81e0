// Issue 15 §2/§6: scheduled messages on the tenant calendar's working days,
// driven as the service runs them (scheduler ticks on a manual clock, messages
// counted at a fake platform), on every store engine.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { localDate, localTimeParts } from '../../src/domain/time.js';
import type { PersonPrefs } from '../../src/domain/types.js';
import { deliveryId } from '../../src/store/deliveries.js';
import type { Block, Reply } from '../../src/views/model.js';
import type { JobStore } from '../../jobs/context.js';
import type { Scheduler } from '../../jobs/scheduler.js';
import { describeEachEngine, enginesUnderTest } from '../helpers/engines.js';
import { makeWorld, type World } from './world.js';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const HOUR = 3_600_000;

const tenantId = () => `wd-${randomBytes(4).toString('hex')}`;

/** the instant of a local wall time */
function at(ymd: string, hhmm: string, zone: string): Date {
  for (let h = -15; h <= 15; h += 1) {
    const t = new Date(`${ymd}T${hhmm}:00Z`).getTime() - h * HOUR;
    const p = localTimeParts(new Date(t), zone);
    if (localDate(new Date(t), zone) === ymd && `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}` === hhmm) return new Date(t);
  }
  throw new Error(`no ${ymd} ${hhmm} in ${zone}`);
}

function listed(reply: Reply): string[] {
  return reply.blocks.filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list').flatMap((l) => l.items.map((i) => i.text));
}

interface Run { w: World; T: string; s: Scheduler }

async function setUp(store: JobStore, start: Date, settings: { timeZone?: string; calendar?: 'cn' | 'weekdays' | 'none' } = {}): Promise<Run> {
  const w = makeWorld(start.toISOString(), { store });
  const T = tenantId();
  if (settings.timeZone || settings.calendar) await store.settings.update(T, settings, w.clock.now());
  // only this test's tenant is served: other tests' tenants share the engine's store
  const s = w.scheduler({ notifiers: [w.platform.notifier([T])] });
  return { w, T, s };
}

/** tick every `stepMinutes` up to (not past) `until` */
async function tickUntil(r: Run, until: Date, stepMinutes = 60): Promise<void> {
  while (r.w.clock.now().getTime() <= until.getTime()) {
    await r.s.tick();
    r.w.clock.advance(stepMinutes * 60_000);
  }
}

const sent = (r: Run, job: string) => r.w.platform.delivered.filter((d) => d.tenantId === r.T && d.key.split('|')[1] === job);

describeEachEngine('jobs on working days', await enginesUnderTest(), (store) => {
  it('National Day 2026: digests on the make-up Sunday and Saturday, none Oct 1–7, and Oct 8 lists what fell due on the holiday', async () => {
    const r = await setUp(store() as JobStore, at('2026-09-20', '00:00', SH));
    await r.w.person(r.T, 'U1', { timeZone: SH, role: 'admin' });
    await r.w.customer(r.T, { name: 'Always late', ownerId: 'U1', nextFollowUpAt: at('2026-09-18', '10:00', SH) });
    for (let d = 1; d <= 7; d += 1) {
      await r.w.customer(r.T, { name: `Holiday ${d}`, ownerId: 'U1', nextFollowUpAt: at(`2026-10-0${d}`, '10:00', SH) });
    }
    await tickUntil(r, at('2026-10-11', '23:00', SH));

    const digests = sent(r, 'digest');
    expect(digests.map((d) => d.at)).toEqual([
      '2026-09-20', '2026-09-21', '2026-09-22', '2026-09-23', '2026-09-24', '2026-09-28', '2026-09-29', '2026-09-30',
      '2026-10-08', '2026-10-09', '2026-10-10',
    ].map((day) => at(day, '09:00', SH).toISOString()));
    // nothing lost: "due before tomorrow" on Oct 8 has every holiday's customer
    const oct8 = listed(digests[8]!.reply);
    for (let d = 1; d <= 7; d += 1) expect(oct8).toContainEqual(expect.stringContaining(`Holiday ${d}`));
    expect(listed(digests[7]!.reply).some((t) => t.includes('Holiday'))).toBe(false);

    // the weekly report on each week's first working day: Monday, Monday, then Thursday Oct 8
    expect(sent(r, 'weekly-report').map((d) => [d.key.split('|')[3], d.at])).toEqual([
      ['2026-09-21', at('2026-09-21', '09:00', SH).toISOString()],
      ['2026-09-28', at('2026-09-28', '09:00', SH).toISOString()],
      ['2026-10-05', at('2026-10-08', '09:00', SH).toISOString()],
    ]);
    // the monthly review (nothing to suggest: recorded empty) on October's first working day
    const review = await r.w.store.deliveries.get(deliveryId({ tenantId: r.T, job: 'monthly-review', recipient: 'U1', period: '2026-10' }));
    expect(review).toMatchObject({ state: 'empty' });
    expect(review!.updatedAt.toISOString()).toBe(at('2026-10-08', '09:00', SH).toISOString());
    expect([...r.w.platform.perKey().values()].every((n) => n === 1)).toBe(true);
  });

  it('Spring Festival 2026: the make-up Saturday gets a digest, Feb 24 has what fell due and the reports of both weeks', async () => {
    const r = await setUp(store() as JobStore, at('2026-02-13', '00:00', SH));
    await r.w.person(r.T, 'U1', { timeZone: SH, role: 'manager' });
    await r.w.customer(r.T, { name: 'Before', ownerId: 'U1', nextFollowUpAt: at('2026-02-12', '10:00', SH) });
    await r.w.customer(r.T, { name: 'New year', ownerId: 'U1', nextFollowUpAt: at('2026-02-17', '10:00', SH) });
    await tickUntil(r, at('2026-02-25', '23:00', SH));

    const digests = sent(r, 'digest');
    expect(digests.map((d) => localDate(new Date(d.at), SH))).toEqual(['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-25']);
    expect(listed(digests[2]!.reply)).toContainEqual(expect.stringContaining('New year'));
    // Feb 16–22 has no working day: its report (about Feb 9–15) goes on the first working day
    // after, Tuesday the 24th, beside the report of Feb 23's week (about Feb 16–22)
    expect(sent(r, 'weekly-report').map((d) => [d.key.split('|')[3], d.at]).sort()).toEqual([
      ['2026-02-16', at('2026-02-24', '09:00', SH).toISOString()],
      ['2026-02-23', at('2026-02-24', '09:00', SH).toISOString()],
    ]);
    const about = sent(r, 'weekly-report').map((d) => d.reply.summary).sort();
    expect(about).toEqual([expect.stringContaining('2026-02-09'), expect.stringContaining('2026-02-16')]);
  });

  it('a person in another zone gets it at 09:00 in their zone on the days that are working days there', async () => {
    const r = await setUp(store() as JobStore, at('2026-09-30', '00:00', NY));
    // the platform says Shanghai; their own setting (me) says New York, and wins
    await r.w.person(r.T, 'U-ny', { timeZone: SH, prefs: { timeZone: NY } });
    await r.w.customer(r.T, { name: 'Late', ownerId: 'U-ny', nextFollowUpAt: at('2026-09-28', '10:00', NY) });
    await tickUntil(r, at('2026-10-09', '23:00', NY));
    expect(sent(r, 'digest').map((d) => d.at)).toEqual(
      ['2026-09-30', '2026-10-08', '2026-10-09'].map((day) => at(day, '09:00', NY).toISOString()),
    );
  });

  it('across the DST changes of New York (weekdays), at 09:00 local on working days only', async () => {
    for (const [from, to, days] of [
      ['2026-03-06', '2026-03-10', ['2026-03-06', '2026-03-09', '2026-03-10']],
      ['2026-10-30', '2026-11-03', ['2026-10-30', '2026-11-02', '2026-11-03']],
    ] as const) {
      const r = await setUp(store() as JobStore, at(from, '00:00', NY), { timeZone: NY });
      await r.w.person(r.T, 'U1', { timeZone: NY });
      await r.w.customer(r.T, { name: 'Late', ownerId: 'U1', nextFollowUpAt: at('2026-03-02', '10:00', NY) });
      await tickUntil(r, at(to, '23:00', NY), 30);
      expect(sent(r, 'digest').map((d) => d.at)).toEqual(days.map((day) => at(day, '09:00', NY).toISOString()));
    }
    // 09:00 EST is 14:00Z, 09:00 EDT 13:00Z
    expect(at('2026-03-06', '09:00', NY).toISOString()).toBe('2026-03-06T14:00:00.000Z');
    expect(at('2026-03-09', '09:00', NY).toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('a pause that ends on a holiday: nothing until the first working day after it, which lists what fell due', async () => {
    const r = await setUp(store() as JobStore, at('2026-09-29', '00:00', SH));
    const prefs: PersonPrefs = { digestOff: true, digestResumeOn: '2026-10-03' };
    await r.w.person(r.T, 'U1', { timeZone: SH, prefs });
    await r.w.customer(r.T, { name: 'During the pause', ownerId: 'U1', nextFollowUpAt: at('2026-09-29', '10:00', SH) });
    await r.w.customer(r.T, { name: 'On the holiday', ownerId: 'U1', nextFollowUpAt: at('2026-10-04', '10:00', SH) });
    await tickUntil(r, at('2026-10-09', '23:00', SH));
    const digests = sent(r, 'digest');
    expect(digests.map((d) => localDate(new Date(d.at), SH))).toEqual(['2026-10-08', '2026-10-09']);
    expect(listed(digests[0]!.reply)).toEqual([expect.stringContaining('During the pause'), expect.stringContaining('On the holiday')]);
  });

  it('a digest time moved while the digest is due: later waits for the new time, earlier goes at once, never twice a day', async () => {
    const r = await setUp(store() as JobStore, at('2026-12-01', '08:00', SH));
    await r.w.person(r.T, 'U1', { timeZone: SH });
    await r.w.customer(r.T, { name: 'Late', ownerId: 'U1', nextFollowUpAt: at('2026-11-30', '10:00', SH) });
    const setTime = (digestTime: string) => r.w.person(r.T, 'U1', { timeZone: SH, prefs: { digestTime } });

    await tickUntil(r, at('2026-12-01', '08:45', SH), 15);
    await setTime('10:30'); // at 09:00 the tenant's time would have sent it
    await tickUntil(r, at('2026-12-01', '11:00', SH), 15);
    await setTime('11:15'); // already sent today: not again
    await tickUntil(r, at('2026-12-02', '07:45', SH), 15);
    await setTime('07:00'); // at 08:00 on the 2nd, 07:00 is past: it goes at the next tick
    await tickUntil(r, at('2026-12-02', '12:00', SH), 15);

    expect(sent(r, 'digest').map((d) => d.at)).toEqual([
      at('2026-12-01', '10:30', SH).toISOString(),
      at('2026-12-02', '08:00', SH).toISOString(),
    ]);
  });
});
