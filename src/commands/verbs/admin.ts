// settings (设置) and role (角色): admin only. Settings are validated, and a
// cadence change moves every customer's next follow-up that follows the
// cadence; the last admin cannot be removed.
import { z } from 'zod';
import { calendarOf } from '../../domain/calendar.js';
import { computeNextFollowUp } from '../../domain/cadence.js';
import { roleLabel } from '../../domain/labels.js';
import { POOL_OWNER, poolSettingsOf, warnWindow } from '../../domain/pool.js';
import { isValidTimeZone } from '../../domain/time.js';
import { CALENDARS, ROLES, TIERS, type Role, type TenantSettings } from '../../domain/types.js';
import { formatAmount, parseAmount } from '../../domain/value.js';
import { isQuietMinute, minutesOfDay, normalizeQuietHours, quietText, quietWindowOf } from '../../domain/quiet-hours.js';
import { isUserError, UserError } from '../../errors.js';
import type { Reply } from '../../views/model.js';
import { reply } from '../../views/reply.js';
import type { Ctx } from '../context.js';
import { readPerson, type Input } from '../input.js';
import { requireRole } from '../permissions.js';
import { audit } from '../shared.js';

type Patch = Partial<Omit<TenantSettings, 'tenantId'>>;

const POOL_KEYS = [...TIERS.map((tier) => `pool.recycle.${tier}`), 'pool.warnDays', 'pool.claimLimit', 'pool.reclaimWaitDays'];

const days = z.coerce.number().int().min(1).max(365);
const SETTERS: Record<string, (value: string, current: TenantSettings) => Patch> = {
  ...Object.fromEntries(TIERS.map((tier) => [`cadence.${tier}`, (v: string, s: TenantSettings) =>
    ({ cadenceDays: { ...s.cadenceDays, [tier]: days.parse(v) } })])),
  valueHigh: (v, s) => ({ valueThresholds: { ...s.valueThresholds, high: amount(v) } }),
  valueMedium: (v, s) => ({ valueThresholds: { ...s.valueThresholds, medium: amount(v) } }),
  currency: (v) => ({ currency: z.string().regex(/^[A-Za-z]{3}$/).parse(v).toUpperCase() }),
  goingDormantDays: (v) => ({ goingDormantDays: days.parse(v) }),
  dormantDays: (v) => ({ dormantDays: days.parse(v) }),
  digestTime: (v) => ({ digestTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).parse(v) }),
  reportChannel: (v) => ({ reportChannel: ['none', '-', '无'].includes(v) ? undefined : z.string().min(1).max(100).parse(v) }),
  timeZone: (v) => ({ timeZone: z.string().refine(isValidTimeZone).parse(v) }),
  calendar: (v) => ({ calendar: z.enum(CALENDARS).parse(v.toLowerCase()) }),
  // the public pool (SPEC §7); a whole pool object is stored, so engines need no nested merge
  ...Object.fromEntries(TIERS.map((tier) => [`pool.recycle.${tier}`, (v: string, s: TenantSettings) => {
    const p = poolSettingsOf(s);
    return { pool: { ...p, recycleDays: { ...p.recycleDays, [tier]: NEVER.has(v.trim().toLowerCase()) ? 0 : days.parse(v) } } };
  }])),
  'pool.warnDays': (v, s) => ({
    pool: { ...poolSettingsOf(s), warnDays: z.array(z.coerce.number().int().min(1).max(60)).min(1).max(5).parse(v.split(/[,，、\s]+/u).filter(Boolean)).sort((a, b) => b - a) },
  }),
  'pool.claimLimit': (v, s) => ({ pool: { ...poolSettingsOf(s), claimLimit: z.coerce.number().int().min(0).max(1000).parse(v) } }),
  'pool.reclaimWaitDays': (v, s) => ({ pool: { ...poolSettingsOf(s), reclaimWaitDays: z.coerce.number().int().min(0).max(365).parse(v) } }),
  quietHours: (v) => ({ quietHours: quietHoursOf(v) }),
};

const NEVER = new Set(['0', 'never', 'off', 'none', '从不', '不回收', '永不']);

