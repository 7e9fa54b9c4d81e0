// An embedded MongoDB (mongodb-memory-server) for running without MONGODB_URI:
// data lives under <dataDir>/mongo and survives restarts. It needs a mongod
// binary; when none is installed it downloads one, which cannot work offline,
// so the download runs in a child process that is killed at the deadline and
// the caller gets a plain reason within `timeoutMs`.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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
  const { MongoMemoryServer, DryMongoBinary } = await import('mongodb-memory-server');
  const binary = await DryMongoBinary.locateBinary(await DryMongoBinary.generateOptions({}));
  if (!binary) {
    opts.logger?.info({ timeoutMs: opts.timeoutMs }, 'no mongod binary found; trying to download one');
    await downloadBinary(Math.max(0, deadline - Date.now()), opts.timeoutMs);
  }
  const dbPath = join(opts.dataDir, 'mongo');
  await mkdir(dbPath, { recursive: true });
  const left = Math.max(1000, deadline - Date.now());
  const starting = MongoMemoryServer.create({ instance: { dbPath, storageEngine: 'wiredTiger', launchTimeout: left } });
  const server = await withDeadline(starting, left, () => {
    // a server that comes up after we gave up must not linger
    void starting.then((s) => s.stop({ doCleanup: false }), () => undefined);
    return new EmbeddedMongoUnavailableError(`Embedded MongoDB did not start within ${opts.timeoutMs} ms.`);
  }).catch((e: unknown) => {
    if (e instanceof EmbeddedMongoUnavailableError) throw e;
    throw new EmbeddedMongoUnavailableError(`Embedded MongoDB could not start: ${firstLine(e)}`);
  });
  opts.logger?.info({ dbPath }, 'embedded MongoDB started');
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
  const script = `import m from ${JSON.stringify(core)}; await m.MongoBinary.getPath();`;
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
