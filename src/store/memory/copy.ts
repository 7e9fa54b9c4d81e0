// Engines hand out copies: a caller that mutates a returned object must not
// change what is stored (the contract suite checks it).
import { randomBytes } from 'node:crypto';
import { indexVariants } from '../../domain/names.js';
import type { Contact, Customer } from '../../domain/types.js';
import type { NameIndex } from '../ports.js';

export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** 6 random bytes, then a 48-bit counter */
const idBytes = Buffer.alloc(12);
randomBytes(6).copy(idBytes);
let counter = 0;

/**
 * ObjectId-shaped (24 hex) ids, so ids look the same in both engines. Read
 * off a buffer: one flat string (a concatenation is two strings and a
 * joint, ~24 bytes more for each of 100,000 customers).
 */
export function newId(): string {
  counter += 1;
  idBytes.writeUIntBE(counter, 6, 6);
  return idBytes.toString('hex');
}

export function tenantMap<V>(map: Map<string, V>, tenantId: string, create: () => V): V {
  let v = map.get(tenantId);
  if (v === undefined) {
    v = create();
    map.set(tenantId, v);
  }
  return v;
}

// A hand-written copy of the Customer shape: structuredClone costs about ten
// times more per read and gives every stored customer fresh copies of every
// string (and, through the stored objects it builds, a hidden class of its
// own), which made a 100,000-customer tenant weigh about 2 KB per customer more.
// Strings are immutable, so copies share them. Anything outside the known
// shape (an unexpected key, a nested object where a string belongs) goes
// through structuredClone, so odd input is still copied faithfully.

const REQUIRED = [
  'id', 'tenantId', 'code', 'name', 'nameKey', 'contacts', 'tier', 'valueLevel', 'frequency',
  'status', 'needs', 'ownerId', 'createdAt', 'createdBy', 'updatedAt', 'dealCount', 'dealAmount365', 'archived', 'version',
] as const;
const OPTIONAL = [
  'industry', 'type', 'source', 'sourceNote', 'region', 'statusNote', 'notes', 'lastInteractionAt', 'nextFollowUpAt', 'nextFollowUpExplicit', 'firstDealAt',
  'poolSince', 'poolReason', 'poolFromId', 'ownedSince',
] as const;
const DATES = new Set<string>(['createdAt', 'updatedAt', 'lastInteractionAt', 'nextFollowUpAt', 'firstDealAt', 'poolSince', 'ownedSince']);
const ARRAYS = new Set<string>(['nameVariants', 'contacts', 'needs']);
/** nameVariants is given on writes and kept apart from the fields (see storedVariants) */
const KNOWN = new Set<string>([...REQUIRED, ...OPTIONAL, 'nameVariants']);

/** customers whose shape the hand-written copy does not cover */
const irregular = new WeakSet<object>();

function isPrimitive(v: unknown): boolean {
  return v === null || (typeof v !== 'object' && typeof v !== 'function');
}

function isPlainContact(k: unknown): boolean {
  if (k === null || typeof k !== 'object' || Array.isArray(k) || Object.getPrototypeOf(k) !== Object.prototype) return false;
  for (const v of Object.values(k)) if (!isPrimitive(v)) return false;
  return true;
}

/** whether copyCustomer reproduces this object exactly (checked once, when it is stored) */
function isRegular(c: Record<string, unknown>): boolean {
  for (const key of REQUIRED) if (!(key in c)) return false;
  for (const [key, v] of Object.entries(c)) {
    if (!KNOWN.has(key)) return false;
    if (DATES.has(key)) {
      if (!(v instanceof Date) && v !== undefined) return false;
    } else if (ARRAYS.has(key)) {
      if (!Array.isArray(v)) return false;
      if (key === 'contacts') {
        if (!v.every(isPlainContact)) return false;
      } else if (!v.every((s) => typeof s === 'string')) return false;
    } else if (!isPrimitive(v)) return false;
  }
  return true;
}

function copyContacts(list: Contact[]): Contact[] {
  const out = new Array<Contact>(list.length);
  for (let i = 0; i < list.length; i += 1) out[i] = { ...list[i]! };
  return out;
}

/** an instant as stored (epoch ms) or as found on an irregular customer (a Date, kept as given) */
export type Instant = number | Date;

/**
 * A customer as a row holds it: instants as epoch milliseconds (a Date costs
 * about 110 bytes, a number field a fraction of that) and the name variants
 * as one joined string (see joinVariants). Copies turn them back.
 */
