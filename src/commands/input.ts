// Reading the fields of a command (from flags or a form) into domain values.
// Each reader names its field, so a form can show the error in place.
import { z } from 'zod';
import { assertNoSensitive, parseContact } from '../domain/contacts.js';
import { parseNaturalDate } from '../domain/dates.js';
import { parseChannel, parseSource, parseStatus, parseTier, parseType } from '../domain/labels.js';
import { startOfLocalDay } from '../domain/time.js';
import {
  CHANNELS, CUSTOMER_TYPES, SOURCES, STATUSES, TIERS, type Contact, type Person,
} from '../domain/types.js';
import { TEXT_LIMITS as LIMITS } from '../domain/limits.js';
import { isVisible, visibleText } from '../domain/visible.js';
import { parseAmount } from '../domain/value.js';
import { UserError } from '../errors.js';
import type { MessageKey } from '../i18n/index.js';
import type { Ctx } from './context.js';

export type Input = Partial<Record<string, string>>;

/** a UserError that belongs to a form field */
function fieldError(key: MessageKey, params: Record<string, string | number>, field: string): UserError {
  return new UserError(key, params, field);
}

/**
 * free text of a field: visible (controls stripped, refused when nothing
 * shows), trimmed, bounded, never an ID number or a home address
 */
export function readText(ctx: Ctx, input: Input, field: string, max: number = LIMITS.short): string | undefined {
  const raw = input[field];
  if (raw === undefined) return undefined;
  const label = ctx.t(`field.${field}` as MessageKey);
  let value: string;
  try {
    value = visibleText(raw, label, { multiline: max > LIMITS.short });
  } catch (e) {
    if (e instanceof UserError) throw new UserError(e.key, e.params, field);
    throw e;
  }
  if (!value) return undefined;
  if (value.length > max) throw fieldError('error.tooLong', { field: label, length: value.length, max }, field);
  try {
    assertNoSensitive(value, label);
  } catch (e) {
    if (e instanceof UserError) throw new UserError(e.key, e.params, field);
    throw e;
  }
  return value;
}

function readEnum<T extends string>(ctx: Ctx, input: Input, field: string, parse: (s: string) => T | undefined, allowed: readonly T[]): T | undefined {
  const raw = input[field]?.trim();
  if (!raw) return undefined;
  const value = parse(raw);
  if (!value) {
    throw fieldError('error.badValue', { field: ctx.t(`field.${field}` as MessageKey), value: raw.slice(0, 40), allowed: allowed.join(', ') }, field);
  }
  return value;
}

export const readTier = (ctx: Ctx, input: Input, field = 'tier') => readEnum(ctx, input, field, parseTier, TIERS);
export const readStatus = (ctx: Ctx, input: Input, field = 'status') => readEnum(ctx, input, field, parseStatus, STATUSES);
export const readType = (ctx: Ctx, input: Input) => readEnum(ctx, input, 'type', parseType, CUSTOMER_TYPES);
export const readSource = (ctx: Ctx, input: Input) => readEnum(ctx, input, 'source', parseSource, SOURCES);
export const readChannel = (ctx: Ctx, input: Input) => readEnum(ctx, input, 'via', parseChannel, CHANNELS);

export function readAmount(ctx: Ctx, input: Input, field: string): number | undefined {
  const raw = input[field]?.trim();
  if (!raw) return undefined;
  const amount = parseAmount(raw);
  if (amount === null || amount <= 0 || amount > 1e14) {
    throw fieldError('error.badNumber', { field: ctx.t(`field.${field}` as MessageKey), value: raw.slice(0, 40) }, field);
  }
  return amount;
}

