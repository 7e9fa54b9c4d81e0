// importCustomers: the classification table into the book (issue 7, SPEC §5).
// Every row is read and planned before anything is written, so a dry run
// lists every bad row, a strict run writes all or nothing, and a real run
// writes exactly what the dry run announced. Platform-free: the CLI, the
// console and the chat adapters hand over bytes and render the report.
import type { Clock } from '../clock.js';
import { isEmptyFollowUp } from '../domain/followup.js';
import { normaliseName } from '../domain/names.js';
import { POOL_OWNER } from '../domain/pool.js';
import { localDay } from '../domain/time.js';
import type { Customer } from '../domain/types.js';
import { UserError } from '../errors.js';
import { DuplicateCodeError, VersionConflictError, type NewCustomer, type Store } from '../store/ports.js';
import { COLUMNS, type ColumnId } from './columns.js';
import { SheetCalendar } from './dates.js';
import { loadBook, planRow, type FollowUpEntry, type PlanContext, type RowPlan } from './plan.js';
import { readSpreadsheet } from './read-sheet.js';
import type { ImportReport, MappingCount, RowIssue } from './report.js';
import { parseRow } from './row.js';

export type { ImportReport, RowIssue } from './report.js';
export { renderImportReport } from './report.js';

export interface ImportDeps {
  store: Store;
  clock: Clock;
}

export interface ImportInput {
  tenantId: string;
  /** the admin importing: audited as the actor, owner of rows whose 负责人 is unknown */
  actorId: string;
  /** .xlsx or .csv: the bytes decide; the name only words messages */
  bytes: Buffer;
  fileName?: string;
  dryRun: boolean;
  /** write nothing when any row is bad */
  strict: boolean;
  /** the tenant's zone: dates without a time are that day's 00:00 there */
  timeZone: string;
}

export async function importCustomers(deps: ImportDeps, input: ImportInput): Promise<ImportReport> {
  const { store } = deps;
  const now = deps.clock.now();
  const person = await store.people.get(input.tenantId, input.actorId);
  // admins only (SPEC §2); an operator's bootstrap admin may not be a person of the tenant yet
  if (person && person.role !== 'admin') throw new UserError('import.forbidden');
  const sheet = await readSpreadsheet(input.bytes, input.fileName);
  const report: ImportReport = {
    encoding: sheet.encoding, columns: columnsOf(sheet.header.index, sheet.headerTexts), mappings: [], notes: [], rows: 0, created: 0, updated: 0, unchanged: 0, skipped: 0,
    errors: [], warnings: [], duplicatesInFile: [], dryRun: input.dryRun, strict: input.strict, written: false,
  };
  if (sheet.header.unknown.length) {
    report.warnings.push({ line: sheet.headerLine, reason: 'import.unknownColumns', params: { columns: sheet.header.unknown.join(', ') } });
  }
  if (sheet.header.repeated.length) {
    report.warnings.push({ line: sheet.headerLine, reason: 'import.repeatedColumns', params: { columns: sheet.header.repeated.join(', ') } });
  }
  const columnName = (id: ColumnId): string => {
    const i = sheet.header.index[id];
    return (i === undefined ? undefined : sheet.headerTexts[i]?.trim()) ?? id;
  };

  const calendar = new SheetCalendar(input.timeZone, now);
  const actor = person ?? { id: input.actorId, name: input.actorId };
  const ctx: PlanContext = {
    store, tenantId: input.tenantId, actor, settings: await store.settings.get(input.tenantId),
    calendar, now, book: await loadBook(store, input.tenantId), owners: new Map(), unmatchedOwners: new Set(),
  };
  const mappings = new Map<string, MappingCount>();

  const plans: RowPlan[] = [];
  const seenCode = new Map<string, { line: number; name: string }>();
  const seenName = new Map<string, { line: number; name: string; hasCode: boolean }>();
  const groups = new Map<number, { name: string; lines: number[] }>();

  for (const record of sheet.records) {
    report.rows++;
    const { line } = record;
    const parsed = parseRow(record.cells, { header: sheet.header, headerTexts: sheet.headerTexts, calendar });
    const warn = (issue: Omit<RowIssue, 'line'>): void => void report.warnings.push({ line, ...issue });
    parsed.warnings.forEach(warn);
    for (const m of parsed.mappings) {
      const key = `${m.field}\u0000${m.from}\u0000${m.value}`;
      const seen = mappings.get(key);
      if (seen) seen.count++;
      else mappings.set(key, { ...m, count: 1 });
    }
    const fields = parsed.fields;
    if (!fields) {
      report.skipped++;
      report.errors.push(...parsed.errors.map((e) => ({ line, ...e })));
      continue;
    }

    // the same customer twice in one file: the first row counts, the others are reported
    const nameKey = normaliseName(fields.name);
    const byName = seenName.get(nameKey);
    // same name with two different codes: two customers that happen to share a name
    const first = (fields.code !== undefined ? seenCode.get(fields.code) : undefined)
      ?? (byName && (!byName.hasCode || fields.code === undefined) ? byName : undefined);
    if (first !== undefined) {
      let group = groups.get(first.line);
      if (!group) {
        group = { name: first.name, lines: [first.line] };
        groups.set(first.line, group);
        report.duplicatesInFile.push(group);
      }
      group.lines.push(line);
      report.skipped++;
      report.errors.push({ line, reason: 'import.row.duplicate', params: { line: first.line, name: first.name } });
      continue;
    }
    if (fields.code !== undefined) seenCode.set(fields.code, { line, name: fields.name });
    if (!byName) seenName.set(nameKey, { line, name: fields.name, hasCode: fields.code !== undefined });

    if (fields.followUp !== undefined && isEmptyFollowUp(fields.followUp)) {
      warn({ column: columnName('followUp'), reason: 'import.row.vagueFollowUp', params: { value: fields.followUp } });
      delete fields.followUp;
    }
    const plan = await planRow(ctx, line, fields, warn, columnName);
    if (plan.kind === 'ambiguous') {
      report.skipped++;
      report.errors.push({ line, column: columnName('name'), reason: 'import.row.ambiguousName', params: { name: fields.name, codes: plan.codes.join(', ') } });
      continue;
    }
    plans.push(plan);
    report[plan.kind === 'create' ? 'created' : plan.kind === 'update' ? 'updated' : 'unchanged']++;
  }
  report.errors.sort((a, b) => a.line - b.line);
  report.warnings.sort((a, b) => a.line - b.line);
  report.mappings = [...mappings.values()];
  if (ctx.unmatchedOwners.size) {
    report.notes.push({ reason: 'import.note.unmatchedOwners', params: { names: [...ctx.unmatchedOwners].join(', '), owner: actor.name } });
  }

  if (input.dryRun || (input.strict && report.skipped > 0)) return report;
  await writePlans(deps, input, ctx, plans, report);
  report.written = true;
  await store.audit.append({
    tenantId: input.tenantId, at: now, actorId: input.actorId, action: 'import.run',
    details: {
      rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged,
      skipped: report.skipped, strict: input.strict, encoding: report.encoding,
    },
  });
  return report;
}

