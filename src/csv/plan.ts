// Deciding, row by row, what an import does to the book: create, update (and
// which fields), or nothing. Reads the store, writes nothing, so a dry run and
// a real run make the same decisions.
import { computeNextFollowUp } from '../domain/cadence.js';
import { intoPool, POOL_OWNER } from '../domain/pool.js';
import { levelLabel } from '../domain/labels.js';
import type { Contact, Customer, Person, TenantSettings } from '../domain/types.js';
import type { CustomerPatch, NewCustomer, Store } from '../store/ports.js';
import { nameIndexKeys } from '../commands/duplicates.js';
import type { SheetCalendar } from './dates.js';
import type { ColumnId } from './columns.js';
import type { RowFields } from './row.js';
import type { RowIssue } from './report.js';

export interface FollowUpEntry {
  at: Date;
  content: string;
}

export type RowPlan =
  | { kind: 'create'; line: number; customer: Omit<NewCustomer, 'code'>; code?: string; followUp?: FollowUpEntry }
  | { kind: 'update'; line: number; existing: Customer; patch: CustomerPatch; followUp?: FollowUpEntry }
  | { kind: 'unchanged'; line: number };

/** the tenant's customers, indexed once, so matching 50,000 rows costs 50,000 map reads */
export interface Book {
  byCode: Map<string, Customer>;
  byNameKey: Map<string, Customer[]>;
}

export async function loadBook(store: Store, tenantId: string): Promise<Book> {
  const book: Book = { byCode: new Map(), byNameKey: new Map() };
  for await (const c of store.customers.iterate(tenantId, 1000)) {
    book.byCode.set(c.code, c);
    if (c.archived) continue;
    const same = book.byNameKey.get(c.nameKey);
    if (same) same.push(c);
    else book.byNameKey.set(c.nameKey, [c]);
  }
  return book;
}

export interface PlanContext {
  store: Store;
  tenantId: string;
  actor: Person | { id: string; name: string };
  settings: TenantSettings;
  calendar: SheetCalendar;
  now: Date;
  book: Book;
  /** owner cell → people it matches, looked up once per distinct value */
  owners: Map<string, Person[]>;
  /** 负责人 names that match nobody: one note for the file, not one per row */
  unmatchedOwners: Set<string>;
}

type Warn = (issue: Omit<RowIssue, 'line'>) => void;

/** the customer a row is about: by 客户编号, else by normalised name */
export function matchRow(ctx: PlanContext, fields: RowFields, nameKey: string, warn: Warn, columnOf: (id: 'code') => string): Customer | Customer[] | undefined {
  if (fields.code) {
    const byCode = ctx.book.byCode.get(fields.code);
    if (byCode) return byCode;
  }
  const byName = ctx.book.byNameKey.get(nameKey) ?? [];
  if (byName.length === 1 && fields.code) {
    warn({ column: columnOf('code'), reason: 'import.row.codeNotFound', params: { value: fields.code, existing: byName[0]!.code } });
  }
  if (byName.length === 0) return undefined;
  return byName.length === 1 ? byName[0] : byName;
}

async function resolveOwner(ctx: PlanContext, text: string | undefined, warn: Warn, column: string, fallback: string): Promise<string> {
  if (text === undefined) return fallback;
  let found = ctx.owners.get(text);
  if (!found) {
    found = await ctx.store.people.findByNameOrId(ctx.tenantId, text);
    ctx.owners.set(text, found);
  }
  if (found.length === 1) return found[0]!.id;
  if (found.length === 0 && fallback === ctx.actor.id) {
    ctx.unmatchedOwners.add(text);
    return fallback;
  }
  const fallbackName = fallback === ctx.actor.id ? ctx.actor.name : fallback;
  warn({ column, reason: found.length ? 'import.row.ambiguousOwner' : 'import.row.unknownOwner', params: { value: text, owner: fallbackName } });
  return fallback;
}

