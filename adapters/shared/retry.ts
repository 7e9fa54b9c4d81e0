// The wait between two sends of the same message, for the notifiers that
// retry inside one call: what a rate limit asks for, else exponential
// backoff with jitter so that many failed sends do not come back together.
import type { DeliveryError } from '../../src/notify.js';

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * after the attempt-th failure: the Retry-After of a rate limit (1 s if none
 * was given), else baseDelayMs doubled each attempt, times a random factor
 * in [0.5, 0.5 + spread)
 */
export function retryDelayMs(error: DeliveryError, attempt: number, baseDelayMs: number, spread: number): number {
  if (error.kind === 'rate-limited') return error.retryAfterMs ?? 1000;
  return baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() * spread);
}
