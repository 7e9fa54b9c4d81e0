// The store's ports. Commands and jobs ask by intent; each engine (memory/,
// mongo/) answers the same contract (test/contract). Nothing outside the
// engines builds a query. Every method takes the tenant first: nothing ever
// crosses tenants.
import type {
  AuditEntry, Customer, Deal, Interaction, Person, PersonPrefs, Role, Status, TenantSettings, Tier,
} from '../domain/types.js';
import type { DeliveryRepo } from './deliveries.js';

export type EngineName = 'memory' | 'mongo';

/**
 * Index data a caller writes with the name and the engine keeps for
 * findByNameVariants, but never hands back: no reader needs it, and it is the
 * bulk of a customer (about 14 strings).
 */
export interface NameIndex {
  /** nameKey and every one-deletion variant of it and of its stems (domain/names.ts indexVariants) */
  nameVariants: string[];
}

/** what a caller writes; the engine assigns `id`, `code` comes from nextCode */
export type NewCustomer = Omit<Customer, 'id' | 'version'> & NameIndex;
/** a rename brings its new nameKey and nameVariants */
export type CustomerPatch = Partial<Omit<Customer, 'id' | 'tenantId' | 'code' | 'createdAt' | 'createdBy' | 'version'> & NameIndex>;

export interface Page { offset: number; limit: number }
export interface Paged<T> { items: T[]; total: number }

export interface CustomerFilter {
  ownerId?: string;
  tier?: Tier;
  status?: Status;
  /** due: nextFollowUpAt < dueBefore (the start of tomorrow in the owner's zone); lost never due */
  dueBefore?: Date;
  industry?: string;
  includeArchived?: boolean;
}

export interface SearchQuery {
  /** literal text: never a regular expression, never an operator */
  text: string;
  /**
   * Contact phone/email/wechat are matched only on customers this person owns,
   * or on all customers when 'all'. Undefined: never matched by contact details
   * (a masked value must not be findable by someone who cannot see it).
   */
  contactDetailsOf?: string | 'all';
  limit: number;
}

export type CountField = 'tier' | 'status' | 'ownerId' | 'source' | 'industry';

export class VersionConflictError extends Error {
  constructor(public readonly customerId: string) {
    super(`customer ${customerId} was changed by someone else`);
  }
}

/** insert with a code the tenant already has (an import re-run, a reused code) */
export class DuplicateCodeError extends Error {
  constructor(public readonly code: string) {
    super(`customer code ${code} already exists`);
  }
}

/**
 * insert with `uniqueName` while another such customer of the tenant has the
 * same nameKey: two people creating the same name at once create one customer
 * (SPEC §1's duplicate check cannot be raced); a confirmed create bypasses it
 */
export class DuplicateNameError extends Error {
  constructor(public readonly nameKey: string) {
    super(`a customer named like ${nameKey} was created at the same moment`);
  }
}

export interface InsertOptions {
  /**
   * hold the nameKey against concurrent unconfirmed creates of the same name
   * (DuplicateNameError); the hold ends when the customer is renamed or archived
   */
  uniqueName?: boolean;
}

export interface CustomerRepo {
  /**
   * Next code for a tenant and local day (YYYYMMDD): C + day + sequence of at
   * least 3 digits. Atomic (a counters collection); a sequence is never reused,
   * even if the create that took it fails.
   */
  nextCode(tenantId: string, day: string): Promise<string>;
  insert(customer: NewCustomer, opts?: InsertOptions): Promise<Customer>;
  get(tenantId: string, id: string): Promise<Customer | null>;
  getByCode(tenantId: string, code: string): Promise<Customer | null>;
  /** exact (case-insensitive) name matches and nameKey matches, not archived */
  findByName(tenantId: string, name: string, nameKey: string): Promise<Customer[]>;
  /** customers any of whose nameVariants is among the given ones (one-edit-away candidates) */
  findByNameVariants(tenantId: string, variants: string[]): Promise<Customer[]>;
  /** code, name (words, prefixes, Han bigrams, pinyin, initials, one character off), contact name, industry, contact details for those who may see them: ranked, at most SEARCH_LIMIT_MAX (search/plan.ts) */
  search(tenantId: string, query: SearchQuery): Promise<Customer[]>;
  list(tenantId: string, filter: CustomerFilter, page: Page): Promise<Paged<Customer>>;
  /** due for one owner: not lost, not archived, nextFollowUpAt < before; most urgent first */
  dueFor(tenantId: string, ownerId: string, before: Date): Promise<Customer[]>;
  /** every owner with at least one customer due before the given instant */
  ownersWithDue(tenantId: string, before: Date): Promise<string[]>;
  /** not lost/dormant, not archived, lastInteractionAt (or createdAt) < before: for the dormant job */
  inactiveSince(tenantId: string, before: Date): Promise<Customer[]>;
  countBy(tenantId: string, field: CountField, filter?: CustomerFilter): Promise<Record<string, number>>;
  /**
   * Customers of the tier that a recycling pass may return to the public pool:
   * owned (not in the pool), not lost, not archived, idle (domain/pool.ts
   * idleSince: last follow-up or creation, never before ownedSince) since
   * before `before`; of one owner when given. In code order.
   */
  idleOwned(tenantId: string, tier: Tier, before: Date, ownerId?: string): Promise<Customer[]>;
  /** the owners of idleOwned(tenantId, tier, before), sorted */
  ownersIdleBefore(tenantId: string, tier: Tier, before: Date): Promise<string[]>;
  /**
   * Patch only while the customer still has this owner (and version, when
   * given), atomically: the claim of a pool customer that two people press at
   * once. Null when the condition no longer holds (someone else won).
   */
  updateIf(tenantId: string, id: string, when: { ownerId: string; version?: number }, patch: CustomerPatch): Promise<Customer | null>;
  /**
   * Count one use of a bounded allowance (a person's claims of a day) when
   * fewer than `limit` were counted, atomically: parallel takers can never
   * pass the limit together. False when the limit is reached.
   */
  takeQuota(tenantId: string, key: string, limit: number): Promise<boolean>;
  /** give back one use (a claim that lost its race) */
  returnQuota(tenantId: string, key: string): Promise<void>;
  /** patch; when expectedVersion is given and differs, throws VersionConflictError */
  update(tenantId: string, id: string, patch: CustomerPatch, expectedVersion?: number): Promise<Customer>;
  /** all customers of a tenant, in code order, in batches (export, monthly review) */
  iterate(tenantId: string, batchSize?: number): AsyncIterable<Customer>;
}

