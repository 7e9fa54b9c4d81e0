// A person's own settings (SPEC §8 `me`) against the tenant's: one place that
// says which wins, used by the commands (reply language, zone) and the jobs
// (digest time, pause).
import type { Lang, Person, TenantSettings } from './types.js';

/** the zone "today" and every date shown to this person are computed in */
export function zoneOf(person: Pick<Person, 'prefs' | 'timeZone'> | null | undefined, settings: Pick<TenantSettings, 'timeZone'>): string {
  // an empty zone (a platform profile without one) is no zone
  return person?.prefs?.timeZone || person?.timeZone || settings.timeZone;
}

/** HH:MM, in zoneOf(person) */
export function digestTimeOf(person: Pick<Person, 'prefs'> | null | undefined, settings: Pick<TenantSettings, 'digestTime'>): string {
  return person?.prefs?.digestTime ?? settings.digestTime;
}

/** the language the person chose, else the platform's */
export function langOf(person: Pick<Person, 'prefs' | 'lang'> | null | undefined): Lang | undefined {
  return person?.prefs?.lang ?? person?.lang;
}

/** is the person's digest paused on this local day (YYYY-MM-DD in zoneOf(person))? */
export function digestPausedOn(person: Pick<Person, 'prefs'> | null | undefined, localDay: string): boolean {
  const prefs = person?.prefs;
  if (!prefs?.digestOff) return false;
  if (prefs.digestResumeOn === undefined) return true;
  return localDay < prefs.digestResumeOn;
}
