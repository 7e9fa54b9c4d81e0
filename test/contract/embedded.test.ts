// The embedded MongoDB gives up within its deadline with a plain reason when
// it cannot run (here: no mongod binary, no network), and createStore('auto')
// then falls back to memory, saying so in one line. Where a binary exists the
// embedded server starts instead, and these tests check that path.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/create-store.js';
import { startEmbeddedMongo } from '../../src/store/mongo/embedded.js';
import { enginesUnderTest } from '../helpers/engines.js';

const engines = await enginesUnderTest();
const mongoSkip = engines.find((e) => e.name === 'mongo')?.skipReason;
const embeddedCanRun = !mongoSkip && !process.env.MONGODB_URI;
const dataDir = mkdtempSync(join(tmpdir(), 'chat-crm-embedded-'));
const logged: string[] = [];
const logger = { info: (_o: object, m?: string) => { logged.push(`info ${m}`); }, warn: (_o: object, m?: string) => { logged.push(`warn ${m}`); } };

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.skipIf(embeddedCanRun)('embedded MongoDB where none can run', () => {
  it('rejects within its deadline, saying there is no binary and no network', async () => {
    await expect(startEmbeddedMongo({ dataDir, timeoutMs: 1500 })).rejects.toThrow(/no mongod binary.*(network|MONGODB_URI)/s);
  }, 15_000);

  it('createStore auto falls back to memory with a one-line note; explicit mongo fails instead', async () => {
    const opened = await createStore({ store: 'auto', dataDir, embeddedTimeoutMs: 1500, logger });
    expect(opened).toMatchObject({ engine: 'memory', durable: false });
    expect(opened.note).toMatch(/no mongod binary.*in-memory store/s);
    expect(opened.note).not.toContain('\n');
    expect(logged.some((l) => l.startsWith('warn'))).toBe(true);
    // the fallback store works
    await opened.store.people.upsert({ tenantId: 't', id: 'u', name: 'U' }, new Date(0));
    expect(await opened.store.people.countByRole('t', 'member')).toBe(1);
    await opened.stop();
    await expect(createStore({ store: 'mongo', dataDir, embeddedTimeoutMs: 1500, logger })).rejects.toThrow(/no mongod binary/);
  }, 15_000);
});

describe.skipIf(!embeddedCanRun)('embedded MongoDB where it can run', () => {
  it('starts, keeps data in the data folder across a restart', async () => {
    const first = await createStore({ store: 'auto', dataDir, embeddedTimeoutMs: 30_000, logger });
    expect(first).toMatchObject({ engine: 'mongo', durable: true });
    await first.store.people.upsert({ tenantId: 't', id: 'u', name: 'U' }, new Date(0));
    await first.stop();
    const second = await createStore({ store: 'auto', dataDir, embeddedTimeoutMs: 30_000, logger });
    expect(await second.store.people.get('t', 'u')).toMatchObject({ name: 'U' });
    await second.stop();
  }, 90_000);
});

describe('createStore memory', () => {
  it('opens the memory store when asked, not durable, without a note', async () => {
    const opened = await createStore({ store: 'memory', dataDir, embeddedTimeoutMs: 1, logger });
    expect(opened).toMatchObject({ engine: 'memory', durable: false });
    expect(opened.note).toBeUndefined();
    expect(opened.store.engine).toBe('memory');
  });
});
