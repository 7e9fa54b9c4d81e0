// One spreadsheet row → the customer fields it states, or the reasons it
// cannot be imported. Pure: no store, no clock (the calendar comes in). A cell left
// empty states nothing: on a re-import it leaves the stored value alone.
import { assertNoSensitive, parseContact } from '../domain/contacts.js';
import { isCustomerCode, normaliseCode } from '../domain/codes.js';
import {
  fold, levelLabel, parseLevel, parseStatus, parseTier, parseType, statusLabel, tierLabel, typeLabel,
} from '../domain/labels.js';
import { TEXT_LIMITS as MAX } from '../domain/limits.js';
import { cleanName } from '../domain/names.js';
import { readSource } from '../domain/source-words.js';
import { stripControl, visibleText } from '../domain/visible.js';
import {
  CUSTOMER_TYPES, LEVELS, STATUSES, TIERS,
  type Contact, type CustomerType, type Level, type Source, type Status, type Tier,
} from '../domain/types.js';
import { isUserError } from '../errors.js';
import type { MessageKey } from '../i18n/index.js';
import type { ColumnId, HeaderMap } from './columns.js';
import { parseSheetDate, sheetDateDay, type SheetCalendar } from './dates.js';
import { isMasked } from './masked.js';

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
  /** 客户来源 as the file wrote it, when that is not the source's own label */
  sourceNote?: string;
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

/** a value read as something it does not literally say: 高频 → high (互动频率) */
export interface Mapping {
  /** the header as the file wrote it */
  column: string;
  field: ColumnId;
  from: string;
  /** the enum value it became */
  value: string;
}

export interface ParsedRow {
  fields?: RowFields;
  errors: Issue[];
  warnings: Issue[];
  mappings: Mapping[];
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
  const mappings: Mapping[] = [];
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
  const note = (id: ColumnId, reason: MessageKey, params: Record<string, string | number> = {}): undefined => {
    warnings.push({ column: columnName(id), reason, params });
    return undefined;
  };
  const mapped = (id: ColumnId, from: string, value: string, label: (v: never, lang: 'zh' | 'en') => string): void => {
    if (!isLabelOf(from, value, label)) mappings.push({ column: columnName(id), field: id, from: clip(from), value });
  };
  /**
   * An enum cell. Only a tier word that means no tier fails the row (SPEC §5);
   * for the other columns a word that means nothing is a note and the cell is left out.
   */
  const choice = <T extends string>(id: ColumnId, parse: (s: string) => T | undefined, values: readonly T[], label: (v: T, lang: 'zh' | 'en') => string, hard = false): T | undefined => {
    const v = cell(id);
    if (v === undefined) return undefined;
    const value = parse(v);
    if (value !== undefined) {
      mapped(id, v, value, label as (v: never, lang: 'zh' | 'en') => string);
      return value;
    }
    const params = { value: clip(v), allowed: allowedOf(values, label) };
    return hard ? fail(id, 'import.row.badValue', params) : note(id, 'import.row.ignoredValue', params);
  };
  const source = (): Pick<RowFields, 'source' | 'sourceNote'> => {
    // the cell as every short text is kept: one line, control characters out
    const shown = text('source', MAX.short);
    if (shown === undefined) return {};
    const read = readSource(shown);
    if (read.exact) return { source: read.source };
    if (read.known) mappings.push({ column: columnName('source'), field: 'source', from: clip(shown), value: read.source });
    else note('source', 'import.row.sourceOther', { value: clip(shown) });
    return { source: read.source, sourceNote: shown };
  };

