// One embedded MongoDB per data folder, and the folder says which: the service
// that started it writes <dataDir>/mongo-server.json (its URI and pid) and
// removes it on stop; a CLI or a second `npm start` on the same folder connects
// to that server instead of starting one mongod on files another holds. After
// a crash the file and mongod's own lock outlive their processes: a file or a
// lock whose pid is gone is stale and is cleared before anyone starts.
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PublishedServer {
  uri: string;
  /** the process that started the server (and stops it) */
  pid: number;
  /** the mongod version it runs (MONGOD_VERSION of that build) */
  version?: string;
  startedAt?: string;
}

export const SERVER_FILE = 'mongo-server.json';

export const serverFile = (dataDir: string): string => join(dataDir, SERVER_FILE);

/** the server another live process published for this folder; a stale or unreadable file is removed */
export async function readPublished(dataDir: string): Promise<PublishedServer | undefined> {
  const file = serverFile(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = parseServer(text);
  if (parsed && isAlive(parsed.pid)) return parsed;
  // left by a crash (its process is gone) or half-written: nobody serves through it
  await rm(file, { force: true });
  return undefined;
}

/** written whole or not at all (a reader never sees half a file) */
export async function publish(dataDir: string, server: PublishedServer): Promise<void> {
  const file = serverFile(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(server, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, file);
}

/** removes the file if it is still this process's (another may have taken over since) */
export async function unpublish(dataDir: string, pid = process.pid): Promise<void> {
  const file = serverFile(dataDir);
  const current = parseServer(await readFile(file, 'utf8').catch(() => ''));
  if (current?.pid === pid) await rm(file, { force: true });
}

/**
 * mongod writes its pid into <dbPath>/mongod.lock and empties it on a clean
 * stop. A lock naming a process that is gone was left by a crash: emptied so
 * the next mongod starts (WiredTiger recovers the data itself). A lock of a
 * live process is left alone. Returns what it found.
 */
export async function clearStaleLock(dbPath: string): Promise<'none' | 'stale-cleared' | 'held'> {
  const lock = join(dbPath, 'mongod.lock');
  const size = await stat(lock).then((s) => s.size, () => 0);
  if (size === 0) return 'none';
  const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return 'held';
  await writeFile(lock, '');
  return 'stale-cleared';
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, but belongs to someone else
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseServer(text: string): PublishedServer | undefined {
  try {
    const v = JSON.parse(text) as Partial<PublishedServer>;
    if (typeof v.uri === 'string' && /^mongodb:\/\//.test(v.uri) && typeof v.pid === 'number') {
      return { uri: v.uri, pid: v.pid, version: v.version, startedAt: v.startedAt };
    }
  } catch {
    // not JSON: treated as stale
  }
  return undefined;
}
