// One spreadsheet row → the customer fields it states, or the reasons it
// cannot be imported. Pure: no store, no clock (the calendar comes in). A cell left
// empty states nothing: on a re-import it leaves the stored value alone.
import { assertNoSensitive, parseContact } from '../domain/contacts.js';
import { isCustomerCode, normaliseCode } from '../domain/codes.js';
import {
  levelLabel, parseLevel, parseSource, parseStatus, parseTier, parseType, sourceLabel, statusLabel, tierLabel, typeLabel,
} from '../domain/labels.js';
import { TEXT_LIMITS as MAX } from '../domain/limits.js';
import { cleanName } from '../domain/names.js';
import { stripControl, visibleText } from '../domain/visible.js';
import {
  CUSTOMER_TYPES, LEVELS, SOURCES, STATUSES, TIERS,
  type Contact, type CustomerType, type Level, type Source, type Status, type Tier,
} from '../domain/types.js';
import { isUserError } from '../errors.js';
import type { MessageKey } from '../i18n/index.js';
import type { ColumnId, HeaderMap } from './columns.js';
import { parseSheetDate, sheetDateDay, type SheetCalendar } from './dates.js';

export interface Issue {
  /** the header as the file wrote it, when the issue belongs to one cell */
  column?: string;
  reason: MessageKey;
  params: Record<string, string | number>;
}

export interface RowFields {
  code?: string;
  name: string;
  industry?: string;
  source?: Source;
  type?: CustomerType;
  region?: string;
  contacts?: Contact[];
  tier?: Tier;
  valueLevel?: Level;
  frequency?: Level;
  status?: Status;
  statusNote?: string;
  needs?: string[];
  owner?: string;
  notes?: string;
  lastInteraction?: { at: Date; day: string };
  followUp?: string;
}

export interface ParsedRow {
  fields?: RowFields;
  errors: Issue[];
  warnings: Issue[];
}

export interface RowContext {
  header: HeaderMap;
  /** header texts as written in the file, to name columns in issues */
  headerTexts: string[];
  calendar: SheetCalendar;
}

const LIST_SEPARATORS = /[、,，;；|\n]+/u;
const CONTACT_SEPARATORS = /[;；\n]+/u;
const STATUS_NOTE_SEPARATOR = /^(.+?)\s*[-－—–:：(（]\s*(.+?)[)）]?$/u;

export function parseRow(cells: string[], ctx: RowContext): ParsedRow {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const columnName = (id: ColumnId): string => {
    const i = ctx.header.index[id];
    return i === undefined ? id : (ctx.headerTexts[i] ?? id).trim();
  };
  const cell = (id: ColumnId): string | undefined => {
    const i = ctx.header.index[id];
    // controls never reach the store; a cell with nothing visible is still seen (text() refuses it)
    const v = i === undefined ? undefined : unguard(stripControl(cells[i]?.normalize('NFC') ?? '', { multiline: true }).trim());
    return v ? v : undefined;
  };
  const fail = (id: ColumnId, reason: MessageKey, params: Record<string, string | number> = {}): undefined => {
    // domain messages name their field: name it as the file does
    const named = 'field' in params ? { ...params, field: columnName(id) } : params;
    errors.push({ column: columnName(id), reason, params: named });
    return undefined;
  };
  /** runs a domain rule; its UserError becomes this cell's issue */
  const guard = <T>(id: ColumnId, rule: () => T): T | undefined => {
    try {
      return rule();
    } catch (e) {
      if (!isUserError(e)) throw e;
      return fail(id, e.key, e.params);
    }
  };
  const text = (id: ColumnId, max: number): string | undefined => {
    const v = cell(id);
    if (v === undefined) return undefined;
    const length = [...v].length;
    if (length > max) return fail(id, 'import.row.tooLong', { length, max });
    return guard(id, () => {
      const shown = visibleText(v, columnName(id), { multiline: max > MAX.short });
      assertNoSensitive(shown, columnName(id));
      return shown;
    });
  };
  const choice = <T extends string>(id: ColumnId, parse: (s: string) => T | undefined, values: readonly T[], label: (v: T, lang: 'zh') => string): T | undefined => {
    const v = cell(id);
    if (v === undefined) return undefined;
    return parse(v) ?? fail(id, 'import.row.badValue', { value: clip(v), allowed: allowedOf(values, label) });
  };

  const name = guard('name', () => cleanName(cell('name') ?? ''));
  const fields: Omit<RowFields, 'name'> = {
    industry: text('industry', MAX.short),
    source: choice('source', parseSource, SOURCES, sourceLabel),
    type: choice('type', parseType, CUSTOMER_TYPES, typeLabel),
    region: text('region', MAX.short),
    contacts: readContacts(cell('contact'), cell('contactDetails'), columnName, fail),
    tier: choice('tier', parseTier, TIERS, tierLabel),
    valueLevel: choice('valueLevel', parseLevel, LEVELS, levelLabel),
    frequency: choice('frequency', parseLevel, LEVELS, levelLabel),
    owner: cell('owner'),
    notes: text('notes', MAX.note),
    followUp: text('followUp', MAX.note),
  };
  const rawCode = cell('code');
  if (rawCode !== undefined) {
    if (isCustomerCode(rawCode)) fields.code = normaliseCode(rawCode);
    else warnings.push({ column: columnName('code'), reason: 'import.row.badCode', params: { value: clip(rawCode) } });
  }
  Object.assign(fields, readStatus(cell('status'), (reason, params) => fail('status', reason, params)));
  if (fields.statusNote !== undefined) {
    guard('status', () => assertNoSensitive(fields.statusNote ?? '', columnName('status')));
  }
  fields.needs = readNeeds(cell('needs'), (reason, params) => fail('needs', reason, params));
  fields.lastInteraction = readLastInteraction(cell('lastInteractionAt'), ctx, (reason, params) => fail('lastInteractionAt', reason, params));
  if (fields.followUp !== undefined && !fields.lastInteraction && cell('lastInteractionAt') === undefined) {
    warnings.push({ column: columnName('followUp'), reason: 'import.row.followUpNoDate', params: {} });
  }

  if (errors.length > 0 || name === undefined) return { errors, warnings };
  return { fields: { name, ...dropUndefined(fields) }, errors, warnings };
}

