// exportCustomers: the book back into the classification table's layout, so
// that import → export → import changes nothing. Contacts are written in full:
// export is an admin's tool for moving data, and it is audited.
import { stringify } from 'csv-stringify/sync';
import type { Clock } from '../clock.js';
import { levelLabel, sourceLabel, statusLabel, tierLabel, typeLabel } from '../domain/labels.js';
import { POOL_OWNER } from '../domain/pool.js';
import { localDate } from '../domain/time.js';
import type { Contact, Customer, Lang } from '../domain/types.js';
import { UserError } from '../errors.js';
import type { Store } from '../store/ports.js';
import { COLUMNS, headerOf, type ColumnId } from './columns.js';

export interface ExportDeps {
  store: Store;
  /** needed to audit an export made by someone (input.actorId) */
  clock?: Clock;
}

export interface ExportInput {
  tenantId: string;
  /** Chinese headers and labels, or English field names and enum values */
  lang: Lang;
  /** who exports: the full contacts it reveals are audited as theirs */
  actorId?: string;
  /** recorded in the audit entry */
  format?: 'csv' | 'xlsx';
}

export interface ExportResult {
  /** CSV text, starting with a BOM so that Excel reads it as UTF-8 */
  csv: string;
  count: number;
}

const BOM = '\uFEFF';

export async function exportCustomers(deps: ExportDeps, input: ExportInput): Promise<string> {
  return (await exportCustomersCounted(deps, input)).csv;
}

export async function exportCustomersCounted(deps: ExportDeps, input: ExportInput): Promise<ExportResult> {
  const table = await exportTable(deps, input);
  const rows = [COLUMNS.map((id) => headerOf(id, input.lang)), ...table.map((cells) => COLUMNS.map((id) => guardFormula(cells[id] ?? '')))];
  return { csv: BOM + stringify(rows, { record_delimiter: 'windows' }), count: table.length };
}

/** one row of the table: each column's text, as import reads it back */
export type ExportRow = Partial<Record<ColumnId, string>>;

/** the book as table rows (admins only); the reveal of every contact is audited as the exporter's */
export async function exportTable(deps: ExportDeps, input: ExportInput): Promise<ExportRow[]> {
  const { store } = deps;
  const { tenantId, lang } = input;
  if (input.actorId) {
    const person = await store.people.get(tenantId, input.actorId);
    if (person && person.role !== 'admin') throw new UserError('import.forbidden');
  }
  const { timeZone } = await store.settings.get(tenantId);
  const ownerCell = ownerNames(await store.people.list(tenantId));
  const rows: ExportRow[] = [];
  for await (const c of store.customers.iterate(tenantId, 1000)) {
    if (c.archived) continue;
    const [last] = c.lastInteractionAt ? await store.interactions.recent(tenantId, c.id, 1) : [];
    // a pool customer has no owner: the cell stays empty, and importing it back keeps it in the pool
    rows.push(rowOf(c, lang, timeZone, c.ownerId === POOL_OWNER ? '' : ownerCell(c.ownerId), last?.content));
  }
  if (input.actorId && deps.clock) {
    await store.audit.append({
      tenantId, at: deps.clock.now(), actorId: input.actorId, action: 'contact.reveal',
      details: { via: 'export', count: rows.length, lang, format: input.format ?? 'csv' },
    });
  }
  return rows;
}

/** names people recognise; an id where two people share a name, so import finds the same person */
function ownerNames(people: { id: string; name: string }[]): (id: string) => string {
  const counts = new Map<string, number>();
  for (const p of people) counts.set(p.name.toLowerCase(), (counts.get(p.name.toLowerCase()) ?? 0) + 1);
  const byId = new Map(people.map((p) => [p.id, p.name]));
  return (id) => {
    const name = byId.get(id);
    return name && counts.get(name.toLowerCase()) === 1 ? name : id;
  };
}

function rowOf(c: Customer, lang: Lang, timeZone: string, owner: string, followUp: string | undefined): Partial<Record<ColumnId, string>> {
  const zh = lang === 'zh';
  const status = zh ? statusLabel(c.status, lang) : c.status;
  return {
    code: c.code,
    name: c.name,
    industry: c.industry,
    // the person's own wording when there is one: it reads back as the same source and wording
    source: c.source && (c.sourceNote ?? (zh ? sourceLabel(c.source, lang) : c.source)),
    contact: c.contacts.map(contactName).join('; '),
    contactDetails: c.contacts.map(contactDetails).join('; '),
    tier: zh ? tierLabel(c.tier, lang) : c.tier,
    valueLevel: zh ? levelLabel(c.valueLevel, lang) : c.valueLevel,
    frequency: zh ? levelLabel(c.frequency, lang) : c.frequency,
    lastInteractionAt: c.lastInteractionAt && localDate(c.lastInteractionAt, timeZone),
    followUp,
    needs: c.needs.join(zh ? '、' : ', '),
    status: c.statusNote ? `${status}-${c.statusNote}` : status,
    owner,
    notes: c.notes,
    type: c.type && (zh ? typeLabel(c.type, lang) : c.type),
    region: c.region,
  };
}

function contactName(c: Contact): string {
  if (!c.name) return '';
  return c.title ? `${c.name}（${c.title}）` : c.name;
}

function contactDetails(c: Contact): string {
  return [c.phone, c.email, c.wechat && `wx:${c.wechat}`].filter(Boolean).join(' ');
}

/** Excel runs a cell starting with = + - @ as a formula (CSV injection): write it as text */
function guardFormula(v: string): string {
  return /^[=+\-@\t\r]/u.test(v) ? `'${v}` : v;
}
