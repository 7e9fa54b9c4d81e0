// Issue 15 §7: a clock that jumps (a VM resumed after days, an NTP step, a
// laptop waking). The scheduler's own minute timer is driven by hand here:
// each wake reads the moved clock and runs one tick, however far it jumped,
// and every message still goes exactly once.
import { describe, expect, it } from 'vitest';
import type { Timers } from '../../jobs/scheduler.js';
import { JOB_NAMES, untilNextMinute } from '../../jobs/scheduler.js';
import { DAY, makeWorld } from './world.js';

const T = 'T1';
const HOUR = 3_600_000;

/** timers the test fires: one pending wake at a time, as the scheduler arms them */
class HandTimers implements Timers {
  pending: { fire: () => void; ms: number }[] = [];
  cleared = 0;
  set(fire: () => void, ms: number) {
    const entry = { fire, ms };
    this.pending.push(entry);
    return entry;
  }
  clear(handle: unknown) {
    this.pending = this.pending.filter((e) => e !== handle);
    this.cleared += 1;
  }
  /** the pending wake fires, whatever the clock says */
  fire(): void {
    const entry = this.pending.shift();
    if (!entry) throw new Error('no wake armed');
    entry.fire();
  }
}

/** a world whose scheduler runs on its own timer; counts the ticks by the tenants it looks up */
async function timedWorld(start: string) {
  const w = makeWorld(start);
  let lookups = 0;
  const tenants = w.store.settings.tenants.bind(w.store.settings);
  w.store.settings.tenants = () => {
    lookups += 1;
    return tenants();
  };
  await w.person(T, 'U1', { timeZone: 'Asia/Shanghai', role: 'admin' });
  // a core customer: never recycled to the public pool, however long the jump
  await w.customer(T, { name: 'Late', tier: 'core', ownerId: 'U1', nextFollowUpAt: new Date(w.clock.now().getTime() - 2 * DAY) });
  const timers = new HandTimers();
  const warnings: string[] = [];
  const logger = { info: () => undefined, error: () => undefined, warn: (_: unknown, msg?: string) => { warnings.push(msg ?? ''); } };
  const s = w.scheduler({ cron: true, timers, logger });
  // every job asks for the tenants once per tick
  const ticks = () => lookups / JOB_NAMES.length;
  const wake = async () => {
    timers.fire();
    await s.tick(); // joins the tick the wake started (ticks never overlap)
  };
  return { w, s, timers, ticks, wake, warnings };
}

describe('a clock that jumps', () => {
  it('arms one wake just past the next minute of the clock, at most a minute away', () => {
    expect(untilNextMinute(new Date('2026-12-01T01:00:00.000Z'))).toBe(60_250);
    expect(untilNextMinute(new Date('2026-12-01T01:00:59.900Z'))).toBe(350);
  });

  it('forward 100 days is one tick, not 144,000 replayed minutes, and the day\'s digest goes once', async () => {
    // Tue 2026-12-01 09:30 Shanghai
    const t = await timedWorld('2026-12-01T01:30:00Z');
    await t.wake();
    expect(t.ticks()).toBe(1);
    expect(t.w.platform.count((d) => d.key.includes('|digest|'))).toBe(1);

    t.w.clock.advance(100 * DAY); // Thu 2027-03-11 09:30: the VM resumed
    const before = performance.now();
    await t.wake();
    expect(performance.now() - before).toBeLessThan(5_000);
    expect(t.ticks()).toBe(2);
    expect(t.timers.pending).toHaveLength(1); // and it goes on, one wake armed
    expect(t.timers.pending[0]!.ms).toBeLessThanOrEqual(60_250);
    // the skipped days are not flooded: today's digest only
    const digests = t.w.platform.delivered.filter((d) => d.key.includes('|digest|')).map((d) => d.key.split('|')[3]);
    expect(digests).toEqual(['2026-12-01', '2027-03-11']);
    // 2027 is past the cn data: said once in the log, however many ticks follow
    t.w.clock.advance(HOUR);
    await t.wake();
    expect(t.warnings.filter((m) => m.includes('cn working calendar'))).toHaveLength(1);
    await t.s.stop();
    expect(t.timers.pending).toHaveLength(0);
  });

  it('forward and back by hours and days: every message exactly once', async () => {
    // Mon 2026-11-30 08:30 Shanghai
    const t = await timedWorld('2026-11-30T00:30:00Z');
    const steps = [
      HOUR, // 09:30 Monday: digest and weekly report
      -2 * HOUR, // back to 07:30: nothing again
      3 * HOUR, // 10:30: nothing again
      -DAY, // Sunday 10:30: a day off
      2 * DAY, // Tuesday 10:30: the 1st of December, digest and monthly review
      -3 * DAY, // back to Saturday
      3 * DAY + 30 * 60_000, // Tuesday 11:00 again
      7 * DAY, // Tuesday the 8th
      -HOUR * 5, // back before that morning's 09:00 is fine: already sent
    ];
    for (const step of steps) {
      t.w.clock.advance(step);
      await t.wake();
    }
    expect(t.ticks()).toBe(steps.length);
    expect([...t.w.platform.perKey().values()].every((n) => n === 1)).toBe(true);
    const keys = t.w.platform.delivered.map((d) => d.key.split('|').slice(1).join(' ')).sort();
    expect(keys).toEqual([
      'digest U1 2026-11-30', 'digest U1 2026-12-01', 'digest U1 2026-12-08',
      'weekly-report U1 2026-11-30', 'weekly-report U1 2026-12-07',
    ]);
    await t.s.stop();
  });
});
