// The declarative registry of every query the mongo engine issues, and of the
// indexes the schemas declare. Repos build each filter with filterFor(name, …)
// and each sort with sortFor(name): a query that is not registered does not
// compile, a field that is not declared throws, and the contract test
// (test/contract/mongo-indexes.test.ts) fails when a registered query has no
// index serving it. Index check: equality fields first (any order), then the
// sort keys in order (all same or all reversed direction), then range fields.
// `residual` fields are filtered on the documents the index found.

import { SCAN_LIMIT } from '../search/plan.js';

/** the collections of the models in schemas.ts */
export type CollectionName = 'customers' | 'counters' | 'interactions' | 'deals' | 'people' | 'settings' | 'audit' | 'once';
/** every collection the registry covers: the delivery records keep their own model (deliveries.ts) */
export type RegistryCollection = CollectionName | 'deliveries';

export type IndexKeys = Record<string, 1 | -1>;
export interface IndexSpec {
  keys: IndexKeys;
  unique?: boolean;
  expireAfterSeconds?: number;
  /** an index created under this name in deployments already running (renaming one fails createIndexes) */
  name?: string;
  /** only documents matching this are indexed (a unique index over the ones that have the field) */
  partialFilterExpression?: Record<string, unknown>;
  /** deliberately not led by tenantId: the operator's view across tenants (/healthz counts) */
  crossTenant?: true;
}

export interface QuerySpec {
  collection: RegistryCollection;
  equality: readonly string[];
  sort?: IndexKeys;
  range?: readonly string[];
  residual?: readonly string[];
  /** the most documents one run of the query reads: it always carries a limit this size */
  maxDocs?: number;
}

/** `{_id: 1}` exists on every collection without being declared */
/** how long a delivery record is kept (its period is long past by then) */
export const DELIVERY_RETENTION_S = 400 * 24 * 60 * 60;

/** the search index: its key pattern is also the hint of every search query */
export const SEARCH_INDEX = { tenantId: 1, searchKeys: 1, codeSort: 1 } as const;
const SEARCH_INDEX_SPEC: IndexSpec = { keys: SEARCH_INDEX };

export const INDEXES: Record<RegistryCollection, IndexSpec[]> = {
  customers: [
    { keys: { tenantId: 1, code: 1 }, unique: true },
    { keys: { tenantId: 1, codeSort: 1 } },
    { keys: { tenantId: 1, nameKey: 1 } },
    { keys: { tenantId: 1, nameLower: 1 } },
    { keys: { tenantId: 1, nameVariants: 1 } },
    // the hold of an unconfirmed create on its name (InsertOptions.uniqueName): only customers that hold one are in it
    { keys: { tenantId: 1, nameGuard: 1 }, unique: true, partialFilterExpression: { nameGuard: { $exists: true } } },
    // search: every search key of a customer (src/store/search/keys.ts), code order per key
    SEARCH_INDEX_SPEC,
    // the backfill of keys for documents written before them (or with an older key version)
    { keys: { searchKeysV: 1 }, crossTenant: true },
    { keys: { tenantId: 1, ownerId: 1, codeSort: 1 } },
    { keys: { tenantId: 1, ownerId: 1, nextFollowUpAt: 1, codeSort: 1 } },
    { keys: { tenantId: 1, nextFollowUpAt: 1, codeSort: 1 } },
    { keys: { tenantId: 1, lastInteractionAt: 1, createdAt: 1 } },
    // the public pool's recycling pass and warnings: one range per tier
    { keys: { tenantId: 1, tier: 1, lastInteractionAt: 1, createdAt: 1 } },
  ],
  counters: [],
  interactions: [{ keys: { tenantId: 1, customerId: 1, at: 1, _id: 1 } }],
  deals: [{ keys: { tenantId: 1, customerId: 1, date: 1, _id: 1 } }],
  people: [
    { keys: { tenantId: 1, personId: 1 }, unique: true },
    { keys: { tenantId: 1, nameLower: 1, personId: 1 } },
    { keys: { tenantId: 1, role: 1 } },
  ],
  settings: [],
  audit: [
    { keys: { tenantId: 1, at: 1, _id: 1 } },
    { keys: { tenantId: 1, customerId: 1, at: 1, _id: 1 } },
    { keys: { tenantId: 1, action: 1, at: 1, _id: 1 } },
  ],
  once: [{ keys: { expiresAt: 1 }, expireAfterSeconds: 0 }],
  deliveries: [
    // the unique key of a message; _id is derived from it, the index says it in the data too
    { keys: { tenantId: 1, job: 1, recipient: 1, period: 1 }, unique: true, name: 'delivery_key' },
    // a tenant's counts per job and state, answered from the index alone
    { keys: { tenantId: 1, job: 1, state: 1 }, name: 'delivery_state' },
    // newest first, ties by _id (both engines list alike); replaces delivery_tenant_recent (no _id), dropped at init
    { keys: { tenantId: 1, state: 1, updatedAt: -1, _id: -1 }, name: 'delivery_tenant_recent_id' },
    // every scheduler tick counts the records of all tenants per state for /healthz; replaces delivery_recent
    { keys: { state: 1, updatedAt: -1, _id: -1 }, name: 'delivery_recent_id', crossTenant: true },
    // records are only needed while their period can still be sent: gone after 400 days, so the collection stays bounded
    { keys: { createdAt: 1 }, name: 'delivery_expiry', crossTenant: true, expireAfterSeconds: DELIVERY_RETENTION_S },
  ],
};

