// Visibility (issue 6 §8): /healthz of the real app carries the scheduler's
// state and the delivery counts; SCHEDULER=off says so per replica.
import { afterEach, describe, expect, it } from 'vitest';
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
