// Who is asking: name and time zone from contact.v3.user.get, cached so a busy
// chat does not spend the app's rate limit on look-ups, and recorded in the
// store (people.upsert) so jobs know the person's zone and platform.
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../src/logger.js';
import type { Clock } from '../../src/clock.js';
import type { Store } from '../../src/store/ports.js';
import { call } from './api.js';

export interface Profile { name?: string; timeZone?: string }

const TTL_MS = 60 * 60_000;
// a failed look-up (no contact permission, user left) is not retried on every message
const MISS_TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

export class People {
  private cache = new Map<string, { profile: Profile; until: number }>();
  /** tenants this adapter has seen: the notifier serves them */
  readonly tenants = new Set<string>();

  constructor(
    private client: lark.Client,
    private store: Pick<Store, 'people'>,
    private clock: Clock,
    private logger: Logger,
  ) {}

  async profile(tenantId: string, openId: string): Promise<Profile> {
    this.tenants.add(tenantId);
    const key = `${tenantId}\u0000${openId}`;
    const now = this.clock.now().getTime();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.profile;

    let profile: Profile = {};
    let ttl = MISS_TTL_MS;
    try {
      const answer = await call('contact.v3.user.get', () => this.client.contact.v3.user.get({
        path: { user_id: openId },
        params: { user_id_type: 'open_id' },
      }));
      const user = answer.data?.user;
      profile = { name: user?.name || undefined, timeZone: validZone(user?.time_zone) };
      ttl = TTL_MS;
      if (profile.name) {
        await this.store.people.upsert({
          tenantId, id: openId, name: profile.name, timeZone: profile.timeZone, platform: 'feishu',
        }, this.clock.now());
      }
    } catch (e) {
      this.logger.warn({ err: (e as Error).message, tenantId }, 'feishu: user look-up failed; going on without a time zone');
    }
    if (this.cache.size >= MAX_ENTRIES) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(key, { profile, until: now + ttl });
    return profile;
  }

  /** someone mentioned in a command (e.g. the new owner of "assign"): known by name from now on */
  async noteMentioned(tenantId: string, openId: string, name: string): Promise<void> {
    try {
      const known = await this.store.people.get(tenantId, openId);
      if (!known) await this.store.people.upsert({ tenantId, id: openId, name, platform: 'feishu' }, this.clock.now());
    } catch (e) {
      this.logger.warn({ err: (e as Error).message, tenantId }, 'feishu: could not record a mentioned person');
    }
  }

  /** tenants with Feishu people in the store: after a restart the notifier still serves them */
  async loadTenants(store: Pick<Store, 'settings' | 'people'>): Promise<void> {
    for (const tenantId of await store.settings.tenants()) {
      const people = await store.people.list(tenantId);
      if (people.some((p) => p.platform === 'feishu')) this.tenants.add(tenantId);
    }
  }
}

function validZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}
