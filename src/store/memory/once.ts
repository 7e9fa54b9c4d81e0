// Once-only markers of the memory engine (one process: a Map is atomic enough).
import type { OnceRepo } from '../ports.js';

export function createMemoryOnce(): OnceRepo {
  const expiries = new Map<string, number>();
  let claims = 0;
  return {
    async claim(key, ttlMs, now) {
      const t = now.getTime();
      // sweep now and then so remembered keys do not grow without bound
      if (++claims % 1000 === 0) for (const [k, until] of expiries) if (until <= t) expiries.delete(k);
      const until = expiries.get(key);
      if (until !== undefined && until > t) return false;
      expiries.set(key, t + ttlMs);
      return true;
    },
  };
}