export interface Stored extends Omit<Customer, 'createdAt' | 'updatedAt' | 'lastInteractionAt' | 'nextFollowUpAt' | 'firstDealAt' | 'poolSince' | 'ownedSince'> {
  /** DERIVED: exactly indexVariants(nameKey); otherwise as given, joined (see joinVariants) */
  nameVariants: string | string[] | typeof DERIVED;
  createdAt: Instant;
  updatedAt: Instant;
  lastInteractionAt?: Instant;
  nextFollowUpAt?: Instant;
  firstDealAt?: Instant;
  poolSince?: Instant;
  ownedSince?: Instant;
}

/** the epoch milliseconds of an instant, whichever way it is held */
export function ms(t: Instant): number;
export function ms(t: Instant | undefined): number | undefined;
export function ms(t: Instant | undefined): number | undefined {
  return t === undefined ? undefined : typeof t === 'number' ? t : t.getTime();
}

const toDate = (t: Instant): Date => new Date(ms(t));
const optDate = (t: Instant | undefined): Date | undefined => (t === undefined ? undefined : toDate(t));
const optMs = (d: Date | undefined): number | undefined => (d === undefined ? undefined : d.getTime());

/** cannot occur in a name variant we join: variants holding it keep the array form */
export const VARIANT_SEP = '\u0001';

/**
 * Stored in place of the variants when they are exactly what the engine's
 * callers store (indexVariants of the name key): they are computed again when
 * read (~2 µs) instead of kept (~370 bytes a customer, 36 MB for 100,000).
 */
export const DERIVED = null;

/** the variants to store for a customer's key and the variants given with it */
export function storedVariants(nameKey: unknown, given: unknown): Stored['nameVariants'] {
  const list = Array.isArray(given) ? given.map(String) : [];
  if (typeof nameKey === 'string' && list.length > 0) {
    const derived = indexVariants(nameKey);
    if (derived.length === list.length && derived.every((v, i) => v === list[i])) return DERIVED;
  }
  return joinVariants(list);
}

/** the stored variants as stored without DERIVED: what a row keeps when its key changes and its variants do not */
export function fixedVariants(c: Stored): Stored['nameVariants'] {
  return c.nameVariants === DERIVED ? joinVariants(indexVariants(c.nameKey)) : c.nameVariants;
}

/**
 * One string for a customer's ~14 name variants instead of an array of
 * strings (each string carries its own header): '' is the empty list; a list
 * the joined form cannot tell apart from another ([''], or one holding the
 * separator) stays an array.
 */
export function joinVariants(list: readonly string[]): string | string[] {
  if (list.length === 0) return '';
  if (list.length === 1 && list[0] === '') return list.slice();
  for (const v of list) if (v.includes(VARIANT_SEP)) return list.slice();
  return list.join(VARIANT_SEP);
}

/** the variants as a fresh array */
export function variantsOf(c: Stored): string[] {
  const v = c.nameVariants;
  if (v === DERIVED) return indexVariants(c.nameKey);
  if (typeof v !== 'string') return v.slice();
  return v === '' ? [] : v.split(VARIANT_SEP);
}

/** whether one of the stored variants is exactly `v` (no array is built) */
export function hasVariant(c: Stored, v: string): boolean {
  const joined = c.nameVariants;
  if (typeof joined !== 'string') return variantsOf(c).includes(v);
  if (joined === '' || v.includes(VARIANT_SEP)) return false;
  for (let at = joined.indexOf(v); at >= 0; at = joined.indexOf(v, at + 1)) {
    const end = at + v.length;
    if ((at === 0 || joined.charCodeAt(at - 1) === 1) && (end === joined.length || joined.charCodeAt(end) === 1)) return true;
  }
  return false;
}

