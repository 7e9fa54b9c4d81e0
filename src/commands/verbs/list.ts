// list (列表): mine or all, filtered by tier, status, owner, due; paged.
import { isPoolWord, POOL_OWNER } from '../../domain/pool.js';
import { startOfNextLocalDay } from '../../domain/time.js';
import { UserError } from '../../errors.js';
import type { Customer } from '../../domain/types.js';
import type { CustomerFilter, Paged } from '../../store/ports.js';
import type { Reply } from '../../views/model.js';
import { button, reply } from '../../views/reply.js';
import type { Ctx } from '../context.js';
import { readPerson, readStatus, readTier, type Input } from '../input.js';
import { followUpText } from '../../views/customer-card.js';
import { calendarOf } from '../../domain/calendar.js';
import { toCommandText } from '../serialize.js';
import { customerItems } from './find.js';

export const PAGE_SIZE = 10;
const MINE = new Set(['mine', 'my', 'me', '我的', '我']);
const ALL = new Set(['all', 'everyone', '全部', '所有']);

export async function runList(ctx: Ctx, input: Input): Promise<Reply> {
  const scope = (input.scope ?? '').trim().toLowerCase();
  if (scope && !MINE.has(scope) && !ALL.has(scope)) throw new UserError('list.badScope', { value: scope.slice(0, 40) });
  const filter: CustomerFilter = {};
  if (input.owner?.trim() && isPoolWord(input.owner)) filter.ownerId = POOL_OWNER;
  else if (input.owner?.trim()) filter.ownerId = (await readPerson(ctx, input.owner, 'owner')).id;
  else if (!ALL.has(scope)) filter.ownerId = ctx.person.id;
  filter.tier = readTier(ctx, input);
  filter.status = readStatus(ctx, input);
  if (input.due === 'true') filter.dueBefore = startOfNextLocalDay(ctx.now, ctx.timeZone);
  const { items, total, page, pages } = await listPage(ctx, filter, input.page);
  if (!total) return reply(ctx.lang, [{ type: 'text', text: ctx.t('list.none') }]);
  const rows = await customerItems(ctx, items);
  if (filter.dueBefore) {
    const calendar = calendarOf(ctx.settings);
    items.forEach((c, i) => { rows[i]!.detail = `${rows[i]!.detail} · ${followUpText(c, ctx.lang, ctx.timeZone, ctx.now, calendar)}`; });
  }
  const title = ctx.t('list.title', { total, page, pages });
  const blocks: Reply['blocks'] = [{ type: 'list', title, items: rows }];
  if (page < pages) {
    const flags = { ...input, scope: undefined, page: String(page + 1) };
    blocks.push({ type: 'actions', buttons: [button(ctx.t('button.nextPage'), 'run', { text: toCommandText('list', ctx.lang, [scope], flags) })] });
  }
  return reply(ctx.lang, blocks, title);
}

/** one page of a filtered list (list, pool): a page past the last is a mistake worth saying */
export async function listPage(ctx: Ctx, filter: CustomerFilter, pageText: string | undefined): Promise<Paged<Customer> & { page: number; pages: number }> {
  const page = Number(pageText ?? '1');
  if (!Number.isInteger(page) || page < 1 || page > 100_000) throw new UserError('list.badPage', { value: (pageText ?? '').slice(0, 20) });
  const { items, total } = await ctx.store.customers.list(ctx.tenantId, filter, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const pages = Math.ceil(total / PAGE_SIZE);
  if (total && page > pages) throw new UserError('list.badPage', { value: String(page) });
  return { items, total, page, pages };
}
