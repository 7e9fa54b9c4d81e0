// Which store engines the contract suite runs on. Memory always; mongo when
// MONGODB_URI is set, or when an embedded MongoDB can start (MONGOMS_SYSTEM_BINARY
// or a cached/downloadable binary). The embedded probe runs once per vitest run:
// its verdict is cached in a temp file named after the vitest process, which
// the summary reporter also reads. A skipped engine carries its reason in the
// suite name, so it is visible in every reporter.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import type { EngineName, Store } from '../../src/store/ports.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';

export interface EngineUnderTest {
  name: EngineName;
  /** why this engine does not run here; undefined when it runs */
  skipReason?: string;
  open(): Promise<{ store: Store; close(): Promise<void> }>;
}

interface Verdict { ok: boolean; reason?: string }

const PROBE_TIMEOUT_MS = 4000;

/** the file the verdict of this run lives in: workers are children of the vitest process */
export function verdictFile(vitestPid: number): string {
  return join(tmpdir(), `chat-crm-mongo-verdict-${vitestPid}.json`);
}

async function probeEmbedded(): Promise<Verdict> {
  const file = verdictFile(process.ppid);
  const lock = `${file}.lock`;
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Verdict;
    try {
      const handle = await open(lock, 'wx');
      await handle.close();
      break;
    } catch {
      // another test file is probing: wait for its verdict
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Verdict;
  const verdict = await tryEmbedded();
  writeFileSync(file, JSON.stringify(verdict));
  await rm(lock, { force: true });
  return verdict;
}

async function tryEmbedded(): Promise<Verdict> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-crm-probe-'));
  try {
    const { startEmbeddedMongo } = await import('../../src/store/mongo/embedded.js');
    const server = await startEmbeddedMongo({ dataDir, timeoutMs: PROBE_TIMEOUT_MS });
    await server.stop();
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

let cached: Promise<EngineUnderTest[]> | undefined;

export function enginesUnderTest(): Promise<EngineUnderTest[]> {
  cached ??= decide();
  return cached;
}

async function decide(): Promise<EngineUnderTest[]> {
  const memory: EngineUnderTest = {
    name: 'memory',
    open: async () => ({ store: createMemoryStore(), close: async () => {} }),
  };
  const uri = process.env.MONGODB_URI;
  if (uri) return [memory, mongoAt(async () => ({ uri, stop: async () => {} }))];
  const verdict = await probeEmbedded();
  if (!verdict.ok) {
    return [memory, { name: 'mongo', skipReason: oneLine(verdict.reason ?? 'embedded MongoDB unavailable'), open: () => Promise.reject(new Error('skipped')) }];
  }
  return [memory, mongoAt(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chat-crm-contract-'));
    const { startEmbeddedMongo } = await import('../../src/store/mongo/embedded.js');
    const server = await startEmbeddedMongo({ dataDir, timeoutMs: 30_000 });
    return { uri: server.uri, stop: async () => { await server.stop(); rmSync(dataDir, { recursive: true, force: true }); } };
  })];
}

function mongoAt(server: () => Promise<{ uri: string; stop(): Promise<void> }>): EngineUnderTest {
  return {
    name: 'mongo',
    open: async () => {
      const { uri, stop } = await server();
      const { createMongoStore } = await import('../../src/store/mongo/mongo-store.js');
      // a fresh database per test file, dropped afterwards
      // command events on: explainIssued() (explain.ts) replays what a call sent
      const store = await createMongoStore({ uri, dbName: `contract_${randomBytes(6).toString('hex')}`, serverSelectionTimeoutMs: 5000, monitorCommands: true });
      await store.init();
      return {
        store,
        close: async () => {
          await store.connection.dropDatabase();
          await store.close();
          await stop();
        },
      };
    },
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** the title of an engine's suite; the summary reporter parses it */
export function engineSuiteTitle(area: string, e: EngineUnderTest): string {
  return `store contract [${e.name}] ${area}${e.skipReason ? ` (skipped: ${e.skipReason})` : ''}`;
}

/**
 * One describe per engine. The body gets a getter for the store opened for
 * this file; tests make their own tenants (see tenant()) so they never see
 * each other's data.
 */
export function describeEachEngine(area: string, engines: EngineUnderTest[], body: (store: () => Store, engine: EngineName) => void): void {
  for (const e of engines) {
    describe.skipIf(e.skipReason !== undefined)(engineSuiteTitle(area, e), () => {
      let opened: { store: Store; close(): Promise<void> } | undefined;
      beforeAll(async () => { opened = await e.open(); });
      afterAll(async () => { await opened?.close(); });
      body(() => {
        if (!opened) throw new Error(`${e.name} store not opened`);
        return opened.store;
      }, e.name);
    });
  }
}

/** read the verdict a run cached (for the summary reporter, which runs in the vitest process) */
export async function readVerdict(vitestPid: number): Promise<Verdict | undefined> {
  try {
    return JSON.parse(await readFile(verdictFile(vitestPid), 'utf8')) as Verdict;
  } catch {
    return undefined;
  }
}