/** a natural or written date, as the start of that day in the person's zone */
export function readDate(ctx: Ctx, input: Input, field: string, when: 'future' | 'past'): Date | undefined {
  const raw = input[field]?.trim();
  if (!raw) return undefined;
  const label = ctx.t(`field.${field}` as MessageKey);
  const date = parseNaturalDate(raw, { now: ctx.now, timeZone: ctx.timeZone, lang: ctx.lang });
  if (!date) throw fieldError('error.badDate', { field: label, value: raw.slice(0, 40) }, field);
  const today = startOfLocalDay(ctx.now, ctx.timeZone);
  if (when === 'future' && date < today) throw fieldError('error.pastDate', { field: label, value: raw.slice(0, 40) }, field);
  if (when === 'past' && date > today) throw fieldError('cmd.futureDate', { field: label, value: raw.slice(0, 40) }, field);
  return date;
}

const TAG_SPLIT = /[,，、;；/]+/u;

export function readTags(ctx: Ctx, input: Input, field: string): string[] | undefined {
  const raw = readText(ctx, input, field, 400);
  if (raw === undefined) return undefined;
  const parts = raw.split(TAG_SPLIT).map((s) => s.trim()).filter(Boolean);
  if (parts.some((tag) => !isVisible(tag))) throw fieldError('domain.textInvisible', { field: ctx.t('field.needs') }, field);
  const tags = [...new Set(parts)];
  const long = tags.find((tag) => tag.length > LIMITS.tag);
  if (long) throw fieldError('error.tooLong', { field: ctx.t('field.needs'), length: long.length, max: LIMITS.tag }, field);
  if (tags.length > 10) throw fieldError('cmd.tooManyTags', { max: 10 }, field);
  return tags;
}

const phoneSchema = z.string().regex(/^\+?[\d\s-]{6,20}$/);
const emailSchema = z.email();

/**
 * A contact from --contact free text plus --phone/--email/--wechat/--title,
 * merged onto an existing one when editing.
 */
export function readContact(ctx: Ctx, input: Input, base: Contact = {}): Contact | undefined {
  const touched = ['contact', 'phone', 'email', 'wechat', 'title'].some((f) => input[f]?.trim());
  if (!touched) return undefined;
  const contact: Contact = { ...base };
  const free = readText(ctx, input, 'contact', 200);
  if (free) Object.assign(contact, definedOnly(parseContactField(free)));
  const phone = readText(ctx, input, 'phone', 30);
  if (phone) {
    if (!phoneSchema.safeParse(phone).success) throw fieldError('cmd.badPhone', { value: phone }, 'phone');
    contact.phone = phone.replace(/[\s-]/g, '');
  }
  const email = readText(ctx, input, 'email', 120);
  if (email) {
    if (!emailSchema.safeParse(email).success) throw fieldError('cmd.badEmail', { value: email }, 'email');
    contact.email = email.toLowerCase();
  }
  const wechat = readText(ctx, input, 'wechat', 60);
  if (wechat) contact.wechat = wechat;
  const title = readText(ctx, input, 'title', 60);
  if (title) contact.title = title;
  return contact;
}

function parseContactField(text: string): Contact {
  try {
    return parseContact(text);
  } catch (e) {
    if (e instanceof UserError) throw new UserError(e.key, e.params, 'contact');
    throw e;
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

/** "@alice", "<@U123|alice>", "alice", "ou_xxx" → the person, who must be of this tenant */
export async function readPerson(ctx: Ctx, raw: string | undefined, field: string): Promise<Person> {
  const text = (raw ?? '').trim();
  if (!text) throw fieldError('error.required', { field: ctx.t(`field.${field}` as MessageKey) }, field);
  const mention = /^<@([A-Z0-9]+)(?:\|([^>]*))?>$/i.exec(text);
  if (mention) {
    const id = mention[1]!;
    const known = await ctx.store.people.get(ctx.tenantId, id);
    // the platform vouches for a mention: someone who never used the bot still exists
    return known ?? ctx.store.people.upsert({ tenantId: ctx.tenantId, id, name: mention[2] || id }, ctx.now);
  }
  const name = text.replace(/^[@＠]/, '');
  const found = await ctx.store.people.findByNameOrId(ctx.tenantId, name);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) throw fieldError('cmd.personAmbiguous', { name, ids: found.map((p) => p.id).join(', ') }, field);
  throw fieldError('cmd.personNotFound', { name: name.slice(0, 40) }, field);
}
