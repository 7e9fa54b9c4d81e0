// The command engine on the memory store with a movable clock: what the
// console, Slack and Feishu all call. Tests talk to it as a person would.
import pino from 'pino';
import { ManualClock } from '../../src/clock.js';
import { createEngine } from '../../src/commands/engine.js';
import type { Caller } from '../../src/commands/types.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import type { Store } from '../../src/store/ports.js';
import type { Reply } from '../../src/views/model.js';
import { renderText } from '../../adapters/console/render.js';

export interface Harness {
  store: Store;
  clock: ManualClock;
  engine: ReturnType<typeof createEngine>;
  caller(userId: string, extra?: Partial<Caller>): Caller;
  /** run a command line as a person; returns the reply and its console text */
  say(userId: string, text: string, extra?: Partial<Caller>): Promise<{ reply: Reply; text: string }>;
  /** counts of everything written, to prove that bad input writes nothing */
  writes(tenantId?: string): Promise<{ customers: number; audit: number }>;
}

export async function makeHarness(opts: { now?: string; admins?: string[]; tenantId?: string; store?: Store } = {}): Promise<Harness> {
  const store = opts.store ?? createMemoryStore();
  await store.init();
  const clock = new ManualClock(opts.now ?? '2026-11-26T02:00:00Z');
  const engine = createEngine({
    store, clock, logger: pino({ level: 'silent' }), adminUsers: opts.admins ?? ['boss'],
    defaultTimeZone: 'Asia/Shanghai', defaultLang: 'zh',
  });
  const tenantId = opts.tenantId ?? 't1';
  const caller = (userId: string, extra: Partial<Caller> = {}): Caller => ({ platform: 'console', tenantId, userId, name: userId, ...extra });
  return {
    store, clock, engine, caller,
    async say(userId, text, extra) {
      const reply = await engine.handleText(caller(userId, extra), text);
      return { reply, text: renderText(reply) };
    },
    async writes(t = tenantId) {
      const { total } = await store.customers.list(t, { includeArchived: true }, { offset: 0, limit: 1 });
      const audit = await store.audit.list(t, {}, 100_000);
      return { customers: total, audit: audit.length };
    },
  };
}