/** export writes '=… as text so Excel never runs a cell as a formula; read it back as written */
function unguard(v: string): string {
  return /^'[=+\-@\t\r]/u.test(v) ? v.slice(1) : v;
}

/** a sheet may be in either language: name each value both ways, 核心客户 (core) */
function allowedOf<T extends string>(values: readonly T[], label: (v: T, lang: 'zh') => string): string {
  return values.map((v) => `${label(v, 'zh')} (${v})`).join(', ');
}

function clip(v: string): string {
  return [...v].length > 40 ? `${[...v].slice(0, 40).join('')}…` : v;
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

type Fail = (reason: MessageKey, params?: Record<string, string | number>) => undefined;

/** 潜在 / active / 沉睡-3个月无互动 / 活跃（意向续约）: a status and an optional short note */
function readStatus(v: string | undefined, fail: Fail): { status?: Status; statusNote?: string } {
  if (v === undefined) return {};
  const split = STATUS_NOTE_SEPARATOR.exec(v);
  const head = split?.[1] ? parseStatus(split[1]) : undefined;
  if (split && head) {
    const note = split[2]?.trim();
    if (note && [...note].length > MAX.short) return fail('import.row.tooLong', { length: [...note].length, max: MAX.short }) ?? {};
    return note ? { status: head, statusNote: note } : { status: head };
  }
  const whole = parseStatus(v);
  if (whole) return { status: whole };
  return fail('import.row.badValue', { value: clip(v), allowed: allowedOf(STATUSES, statusLabel) }) ?? {};
}

function readNeeds(v: string | undefined, fail: Fail): string[] | undefined {
  if (v === undefined) return undefined;
  const tags = [...new Set(v.split(LIST_SEPARATORS).map((s) => s.trim()).filter(Boolean))];
  const long = tags.find((s) => [...s].length > MAX.tag);
  if (long) return fail('import.row.tooLong', { length: [...long].length, max: MAX.tag });
  return tags;
}

function readLastInteraction(v: string | undefined, ctx: RowContext, fail: Fail): RowFields['lastInteraction'] {
  if (v === undefined) return undefined;
  const date = parseSheetDate(v);
  if (!date) return fail('import.row.badDate', { value: clip(v) });
  const day = sheetDateDay(date);
  if (day > ctx.calendar.today) return fail('import.row.futureDate', { value: day });
  return { at: ctx.calendar.instantOf(date), day };
}

/**
 * 联系人 holds names (with a title as 张伟（采购经理） or 张伟 采购经理),
 * 联系方式 the phone / email / WeChat of each, in the same order, several
 * contacts separated by ";". Both cells are checked for ID numbers first.
 */
function readContacts(
  names: string | undefined, details: string | undefined,
  columnName: (id: ColumnId) => string,
  fail: (id: ColumnId, reason: MessageKey, params?: Record<string, string | number>) => undefined,
): Contact[] | undefined {
  if (names === undefined && details === undefined) return undefined;
  const people = (names ?? '').split(CONTACT_SEPARATORS).map((s) => s.trim());
  const ways = (details ?? '').split(CONTACT_SEPARATORS).map((s) => s.trim());
  const contacts: Contact[] = [];
  let bad = false;
  for (let i = 0; i < Math.max(people.length, ways.length); i++) {
    const who = people[i] ?? '';
    const how = ways[i] ?? '';
    if (!who && !how) continue;
    const contact: Contact = {};
    if (who) {
      // "张伟 13812345678" in 联系人: read it as a whole contact line
      const parsed = /\d{5,}|@/u.test(who) ? guardContact(who) : readPersonCell(who, columnName('contact'));
      if ('reason' in parsed) {
        bad = true;
        fail('contact', parsed.reason, parsed.params);
        continue;
      }
      Object.assign(contact, parsed);
    }
    if (how) {
      try {
        const found = parseContact(how);
        // a name written in 联系方式 only counts when 联系人 gave none
        for (const k of ['phone', 'email', 'wechat', 'name', 'title'] as const) {
          if (found[k] !== undefined && contact[k] === undefined) contact[k] = found[k];
        }
      } catch (e) {
        if (!isUserError(e)) throw e;
        bad = true;
        fail('contactDetails', e.key, e.params);
        continue;
      }
    }
    contacts.push(contact);
  }
  return bad ? undefined : contacts;
}

function readPersonCell(text: string, column: string): Contact | Issue {
  try {
    assertNoSensitive(text, column);
  } catch (e) {
    if (!isUserError(e)) throw e;
    return { reason: e.key, params: e.params };
  }
  const m = /^(.+?)\s*[(（]\s*(.+?)\s*[)）]$/u.exec(text) ?? /^(\S+)\s+(.+)$/u.exec(text);
  const name = (m?.[1] ?? text).trim();
  const title = m?.[2]?.trim();
  for (const v of [name, title]) {
    if (v && [...v].length > MAX.short) return { reason: 'import.row.tooLong', params: { length: [...v].length, max: MAX.short } };
  }
  return title ? { name, title } : { name };
}

function guardContact(text: string): Contact | Issue {
  try {
    return parseContact(text);
  } catch (e) {
    if (!isUserError(e)) throw e;
    return { reason: e.key, params: e.params };
  }
}
