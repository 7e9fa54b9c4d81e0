// Helpers the use-cases share: audit entries, people's names, the card of a
// customer as this person may see it, value/frequency recomputation.
import { isInPool, POOL_OWNER } from '../domain/pool.js';
import { addDays } from '../domain/time.js';
import { frequencyLevel, sumDealsSince, valueLevel } from '../domain/value.js';
import type { AuditEntry, Customer } from '../domain/types.js';
import type { CustomerPatch } from '../store/ports.js';
import { customerCard } from '../views/customer-card.js';
import { calendarOf } from '../domain/calendar.js';
import type { Reply } from '../views/model.js';
import { button, reply } from '../views/reply.js';
import type { Ctx } from './context.js';
import { toCommandText } from './serialize.js';
import { canEdit, hasRole, seesContacts } from './permissions.js';

export async function audit(ctx: Ctx, entry: Omit<AuditEntry, 'id' | 'tenantId' | 'at' | 'actorId'>): Promise<void> {
  await ctx.store.audit.append({ ...entry, tenantId: ctx.tenantId, at: ctx.now, actorId: ctx.person.id });
}

export async function namesOf(ctx: Ctx, ids: Iterable<string>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) {
    if (names.has(id)) continue;
    if (id === POOL_OWNER) {
      names.set(id, ctx.t('pool.owner'));
      continue;
    }
    const p = id === ctx.person.id ? ctx.person : await ctx.store.people.get(ctx.tenantId, id);
    names.set(id, p?.name ?? id);
  }
  return names;
}

export const RECENT_INTERACTIONS = 5;

export async function cardReply(ctx: Ctx, customer: Customer, opts: { note?: string; unmasked?: boolean } = {}): Promise<Reply> {
  const recent = await ctx.store.interactions.recent(ctx.tenantId, customer.id, RECENT_INTERACTIONS);
  const names = await namesOf(ctx, [customer.ownerId, ...(customer.poolFromId ? [customer.poolFromId] : []), ...recent.map((i) => i.authorId)]);
  const isManager = hasRole(ctx.person, 'manager');
  const blocks = customerCard({
    customer, lang: ctx.lang, timeZone: ctx.timeZone, now: ctx.now, calendar: calendarOf(ctx.settings), currency: ctx.settings.currency,
    names, recent,
    unmasked: opts.unmasked || seesContacts(ctx.person, customer),
    canEdit: canEdit(ctx.person, customer),
    canReveal: isManager && customer.ownerId !== ctx.person.id,
    canAssign: isManager,
    // anyone may claim a pool customer; whether today's allowance allows it is told on pressing
    claim: isInPool(customer) ? claimButton(ctx, customer) : undefined,
  });
  if (opts.note) blocks.unshift({ type: 'text', text: opts.note, tone: 'success' });
  return reply(ctx.lang, blocks, opts.note ?? `${customer.name} · ${customer.code}`);
}

/** the Claim button of a pool customer: runs `claim <code>` in the person's language */
export function claimButton(ctx: Pick<Ctx, 't' | 'lang'>, c: Pick<Customer, 'code'>) {
  return button(ctx.t('button.claim'), 'run', { text: toCommandText('claim', ctx.lang, [c.code], {}) }, 'primary');
}

export type DerivedLevels = Pick<Customer, 'valueLevel' | 'frequency' | 'dealAmount365' | 'dealCount' | 'firstDealAt'>;

/** valueLevel and frequency as of now, from the customer's deals and interactions */
export async function derivedLevels(ctx: Ctx, customer: Customer): Promise<DerivedLevels> {
  const deals = await ctx.store.deals.forCustomer(ctx.tenantId, customer.id);
  const amount = sumDealsSince(deals, addDays(ctx.now, -365));
  const recent = await ctx.store.interactions.countSince(ctx.tenantId, customer.id, addDays(ctx.now, -30));
  return {
    dealAmount365: amount,
    valueLevel: valueLevel(amount, ctx.settings.valueThresholds),
    frequency: frequencyLevel(recent),
    dealCount: deals.length,
    firstDealAt: deals[0]?.date,
  };
}

/** update with the version read, so two people editing at once never silently overwrite */
export async function save(ctx: Ctx, customer: Customer, patch: CustomerPatch): Promise<Customer> {
  return ctx.store.customers.update(ctx.tenantId, customer.id, { ...patch, updatedAt: ctx.now }, customer.version);
}
