// Visibility (issue 6 §8): /healthz of the real app carries the scheduler's
// state and the delivery counts; SCHEDULER=off says so per replica.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { CN_YEARS } from '../../src/domain/calendar.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

describe('/healthz shows the jobs', () => {
  let running: TestApp | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  for (const flag of ['on', 'off'] as const) {
    it(`with SCHEDULER=${flag}`, async () => {
      running = await startTestApp({ SCHEDULER: flag });
      const res = await fetch(`${running.baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) });
      const body = await res.json() as { jobs?: { enabled: boolean; replica: string; running: boolean; deliveries: Record<string, number>; lastRuns: object } };
      expect(body.jobs).toMatchObject({
        enabled: flag === 'on',
        running: false,
        deliveries: { pending: 0, sent: 0, failed: 0, empty: 0 },
        lastRuns: {},
      });
      expect(body.jobs?.replica).toMatch(/:\d+:/);
    });
  }
});

describe('/healthz shows how current the working calendar is', () => {
  let running: TestApp | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  // relative to the data, so a yearly package update keeps this test true
  for (const [now, cnFallback] of [[`${CN_YEARS.last}-12-01T01:00:00Z`, false], [`${CN_YEARS.last + 1}-01-04T01:00:00Z`, true]] as const) {
    it(`on ${now.slice(0, 10)}: cnFallback ${cnFallback}`, async () => {
      running = await startTestApp({}, { clock: new ManualClock(now) });
      const res = await fetch(`${running.baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) });
      const body = await res.json() as { status: string; calendar?: { cnYears: string; cnFallback: boolean; cnNextYear: boolean } };
      // past the data the service still works (cn reads as weekdays): a flag, not a failure
      expect(res.status).toBe(200);
      expect(body.calendar).toEqual({ cnYears: `2004–${CN_YEARS.last}`, cnFallback, cnNextYear: false });
    });
  }
});