const LIST_RESIDUAL = ['tier', 'status', 'industry', 'archived'] as const;
const INACTIVE_RESIDUAL = ['status', 'archived'] as const;
const IDLE_RESIDUAL = ['ownerId', 'status', 'archived', 'ownedSince'] as const;

export const QUERIES = {
  'counters.next': { collection: 'counters', equality: ['_id'] },
  'customers.byId': { collection: 'customers', equality: ['_id'], residual: ['tenantId'] },
  'customers.update': { collection: 'customers', equality: ['_id'], residual: ['tenantId', 'version'] },
  'customers.byCode': { collection: 'customers', equality: ['tenantId', 'code'] },
  'customers.byNameLower': { collection: 'customers', equality: ['tenantId', 'nameLower'], residual: ['archived'] },
  'customers.byNameKey': { collection: 'customers', equality: ['tenantId', 'nameKey'], residual: ['archived'] },
  'customers.byNameVariants': { collection: 'customers', equality: ['tenantId', 'nameVariants'], residual: ['archived'] },
  // search (src/store/search/plan.ts): exact keys ($in merges the index's per-key code order) and
  // anchored key prefixes ($elemMatch keeps both bounds on the multikey index); each with a limit
  'customers.search.keys': { collection: 'customers', equality: ['tenantId', 'searchKeys'], sort: { codeSort: 1 }, maxDocs: SCAN_LIMIT },
  'customers.search.prefix': { collection: 'customers', equality: ['tenantId'], range: ['searchKeys'], maxDocs: SCAN_LIMIT },
  'customers.searchKeys.stale': { collection: 'customers', equality: [], range: ['searchKeysV'], maxDocs: 500 },
  'customers.list': { collection: 'customers', equality: ['tenantId'], sort: { codeSort: 1 }, residual: LIST_RESIDUAL },
  'customers.list.owner': { collection: 'customers', equality: ['tenantId', 'ownerId'], sort: { codeSort: 1 }, residual: LIST_RESIDUAL },
  'customers.list.due': {
    collection: 'customers', equality: ['tenantId'], sort: { nextFollowUpAt: 1, codeSort: 1 }, range: ['nextFollowUpAt'], residual: LIST_RESIDUAL,
  },
  'customers.list.owner.due': {
    collection: 'customers', equality: ['tenantId', 'ownerId'], sort: { nextFollowUpAt: 1, codeSort: 1 }, range: ['nextFollowUpAt'], residual: LIST_RESIDUAL,
  },
  'customers.dueFor': {
    collection: 'customers', equality: ['tenantId', 'ownerId'], range: ['nextFollowUpAt'], residual: ['status', 'archived'],
  },
  'customers.ownersWithDue': {
    collection: 'customers', equality: ['tenantId'], range: ['nextFollowUpAt'], residual: ['status', 'archived'],
  },
  'customers.inactive.interacted': {
    collection: 'customers', equality: ['tenantId'], range: ['lastInteractionAt'], residual: INACTIVE_RESIDUAL,
  },
  'customers.inactive.never': {
    collection: 'customers', equality: ['tenantId', 'lastInteractionAt'], range: ['createdAt'], residual: INACTIVE_RESIDUAL,
  },
  // the public pool (SPEC §7): idle customers of a tier, by last follow-up or, never followed up, by creation
  'customers.idle.interacted': {
    collection: 'customers', equality: ['tenantId', 'tier'], range: ['lastInteractionAt'], residual: IDLE_RESIDUAL,
  },
  'customers.idle.never': {
    collection: 'customers', equality: ['tenantId', 'tier', 'lastInteractionAt'], range: ['createdAt'], residual: IDLE_RESIDUAL,
  },
  // one owner's (their digest's warnings): the owner's book, bounded by it
  'customers.idle.owner': {
    collection: 'customers', equality: ['tenantId', 'ownerId'], sort: { codeSort: 1 },
    residual: ['tier', 'lastInteractionAt', 'createdAt', 'status', 'archived', 'ownedSince'],
  },
  // a claim: only while the customer is still in the pool (or still the owner's, at this version)
  'customers.updateIf': { collection: 'customers', equality: ['_id'], residual: ['tenantId', 'ownerId', 'version'] },
  // a person's claims of a day: counted up only below the limit
  'counters.quota': { collection: 'counters', equality: ['_id'], residual: ['seq'] },
  'customers.iterate': { collection: 'customers', equality: ['tenantId'], sort: { codeSort: 1 }, range: ['codeSort'] },
  'interactions.recent': { collection: 'interactions', equality: ['tenantId', 'customerId'], sort: { at: -1, _id: -1 } },
  'interactions.byId': { collection: 'interactions', equality: ['_id'], residual: ['tenantId'] },
  'interactions.countSince': { collection: 'interactions', equality: ['tenantId', 'customerId'], range: ['at'] },
  'deals.byId': { collection: 'deals', equality: ['_id'], residual: ['tenantId'] },
  'deals.forCustomer': { collection: 'deals', equality: ['tenantId', 'customerId'], sort: { date: 1, _id: 1 } },
  // customerId is an `$in` of a batch: one index range per customer, ordered in code
  'deals.forCustomers': { collection: 'deals', equality: ['tenantId', 'customerId'] },
  'people.byId': { collection: 'people', equality: ['tenantId', 'personId'] },
  'people.list': { collection: 'people', equality: ['tenantId'], sort: { nameLower: 1, personId: 1 } },
  'people.byNameLower': { collection: 'people', equality: ['tenantId', 'nameLower'], sort: { personId: 1 } },
  'people.countByRole': { collection: 'people', equality: ['tenantId', 'role'] },
  'people.tenants': { collection: 'people', equality: [], sort: { tenantId: 1 } },
  'settings.byTenant': { collection: 'settings', equality: ['_id'] },
  'settings.tenants': { collection: 'settings', equality: [], sort: { _id: 1 } },
  'audit.list': { collection: 'audit', equality: ['tenantId'], sort: { at: -1, _id: -1 }, range: ['at'] },
  'audit.list.customer': { collection: 'audit', equality: ['tenantId', 'customerId'], sort: { at: -1, _id: -1 }, range: ['at'], residual: ['action'] },
  'audit.list.action': { collection: 'audit', equality: ['tenantId', 'action'], sort: { at: -1, _id: -1 }, range: ['at'] },
  'once.claim': { collection: 'once', equality: ['_id'], residual: ['expiresAt'] },
  'deliveries.byId': { collection: 'deliveries', equality: ['_id'] },
  'deliveries.claim': { collection: 'deliveries', equality: ['_id'], residual: ['state', '$or'] },
  'deliveries.held': { collection: 'deliveries', equality: ['_id'], residual: ['state', 'leaseOwner'] },
  'deliveries.counts': { collection: 'deliveries', equality: ['tenantId'] },
  'deliveries.counts.job': { collection: 'deliveries', equality: ['tenantId', 'job'] },
  'deliveries.counts.all': { collection: 'deliveries', equality: ['state'], residual: ['job'] },
  // state is always given, as `$in` every state when the caller gave none: the
  // index then serves the sort by merging one range per state
  'deliveries.list': { collection: 'deliveries', equality: ['tenantId', 'state'], sort: { updatedAt: -1, _id: -1 }, residual: ['job'] },
  'deliveries.list.all': { collection: 'deliveries', equality: ['state'], sort: { updatedAt: -1, _id: -1 }, residual: ['job'] },
} as const satisfies Record<string, QuerySpec>;