/** a copy of a stored customer (without its name variants: index data, NameIndex); the stored one is never handed out */
export function copyCustomer(c: Stored): Customer {
  if (irregular.has(c)) {
    const odd = structuredClone(c) as Partial<Stored>;
    delete odd.nameVariants;
    return odd as unknown as Customer;
  }
  const o: Customer = {
    id: c.id, tenantId: c.tenantId, code: c.code, name: c.name, nameKey: c.nameKey,
    contacts: copyContacts(c.contacts), tier: c.tier, valueLevel: c.valueLevel, frequency: c.frequency, status: c.status,
    needs: c.needs.slice(), ownerId: c.ownerId, createdAt: toDate(c.createdAt), createdBy: c.createdBy, updatedAt: toDate(c.updatedAt),
    dealCount: c.dealCount, dealAmount365: c.dealAmount365, archived: c.archived, version: c.version,
  };
  // optional fields keep their presence: a key stored as undefined stays a key
  if ('industry' in c) o.industry = c.industry;
  if ('type' in c) o.type = c.type;
  if ('source' in c) o.source = c.source;
  if ('sourceNote' in c) o.sourceNote = c.sourceNote;
  if ('region' in c) o.region = c.region;
  if ('statusNote' in c) o.statusNote = c.statusNote;
  if ('notes' in c) o.notes = c.notes;
  if ('lastInteractionAt' in c) o.lastInteractionAt = optDate(c.lastInteractionAt);
  if ('nextFollowUpAt' in c) o.nextFollowUpAt = optDate(c.nextFollowUpAt);
  if ('nextFollowUpExplicit' in c) o.nextFollowUpExplicit = c.nextFollowUpExplicit;
  if ('firstDealAt' in c) o.firstDealAt = optDate(c.firstDealAt);
  if ('poolSince' in c) o.poolSince = optDate(c.poolSince);
  if ('poolReason' in c) o.poolReason = c.poolReason;
  if ('poolFromId' in c) o.poolFromId = c.poolFromId;
  if ('ownedSince' in c) o.ownedSince = optDate(c.ownedSince);
  return o;
}

/** every stored customer without contacts or needs holds this one array (32 bytes each otherwise); copies get their own */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/**
 * The object to store for a customer built by the engine (input plus id and
 * version, or a stored one with a patch applied): a fresh object in the
 * stored shape, with low-variety strings (tier, owner, industry…) shared
 * through `intern`, so 100,000 customers do not hold 100,000 copies of "active".
 */
export function adoptCustomer(c: Customer & Partial<NameIndex>, variants: Stored['nameVariants'], intern: (s: string) => string): Stored {
  if (!isRegular(c as unknown as Record<string, unknown>)) {
    const odd = structuredClone(c) as unknown as Stored;
    odd.nameVariants = variants;
    irregular.add(odd);
    return odd;
  }
  // only strings are shared; an odd primitive where a string belongs is kept as it is
  const str = <T>(v: T): T => (typeof v === 'string' ? (intern(v) as T) : v);
  const o: Stored = {
    id: c.id, tenantId: str(c.tenantId), code: c.code, name: c.name, nameKey: c.nameKey, nameVariants: variants,
    contacts: c.contacts.length === 0 ? NONE : copyContacts(c.contacts), tier: str(c.tier), valueLevel: str(c.valueLevel),
    frequency: str(c.frequency), status: str(c.status),
    needs: c.needs.length === 0 ? NONE : c.needs.slice(), ownerId: str(c.ownerId), createdAt: c.createdAt.getTime(), createdBy: str(c.createdBy),
    updatedAt: c.updatedAt.getTime(), dealCount: c.dealCount, dealAmount365: c.dealAmount365, archived: c.archived, version: c.version,
  };
  if ('industry' in c) o.industry = str(c.industry);
  if ('type' in c) o.type = str(c.type);
  if ('source' in c) o.source = str(c.source);
  if ('sourceNote' in c) o.sourceNote = c.sourceNote;
  if ('region' in c) o.region = str(c.region);
  if ('statusNote' in c) o.statusNote = c.statusNote;
  if ('notes' in c) o.notes = c.notes;
  if ('lastInteractionAt' in c) o.lastInteractionAt = optMs(c.lastInteractionAt);
  if ('nextFollowUpAt' in c) o.nextFollowUpAt = optMs(c.nextFollowUpAt);
  if ('nextFollowUpExplicit' in c) o.nextFollowUpExplicit = c.nextFollowUpExplicit;
  if ('firstDealAt' in c) o.firstDealAt = optMs(c.firstDealAt);
  if ('poolSince' in c) o.poolSince = optMs(c.poolSince);
  if ('poolReason' in c) o.poolReason = str(c.poolReason);
  if ('poolFromId' in c) o.poolFromId = str(c.poolFromId);
  if ('ownedSince' in c) o.ownedSince = optMs(c.ownedSince);
  return o;
}


