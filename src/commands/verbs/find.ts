// find (搜索): by code, name, contact name, industry; by phone or e-mail only
// among the customers whose contacts the person can see (their own), so a
// search never confirms a masked value.
import { statusLabel, tierLabel } from '../../domain/labels.js';
import { UserError } from '../../errors.js';
import type { Customer } from '../../domain/types.js';
import type { ListItem, Reply } from '../../views/model.js';
import { button, reply } from '../../views/reply.js';
import type { Ctx } from '../context.js';
import type { Input } from '../input.js';
import { namesOf } from '../shared.js';

const FIND_LIMIT = 20;

export async function runFind(ctx: Ctx, input: Input): Promise<Reply> {
  const text = (input.text ?? '').trim();
  if (!text) throw new UserError('find.needText');
  if (text.length > 100) throw new UserError('error.tooLong', { field: ctx.t('field.search'), length: text.length, max: 100 });
  const found = await ctx.store.customers.search(ctx.tenantId, { text, contactDetailsOf: ctx.person.id, limit: FIND_LIMIT + 1 });
  const live = found.filter((c) => !c.archived);
  if (!live.length) return reply(ctx.lang, [{ type: 'text', text: ctx.t('find.none', { text }) }]);
  const shown = live.slice(0, FIND_LIMIT);
  const title = ctx.t('find.title', { text, count: shown.length });
  const footer = live.length > FIND_LIMIT ? ctx.t('find.more', { limit: FIND_LIMIT }) : undefined;
  return reply(ctx.lang, [{ type: 'list', title, items: await customerItems(ctx, shown), footer }], title);
}

/** one line per customer, with an Open button: find, list, pick lists */
export async function customerItems(ctx: Ctx, customers: Customer[]): Promise<ListItem[]> {
  const names = await namesOf(ctx, customers.map((c) => c.ownerId));
  return customers.map((c) => ({
    text: `${c.code} · ${c.name}`,
    detail: [tierLabel(c.tier, ctx.lang), statusLabel(c.status, ctx.lang), names.get(c.ownerId) ?? c.ownerId, c.industry]
      .filter(Boolean).join(' · '),
    actions: [button(ctx.t('button.open'), 'open', { code: c.code })],
  }));
}