export type QueryName = keyof typeof QUERIES;

/**
 * The bound on documents a query examines, stated per query (the index test
 * prints it; the explain test holds list, due and the digest to it on a real
 * server): 'one' an _id or unique key; 'returned' every document the index
 * range yields is returned; 'limit' the call's skip + limit in index order
 * (plus the few a residual filter rejects on the way); 'range' the documents
 * in the index range of the equality and range fields, named by `of`.
 */
export interface Examines { bound: 'one' | 'returned' | 'limit' | 'range'; of?: string }

const one: Examines = { bound: 'one' };
const returned: Examines = { bound: 'returned' };
const limit: Examines = { bound: 'limit' };
const range = (of: string): Examines => ({ bound: 'range', of });

export const EXAMINES: Record<string, Examines> = {
  'counters.next': one,
  'customers.byId': one,
  'customers.update': one,
  'customers.byCode': one,
  'customers.byNameLower': range('the tenant\'s customers of that exact lower-cased name'),
  'customers.byNameKey': range('the tenant\'s customers of that name key'),
  'customers.byNameVariants': range('the tenant\'s customers sharing a one-edit variant (a handful)'),
  'customers.search.keys': { bound: 'limit', of: 'at most SCAN_LIMIT (200) customers holding the exact key, in code order' },
  'customers.search.prefix': { bound: 'limit', of: 'at most SCAN_LIMIT (200) customers with a key in the prefix range' },
  'customers.searchKeys.stale': { bound: 'limit', of: 'one backfill batch (500) of customers with older keys' },
  'customers.list': limit,
  'customers.list.owner': limit,
  'customers.list.due': range('the tenant\'s customers due before the instant'),
  'customers.list.owner.due': range('the owner\'s customers due before the instant'),
  'customers.dueFor': range('the owner\'s customers due before the instant'),
  'customers.ownersWithDue': range('the tenant\'s customers due before the instant'),
  'customers.inactive.interacted': range('the tenant\'s customers last logged before the instant'),
  'customers.inactive.never': range('the tenant\'s never-logged customers created before the instant'),
  'customers.iterate': limit,
  'customers.idle.interacted': range('the tenant\'s customers of the tier last logged before the instant'),
  'customers.idle.never': range('the tenant\'s never-logged customers of the tier created before the instant'),
  'customers.idle.owner': range('the owner\'s customers of the tier'),
  'customers.updateIf': one,
  'counters.quota': one,
  'interactions.byId': one,
  'interactions.recent': limit,
  'interactions.countSince': returned,
  'deals.byId': one,
  'deals.forCustomer': returned,
  'deals.forCustomers': returned,
  'people.byId': one,
  'people.list': returned,
  'people.byNameLower': returned,
  'people.countByRole': returned,
  'people.tenants': range('every person (the jobs\' tenant list, once per tick)'),
  'settings.byTenant': one,
  'settings.tenants': returned,
  'audit.list': limit,
  'audit.list.customer': range('the customer\'s entries since the instant, newest first, until `limit` match the action'),
  'audit.list.action': limit,
  'once.claim': one,
  'deliveries.byId': one,
  'deliveries.claim': one,
  'deliveries.held': one,
  'deliveries.counts': returned,
  'deliveries.counts.job': returned,
  'deliveries.counts.all': returned,
  'deliveries.list': limit,
  'deliveries.list.all': limit,
};