  const name = guard('name', () => cleanName(cell('name') ?? ''));
  const fields: Omit<RowFields, 'name'> = {
    industry: text('industry', MAX.short),
    ...source(),
    type: choice('type', parseType, CUSTOMER_TYPES, typeLabel),
    region: text('region', MAX.short),
    contacts: readContacts(cell('contact'), cell('contactDetails'), columnName, fail, note),
    tier: choice('tier', parseTier, TIERS, tierLabel, true),
    valueLevel: choice('valueLevel', parseLevel, LEVELS, levelLabel),
    frequency: choice('frequency', parseLevel, LEVELS, levelLabel),
    // an empty 负责人 cell (the column is there) is said, not missed: the customer goes to the public pool
    owner: cell('owner') ?? (ctx.header.index.owner !== undefined ? '' : undefined),
    notes: text('notes', MAX.note),
    followUp: text('followUp', MAX.note),
  };
  const rawCode = cell('code');
  if (rawCode !== undefined) {
    if (isCustomerCode(rawCode)) fields.code = normaliseCode(rawCode);
    else warnings.push({ column: columnName('code'), reason: 'import.row.badCode', params: { value: clip(rawCode) } });
  }
  const status = readStatus(cell('status'), (reason, params) => fail('status', reason, params), (reason, params) => note('status', reason, params));
  if (status.status !== undefined) mapped('status', status.head ?? '', status.status, statusLabel as (v: never, lang: 'zh' | 'en') => string);
  delete status.head;
  Object.assign(fields, status);
  if (fields.statusNote !== undefined) {
    guard('status', () => assertNoSensitive(fields.statusNote ?? '', columnName('status')));
  }
  fields.needs = readNeeds(cell('needs'), (reason, params) => fail('needs', reason, params));
  // a date that cannot be one is left out with a note: the customer itself is fine
  fields.lastInteraction = readLastInteraction(cell('lastInteractionAt'), ctx, (reason, params) => note('lastInteractionAt', reason, params));
  if (fields.followUp !== undefined && !fields.lastInteraction && cell('lastInteractionAt') === undefined) {
    warnings.push({ column: columnName('followUp'), reason: 'import.row.followUpNoDate', params: {} });
  }

  if (errors.length > 0 || name === undefined) return { errors, warnings, mappings };
  return { fields: { name, ...dropUndefined(fields) }, errors, warnings, mappings };
}

/** export writes '=… as text so Excel never runs a cell as a formula; read it back as written */
function unguard(v: string): string {
  return /^'[=+\-@\t\r]/u.test(v) ? v.slice(1) : v;
}

/** a sheet may be in either language: name each value both ways, 核心客户 (core) */
function allowedOf<T extends string>(values: readonly T[], label: (v: T, lang: 'zh') => string): string {
  return values.map((v) => `${label(v, 'zh')} (${v})`).join(', ');
}

/** 核心客户 for core is the label itself; 高频 for high is a mapping worth reporting */
function isLabelOf(text: string, value: string, label: (v: never, lang: 'zh' | 'en') => string): boolean {
  const key = fold(text);
  return key === fold(value) || key === fold(label(value as never, 'zh')) || key === fold(label(value as never, 'en'));
}

function clip(v: string): string {
  return [...v].length > 40 ? `${[...v].slice(0, 40).join('')}…` : v;
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

type Fail = (reason: MessageKey, params?: Record<string, string | number>) => undefined;

/**
 * 潜在 / active / 沉睡-3个月无互动 / 活跃（意向续约）: a status and an optional
 * short note; `head` is the word read as the status. A word that is no status
 * is a note: the status is then derived as for a new customer.
 */
function readStatus(v: string | undefined, fail: Fail, note: Fail): { status?: Status; statusNote?: string; head?: string } {
  if (v === undefined) return {};
  const split = STATUS_NOTE_SEPARATOR.exec(v);
  const head = split?.[1] ? parseStatus(split[1]) : undefined;
  if (split?.[1] && head) {
    const text = split[2]?.trim();
    if (text && [...text].length > MAX.short) return fail('import.row.tooLong', { length: [...text].length, max: MAX.short }) ?? {};
    return text ? { status: head, statusNote: text, head: split[1] } : { status: head, head: split[1] };
  }
  const whole = parseStatus(v);
  if (whole) return { status: whole, head: v };
  return note('import.row.ignoredValue', { value: clip(v), allowed: allowedOf(STATUSES, statusLabel) }) ?? {};
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
  note: (id: ColumnId, reason: MessageKey, params?: Record<string, string | number>) => undefined,
): Contact[] | undefined {
  if (names === undefined && details === undefined) return undefined;
  // 张* / 138****5678: the template's masked contacts are no contact data; never store the mask
  const unmasked = (id: ColumnId, v: string): string => {
    if (!isMasked(v)) return v;
    note(id, 'import.row.masked');
    return '';
  };
  const people = (names ?? '').split(CONTACT_SEPARATORS).map((s) => s.trim());
  const ways = (details ?? '').split(CONTACT_SEPARATORS).map((s) => s.trim());
  const contacts: Contact[] = [];
  let bad = false;
  for (let i = 0; i < Math.max(people.length, ways.length); i++) {
    const who = unmasked('contact', people[i] ?? '');
    const how = unmasked('contactDetails', ways[i] ?? '');
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
