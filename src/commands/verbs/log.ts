// log (记录): a follow-up. Content must say what was discussed; an optional
// next date (natural language welcome) and deal amount. Appends the entry,
// then keeps the customer's dates, status, value and frequency in step.
import { computeNextFollowUp } from '../../domain/cadence.js';
import { assertSpecificContent, MAX_CONTENT } from '../../domain/followup.js';
import { statusAfterDeal, statusAfterInteraction } from '../../domain/status.js';
import { UserError } from '../../errors.js';
import type { Reply } from '../../views/model.js';
import type { Ctx } from '../context.js';
import { logForm } from '../forms.js';
import { readAmount, readChannel, readDate, readText, type Input } from '../input.js';
import { requireEdit } from '../permissions.js';
import { resolveLeading } from '../leading-name.js';
import { resolveCustomer } from '../resolve.js';
import type { Customer } from '../../domain/types.js';
import { audit, cardReply, derivedLevels, save } from '../shared.js';

export async function runLog(ctx: Ctx, input: Input): Promise<Reply> {
  if (!input.customer?.trim()) return logForm(ctx);
  let customer: Customer;
  if (input.leading) {
    const found = await resolveLeading(ctx, input.leading);
    customer = found.customer;
    input = { ...input, content: found.rest };
  } else customer = await resolveCustomer(ctx, input.customer);
  requireEdit(ctx, customer);
  if (!input.content?.trim() && !input.deal && !input.next) return logForm(ctx, customer);

  const raw = readText(ctx, input, 'content', MAX_CONTENT);
  let content: string;
  try {
    content = assertSpecificContent(raw ?? '');
  } catch (e) {
    if (e instanceof UserError) throw new UserError(e.key, e.params, 'content');
    throw e;
  }
  const channel = readChannel(ctx, input) ?? 'other';
  const next = readDate(ctx, input, 'next', 'future');
  const deal = readAmount(ctx, input, 'deal');

  const entry = await ctx.store.interactions.append({
    tenantId: ctx.tenantId, customerId: customer.id, authorId: ctx.person.id, at: ctx.now,
    channel, content, nextFollowUpAt: next, dealAmount: deal,
  });
  if (deal) {
    await ctx.store.deals.add({
      tenantId: ctx.tenantId, customerId: customer.id, amount: deal, date: ctx.now,
      authorId: ctx.person.id, interactionId: entry.id, note: content.slice(0, 200),
    });
  }
  const levels = await derivedLevels(ctx, customer);
  let status = statusAfterInteraction(customer.status, levels.dealCount > 0);
  if (deal) status = statusAfterDeal(status);
  const updated = await save(ctx, customer, {
    ...levels,
    status,
    lastInteractionAt: ctx.now,
    nextFollowUpAt: computeNextFollowUp({
      tier: customer.tier, settings: ctx.settings, createdAt: customer.createdAt, lastInteractionAt: ctx.now, explicitNext: next,
    }),
    nextFollowUpExplicit: next !== undefined,
  });
  await audit(ctx, {
    action: 'interaction.log', customerId: customer.id,
    // the owner at the time: the notices job tells them when someone else logged
    details: { interactionId: entry.id, channel, deal, next: next?.toISOString(), ownerId: customer.ownerId },
  });
  if (status !== customer.status) {
    await audit(ctx, { action: 'customer.status', customerId: customer.id, field: 'status', from: customer.status, to: status, reason: 'interaction' });
  }
  return cardReply(ctx, updated, { note: ctx.t('log.saved', { code: customer.code, name: customer.name }) });
}