/**
 * The filter of a registered query. Throws on a field the registry does not
 * declare, so a repo cannot quietly filter on an unindexed shape.
 */
export function filterFor<F extends Record<string, unknown>>(name: QueryName, filter: F): F {
  const spec: QuerySpec = QUERIES[name];
  const allowed = new Set([...spec.equality, ...(spec.range ?? []), ...(spec.residual ?? [])]);
  for (const key of Object.keys(filter)) {
    if (!allowed.has(key)) throw new Error(`query ${name} filters on ${key}, which the registry does not declare`);
  }
  for (const key of spec.equality) {
    if (!(key in filter)) throw new Error(`query ${name} lacks its equality field ${key}`);
  }
  return filter;
}

export function sortFor(name: QueryName): IndexKeys {
  const spec: QuerySpec = QUERIES[name];
  if (!spec.sort) throw new Error(`query ${name} declares no sort`);
  return { ...spec.sort };
}

export interface IndexMatch { query: QueryName; spec: QuerySpec; index?: IndexKeys }

/** which index serves each registered query (undefined: none does) */
export function matchIndexes(): IndexMatch[] {
  return (Object.keys(QUERIES) as QueryName[]).map((query) => {
    const spec: QuerySpec = QUERIES[query];
    const candidates = [{ keys: { _id: 1 } as IndexKeys }, ...INDEXES[spec.collection]];
    const found = candidates.find((ix) => serves(ix.keys, spec));
    return { query, spec, index: found?.keys };
  });
}

export function serves(index: IndexKeys, spec: QuerySpec): boolean {
  const keys = Object.entries(index);
  const eq = new Set(spec.equality);
  if (keys.length < eq.size) return false;
  for (let i = 0; i < eq.size; i += 1) if (!eq.has(keys[i]![0])) return false;
  let at = eq.size;
  const sort = Object.entries(spec.sort ?? {});
  if (sort.length > 0) {
    // the first sort key decides the direction; every sort key must agree with it
    const flip = keys[at]?.[1] !== sort[0]![1];
    for (const [field, dir] of sort) {
      const k = keys[at];
      if (!k || k[0] !== field || (flip ? -k[1] : k[1]) !== dir) return false;
      at += 1;
    }
  }
  const range = (spec.range ?? []).filter((f) => !(f in (spec.sort ?? {})));
  // a range must be on the key right after the prefix, or it scans the whole prefix
  if (range.length > 0 && sort.length === 0) return keys[at]?.[0] === range[0];
  return true;
}
