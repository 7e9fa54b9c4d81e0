// What every use-case receives: the store, the clock, who is asking, in which
// language and time zone, and the tenant's settings. Built once per request.
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Lang, Person, TenantSettings } from '../domain/types.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { Store } from '../store/ports.js';
import type { Caller } from './types.js';

export interface EngineDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** platform user ids bootstrapped as admins (ADMIN_USERS, the console user) */
  adminUsers: string[];
  defaultTimeZone: string;
  defaultLang: Lang;
}

export interface Ctx {
  deps: EngineDeps;
  store: Store;
  caller: Caller;
  tenantId: string;
  person: Person;
  lang: Lang;
  timeZone: string;
  settings: TenantSettings;
  now: Date;
  /** translate in the request's language */
  t(key: MessageKey, params?: Record<string, string | number>): string;
}

export function makeT(lang: Lang) {
  return (key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params);
}
