// The exactly-once sender (issue 6 §6): claim the delivery record, ask the
// platform whether an earlier claim already sent it, send with the record id as
// the idempotency key, mark it sent. Only notifier errors are handled here; an
// error from the store is a crash of this replica and propagates: the lease
// then expires and the next claimer recovers.
import type { Clock } from '../src/clock.js';
import { DeliveryError, type Notifier, type Sent } from '../src/notify.js';
import type { Delivery, DeliveryKey, DeliveryRepo } from '../src/store/deliveries.js';
import type { Reply } from '../src/views/model.js';

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export interface SendPolicy {
  /** how long a claim holds; longer than any single send or wait */
  leaseMs: number;
  /** sends tried on transient errors (5xx, timeouts) before the record is failed */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 429s waited out for one message before it is handed back to a later tick (never failed) */
  maxRateLimitWaits: number;
  /** when a 429 gives no Retry-After */
  defaultRetryAfterMs: number;
}

export const DEFAULT_POLICY: SendPolicy = {
  leaseMs: 5 * 60_000,
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRateLimitWaits: 100,
  defaultRetryAfterMs: 1_000,
};

/**
 * One pause shared by every send through a notifier: after a 429 nobody else
 * hammers the platform until the window reopens (as Slack's own client does).
 */
export class RateGate {
  private notBefore = 0;
  push(until: number): void {
    this.notBefore = Math.max(this.notBefore, until);
  }
  async wait(clock: Clock, sleep: Sleep): Promise<void> {
    for (let wait = this.notBefore - clock.now().getTime(); wait > 0; wait = this.notBefore - clock.now().getTime()) {
      await sleep(wait);
    }
  }
}

export interface SenderDeps {
  deliveries: DeliveryRepo;
  clock: Clock;
  sleep: Sleep;
  /** [0, 1): jitter; injectable so tests are repeatable */
  random: () => number;
  /** this replica's lease owner id */
  owner: string;
  policy: SendPolicy;
  gateFor(notifier: Notifier): RateGate;
  /** told about every message given up for good, to report it to the tenant's admins */
  onFailed?(delivery: Delivery, error: string): Promise<void>;
}

export interface Target { personId?: string; channelId?: string }

export type Outcome =
  /** sent now */
  | 'sent'
  /** an earlier claim had sent it: found on the platform, marked now */
  | 'recovered'
  /** already done, or being done by another replica */
  | 'skipped'
  /** nothing to send for this period */
  | 'empty'
  /** given up for good and reported */
  | 'failed'
  /** handed back (rate limited for too long, or held for the recipient's quiet hours): a later tick retries */
  | 'deferred';

export interface Job {
  key: DeliveryKey;
  notifier: Notifier;
  target: Target;
  /** builds the message once the claim is won; null = nothing to send */
  build(): Promise<Reply | null>;
  /**
   * not to be sent before this instant (the end of the recipient's quiet
   * hours, SPEC §8): until then it is not even claimed, and a later tick sends it
   */
  notBefore?: Date;
}

function classify(e: unknown): DeliveryError {
  if (e instanceof DeliveryError) return e;
  // an unknown error from a notifier is treated as a network hiccup: retried, bounded
  return new DeliveryError(e instanceof Error ? e.message : String(e), 'transient');
}

function send(job: Job, reply: Reply, idempotencyKey: string): Promise<Sent> {
  const { notifier, target, key } = job;
  if (target.channelId !== undefined) {
    return notifier.sendChannel(key.tenantId, target.channelId, reply, { idempotencyKey });
  }
  return notifier.sendDirect(key.tenantId, target.personId ?? key.recipient, reply, { idempotencyKey });
}

export function backoffMs(policy: SendPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // "equal jitter": at least half the step, so retries spread without collapsing to zero
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export async function deliverOnce(deps: SenderDeps, job: Job): Promise<Outcome> {
  const { deliveries, clock, owner, policy } = deps;
  if (job.notBefore && job.notBefore.getTime() > clock.now().getTime()) return 'deferred';
  const claim = await deliveries.claim(job.key, owner, policy.leaseMs, clock.now());
  if (!claim.claimed) return 'skipped';
  const id = claim.delivery.id;

  // An earlier claim expired: it may have sent before dying. Feishu dedupes by
  // uuid itself; Slack can be asked.
  if (claim.delivery.attempts > 1 && job.notifier.findSent) {
    const found = await job.notifier.findSent(job.key.tenantId, job.target, id);
    if (found) {
      await deliveries.markSent(id, owner, found.messageId, clock.now());
      return 'recovered';
    }
  }

  const reply = await job.build();
  if (!reply) {
    await deliveries.markEmpty(id, owner, clock.now());
    return 'empty';
  }

  const gate = deps.gateFor(job.notifier);
  let attempt = 0;
  let rateLimited = 0;
  for (;;) {
    await gate.wait(clock, deps.sleep);
    // the waits above may have been long: keep the lease, or stop if it was lost
    if (!(await deliveries.renew(id, owner, policy.leaseMs, clock.now()))) return 'skipped';
    let sent: Sent;
    try {
      sent = await send(job, reply, id);
    } catch (raw) {
      const e = classify(raw);
      if (e.kind === 'rate-limited') {
        rateLimited += 1;
        if (rateLimited > policy.maxRateLimitWaits) {
          await deliveries.release(id, owner, `rate limited ${rateLimited} times: ${e.message}`, clock.now());
          return 'deferred';
        }
        gate.push(clock.now().getTime() + (e.retryAfterMs ?? policy.defaultRetryAfterMs));
        continue;
      }
      attempt += 1;
      if (e.kind === 'permanent' || attempt >= policy.maxAttempts) {
        const why = e.kind === 'permanent' ? e.message : `gave up after ${attempt} attempts: ${e.message}`;
        await deliveries.markFailed(id, owner, why, clock.now());
        const failed = await deliveries.get(id);
        if (failed && deps.onFailed) await deps.onFailed(failed, why);
        return 'failed';
      }
      await deps.sleep(backoffMs(policy, attempt, deps.random));
      continue;
    }
    // outside the try: a store error here is not a failed send, and must never
    // cause a second one (the lease expires and the next claimer finds it sent)
    await deliveries.markSent(id, owner, sent.messageId, clock.now());
    return 'sent';
  }
}

/** run jobs with at most `width` in flight; each job's outcome, in order */
export async function deliverAll(deps: SenderDeps, jobs: Job[], width: number, onError: (job: Job, e: unknown) => void): Promise<(Outcome | 'error')[]> {
  const out: (Outcome | 'error')[] = new Array(jobs.length);
  let next = 0;
  async function worker(): Promise<void> {
    for (let i = next++; i < jobs.length; i = next++) {
      const job = jobs[i]!;
      try {
        out[i] = await deliverOnce(deps, job);
      } catch (e) {
        // a store error: this message stays claimed and is recovered after its lease
        onError(job, e);
        out[i] = 'error';
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, jobs.length)) }, worker));
  return out;
}
