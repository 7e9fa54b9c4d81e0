// due (待跟进): my due and overdue follow-ups now, most important first, each
// with Log / Snooze 3 days / Open; then my customers going dormant.
import { daysOverdue } from '../../domain/cadence.js';
import { tierLabel } from '../../domain/labels.js';
import { dormancy } from '../../domain/status.js';
import { addDays, startOfNextLocalDay } from '../../domain/time.js';
import type { Block, ListItem, Reply } from '../../views/model.js';
import { button, reply } from '../../views/reply.js';
import type { Ctx } from '../context.js';
import type { Input } from '../input.js';

export const DUE_LIMIT = 25;
export const SNOOZE_DAYS = 3;

export async function runDue(ctx: Ctx, _input: Input): Promise<Reply> {
  const due = await ctx.store.customers.dueFor(ctx.tenantId, ctx.person.id, startOfNextLocalDay(ctx.now, ctx.timeZone));
  const blocks: Block[] = [];
  if (due.length) {
    const items: ListItem[] = due.slice(0, DUE_LIMIT).map((c) => {
      const late = c.nextFollowUpAt ? daysOverdue(c.nextFollowUpAt, ctx.now, ctx.timeZone) : 0;
      return {
        text: `${c.code} · ${c.name}`,
        detail: `${tierLabel(c.tier, ctx.lang)} · ${late > 0 ? ctx.t('due.overdueDays', { days: late }) : ctx.t('due.today')}`,
        actions: [
          button(ctx.t('button.log'), 'log', { code: c.code }, 'primary'),
          button(ctx.t('button.snooze'), 'snooze', { code: c.code, days: String(SNOOZE_DAYS) }),
          button(ctx.t('button.open'), 'open', { code: c.code }),
        ],
      };
    });
    const footer = due.length > DUE_LIMIT ? ctx.t('due.more', { count: due.length - DUE_LIMIT }) : undefined;
    blocks.push({ type: 'list', title: ctx.t('due.title', { count: due.length }), items, footer });
  }
  const inactive = await ctx.store.customers.inactiveSince(ctx.tenantId, addDays(ctx.now, -ctx.settings.goingDormantDays));
  const going = inactive
    .filter((c) => c.ownerId === ctx.person.id && dormancy(c, ctx.now, ctx.settings) === 'going-dormant')
    .slice(0, DUE_LIMIT);
  if (going.length) {
    blocks.push({
      type: 'list', title: ctx.t('due.goingDormant', { count: going.length }),
      items: going.map((c) => ({ text: `${c.code} · ${c.name}`, actions: [button(ctx.t('button.log'), 'log', { code: c.code }, 'primary')] })),
    });
  }
  if (!blocks.length) return reply(ctx.lang, [{ type: 'text', text: ctx.t('due.none'), tone: 'success' }]);
  return reply(ctx.lang, blocks, ctx.t('due.title', { count: due.length }));
}