function quietHoursOf(v: string): string {
  const norm = normalizeQuietHours(v);
  if (!norm) throw new UserError('settings.badQuiet', { value: v.slice(0, 40) });
  return norm;
}

/** the digest goes out as a direct message: it may not be due inside the quiet hours (SPEC §8) */
function checkQuiet(key: string, next: TenantSettings): void {
  if (key !== 'digestTime' && key !== 'quietHours') return;
  const minute = minutesOfDay(next.digestTime);
  if (minute === null || !isQuietMinute(minute, quietWindowOf(next.quietHours))) return;
  const params = { time: next.digestTime, hours: quietText(next.quietHours) };
  throw new UserError(key === 'digestTime' ? 'settings.inQuiet' : 'settings.quietCoversDigest', params);
}

function amount(v: string): number {
  const minor = parseAmount(v);
  if (minor === null || minor <= 0) throw new Error('not an amount');
  return minor;
}

function describe(ctx: Ctx, s: TenantSettings): string[] {
  const money = (m: number) => formatAmount(m, s.currency, ctx.lang);
  return [
    ...TIERS.map((tier) => `cadence.${tier} = ${s.cadenceDays[tier]}`),
    `valueHigh = ${money(s.valueThresholds.high)}`, `valueMedium = ${money(s.valueThresholds.medium)}`,
    `currency = ${s.currency}`, `goingDormantDays = ${s.goingDormantDays}`, `dormantDays = ${s.dormantDays}`,
    `digestTime = ${s.digestTime}`, `reportChannel = ${s.reportChannel ?? '—'}`, `timeZone = ${s.timeZone}`,
    `calendar = ${calendarOf(s)}`,
    ...POOL_KEYS.map((key) => `${key} = ${describeValue(s, key)}`),
    `quietHours = ${s.quietHours}`,
  ];
}

export async function runSettings(ctx: Ctx, input: Input): Promise<Reply> {
  requireRole(ctx, 'admin');
  const [key, ...rest] = (input.text ?? '').trim().split(/\s+/u).filter(Boolean);
  if (!key) {
    const title = ctx.t('settings.title');
    return reply(ctx.lang, [{ type: 'heading', text: title }, { type: 'text', text: describe(ctx, ctx.settings).join('\n') }, { type: 'text', text: ctx.t('settings.hint') }], title);
  }
  const setter = SETTERS[key];
  if (!setter) throw new UserError('settings.unknownKey', { key: key.slice(0, 40), keys: Object.keys(SETTERS).join(', ') });
  const value = rest.join(' ');
  let patch: Patch;
  try {
    patch = setter(value, ctx.settings);
  } catch (e) {
    if (isUserError(e)) throw e;
    throw new UserError('settings.badValue', { key, value: value.slice(0, 40) });
  }
  const next = { ...ctx.settings, ...patch };
  checkQuiet(key, next);
  if (next.valueThresholds.medium >= next.valueThresholds.high) throw new UserError('settings.thresholdOrder');
  if (next.goingDormantDays >= next.dormantDays) throw new UserError('settings.dormantOrder');
  const pool = poolSettingsOf(next);
  const shortest = Math.min(...TIERS.map((tier) => pool.recycleDays[tier]).filter((d) => d > 0));
  if (warnWindow(pool) >= shortest) throw new UserError('settings.poolWarnOrder', { warn: warnWindow(pool), days: shortest });
  const saved = await ctx.store.settings.update(ctx.tenantId, patch, ctx.now);
  await audit(ctx, { action: 'settings.update', field: key, from: describeValue(ctx.settings, key), to: describeValue(saved, key) });
  // a due date from the cadence moves off days off, so a new calendar or zone moves it too
  if (key.startsWith('cadence.') || key === 'calendar' || key === 'timeZone') await followCadence(ctx, saved);
  const warning = key === 'quietHours' ? await ownTimesInQuiet(ctx, saved) : undefined;
  return reply(ctx.lang, [
    { type: 'text', text: ctx.t('settings.saved', { key, value: describeValue(saved, key) }), tone: 'success' },
    ...(warning ? [{ type: 'text' as const, text: warning, tone: 'warning' as const }] : []),
  ]);
}

