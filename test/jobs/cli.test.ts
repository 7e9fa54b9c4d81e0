// The job CLI: its arguments, and a dry run that prints what would be sent and
// sends and records nothing.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render.js';
import { describeRun, parseCli } from '../../jobs/cli.js';
import { createRuntime, runJob } from '../../jobs/scheduler.js';
import { DAY, makeWorld, quietLogger } from './world.js';

describe('job CLI', () => {
  it('reads the job, --now, --tenant and --dry-run, and explains bad input', () => {
    expect(parseCli(['digest', '--now', '2026-11-23T09:00:00+08:00', '--tenant', 'T1', '--dry-run'])).toEqual({
      job: 'digest', now: new Date('2026-11-23T01:00:00Z'), tenantId: 'T1', dryRun: true,
    });
    expect(parseCli(['weekly-report'])).toEqual({ job: 'weekly-report', now: undefined, tenantId: undefined, dryRun: false });
    expect(parseCli([])).toContain('usage:');
    expect(parseCli(['digest', 'extra'])).toContain('usage:');
    expect(parseCli(['reindex'])).toContain('usage:');
    expect(parseCli(['digest', '--now', 'tomorrow-ish'])).toContain('--now: "tomorrow-ish"');
    expect(parseCli(['digest', '--bogus'])).toContain('usage:');
  });

  it('a dry run prints each digest as console text and claims nothing', async () => {
    const w = makeWorld('2026-11-22T20:00:00Z'); // 04:00 Shanghai: before the digest time, which the CLI ignores
    await w.person('T1', 'U1', { timeZone: 'Asia/Shanghai' });
    await w.customer('T1', { name: 'Acme', code: 'C20261101001', ownerId: 'U1', tier: 'core', lastInteractionAt: new Date(w.clock.now().getTime() - 3 * DAY), nextFollowUpAt: new Date(w.clock.now().getTime() - DAY) });
    const printed: string[] = [];
    const rt = createRuntime({
      store: w.store, notifiers: [w.platform.notifier()], clock: w.clock, logger: quietLogger,
      config: { scheduler: false, defaultLang: 'en' },
    }, async () => undefined);
    const run = await runJob(rt, 'digest', {
      now: w.clock.now(), dryRun: true, ignoreTime: true,
      print: (header, reply) => printed.push(`${header}\n${renderText(reply)}`),
    });
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('digest 2026-11-23 → @U1 (T1)');
    expect(printed[0]).toContain('Acme (C20261101001)');
    expect(describeRun(run, true)).toContain('would send 1');
    expect(w.platform.delivered).toHaveLength(0);
    expect(await w.store.deliveries.counts()).toEqual({ pending: 0, sent: 0, failed: 0, empty: 0 });
  });

  it('a real run sends through the same records as the scheduler: never twice', async () => {
    const w = makeWorld('2026-11-23T02:00:00Z');
    await w.person('T1', 'U1', { timeZone: 'Asia/Shanghai' });
    await w.customer('T1', { name: 'Acme', ownerId: 'U1', nextFollowUpAt: new Date(w.clock.now().getTime() - DAY) });
    await w.scheduler().tick();
    const rt = createRuntime({
      store: w.store, notifiers: [w.platform.notifier()], clock: w.clock, logger: quietLogger,
      config: { scheduler: false, defaultLang: 'en' },
    }, async () => undefined);
    const run = await runJob(rt, 'digest', { now: w.clock.now(), ignoreTime: true });
    expect(run.skipped).toBe(1);
    expect(w.platform.delivered).toHaveLength(1);
  });
});
