// A tenant with an admin and two sales people on the memory engine, and the
// import/export calls as the CLI and the chat hooks make them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../../../src/clock.js';
import { exportCustomers } from '../../../src/csv/export.js';
import { importCustomers, type ImportReport } from '../../../src/csv/import.js';
import type { Customer, Interaction, Lang } from '../../../src/domain/types.js';
import { createMemoryStore } from '../../../src/store/memory/memory-store.js';
import type { Store } from '../../../src/store/ports.js';

export const TENANT = 'T_IMPORT';
export const ADMIN = 'U_ADMIN';
export const TZ = 'Asia/Shanghai';

export function fixture(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)));
}

export interface World {
  store: Store;
  clock: ManualClock;
  run(bytes: Buffer | string, opts?: { dryRun?: boolean; strict?: boolean; fileName?: string }): Promise<ImportReport>;
  exportCsv(lang: Lang): Promise<string>;
  /** every customer with its follow-ups, in code order: what "the store" means when comparing runs */
  snapshot(): Promise<(Customer & { log: Omit<Interaction, 'id'>[] })[]>;
}

export async function makeWorld(now = '2026-11-26T02:00:00Z'): Promise<World> {
  const store = createMemoryStore();
  await store.init();
  const clock = new ManualClock(now);
  const at = clock.now();
  await store.people.upsert({ tenantId: TENANT, id: ADMIN, name: '管理员', role: 'admin' }, at);
  await store.people.upsert({ tenantId: TENANT, id: 'U_WANG', name: '王磊', role: 'member' }, at);
  await store.people.upsert({ tenantId: TENANT, id: 'ou_lijing', name: '李静', role: 'manager' }, at);
  return {
    store,
    clock,
    run: (bytes, opts = {}) => importCustomers({ store, clock }, {
      tenantId: TENANT, actorId: ADMIN, bytes: typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes,
      dryRun: opts.dryRun ?? false, strict: opts.strict ?? false, timeZone: TZ, ...(opts.fileName ? { fileName: opts.fileName } : {}),
    }),
    exportCsv: (lang) => exportCustomers({ store, clock }, { tenantId: TENANT, lang }),
    async snapshot() {
      const out: (Customer & { log: Omit<Interaction, 'id'>[] })[] = [];
      for await (const c of store.customers.iterate(TENANT)) {
        const log = (await store.interactions.recent(TENANT, c.id, 1000)).map(({ id: _id, ...rest }) => rest);
        out.push({ ...c, log });
      }
      return out;
    },
  };
}

/** errors and warnings as "line column reason" strings, easy to compare line by line */
export function issues(list: ImportReport['errors']): string[] {
  return list.map((i) => `${i.line} ${i.column ?? '-'} ${i.reason}`);
}
