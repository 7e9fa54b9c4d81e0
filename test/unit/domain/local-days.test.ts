// The digest's cached day counter must agree with the domain's calendar
// arithmetic everywhere, DST days included.
import { describe, expect, it } from 'vitest';
import { daysBetweenLocal } from '../../../src/domain/time.js';
import { daysUntilNow } from '../../../src/domain/local-days.js';

describe('daysUntilNow', () => {
  for (const zone of ['America/New_York', 'Asia/Shanghai', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Kiritimati']) {
    it(`agrees with daysBetweenLocal in ${zone}, across DST changes`, () => {
      for (const nowIso of ['2026-03-08T14:00:00Z', '2026-11-01T05:30:00Z', '2026-11-23T01:00:00Z', '2026-10-25T00:59:00Z']) {
        const now = new Date(nowIso);
        const since = daysUntilNow(now, zone);
        // every 37 minutes over the previous ~120 days hits both sides of every change
        for (let t = now.getTime() - 120 * 86_400_000; t <= now.getTime() + 86_400_000; t += 37 * 60_000) {
          const from = new Date(t);
          const want = daysBetweenLocal(from, now, zone);
          if (since(from) !== want) expect({ zone, now: nowIso, from: from.toISOString(), got: since(from) }).toEqual({ zone, now: nowIso, from: from.toISOString(), got: want });
        }
      }
    });
  }
});
