// Runs the messages a job planned: skips what is already finished in one read,
// prints instead of sending on a dry run, otherwise delivers each exactly once
// and reports permanent failures to the tenant's admins.
import { t } from '../src/i18n/index.js';
import type { Delivery, DeliveryJob } from '../src/store/deliveries.js';
import { deliveryId } from '../src/store/deliveries.js';
import type { Reply } from '../src/views/model.js';
import { reply } from '../src/views/reply.js';
import type { JobRun, JobRuntime, RunOptions } from './context.js';
import { langOf, newRun, notifierFor, tenantsOf } from './context.js';
import { deliverAll, deliverOnce, type Job, type SenderDeps } from './deliver.js';

function senderDeps(rt: JobRuntime): SenderDeps {
  const deps: SenderDeps = {
    deliveries: rt.store.deliveries,
    clock: rt.clock,
    sleep: rt.sleep,
    random: rt.random,
    owner: rt.owner,
    policy: rt.policy,
    gateFor: rt.gateFor,
    onFailed: (delivery, error) => reportFailure(rt, deps, delivery, error),
  };
  return deps;
}

/**
 * A message given up for good is never dropped silently: each admin of the
 * tenant gets a direct message about it, itself sent exactly once.
 */
async function reportFailure(rt: JobRuntime, deps: SenderDeps, failed: Delivery, error: string): Promise<void> {
  rt.logger.error({ delivery: failed.id, job: failed.job, error }, 'scheduled message failed for good');
  if (failed.job === 'delivery-failure') return; // a failed failure notice is logged, not reported in a loop
  const notifier = notifierFor(rt.notifiers, failed.tenantId);
  if (!notifier) return;
  const people = await rt.store.people.list(failed.tenantId);
  const admins = people.filter((p) => p.role === 'admin' && p.id !== failed.recipient);
  if (admins.length === 0) {
    rt.logger.error({ delivery: failed.id, tenantId: failed.tenantId }, 'no admin to report a failed message to');
  }
  // the failure notices do not report their own failures back here
  const plain: SenderDeps = { ...deps, onFailed: undefined };
  for (const admin of admins) {
    const lang = langOf(admin, rt);
    const text = t(lang, 'jobs.failure.text', {
      job: t(lang, `jobs.name.${failed.job}`), period: failed.period, recipient: failed.recipient, error,
    });
    await deliverOnce(plain, {
      key: { tenantId: failed.tenantId, job: 'delivery-failure', recipient: admin.id, period: failed.id },
      notifier,
      target: { personId: admin.id },
      build: async () => reply(lang, [
        { type: 'heading', text: t(lang, 'jobs.failure.heading') },
        { type: 'text', text, tone: 'error' },
      ], text),
    }).catch((e: unknown) => rt.logger.error({ err: e, delivery: failed.id }, 'could not report a failed message'));
  }
}

export async function runPlanned(rt: JobRuntime, run: JobRun, jobs: Job[], options: RunOptions): Promise<JobRun> {
  run.planned += jobs.length;
  const done = new Set(
    (await rt.store.deliveries.getMany(jobs.map((j) => deliveryId(j.key))))
      .filter((d) => d.state !== 'pending')
      .map((d) => d.id),
  );
  const open = jobs.filter((j) => !done.has(deliveryId(j.key)));
  run.skipped += jobs.length - open.length;

  if (options.dryRun) {
    const print = options.print ?? ((header: string, r: Reply) => rt.logger.info({ reply: r }, header));
    for (const job of open) {
      const built = await job.build();
      if (!built) {
        run.empty += 1;
        continue;
      }
      const to = job.target.channelId !== undefined ? `#${job.target.channelId}` : `@${job.target.personId ?? job.key.recipient}`;
      print(`── ${job.key.job} ${job.key.period} → ${to} (${job.key.tenantId})`, built);
      run.sent += 1;
    }
    return run;
  }

  const outcomes = await deliverAll(senderDeps(rt), open, rt.width, (job, e) =>
    rt.logger.error({ err: e, delivery: deliveryId(job.key) }, 'delivery interrupted; its lease will expire and it is retried'));
  for (const o of outcomes) {
    if (o === 'error') run.errors += 1;
    else run[o] += 1;
  }
  return run;
}

/** `each` for every tenant the run covers: one tenant's trouble must not keep the others back */
export async function forEachTenant(
  rt: JobRuntime, run: JobRun, options: RunOptions, failure: string, each: (tenantId: string) => Promise<void>,
): Promise<JobRun> {
  for (const tenantId of await tenantsOf(rt, options)) {
    try {
      await each(tenantId);
    } catch (e) {
      run.errors += 1;
      rt.logger.error({ err: e, tenantId }, failure);
    }
  }
  return run;
}

/** a job that plans its messages tenant by tenant and delivers them through runPlanned */
export function plannedJob(
  job: DeliveryJob, plan: (rt: JobRuntime, tenantId: string, options: RunOptions) => Promise<Job[]>, failure: string,
): (rt: JobRuntime, options: RunOptions) => Promise<JobRun> {
  return (rt, options) => {
    const run = newRun(job, options.now);
    return forEachTenant(rt, run, options, failure, async (tenantId) => {
      await runPlanned(rt, run, await plan(rt, tenantId, options), options);
    });
  };
}
