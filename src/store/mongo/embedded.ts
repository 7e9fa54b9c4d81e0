// An embedded MongoDB (mongodb-memory-server) for running without MONGODB_URI:
// data lives under <dataDir>/mongo and survives restarts. It needs a mongod
// binary; when none is installed it downloads one, which cannot work offline,
// so the download runs in a child process that is killed at the deadline and
// the caller gets a plain reason within `timeoutMs`.
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clearStaleLock } from './server-file.js';

/**
 * The one place the embedded mongod's version is chosen. Data files written by
 * one major version are not always readable by another: a package update must
 * not change it silently. Changing it is a migration (see README, Operations).
 */
export const MONGOD_VERSION = '8.2.6';

/** written beside the data: which mongod version the files are for */
const VERSION_FILE = 'chat-crm-mongod-version';

export interface EmbeddedMongo {
  uri: string;
  stop(): Promise<void>;
}

interface EmbeddedLogger {
  info(obj: object, msg?: string): void;
}

export class EmbeddedMongoUnavailableError extends Error {
  override name = 'EmbeddedMongoUnavailableError';
}

export async function startEmbeddedMongo(opts: { dataDir: string; timeoutMs: number; logger?: EmbeddedLogger }): Promise<EmbeddedMongo> {
  const deadline = Date.now() + opts.timeoutMs;
  const dbPath = join(opts.dataDir, 'mongo');
  // first: data another version wrote is refused before anything is fetched or started
  await assertVersionMatches(dbPath);
  const { MongoMemoryServer, DryMongoBinary } = await import('mongodb-memory-server');
  const binary = await DryMongoBinary.locateBinary(await DryMongoBinary.generateOptions({ version: MONGOD_VERSION }));
  if (!binary) {
    opts.logger?.info({ timeoutMs: opts.timeoutMs }, 'no mongod binary found; trying to download one');
    await downloadBinary(Math.max(0, deadline - Date.now()), opts.timeoutMs);
  }
  await mkdir(dbPath, { recursive: true });
  const lock = await clearStaleLock(dbPath);
  if (lock === 'held') {
    throw new EmbeddedMongoUnavailableError(
      `Embedded MongoDB: another mongod holds ${dbPath} and no running service published its address. `
      + 'Stop that process (or set MONGODB_URI to it).');
  }
  if (lock === 'stale-cleared') opts.logger?.info({ dbPath }, 'cleared a stale mongod.lock left by a crash');
  const left = Math.max(1000, deadline - Date.now());
  const starting = MongoMemoryServer.create({
    binary: { version: MONGOD_VERSION },
    instance: { dbPath, storageEngine: 'wiredTiger', launchTimeout: left },
  });
  const server = await withDeadline(starting, left, () => {
    // a server that comes up after we gave up must not linger
    void starting.then((s) => s.stop({ doCleanup: false }), () => undefined);
    return new EmbeddedMongoUnavailableError(`Embedded MongoDB did not start within ${opts.timeoutMs} ms.`);
  }).catch((e: unknown) => {
    if (e instanceof EmbeddedMongoUnavailableError) throw e;
    throw new EmbeddedMongoUnavailableError(`Embedded MongoDB could not start: ${firstLine(e)}`);
  });
  await writeFile(join(dbPath, VERSION_FILE), `${MONGOD_VERSION}\n`);
  opts.logger?.info({ dbPath, version: MONGOD_VERSION }, 'embedded MongoDB started');
  return {
    uri: server.getUri(),
    // keep the data folder: that is the point of a dbPath
    stop: async () => { await server.stop({ doCleanup: false }); },
  };
}

/** fetch the mongod binary in a child process we can kill at the deadline */
function downloadBinary(timeoutMs: number, budgetMs: number): Promise<void> {
  const require = createRequire(import.meta.url);
  const core = pathToFileURL(require.resolve('mongodb-memory-server')).href;
  const script = `import m from ${JSON.stringify(core)}; await m.MongoBinary.getPath({ version: ${JSON.stringify(MONGOD_VERSION)} });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new EmbeddedMongoUnavailableError(
        `Embedded MongoDB unavailable: no mongod binary is installed and downloading one did not finish within ${budgetMs} ms `
        + '(no network?). Set MONGODB_URI to a MongoDB server, or MONGOMS_SYSTEM_BINARY to a local mongod.'));
    }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) { resolve(); return; }
      const why = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|ETIMEDOUT/.exec(stderr)?.[0];
      reject(new EmbeddedMongoUnavailableError(
        `Embedded MongoDB unavailable: no mongod binary is installed and it could not be downloaded `
        + `(${why ? `${why}: no network` : lastLine(stderr) || `exit ${code}`}). `
        + 'Set MONGODB_URI to a MongoDB server, or MONGOMS_SYSTEM_BINARY to a local mongod.'));
    });
  });
}

/** data written by another mongod version is refused with a reason, not handed to mongod to fail on */
async function assertVersionMatches(dbPath: string): Promise<void> {
  const written = (await readFile(join(dbPath, VERSION_FILE), 'utf8').catch(() => '')).trim();
  if (written && written !== MONGOD_VERSION) {
    throw new EmbeddedMongoUnavailableError(
      `Embedded MongoDB: the data in ${dbPath} was written by mongod ${written}; this build runs ${MONGOD_VERSION}. `
      + 'Run the matching version to export it (mongodump), or set MONGODB_URI.');
  }
}

function withDeadline<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e); });
  });
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter((l) => l.trim() !== '').pop()?.trim().slice(0, 200) ?? '';
}
