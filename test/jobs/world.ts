// A small world for the job tests: a memory store with delivery records, a
// movable clock whose sleep moves time instead of waiting, and a fake platform
// that counts what it really delivered (the number exactly-once is judged by).
import { ManualClock } from '../../src/clock.js';
import { DEFAULT_SETTINGS, type Customer, type Lang, type PersonPrefs, type Role, type Tier, type Status } from '../../src/domain/types.js';
import { DeliveryError, type Notifier, type Sent } from '../../src/notify.js';
import { createMemoryDeliveryRepo } from '../../src/store/memory/deliveries.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import type { DeliveryRepo } from '../../src/store/deliveries.js';
import type { Reply } from '../../src/views/model.js';
import type { JobStore } from '../../jobs/context.js';
import { startScheduler, type Scheduler, type SchedulerDeps } from '../../jobs/scheduler.js';

export interface Delivered {
  tenantId: string;
  to: string;
  key: string;
  reply: Reply;
  messageId: string;
  /** the test clock when the platform accepted it */
  at: string;
}

export type Fault = DeliveryError | Error | undefined;

/**
 * A platform that records every message it accepted. `dedupe` mimics Feishu's
 * uuid (the same key twice is delivered once); `history` mimics Slack's DM
 * history with metadata (findSent). `fault` may throw before a send is
 * accepted; `perSecond` enforces a rate limit on the clock with 429s.
 */
export class FakePlatform {
  delivered: Delivered[] = [];
  calls = 0;
  rejected = 0;
  fault?: (call: number, to: string) => Fault;
  perSecond?: number;
  private window = { start: 0, count: 0 };
  constructor(private readonly clock: ManualClock | { now(): Date }, readonly mode: 'slack' | 'feishu' = 'slack') {}

  accept(tenantId: string, to: string, reply: Reply, key: string): Sent {
    this.calls += 1;
    if (this.perSecond !== undefined) {
      const now = this.clock.now().getTime();
      const second = Math.floor(now / 1000) * 1000;
      if (second !== this.window.start) this.window = { start: second, count: 0 };
      if (this.window.count >= this.perSecond) {
        this.rejected += 1;
        throw new DeliveryError('ratelimited', 'rate-limited', second + 1000 - now);
      }
      this.window.count += 1;
    }
    const fault = this.fault?.(this.calls, to);
    if (fault) {
      this.rejected += 1;
      throw fault;
    }
    if (this.mode === 'feishu') {
      const same = this.delivered.find((d) => d.key === key && d.tenantId === tenantId);
      if (same) return { messageId: same.messageId };
    }
    const messageId = `m${this.delivered.length + 1}`;
    this.delivered.push({ tenantId, to, key, reply, messageId, at: this.clock.now().toISOString() });
    return { messageId };
  }

  count(filter: (d: Delivered) => boolean = () => true): number {
    return this.delivered.filter(filter).length;
  }

  /** how many messages each key produced: exactly-once means every value is 1 */
  perKey(): Map<string, number> {
    const m = new Map<string, number>();
    for (const d of this.delivered) m.set(d.key, (m.get(d.key) ?? 0) + 1);
    return m;
  }

  notifier(tenants: string[] | 'all' = 'all'): Notifier {
    const accept = (tenantId: string, to: string, reply: Reply, key: string) => this.accept(tenantId, to, reply, key);
    const delivered = () => this.delivered;
    const n: Notifier = {
      platform: 'console',
      serves: (tenantId) => tenants === 'all' || tenants.includes(tenantId),
      async sendDirect(tenantId, personId, reply, options) {
        return accept(tenantId, `@${personId}`, reply, options.idempotencyKey);
      },
      async sendChannel(tenantId, channelId, reply, options) {
        return accept(tenantId, `#${channelId}`, reply, options.idempotencyKey);
      },
    };
    if (this.mode === 'slack') {
      n.findSent = async (tenantId, target, key) => {
        const to = target.channelId !== undefined ? `#${target.channelId}` : `@${target.personId}`;
        const found = delivered().find((d) => d.tenantId === tenantId && d.to === to && d.key === key);
        return found ? { messageId: found.messageId } : null;
      };
    }
    return n;
  }
}

export const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface World {
  clock: ManualClock;
  store: JobStore;
  platform: FakePlatform;
  scheduler(over?: Partial<SchedulerDeps>): Scheduler;
  person(tenantId: string, id: string, opts?: { timeZone?: string; role?: Role; lang?: Lang; name?: string; prefs?: PersonPrefs }): Promise<void>;
  customer(tenantId: string, c: Partial<Customer> & { name: string; ownerId: string }): Promise<Customer>;
}

const DAY = 86_400_000;

/** `store`: another engine's store (the working-day tests run on every engine) */
export function makeWorld(start: string, opts: { mode?: 'slack' | 'feishu'; deliveries?: DeliveryRepo; store?: JobStore } = {}): World {
  const clock = new ManualClock(start);
  const store: JobStore = opts.store ?? { ...createMemoryStore(), deliveries: opts.deliveries ?? createMemoryDeliveryRepo() };
  const platform = new FakePlatform(clock, opts.mode ?? 'slack');
  let seq = 0;
  const schedulers: Scheduler[] = [];
  return {
    clock, store, platform,
    scheduler(over = {}) {
      const s = startScheduler({
        store, clock, notifiers: [platform.notifier()], logger: quietLogger,
        config: { scheduler: false, defaultLang: 'en' },
        // time passes in the test's clock, never on the wall
        sleep: async (ms) => clock.advance(ms),
        random: () => 0.5,
        cron: false,
        ...over,
      });
      schedulers.push(s);
      return s;
    },
    async person(tenantId, id, o = {}) {
      await store.people.upsert({ tenantId, id, name: o.name ?? id, timeZone: o.timeZone, lang: o.lang ?? 'en', role: o.role ?? 'member' }, clock.now());
      if (o.prefs) await store.people.setPrefs(tenantId, id, o.prefs, clock.now());
    },
    async customer(tenantId, c) {
      seq += 1;
      const now = clock.now();
      const tier: Tier = c.tier ?? 'regular';
      const status: Status = c.status ?? 'active';
      return store.customers.insert({
        tenantId,
        code: c.code ?? `C20261101${String(seq).padStart(3, '0')}`,
        nameKey: c.name.toLowerCase(),
        nameVariants: [c.name.toLowerCase()],
        contacts: [],
        tier,
        valueLevel: 'low',
        frequency: 'low',
        status,
        needs: [],
        createdAt: c.createdAt ?? new Date(now.getTime() - 10 * DAY),
        createdBy: c.ownerId,
        updatedAt: now,
        dealCount: 0,
        dealAmount365: 0,
        archived: false,
        ...c,
      });
    },
  };
}

export { DEFAULT_SETTINGS, DAY };
