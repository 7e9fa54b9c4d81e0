// due (待跟进): the daily digest on demand: my due and overdue follow-ups now,
// most important first, each with Log / Snooze 3 days / Open, then the ones
// gone or going dormant. The same view as the 09:00 message, with room for more.
import { startOfNextLocalDay } from '../../domain/time.js';
import { digestReply } from '../../views/digest.js';
import { poolWarningsFor } from '../pool-warnings.js';
import type { Reply } from '../../views/model.js';
import { reply } from '../../views/reply.js';
import type { Ctx } from '../context.js';
import type { Input } from '../input.js';

/** a chat message holds about this many items with buttons; the footer counts the rest */
export const DUE_LIMIT = 20;

export async function runDue(ctx: Ctx, _input: Input): Promise<Reply> {
  const due = await ctx.store.customers.dueFor(ctx.tenantId, ctx.person.id, startOfNextLocalDay(ctx.now, ctx.timeZone));
  const poolWarnings = await poolWarningsFor(ctx.store, ctx.tenantId, ctx.person.id, ctx.settings, ctx.now);
  const digest = digestReply({
    lang: ctx.lang, timeZone: ctx.timeZone, now: ctx.now, settings: ctx.settings, due, poolWarnings,
    limits: { due: DUE_LIMIT, dormant: DUE_LIMIT, moreKey: 'due.more' },
  });
  return digest ?? reply(ctx.lang, [{ type: 'text', text: ctx.t('due.none'), tone: 'success' }]);
}