/** which header each column matched, in the file's order */
function columnsOf(index: Partial<Record<ColumnId, number>>, texts: string[]): ImportReport['columns'] {
  return COLUMNS.filter((id) => index[id] !== undefined)
    .sort((a, b) => index[a]! - index[b]!)
    .map((column) => ({ header: texts[index[column]!]?.trim() ?? column, column }));
}

async function writePlans(deps: ImportDeps, input: ImportInput, ctx: PlanContext, plans: RowPlan[], report: ImportReport): Promise<void> {
  const { store } = deps;
  const { tenantId } = input;
  const day = localDay(ctx.now, input.timeZone);
  const audit = (entry: { action: 'customer.create' | 'customer.edit' | 'customer.tier' | 'customer.status' | 'customer.assign'; customerId: string; field?: string; from?: string; to?: string; details?: Record<string, unknown> }) =>
    store.audit.append({ tenantId, at: ctx.now, actorId: input.actorId, reason: 'import', ...entry });
  const log = (c: Customer, entry: FollowUpEntry | undefined) => entry && store.interactions.append({
    tenantId, customerId: c.id, authorId: c.ownerId === POOL_OWNER ? input.actorId : c.ownerId, at: entry.at, channel: 'other', content: entry.content,
  });

  // rows that bring their own 客户编号 go first, so a fresh code from the counter never takes one of theirs
  const hasCode = (p: RowPlan): boolean => p.kind === 'create' && p.code !== undefined;
  for (const plan of [...plans.filter(hasCode), ...plans.filter((p) => !hasCode(p))]) {
    if (plan.kind === 'create') {
      const customer = await insertWithCode(store, tenantId, day, plan.code, plan.customer);
      await log(customer, plan.followUp);
      await audit({ action: 'customer.create', customerId: customer.id, details: { code: customer.code, name: customer.name, via: 'import', line: plan.line } });
    } else if (plan.kind === 'update') {
      const before = plan.existing;
      let after: Customer;
      try {
        after = Object.keys(plan.patch).length
          ? await store.customers.update(tenantId, before.id, { ...plan.patch, updatedAt: ctx.now }, before.version)
          : before;
      } catch (e) {
        if (!(e instanceof VersionConflictError)) throw e;
        // someone changed it between planning and writing: theirs wins, the row is reported
        report.updated--;
        report.skipped++;
        report.errors.push({ line: plan.line, reason: 'import.row.conflict', params: { code: before.code } });
        continue;
      }
      await log(after, plan.followUp);
      // tier, status and owner changes keep who, when, from and to (SPEC §1); the rest is one edit entry
      const tracked = [['tier', 'customer.tier'], ['status', 'customer.status'], ['ownerId', 'customer.assign']] as const;
      for (const [field, action] of tracked) {
        if (plan.patch[field] !== undefined) {
          await audit({ action, customerId: before.id, field, from: String(before[field]), to: String(plan.patch[field]) });
        }
      }
      const edited = Object.keys(plan.patch).filter((k) => !['tier', 'status', 'ownerId'].includes(k));
      if (edited.length || plan.followUp) {
        await audit({ action: 'customer.edit', customerId: before.id, details: { fields: edited, via: 'import', line: plan.line, followUp: Boolean(plan.followUp) } });
      }
    }
  }
}

/**
 * The file's own 客户编号 when it is free, else the next code of the day.
 * Imported codes never pass through the counter, so a fresh code may already
 * be taken by one of them: take the next until a free one comes.
 */
async function insertWithCode(store: Store, tenantId: string, day: string, wanted: string | undefined, customer: Omit<NewCustomer, 'code'>): Promise<Customer> {
  if (wanted !== undefined && !(await store.customers.getByCode(tenantId, wanted))) {
    try {
      return await store.customers.insert({ ...customer, code: wanted });
    } catch (e) {
      if (!(e instanceof DuplicateCodeError)) throw e;
    }
  }
  for (;;) {
    const code = await store.customers.nextCode(tenantId, day);
    try {
      return await store.customers.insert({ ...customer, code });
    } catch (e) {
      if (!(e instanceof DuplicateCodeError)) throw e;
    }
  }
}