export async function planRow(
  ctx: PlanContext, line: number, fields: RowFields, warn: Warn, columnName: (id: ColumnId) => string,
): Promise<RowPlan | { kind: 'ambiguous'; codes: string[] }> {
  const keys = nameIndexKeys(fields.name);
  const match = matchRow(ctx, fields, keys.nameKey, warn, columnName);
  if (Array.isArray(match)) return { kind: 'ambiguous', codes: match.map((c) => c.code) };
  const followUpOf = (at: Date | undefined): FollowUpEntry | undefined =>
    fields.followUp && at ? { at, content: fields.followUp } : undefined;

  if (!match) {
    const tier = fields.tier ?? 'potential';
    const pooled = fields.owner === '';
    if (pooled) warn({ column: columnName('owner'), reason: 'import.row.noOwnerPool', params: {} });
    const ownerId = pooled ? POOL_OWNER : await resolveOwner(ctx, fields.owner, warn, columnName('owner'), ctx.actor.id);
    const lastInteractionAt = fields.lastInteraction?.at;
    const customer: Omit<NewCustomer, 'code'> = {
      tenantId: ctx.tenantId, name: fields.name, nameKey: keys.nameKey, nameVariants: keys.nameVariants,
      industry: fields.industry, type: fields.type, source: fields.source, sourceNote: fields.sourceNote, region: fields.region,
      contacts: fields.contacts ?? [], tier,
      valueLevel: fields.valueLevel ?? 'low', frequency: fields.frequency ?? 'low',
      // no deal is known at import: a potential customer is still potential, the others are doing business
      status: fields.status ?? (tier === 'potential' ? 'potential' : 'active'),
      statusNote: fields.statusNote, needs: fields.needs ?? [], ownerId, notes: fields.notes,
      createdAt: ctx.now, createdBy: ctx.actor.id, updatedAt: ctx.now, lastInteractionAt,
      nextFollowUpAt: computeNextFollowUp({ tier, settings: ctx.settings, createdAt: ctx.now, lastInteractionAt }),
      nextFollowUpExplicit: false, dealCount: 0, dealAmount365: 0, archived: false,
      ...(pooled ? intoPool(ctx.now, 'imported', undefined) : {}),
    };
    for (const k of Object.keys(customer) as (keyof typeof customer)[]) if (customer[k] === undefined) delete customer[k];
    return { kind: 'create', line, customer, code: fields.code, followUp: followUpOf(lastInteractionAt) };
  }

  const c = match;
  const patch: CustomerPatch = {};
  const set = <K extends keyof CustomerPatch>(key: K, value: CustomerPatch[K] | undefined): void => {
    if (value !== undefined && !same(c[key as keyof Customer], value)) patch[key] = value;
  };
  // matched by code, the file's spelling is the new name; matched by name, the book's spelling stays
  if (fields.code === c.code && fields.name !== c.name) Object.assign(patch, { name: fields.name }, keys);
  set('industry', fields.industry);
  set('type', fields.type);
  set('source', fields.source);
  if (fields.source !== undefined && fields.sourceNote !== c.sourceNote) patch.sourceNote = fields.sourceNote;
  set('region', fields.region);
  if (fields.contacts !== undefined && !same(c.contacts.map(canonicalContact), fields.contacts.map(canonicalContact))) {
    patch.contacts = fields.contacts;
  }
  set('tier', fields.tier);
  // derived once deals / follow-ups are recorded here: the sheet's value was only the start (SPEC §5)
  const derived = { valueLevel: c.dealCount > 0, frequency: c.lastInteractionAt !== undefined } as const;
  for (const key of ['valueLevel', 'frequency'] as const) {
    const sheet = fields[key];
    if (sheet === undefined || sheet === c[key]) continue;
    if (!derived[key]) set(key, sheet);
    else {
      warn({
        column: columnName(key), reason: 'import.row.derivedKept',
        params: { field: columnName(key), kept: levelLabel(c[key], 'zh'), sheet: levelLabel(sheet, 'zh') },
      });
    }
  }
  set('status', fields.status);
  if (fields.status !== undefined && fields.statusNote !== c.statusNote) patch.statusNote = fields.statusNote;
  set('needs', fields.needs);
  set('notes', fields.notes);
  // an empty owner cell leaves an existing customer's owner as it is
  if (fields.owner) set('ownerId', await resolveOwner(ctx, fields.owner, warn, columnName('owner'), c.ownerId));

  // a later last follow-up moves the customer on; the same or an older one is history
  const file = fields.lastInteraction;
  const storedDay = c.lastInteractionAt ? ctx.calendar.dayOf(c.lastInteractionAt) : undefined;
  if (file && (storedDay === undefined || file.day > storedDay)) patch.lastInteractionAt = file.at;
  if ((patch.lastInteractionAt || patch.tier) && !c.nextFollowUpExplicit) {
    const next = computeNextFollowUp({
      tier: patch.tier ?? c.tier, settings: ctx.settings, createdAt: c.createdAt,
      lastInteractionAt: patch.lastInteractionAt ?? c.lastInteractionAt,
    });
    if (!same(c.nextFollowUpAt, next)) patch.nextFollowUpAt = next;
  }
  const followUp = await newFollowUp(ctx, c, followUpOf(file?.at));
  if (Object.keys(patch).length === 0 && !followUp) return { kind: 'unchanged', line };
  return { kind: 'update', line, existing: c, patch, followUp };
}

/** append-only log: a follow-up already logged that day with the same words is not logged again */
async function newFollowUp(ctx: PlanContext, c: Customer, entry: FollowUpEntry | undefined): Promise<FollowUpEntry | undefined> {
  if (!entry) return undefined;
  const day = ctx.calendar.dayOf(entry.at);
  const recent = await ctx.store.interactions.recent(ctx.tenantId, c.id, 50);
  const known = recent.some((i) => i.content.trim() === entry.content && ctx.calendar.dayOf(i.at) === day);
  return known ? undefined : entry;
}

function canonicalContact(c: Contact): Contact {
  const out: Contact = {};
  for (const k of ['name', 'title', 'phone', 'email', 'wechat'] as const) if (c[k]) out[k] = c[k];
  return out;
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}
