import { describe, expect, it } from 'vitest';
import { isQuietMinute, normalizeQuietHours, quietEndAfter, quietText, quietWindowOf } from '../../../src/domain/quiet-hours.js';

describe('quiet hours', () => {
  it('reads the ways people write a window, and refuses the rest', () => {
    expect(normalizeQuietHours('21:00-08:00')).toBe('21:00-08:00');
    expect(normalizeQuietHours(' 9:30 ~ 7:00 ')).toBe('09:30-07:00');
    expect(normalizeQuietHours('２２：００－０７：００')).toBe('22:00-07:00');
    expect(normalizeQuietHours('22:00至07:00')).toBe('22:00-07:00');
    expect(normalizeQuietHours('OFF')).toBe('off');
    expect(normalizeQuietHours('关闭')).toBe('off');
    for (const bad of ['', '21-08', '25:00-08:00', '08:00-08:00', '21:00', 'night']) expect(normalizeQuietHours(bad), bad).toBeNull();
    expect(quietText('21:00-08:00')).toBe('21:00–08:00');
    expect(quietText('off')).toBe('off');
  });

  it('a window across midnight and one inside a day', () => {
    const night = quietWindowOf('21:00-08:00');
    expect([20 * 60 + 59, 21 * 60, 0, 7 * 60 + 59, 8 * 60].map((m) => isQuietMinute(m, night))).toEqual([false, true, true, true, false]);
    const lunch = quietWindowOf('12:00-13:30');
    expect([11 * 60 + 59, 12 * 60, 13 * 60 + 29, 13 * 60 + 30].map((m) => isQuietMinute(m, lunch))).toEqual([false, true, true, false]);
    expect(quietWindowOf('off')).toBeNull();
    expect(isQuietMinute(23 * 60, null)).toBe(false);
  });

  it('the end of the window an instant falls in, in the zone, across midnight and a DST change', () => {
    const night = quietWindowOf('21:00-08:00');
    // 22:00 Shanghai → 08:00 next morning
    expect(quietEndAfter(new Date('2026-11-26T14:00:00Z'), night, 'Asia/Shanghai').toISOString()).toBe('2026-11-27T00:00:00.000Z');
    // 03:00 Shanghai → 08:00 the same morning
    expect(quietEndAfter(new Date('2026-11-26T19:00:00Z'), night, 'Asia/Shanghai').toISOString()).toBe('2026-11-27T00:00:00.000Z');
    // not quiet: itself
    const noon = new Date('2026-11-26T04:00:00Z');
    expect(quietEndAfter(noon, night, 'Asia/Shanghai')).toBe(noon);
    expect(quietEndAfter(noon, null, 'Asia/Shanghai')).toBe(noon);
    // New York leaves DST on 2026-11-01: 22:00 EDT on Oct 31 → 08:00 EST on Nov 1 (11 hours later, not 10)
    expect(quietEndAfter(new Date('2026-11-01T02:00:00Z'), night, 'America/New_York').toISOString()).toBe('2026-11-01T13:00:00.000Z');
  });
});
