// A follow-up, a deal and the customer's derived fields as one unit (issue 13):
// the entries are written first, then the customer is patched from what it is
// now and from everything recorded so far, under its version. A concurrent
// change makes the patch conflict: it is recomputed from a fresh read and
// tried again, so concurrent logs all land and the derived fields count every
// one of them. When it still cannot land, the entries are taken back: the
// caller is told "nothing was saved" and nothing was.
//
// Why this order is consistent: each attempt reads the customer, then the
// deals and interactions. An attempt whose versioned write succeeds read a
// customer at least as new as every earlier successful write, so its reads
// come after the entries of those writers: the last write counts them all.
import type { Customer, Deal, Interaction } from '../domain/types.js';
import { VersionConflictError, type CustomerPatch } from '../store/ports.js';
import type { Ctx } from './context.js';
import { derivedLevels, save, type DerivedLevels } from './shared.js';

/** attempts at the versioned write before the unit is given up (each one lets at least one writer through) */
export const ACTIVITY_ATTEMPTS = 12;

export interface Activity {
  interaction?: Omit<Interaction, 'id' | 'tenantId' | 'customerId'>;
  /** a deal; logged with an interaction, it points at it */
  deal?: Omit<Deal, 'id' | 'tenantId' | 'customerId' | 'interactionId'>;
  /** the customer's patch, from the customer as it is now and its derived levels (counted with this activity) */
  patch(current: Customer, levels: DerivedLevels): CustomerPatch;
}

export interface Recorded {
  /** the customer the patch was applied to (for the audit's from/to) */
  before: Customer;
  after: Customer;
  interaction?: Interaction;
  deal?: Deal;
}

export async function recordActivity(ctx: Ctx, customer: Customer, activity: Activity): Promise<Recorded> {
  const { tenantId } = ctx;
  const interaction = activity.interaction
    ? await ctx.store.interactions.append({ ...activity.interaction, tenantId, customerId: customer.id })
    : undefined;
  let deal: Deal | undefined;
  try {
    deal = activity.deal
      ? await ctx.store.deals.add({ ...activity.deal, tenantId, customerId: customer.id, interactionId: interaction?.id })
      : undefined;
    let current = customer;
    for (let attempt = 1; ; attempt += 1) {
      const levels = await derivedLevels(ctx, current);
      try {
        const after = await save(ctx, current, activity.patch(current, levels));
        return { before: current, after, interaction, deal };
      } catch (e) {
        if (!(e instanceof VersionConflictError) || attempt >= ACTIVITY_ATTEMPTS) throw e;
      }
      const fresh = await ctx.store.customers.get(tenantId, customer.id);
      if (!fresh) throw new VersionConflictError(customer.id);
      current = fresh;
    }
  } catch (e) {
    // leave nothing behind: the caller is told nothing was saved
    if (deal) await ctx.store.deals.retract(tenantId, deal.id);
    if (interaction) await ctx.store.interactions.retract(tenantId, interaction.id);
    throw e;
  }
}
