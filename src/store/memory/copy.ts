// Engines hand out copies: a caller that mutates a returned object must not
// change what is stored (the contract suite checks it).
import { randomBytes } from 'node:crypto';
import type { Contact, Customer } from '../../domain/types.js';

export function copy<T>(value: T): T {
  return structuredClone(value);
}

const prefix = randomBytes(6).toString('hex');
let counter = 0;

/** ObjectId-shaped (24 hex) ids, so ids look the same in both engines */
export function newId(): string {
  counter += 1;
  return prefix + counter.toString(16).padStart(12, '0');
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
  'id', 'tenantId', 'code', 'name', 'nameKey', 'nameVariants', 'contacts', 'tier', 'valueLevel', 'frequency',
  'status', 'needs', 'ownerId', 'createdAt', 'createdBy', 'updatedAt', 'dealCount', 'dealAmount365', 'archived', 'version',
] as const;
const OPTIONAL = [
  'industry', 'type', 'source', 'region', 'statusNote', 'notes', 'lastInteractionAt', 'nextFollowUpAt', 'nextFollowUpExplicit', 'firstDealAt',
] as const;
const DATES = new Set<string>(['createdAt', 'updatedAt', 'lastInteractionAt', 'nextFollowUpAt', 'firstDealAt']);
const ARRAYS = new Set<string>(['nameVariants', 'contacts', 'needs']);
const KNOWN = new Set<string>([...REQUIRED, ...OPTIONAL]);

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

const date = (d: Date): Date => new Date(d.getTime());
const optDate = (d: Date | undefined): Date | undefined => (d === undefined ? undefined : new Date(d.getTime()));

function copyContacts(list: Contact[]): Contact[] {
  const out = new Array<Contact>(list.length);
  for (let i = 0; i < list.length; i += 1) out[i] = { ...list[i]! };
  return out;
}

/** a copy of a stored customer; the stored one is never handed out */
export function copyCustomer(c: Customer): Customer {
  if (irregular.has(c)) return structuredClone(c);
  const o: Customer = {
    id: c.id, tenantId: c.tenantId, code: c.code, name: c.name, nameKey: c.nameKey, nameVariants: c.nameVariants.slice(),
    contacts: copyContacts(c.contacts), tier: c.tier, valueLevel: c.valueLevel, frequency: c.frequency, status: c.status,
    needs: c.needs.slice(), ownerId: c.ownerId, createdAt: date(c.createdAt), createdBy: c.createdBy, updatedAt: date(c.updatedAt),
    dealCount: c.dealCount, dealAmount365: c.dealAmount365, archived: c.archived, version: c.version,
  };
  // optional fields keep their presence: a key stored as undefined stays a key
  if ('industry' in c) o.industry = c.industry;
  if ('type' in c) o.type = c.type;
  if ('source' in c) o.source = c.source;
  if ('region' in c) o.region = c.region;
  if ('statusNote' in c) o.statusNote = c.statusNote;
  if ('notes' in c) o.notes = c.notes;
  if ('lastInteractionAt' in c) o.lastInteractionAt = optDate(c.lastInteractionAt);
  if ('nextFollowUpAt' in c) o.nextFollowUpAt = optDate(c.nextFollowUpAt);
  if ('nextFollowUpExplicit' in c) o.nextFollowUpExplicit = c.nextFollowUpExplicit;
  if ('firstDealAt' in c) o.firstDealAt = optDate(c.firstDealAt);
  return o;
}

/**
 * The object to store for a customer built by the engine (input plus id and
 * version, or a stored one with a patch applied): a fresh copy in the common
 * shape, with low-variety strings (tier, owner, industry…) shared through
 * `intern`, so 100,000 customers do not hold 100,000 copies of "active".
 */
export function adoptCustomer(c: Customer, intern: (s: string) => string): Customer {
  if (!isRegular(c as unknown as Record<string, unknown>)) {
    const odd = structuredClone(c);
    irregular.add(odd);
    return odd;
  }
  const o = copyCustomer(c);
  const fields = o as unknown as Record<string, unknown>;
  for (const key of INTERNED) {
    const v = fields[key];
    if (typeof v === 'string') fields[key] = intern(v);
  }
  return o;
}

const INTERNED = ['tenantId', 'tier', 'valueLevel', 'frequency', 'status', 'ownerId', 'createdBy', 'industry', 'type', 'source', 'region'] as const;
