// The customer card (SPEC §3 show): tier, value, status, owner, contacts
// (masked unless the viewer may see them), needs, follow-up dates, the last
// five interactions, and the buttons that act on it.
import { daysOverdue } from '../domain/cadence.js';
import { isWorkingDay } from '../domain/calendar.js';
import { maskContact } from '../domain/contacts.js';
import { formatLocalDate } from '../domain/dates.js';
import { isInPool } from '../domain/pool.js';
import { channelLabel, levelLabel, sourceLabel, statusLabel, tierLabel, typeLabel } from '../domain/labels.js';
import type { CalendarKind, Contact, Customer, Interaction, Lang } from '../domain/types.js';
import { localDate } from '../domain/time.js';
import { formatAmount } from '../domain/value.js';
import { t } from '../i18n/index.js';
import type { Block, Button, Field } from './model.js';
import { button } from './reply.js';

export interface CardInput {
  customer: Customer;
  lang: Lang;
  timeZone: string;
  now: Date;
  /** the tenant's calendar: a follow-up date on a day off is marked */
  calendar: CalendarKind;
  currency: string;
  names: Map<string, string>;
  recent: Interaction[];
  /** contacts shown unmasked (owner, or an audited reveal) */
  unmasked: boolean;
  canEdit: boolean;
  /** a manager who does not own it may reveal contacts */
  canReveal: boolean;
  canAssign: boolean;
  /** in the public pool: the card offers this Claim button (built where commands are written) */
  claim?: Button;
}

export function formatContact(c: Contact, lang: Lang): string {
  const parts = [c.name, c.title, c.phone, c.email, c.wechat ? `${t(lang, 'field.wechat')}: ${c.wechat}` : undefined];
  return parts.filter(Boolean).join(' · ');
}

export function followUpText(c: Customer, lang: Lang, timeZone: string, now: Date, calendar: CalendarKind): string {
  if (!c.nextFollowUpAt || c.status === 'lost') return '—';
  const day = formatLocalDate(c.nextFollowUpAt, timeZone, lang);
  // a date typed by a person is kept as typed, even on a holiday: say so
  const date = isWorkingDay(calendar, localDate(c.nextFollowUpAt, timeZone)) ? day : t(lang, 'card.dayOff', { date: day });
  const late = daysOverdue(c.nextFollowUpAt, now, timeZone);
  if (late > 0) return t(lang, 'card.overdue', { date, days: late });
  if (late === 0) return t(lang, 'card.dueToday', { date });
  return date;
}

/** the owner, or "in the pool since …" with why and from whom */
function ownerText(c: Customer, lang: Lang, timeZone: string, name: (id: string) => string): string {
  if (!isInPool(c)) return name(c.ownerId);
  if (!c.poolSince) return t(lang, 'pool.owner');
  const why = t(lang, `pool.why.${c.poolReason ?? 'imported'}`, { from: c.poolFromId ? name(c.poolFromId) : '—' });
  return t(lang, 'pool.since', { date: formatLocalDate(c.poolSince, timeZone, lang), why });
}

export function customerCard(input: CardInput): Block[] {
  const { customer: c, lang, timeZone, now, calendar } = input;
  const name = (id: string) => input.names.get(id) ?? id;
  const status = c.statusNote ? `${statusLabel(c.status, lang)} (${c.statusNote})` : statusLabel(c.status, lang);
  const fields: Field[] = [
    { label: t(lang, 'field.tier'), value: tierLabel(c.tier, lang) },
    { label: t(lang, 'field.valueLevel'), value: `${levelLabel(c.valueLevel, lang)} (${formatAmount(c.dealAmount365, input.currency, lang)})` },
    { label: t(lang, 'field.frequency'), value: levelLabel(c.frequency, lang) },
    { label: t(lang, 'field.status'), value: status },
    { label: t(lang, 'field.owner'), value: ownerText(c, lang, timeZone, name) },
    { label: t(lang, 'field.nextFollowUpAt'), value: followUpText(c, lang, timeZone, now, calendar) },
    { label: t(lang, 'field.lastInteractionAt'), value: c.lastInteractionAt ? formatLocalDate(c.lastInteractionAt, timeZone, lang) : '—' },
  ];
  if (c.industry) fields.push({ label: t(lang, 'field.industry'), value: c.industry });
  if (c.type) fields.push({ label: t(lang, 'field.type'), value: typeLabel(c.type, lang) });
  if (c.source) {
    // the person's own wording (线上广告投放) beside the source it counts as
    const source = sourceLabel(c.source, lang);
    fields.push({ label: t(lang, 'field.source'), value: c.sourceNote && c.sourceNote !== source ? `${source} (${c.sourceNote})` : source });
  }
  if (c.region) fields.push({ label: t(lang, 'field.region'), value: c.region });
  if (c.needs.length) fields.push({ label: t(lang, 'field.needs'), value: c.needs.join(lang === 'zh' ? '、' : ', ') });
  const contacts = c.contacts.map((x) => formatContact(input.unmasked ? x : maskContact(x), lang));
  if (contacts.length) fields.push({ label: t(lang, 'field.contacts'), value: contacts.join('\n') });
  if (c.notes) fields.push({ label: t(lang, 'field.notes'), value: c.notes });

  const blocks: Block[] = [
    { type: 'heading', text: `${c.name} · ${c.code}` },
    { type: 'fields', fields },
  ];
  const items = input.recent.map((i) => ({
    text: `${formatLocalDate(i.at, timeZone, lang)} · ${channelLabel(i.channel, lang)} · ${name(i.authorId)}`,
    detail: i.dealAmount ? `${i.content} (${t(lang, 'field.deal')}: ${formatAmount(i.dealAmount, input.currency, lang)})` : i.content,
  }));
  blocks.push(items.length
    ? { type: 'list', title: t(lang, 'card.recent'), items }
    : { type: 'text', text: t(lang, 'card.noInteractions') });
  const buttons: Button[] = [];
  const code = { code: c.code };
  if (input.claim) buttons.push(input.claim);
  if (input.canEdit) {
    buttons.push(button(t(lang, 'button.log'), 'log', code, 'primary'));
    buttons.push(button(t(lang, 'button.edit'), 'edit', code));
    buttons.push(button(t(lang, 'button.tier'), 'tier', code));
  }
  if (input.canAssign) buttons.push(button(t(lang, 'button.assign'), 'assign', code));
  if (input.canEdit) {
    buttons.push(c.status === 'lost'
      ? button(t(lang, 'button.winBack'), 'run', { text: `status ${c.code} active` })
      : button(t(lang, 'button.lost'), 'lost', code, 'danger'));
  }
  if (input.canReveal && !input.unmasked && c.contacts.length) buttons.push(button(t(lang, 'button.reveal'), 'reveal', code));
  if (buttons.length) blocks.push({ type: 'actions', buttons });
  return blocks;
}