export interface InteractionRepo {
  append(entry: Omit<Interaction, 'id'>): Promise<Interaction>;
  /** undo an append whose unit of work failed (commands/activity.ts); the log is otherwise append-only */
  retract(tenantId: string, id: string): Promise<void>;
  /** newest first */
  recent(tenantId: string, customerId: string, limit: number): Promise<Interaction[]>;
  countSince(tenantId: string, customerId: string, since: Date): Promise<number>;
}

export interface DealRepo {
  add(deal: Omit<Deal, 'id'>): Promise<Deal>;
  /** undo an add whose unit of work failed (commands/activity.ts) */
  retract(tenantId: string, id: string): Promise<void>;
  /** oldest first */
  forCustomer(tenantId: string, customerId: string): Promise<Deal[]>;
  /** the deals of many customers in a few reads (monthly review): per customer id, oldest first; ids without deals are absent */
  forCustomers(tenantId: string, customerIds: string[]): Promise<Map<string, Deal[]>>;
}

export interface PersonRepo {
  get(tenantId: string, id: string): Promise<Person | null>;
  /** insert or update name/timeZone/lang/platform (the platform profile); role only when given; never prefs */
  upsert(person: Omit<Person, 'createdAt' | 'updatedAt' | 'role' | 'prefs'> & { role?: Role }, now: Date): Promise<Person>;
  /** the person's own choices (`me`), replaced as a whole: a key left out is cleared; null when there is no such person */
  setPrefs(tenantId: string, id: string, prefs: PersonPrefs, now: Date): Promise<Person | null>;
  setRole(tenantId: string, id: string, role: Role, now: Date): Promise<Person>;
  list(tenantId: string): Promise<Person[]>;
  /** case-insensitive exact name or id */
  findByNameOrId(tenantId: string, nameOrId: string): Promise<Person[]>;
  countByRole(tenantId: string, role: Role): Promise<number>;
}

export interface SettingsRepo {
  /** the tenant's settings, defaults filled in */
  get(tenantId: string): Promise<TenantSettings>;
  update(tenantId: string, patch: Partial<Omit<TenantSettings, 'tenantId'>>, now: Date): Promise<TenantSettings>;
  /** every tenant that has settings or people (for jobs) */
  tenants(): Promise<string[]>;
}

export interface AuditRepo {
  append(entry: Omit<AuditEntry, 'id'>): Promise<AuditEntry>;
  /** newest first */
  list(tenantId: string, filter: { customerId?: string; action?: AuditEntry['action']; since?: Date }, limit: number): Promise<AuditEntry[]>;
}

/**
 * Once-only markers with an expiry: re-delivered platform events (Feishu
 * event_id, Slack retries) are processed once across replicas.
 * Returns true the first time a key is claimed, false while it is remembered.
 */
export interface OnceRepo {
  claim(key: string, ttlMs: number, now: Date): Promise<boolean>;
}

export interface Store {
  readonly engine: EngineName;
  readonly customers: CustomerRepo;
  readonly interactions: InteractionRepo;
  readonly deals: DealRepo;
  readonly people: PersonRepo;
  readonly settings: SettingsRepo;
  readonly audit: AuditRepo;
  readonly once: OnceRepo;
  readonly deliveries: DeliveryRepo;
  /** create indexes etc.; idempotent */
  init(): Promise<void>;
  close(): Promise<void>;
}
