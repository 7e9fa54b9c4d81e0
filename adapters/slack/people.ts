// Who is asking: the tenant (workspace or Enterprise Grid org) and the person,
// with time zone and language from users.info, cached so a busy channel does
// not spend its Web API budget on the same profile.
import type { webApi } from '@slack/bolt';
import type { Clock } from '../../src/clock.js';
import type { Caller } from '../../src/commands/types.js';
import type { Lang } from '../../src/domain/types.js';
import type { Store } from '../../src/store/ports.js';
import type { Log } from './log.js';

type WebClient = webApi.WebClient;

export interface SlackSource {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
  userId: string;
  userName?: string;
}

/** tenant = the enterprise id for an org-wide (Enterprise Grid) install, else the workspace */
export function tenantOf(source: Pick<SlackSource, 'teamId' | 'enterpriseId' | 'isEnterpriseInstall'>): string | undefined {
  if (source.isEnterpriseInstall && source.enterpriseId) return source.enterpriseId;
  return source.teamId ?? source.enterpriseId;
}

export function langOfLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

interface Profile { name?: string; timeZone?: string; lang?: Lang; expires: number }

export interface People {
  callerOf(client: WebClient, source: SlackSource): Promise<Caller>;
  /** tenants seen in requests (the notifier serves them) */
  readonly tenants: Set<string>;
}

export function createPeople(deps: { store: Store; clock: Clock; logger: Log; ttlMs?: number }): People {
  const ttl = deps.ttlMs ?? 60 * 60 * 1000;
  const cache = new Map<string, Profile>();
  const inflight = new Map<string, Promise<Profile>>();
  const tenants = new Set<string>();

  async function fetchProfile(client: WebClient, tenantId: string, source: SlackSource): Promise<Profile> {
    const now = deps.clock.now();
    let profile: Profile = { name: source.userName, expires: now.getTime() + ttl };
    try {
      const res = await client.users.info({ user: source.userId, include_locale: true });
      const u = res.user;
      profile = {
        name: u?.profile?.display_name || u?.real_name || u?.name || source.userName,
        timeZone: u?.tz || undefined,
        lang: u?.locale ? langOfLocale(u.locale) : undefined,
        expires: now.getTime() + ttl,
      };
    } catch (error) {
      // Without a profile the engine falls back to tenant defaults; try again soon.
      deps.logger.warn({ err: error, tenantId, userId: source.userId }, 'slack users.info failed');
      profile.expires = now.getTime() + 60_000;
      return profile;
    }
    try {
      // the scheduler needs the person's zone for the 09:00 digest
      await deps.store.people.upsert({
        tenantId, id: source.userId, name: profile.name ?? source.userId, platform: 'slack',
        ...(profile.timeZone ? { timeZone: profile.timeZone } : {}), ...(profile.lang ? { lang: profile.lang } : {}),
      }, now);
    } catch (error) {
      deps.logger.warn({ err: error, tenantId, userId: source.userId }, 'could not record the Slack person');
    }
    return profile;
  }

  return {
    tenants,
    async callerOf(client, source) {
      const tenantId = tenantOf(source);
      if (!tenantId) throw new Error('Slack request without a team or enterprise id');
      tenants.add(tenantId);
      const key = `${tenantId}:${source.userId}`;
      let profile = cache.get(key);
      if (!profile || profile.expires <= deps.clock.now().getTime()) {
        let pending = inflight.get(key);
        if (!pending) {
          pending = fetchProfile(client, tenantId, source).finally(() => inflight.delete(key));
          inflight.set(key, pending);
        }
        profile = await pending;
        cache.set(key, profile);
      }
      return {
        platform: 'slack', tenantId, userId: source.userId,
        ...(profile.name ? { name: profile.name } : {}),
        ...(profile.timeZone ? { timeZone: profile.timeZone } : {}),
        ...(profile.lang ? { lang: profile.lang } : {}),
      };
    },
  };
}
