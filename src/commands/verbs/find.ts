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
import { toCommandText } from '../serialize.js';

/** one page of results, as in list; past the last page the search should be narrower */
const FIND_PAGE = 10;
const FIND_PAGES = 10;

export async function runFind(ctx: Ctx, input: Input): Promise<Reply> {
  const text = (input.text ?? '').trim();
  if (!text) throw new UserError('find.needText');
  if (text.length > 100) throw new UserError('error.tooLong', { field: ctx.t('field.search'), length: text.length, max: 100 });
  const page = Number(input.page ?? '1');
  if (!Number.isInteger(page) || page < 1 || page > FIND_PAGES) throw new UserError('list.badPage', { value: (input.page ?? '').slice(0, 20) });
  const found = await ctx.store.customers.search(ctx.tenantId, { text, contactDetailsOf: ctx.person.id, limit: page * FIND_PAGE + 1 });
  const live = found.filter((c) => !c.archived);
  if (!live.length) return reply(ctx.lang, [{ type: 'text', text: ctx.t('find.none', { text }) }]);
  const shown = live.slice((page - 1) * FIND_PAGE, page * FIND_PAGE);
  if (!shown.length) throw new UserError('list.badPage', { value: String(page) });
  const more = live.length > page * FIND_PAGE;
  const paged = more || page > 1 ? ` · ${ctx.t('find.page', { page })}` : '';
  const title = `${ctx.t('find.title', { text, count: shown.length })}${paged}`;
  const footer = more && page === FIND_PAGES ? ctx.t('find.more', { limit: FIND_PAGE * FIND_PAGES }) : undefined;
  const blocks: Reply['blocks'] = [{ type: 'list', title, items: await customerItems(ctx, shown), footer }];
  if (more && page < FIND_PAGES) {
    blocks.push({ type: 'actions', buttons: [button(ctx.t('button.nextPage'), 'run', { text: toCommandText('find', ctx.lang, [text], { page: String(page + 1) }) })] });
  }
  return reply(ctx.lang, blocks, title);
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
