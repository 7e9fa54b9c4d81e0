// log (记录): a follow-up. Content must say what was discussed; an optional
// next date (natural language welcome) and deal amount. The entry, its deal
// and the customer's dates, status, value and frequency are one unit (activity.ts).
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
import { recordActivity } from '../activity.js';
import type { Customer } from '../../domain/types.js';
import { audit, cardReply } from '../shared.js';

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

  // the entry, the deal and the customer's derived fields land together or not at all
  const { before, after, interaction } = await recordActivity(ctx, customer, {
    interaction: { authorId: ctx.person.id, at: ctx.now, channel, content, nextFollowUpAt: next, dealAmount: deal },
    deal: deal ? { amount: deal, date: ctx.now, authorId: ctx.person.id, note: content.slice(0, 200) } : undefined,
    patch: (current, levels) => {
      let status = statusAfterInteraction(current.status, levels.dealCount > 0);
      if (deal) status = statusAfterDeal(status);
      return {
        ...levels,
        status,
        lastInteractionAt: ctx.now,
        nextFollowUpAt: computeNextFollowUp({
          tier: current.tier, settings: ctx.settings, createdAt: current.createdAt, lastInteractionAt: ctx.now, explicitNext: next,
        }),
        nextFollowUpExplicit: next !== undefined,
      };
    },
  });
  await audit(ctx, {
    action: 'interaction.log', customerId: customer.id,
    // the owner at the time: the notices job tells them when someone else logged
    details: { interactionId: interaction!.id, channel, deal, next: next?.toISOString(), ownerId: before.ownerId },
  });
  if (after.status !== before.status) {
    await audit(ctx, { action: 'customer.status', customerId: customer.id, field: 'status', from: before.status, to: after.status, reason: 'interaction' });
  }
  return cardReply(ctx, after, { note: ctx.t('log.saved', { code: customer.code, name: customer.name }) });
}
