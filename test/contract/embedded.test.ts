// The embedded MongoDB gives up within its deadline with a plain reason when
// it cannot run (here: no mongod binary, no network), and createStore('auto')
// then falls back to memory, saying so in one line. Where a binary exists the
// embedded server starts instead, and these tests check that path.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cli as jobCli } from '../../jobs/cli.js';
import { CliRefusal, openCliStore } from '../../src/cli/run.js';
import { loadConfig } from '../../src/config.js';
import { createStore, databaseOf } from '../../src/store/create-store.js';
import { MONGOD_VERSION, startEmbeddedMongo } from '../../src/store/mongo/embedded.js';
import { clearStaleLock, publish, readPublished, serverFile, unpublish } from '../../src/store/mongo/server-file.js';
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

/** the pid of a process that has exited */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** a 127.0.0.1 port where nothing listens */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

const freshDir = () => mkdtempSync(join(tmpdir(), 'chat-crm-folder-'));

describe('one embedded server per data folder: the published connection file', () => {
  it('a live service\'s file is read; a dead pid\'s or a garbled file is removed as stale', async () => {
    const dir = freshDir();
    await publish(dir, { uri: 'mongodb://127.0.0.1:1/', pid: process.pid, version: MONGOD_VERSION });
    expect(await readPublished(dir)).toMatchObject({ uri: 'mongodb://127.0.0.1:1/', pid: process.pid });
    writeFileSync(serverFile(dir), JSON.stringify({ uri: 'mongodb://127.0.0.1:1/', pid: deadPid() }));
    expect(await readPublished(dir)).toBeUndefined();
    expect(existsSync(serverFile(dir))).toBe(false);
    writeFileSync(serverFile(dir), '{"uri": "mongodb://127.0');
    expect(await readPublished(dir)).toBeUndefined();
    expect(existsSync(serverFile(dir))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('unpublish removes only this process\'s file (another service may have taken over)', async () => {
    const dir = freshDir();
    await publish(dir, { uri: 'mongodb://127.0.0.1:1/', pid: 1 });
    await unpublish(dir);
    expect(existsSync(serverFile(dir))).toBe(true);
    await publish(dir, { uri: 'mongodb://127.0.0.1:1/', pid: process.pid });
    await unpublish(dir);
    expect(existsSync(serverFile(dir))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('mongod.lock: a crashed mongod\'s lock is cleared, a live one is left alone', async () => {
    const dbPath = join(freshDir(), 'mongo');
    mkdirSync(dbPath, { recursive: true });
    expect(await clearStaleLock(dbPath)).toBe('none');
    writeFileSync(join(dbPath, 'mongod.lock'), `${deadPid()}\n`);
    expect(await clearStaleLock(dbPath)).toBe('stale-cleared');
    expect(readFileSync(join(dbPath, 'mongod.lock'), 'utf8')).toBe('');
    writeFileSync(join(dbPath, 'mongod.lock'), `${process.pid}\n`);
    expect(await clearStaleLock(dbPath)).toBe('held');
    expect(readFileSync(join(dbPath, 'mongod.lock'), 'utf8')).toBe(`${process.pid}\n`);
  });

  it('refuses data written by another mongod version, naming both', async () => {
    const dir = freshDir();
    mkdirSync(join(dir, 'mongo'));
    writeFileSync(join(dir, 'mongo', 'chat-crm-mongod-version'), '6.0.1\n');
    await expect(startEmbeddedMongo({ dataDir: dir, timeoutMs: 1500 })).rejects.toThrow(new RegExp(`6\\.0\\.1.*${MONGOD_VERSION.replace(/\./g, '\\.')}`));
    rmSync(dir, { recursive: true, force: true });
  });

  it('MONGODB_URI without a database name means chat-crm; one with a name keeps it', () => {
    expect(databaseOf('mongodb://db.example:27017')).toBeUndefined();
    expect(databaseOf('mongodb://u:p@a:1,b:2/?replicaSet=rs0')).toBeUndefined();
    expect(databaseOf('mongodb+srv://u:p@cluster0.example.net/crm?retryWrites=true')).toBe('crm');
    expect(databaseOf('mongodb://localhost/sales%20team')).toBe('sales team');
  });
});

describe.skipIf(embeddedCanRun)('one embedded server per data folder, where none can run', () => {
  it('a published server that does not answer is forgotten, and STORE=auto says so loudly', async () => {
    const dir = freshDir();
    await publish(dir, { uri: `mongodb://127.0.0.1:${await closedPort()}/`, pid: process.pid });
    const warned: string[] = [];
    const opened = await createStore({
      store: 'auto', dataDir: dir, embeddedTimeoutMs: 1500,
      logger: { info: () => {}, warn: (_o: object, m?: string) => { warned.push(m ?? ''); } },
    });
    expect(opened).toMatchObject({ engine: 'memory', durable: false, fellBack: true });
    expect(opened.note).toMatch(/in-memory store/);
    expect(warned.join('\n')).toMatch(/does not answer[\s\S]*memory store/);
    expect(existsSync(serverFile(dir))).toBe(false);
    await opened.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 20_000);

  it('CLIs refuse instead of working on an empty in-memory book; STORE=memory is the operator\'s choice', async () => {
    const dir = freshDir();
    const config = loadConfig({ STORE: 'auto', DATA_DIR: dir, EMBEDDED_MONGO_TIMEOUT_MS: '1500' });
    const refused = await openCliStore(config, 'en').then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(CliRefusal);
    expect((refused as Error).message).toMatch(/REFUSED.*no mongod binary.*MONGODB_URI/s);
    const zh = await openCliStore(config, 'zh').then(() => undefined, (e: unknown) => e);
    expect((zh as Error).message).toContain('已拒绝');
    const memory = await openCliStore(loadConfig({ STORE: 'memory', DATA_DIR: dir }));
    expect(memory.engine).toBe('memory');
    await memory.stop();
    // the job CLI's dry run too
    vi.stubEnv('STORE', 'auto');
    vi.stubEnv('DATA_DIR', dir);
    vi.stubEnv('EMBEDDED_MONGO_TIMEOUT_MS', '1500');
    vi.stubEnv('MONGODB_URI', '');
    vi.stubEnv('DEFAULT_LANG', 'en');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await jobCli(['digest', '--dry-run'])).toBe(2);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toMatch(/REFUSED/);
    } finally {
      stderr.mockRestore();
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});

describe.skipIf(!embeddedCanRun)('one embedded server per data folder, where it can run', () => {
  it('the service publishes its server; a second start and a CLI use it; stop removes the file', async () => {
    const dir = freshDir();
    const service = await createStore({ store: 'auto', dataDir: dir, embeddedTimeoutMs: 30_000, logger });
    expect(await readPublished(dir)).toMatchObject({ pid: process.pid, version: MONGOD_VERSION });
    await service.store.people.upsert({ tenantId: 't', id: 'u', name: 'U' }, new Date(0));
    const second = await createStore({ store: 'auto', dataDir: dir, embeddedTimeoutMs: 30_000, logger });
    expect(second).toMatchObject({ engine: 'mongo', durable: true, sharedWith: process.pid });
    expect(await second.store.people.get('t', 'u')).toMatchObject({ name: 'U' });
    await second.stop();
    const cliStore = await openCliStore(loadConfig({ STORE: 'auto', DATA_DIR: dir }));
    expect(await cliStore.store.people.get('t', 'u')).toMatchObject({ name: 'U' });
    await cliStore.stop();
    await service.stop();
    expect(existsSync(serverFile(dir))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
