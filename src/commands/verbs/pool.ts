// pool (公海), claim (领取), release (退回公海): the public pool of SPEC §7.
// A claim is one conditional write ("still in the pool"), so two people
// pressing Claim at once get one owner; the day's allowance is taken first,
// atomically, and given back when the claim loses.
import { computeNextFollowUp } from '../../domain/cadence.js';
import { formatLocalDate } from '../../domain/dates.js';
import { intoPool, isInPool, POOL_OWNER, poolSettingsOf, reclaimOpensOn } from '../../domain/pool.js';
import { localDate } from '../../domain/time.js';
import type { Customer } from '../../domain/types.js';
import { UserError } from '../../errors.js';
import type { CustomerPatch } from '../../store/ports.js';
import type { Reply } from '../../views/model.js';
import { button, reply } from '../../views/reply.js';
import type { Ctx } from '../context.js';
import { readStatus, readText, readTier, type Input } from '../input.js';
import { requireEdit } from '../permissions.js';
import { resolveCustomer } from '../resolve.js';
import { toCommandText } from '../serialize.js';
import { audit, cardReply, claimButton, namesOf } from '../shared.js';
import { customerItems } from './find.js';
import { listPage } from './list.js';

export async function runPool(ctx: Ctx, input: Input): Promise<Reply> {
  const filter = { ownerId: POOL_OWNER, tier: readTier(ctx, input), status: readStatus(ctx, input) };
  const { items, total, page, pages } = await listPage(ctx, filter, input.page);
  if (!total) return reply(ctx.lang, [{ type: 'text', text: ctx.t('pool.none') }]);
  const rows = await customerItems(ctx, items);
  items.forEach((c, i) => {
    const row = rows[i]!;
    if (c.poolSince) row.detail = `${row.detail} · ${ctx.t('pool.itemSince', { date: formatLocalDate(c.poolSince, ctx.timeZone, ctx.lang) })}`;
    row.actions = [claimButton(ctx, c), ...(row.actions ?? [])];
  });
  const title = ctx.t('pool.title', { total, page, pages });
  const blocks: Reply['blocks'] = [{ type: 'list', title, items: rows }];
  if (page < pages) {
    const flags = { tier: input.tier, status: input.status, page: String(page + 1) };
    blocks.push({ type: 'actions', buttons: [button(ctx.t('button.nextPage'), 'run', { text: toCommandText('pool', ctx.lang, [], flags) })] });
  }
  return reply(ctx.lang, blocks, title);
}


/** the patch that gives a pool customer to a person: owned from now, due after the tier's cadence */
export function takeFromPool(ctx: Ctx, c: Customer, ownerId: string): CustomerPatch {
  return {
    ownerId, ownedSince: ctx.now, poolSince: undefined, poolReason: undefined, poolFromId: undefined,
    nextFollowUpAt: computeNextFollowUp({ tier: c.tier, settings: ctx.settings, createdAt: ctx.now }),
    nextFollowUpExplicit: false, updatedAt: ctx.now,
  };
}

async function ownerName(ctx: Ctx, id: string): Promise<string> {
  return (await namesOf(ctx, [id])).get(id) ?? id;
}

export async function runClaim(ctx: Ctx, input: Input): Promise<Reply> {
  const customer = await resolveCustomer(ctx, input.customer);
  if (customer.ownerId === ctx.person.id) throw new UserError('claim.alreadyYours', { code: customer.code });
  if (!isInPool(customer)) throw new UserError('claim.notInPool', { code: customer.code, owner: await ownerName(ctx, customer.ownerId) });
  const pool = poolSettingsOf(ctx.settings);
  const zone = ctx.settings.timeZone;
  const opens = reclaimOpensOn(customer, ctx.person.id, pool, ctx.now, zone);
  if (opens) {
    throw new UserError('claim.wait', {
      code: customer.code, since: formatLocalDate(customer.poolSince!, zone, ctx.lang), date: formatLocalDate(opens, zone, ctx.lang),
    });
  }
  // the day is the tenant's, as for recycling: everyone's allowance renews at the same moment
  const quota = `claims:${ctx.person.id}:${localDate(ctx.now, zone)}`;
  if (!(await ctx.store.customers.takeQuota(ctx.tenantId, quota, pool.claimLimit))) {
    throw new UserError('claim.limit', { limit: pool.claimLimit });
  }
  const won = await ctx.store.customers.updateIf(ctx.tenantId, customer.id, { ownerId: POOL_OWNER }, takeFromPool(ctx, customer, ctx.person.id));
  if (!won) {
    await ctx.store.customers.returnQuota(ctx.tenantId, quota);
    const now = await ctx.store.customers.get(ctx.tenantId, customer.id);
    throw new UserError('claim.lostRace', { code: customer.code, owner: await ownerName(ctx, now?.ownerId ?? POOL_OWNER) });
  }
  await audit(ctx, {
    action: 'pool.claim', customerId: customer.id, field: 'ownerId', from: POOL_OWNER, to: ctx.person.id,
    details: { poolSince: customer.poolSince?.toISOString(), poolReason: customer.poolReason },
  });
  return cardReply(ctx, won, { note: ctx.t('claim.done', { code: won.code, name: won.name }) });
}

export async function runRelease(ctx: Ctx, input: Input): Promise<Reply> {
  const customer = await resolveCustomer(ctx, input.customer);
  if (isInPool(customer)) throw new UserError('release.already', { code: customer.code });
  requireEdit(ctx, customer);
  const reason = readText(ctx, input, 'reason', 200);
  if (!reason) throw new UserError('release.needReason', { code: customer.code }, 'reason');
  const moved = await ctx.store.customers.updateIf(ctx.tenantId, customer.id, { ownerId: customer.ownerId, version: customer.version }, {
    ...intoPool(ctx.now, 'released', customer.ownerId), updatedAt: ctx.now,
  });
  if (!moved) throw new UserError('cmd.conflict');
  await audit(ctx, { action: 'pool.release', customerId: customer.id, field: 'ownerId', from: customer.ownerId, to: POOL_OWNER, reason });
  return cardReply(ctx, moved, { note: ctx.t('release.done', { code: moved.code, name: moved.name }) });
}
