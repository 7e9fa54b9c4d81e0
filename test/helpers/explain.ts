// What MongoDB actually did for a store call: run the call, take the read
// commands it sent (driver command events, on in the contract suite's mongo
// store), replay each with `explain` and sum up the plan. Any query of the
// mongo engine can be checked this way (find, search steps, list, due…):
//
//   const [plan] = await explainIssued(store, () => store.customers.list(t, {}, page));
//   expect(plan.collscan).toBe(false); expect(plan.docsExamined).toBeLessThanOrEqual(10);
import type { Connection } from 'mongoose';
import type { Store } from '../../src/store/ports.js';

export interface PlanSummary {
  command: string;
  collection: string;
  /** every stage name in the winning plan (IXSCAN, FETCH, SORT, COLLSCAN…) */
  stages: string[];
  /** the index names the plan scans */
  indexes: string[];
  collscan: boolean;
  /** an in-memory sort (the index did not give the order) */
  blockingSort: boolean;
  docsExamined: number;
  keysExamined: number;
  returned: number;
}

const READS = new Set(['find', 'aggregate', 'count', 'distinct']);
/** what the driver adds to a command that explain must not carry */
const SESSION_FIELDS = ['lsid', '$db', '$clusterTime', 'txnNumber', '$readPreference', 'readConcern', 'cursor'];

interface CommandStarted { commandName: string; command: Record<string, unknown>; databaseName: string }

export function connectionOf(store: Store): Connection {
  const { connection } = store as Store & { connection?: Connection };
  if (!connection) throw new Error(`explainIssued needs the mongo engine, not ${store.engine}`);
  return connection;
}

/** runs `call` and explains (executionStats) every read command it sent */
export async function explainIssued(store: Store, call: () => Promise<unknown>): Promise<PlanSummary[]> {
  const connection = connectionOf(store);
  const client = connection.getClient();
  const seen: CommandStarted[] = [];
  const listener = (e: CommandStarted) => {
    if (READS.has(e.commandName) && e.databaseName === connection.name) seen.push(e);
  };
  client.on('commandStarted', listener);
  try {
    await call();
  } finally {
    client.off('commandStarted', listener);
  }
  if (seen.length === 0) throw new Error('the call sent no read command (is monitorCommands on?)');
  const out: PlanSummary[] = [];
  for (const e of seen) out.push(await explainCommand(connection, e.commandName, e.command));
  return out;
}

export async function explainCommand(connection: Connection, commandName: string, command: Record<string, unknown>): Promise<PlanSummary> {
  const cmd: Record<string, unknown> = { ...command };
  for (const f of SESSION_FIELDS) delete cmd[f];
  const explained = await connection.db!.command({ explain: cmd, verbosity: 'executionStats' }) as Record<string, unknown>;
  const plans = collect(explained, 'winningPlan');
  const stats = collect(explained, 'executionStats') as { totalDocsExamined?: number; totalKeysExamined?: number; nReturned?: number }[];
  const stages = plans.flatMap((p) => stagesOf(p));
  const indexes = plans.flatMap((p) => indexNamesOf(p));
  return {
    command: commandName,
    collection: String(command[commandName]),
    stages,
    indexes: [...new Set(indexes)],
    collscan: stages.includes('COLLSCAN'),
    blockingSort: stages.includes('SORT'),
    docsExamined: sum(stats.map((s) => s.totalDocsExamined)),
    keysExamined: sum(stats.map((s) => s.totalKeysExamined)),
    returned: sum(stats.map((s) => s.nReturned)),
  };
}

const sum = (xs: (number | undefined)[]): number => xs.reduce<number>((a, b) => a + (b ?? 0), 0);

/** every value under `key` anywhere in an explain document (find, aggregate's $cursor, sharded shards) */
function collect(doc: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(doc)) {
    for (const d of doc) collect(d, key, out);
  } else if (doc && typeof doc === 'object') {
    for (const [k, v] of Object.entries(doc)) {
      if (k === key) out.push(v);
      else collect(v, key, out);
    }
  }
  return out;
}

function stagesOf(plan: unknown): string[] {
  return planNodes(plan).map((n) => String(n.stage));
}

function indexNamesOf(plan: unknown): string[] {
  return planNodes(plan).filter((n) => typeof n.indexName === 'string').map((n) => String(n.indexName));
}

/** the nodes of a plan tree (classic: inputStage/inputStages; SBE: queryPlan) */
function planNodes(plan: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (!plan || typeof plan !== 'object') return out;
  const node = plan as Record<string, unknown>;
  if (typeof node.stage === 'string') out.push(node);
  for (const k of ['queryPlan', 'inputStage', 'inputStages', 'innerStage', 'outerStage']) {
    const child = node[k];
    if (Array.isArray(child)) for (const c of child) planNodes(c, out);
    else planNodes(child, out);
  }
  return out;
}