/** people whose own digest time (`me digest`) the new quiet hours now cover: said, not changed (it is their choice) */
async function ownTimesInQuiet(ctx: Ctx, s: TenantSettings): Promise<string | undefined> {
  const quiet = quietWindowOf(s.quietHours);
  if (!quiet) return undefined;
  const inside = (await ctx.store.people.list(ctx.tenantId)).filter((p) => {
    const minute = p.prefs?.digestTime ? minutesOfDay(p.prefs.digestTime) : null;
    return minute !== null && isQuietMinute(minute, quiet);
  });
  if (inside.length === 0) return undefined;
  const names = inside.slice(0, 10).map((p) => `${p.name} (${p.prefs!.digestTime})`).join(', ');
  return ctx.t('settings.quietCoversPeople', { count: inside.length, names, hours: quietText(s.quietHours) });
}

function describeValue(s: TenantSettings, key: string): string {
  const [head, tier] = key.split('.');
  if (head === 'cadence' && tier) return String(s.cadenceDays[tier as keyof TenantSettings['cadenceDays']]);
  if (key === 'valueHigh') return String(s.valueThresholds.high / 100);
  if (key === 'valueMedium') return String(s.valueThresholds.medium / 100);
  if (key === 'calendar') return calendarOf(s);
  if (head === 'pool') {
    const p = poolSettingsOf(s);
    if (tier === 'recycle') return String(p.recycleDays[key.split('.')[2] as keyof TenantSettings['cadenceDays']] || 'never');
    if (key === 'pool.warnDays') return p.warnDays.join(',');
    return String(p[tier as 'claimLimit' | 'reclaimWaitDays']);
  }
  return String(s[key as keyof TenantSettings] ?? '—');
}

/** customers whose next follow-up comes from the cadence move with it */
async function followCadence(ctx: Ctx, settings: TenantSettings): Promise<void> {
  for await (const c of ctx.store.customers.iterate(ctx.tenantId)) {
    // a pool customer has no follow-up date until someone claims it
    if (c.nextFollowUpExplicit || c.archived || c.ownerId === POOL_OWNER) continue;
    const next = computeNextFollowUp({ tier: c.tier, settings, createdAt: c.createdAt, lastInteractionAt: c.lastInteractionAt });
    if (next.getTime() !== c.nextFollowUpAt?.getTime()) await ctx.store.customers.update(ctx.tenantId, c.id, { nextFollowUpAt: next });
  }
}

const ROLE_WORDS: Record<string, Role> = { 成员: 'member', 销售: 'member', 经理: 'manager', 管理员: 'admin' };

export async function runRole(ctx: Ctx, input: Input): Promise<Reply> {
  requireRole(ctx, 'admin');
  const words = (input.text ?? '').trim().split(/\s+/u).filter(Boolean);
  if (!words.length) {
    const people = await ctx.store.people.list(ctx.tenantId);
    const title = ctx.t('role.title');
    const items = people.map((p) => ({ text: `${p.name} (${p.id})`, detail: roleLabel(p.role, ctx.lang) }));
    return reply(ctx.lang, [{ type: 'list', title, items, footer: ctx.t('role.hint') }], title);
  }
  const roleWord = words[words.length - 1]!;
  const role = (ROLES as readonly string[]).includes(roleWord.toLowerCase()) ? roleWord.toLowerCase() as Role : ROLE_WORDS[roleWord];
  if (!role || words.length < 2) throw new UserError('role.usage', { roles: ROLES.join(' | ') });
  const person = await readPerson(ctx, words.slice(0, -1).join(' '), 'owner');
  if (person.role === role) throw new UserError('role.unchanged', { name: person.name, role: roleLabel(role, ctx.lang) });
  if (person.role === 'admin' && (await ctx.store.people.countByRole(ctx.tenantId, 'admin')) <= 1) {
    throw new UserError('role.lastAdmin');
  }
  await ctx.store.people.setRole(ctx.tenantId, person.id, role, ctx.now);
  await audit(ctx, { action: 'person.role', field: 'role', from: person.role, to: role, details: { personId: person.id } });
  return reply(ctx.lang, [{ type: 'text', text: ctx.t('role.saved', { name: person.name, role: roleLabel(role, ctx.lang) }), tone: 'success' }]);
}
