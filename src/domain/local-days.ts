// Fast "calendar days between an instant and now, in this zone" for the
// digest, which asks it for every due customer of every owner (100,000 on a
// big tenant). Intl.formatToParts costs microseconds per call; the zone's UTC
// offset only changes on the hour (DST), so it is computed once per hour of
// the timeline and cached. Same answers as domain/time.ts daysBetweenLocal.
import { timeZoneOffsetMinutes } from './time.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const MINUTE = 60_000;

export type DaysSince = (from: Date) => number;

export function daysUntilNow(now: Date, timeZone: string): DaysSince {
  const offsets = new Map<number, number>();
  const localDayIndex = (t: number): number => {
    const hour = Math.floor(t / HOUR);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      offset = timeZoneOffsetMinutes(new Date(hour * HOUR), timeZone);
      offsets.set(hour, offset);
    }
    return Math.floor((t + offset * MINUTE) / DAY);
  };
  const today = localDayIndex(now.getTime());
  return (from) => today - localDayIndex(from.getTime());
}
