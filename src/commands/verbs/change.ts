// tier (分类), status (状态), assign (分配), snooze: the changes that keep
// who, when, from, to and why (SPEC §1), each with its audit entry.
import { computeNextFollowUp, SNOOZE_DAYS } from '../../domain/cadence.js';
import { statusLabel, tierLabel } from '../../domain/labels.js';
import { TEXT_LIMITS } from '../../domain/limits.js';
import { isInPool, isPoolWord, POOL_OWNER } from '../../domain/pool.js';
import { assertStatusChange } from '../../domain/status.js';
import { addDays, startOfLocalDay } from '../../domain/time.js';
import { UserError } from '../../errors.js';
import type { Reply } from '../../views/model.js';
import type { Ctx } from '../context.js';
import { assignForm, tierForm } from '../forms.js';
import { readPerson, readStatus, readText, readTier, type Input } from '../input.js';
import { requireEdit, requireRole } from '../permissions.js';
import { resolveCustomer } from '../resolve.js';
import { audit, cardReply, save } from '../shared.js';
import { runRelease, takeFromPool } from './pool.js';

export async function runTier(ctx: Ctx, input: Input): Promise<Reply> {
  const customer = await resolveCustomer(ctx, input.customer);
  requireEdit(ctx, customer);
  const tier = readTier(ctx, input);
  if (!tier) return tierForm(ctx, customer);
  if (tier === customer.tier) throw new UserError('tier.unchanged', { tier: tierLabel(tier, ctx.lang) }, 'tier');
  const reason = readText(ctx, input, 'reason', 200);
  const updated = await save(ctx, customer, {
    tier,
    // the cadence follows the tier unless a person gave an explicit next date
    ...(customer.nextFollowUpExplicit ? {} : {
      nextFollowUpAt: computeNextFollowUp({ tier, settings: ctx.settings, createdAt: customer.createdAt, lastInteractionAt: customer.lastInteractionAt }),
    }),
  });
  await audit(ctx, { action: 'customer.tier', customerId: customer.id, field: 'tier', from: customer.tier, to: tier, reason });
  return cardReply(ctx, updated, { note: ctx.t('tier.changed', { code: customer.code, from: tierLabel(customer.tier, ctx.lang), to: tierLabel(tier, ctx.lang) }) });
}

export async function runStatus(ctx: Ctx, input: Input): Promise<Reply> {
  const customer = await resolveCustomer(ctx, input.customer);
  requireEdit(ctx, customer);
  const status = readStatus(ctx, input);
  if (!status) throw new UserError('error.required', { field: ctx.t('field.status') }, 'status');
  const reason = readText(ctx, input, 'reason', 500);
  try {
    assertStatusChange(customer.status, status, reason);
  } catch (e) {
    if (e instanceof UserError) throw new UserError(e.key, e.params, e.key === 'domain.lostNeedsReason' ? 'reason' : 'status');
    throw e;
  }
  const note = readText(ctx, input, 'note', TEXT_LIMITS.short);
  const wonBack = customer.status === 'lost';
  const updated = await save(ctx, customer, {
    status,
    statusNote: note ?? (status === 'lost' ? reason : undefined),
    ...(wonBack ? {
      nextFollowUpAt: computeNextFollowUp({ tier: customer.tier, settings: ctx.settings, createdAt: ctx.now }),
      nextFollowUpExplicit: false,
    } : {}),
  });
  await audit(ctx, { action: 'customer.status', customerId: customer.id, field: 'status', from: customer.status, to: status, reason });
  const key = wonBack ? 'status.wonBack' : 'status.changed';
  return cardReply(ctx, updated, { note: ctx.t(key, { code: customer.code, from: statusLabel(customer.status, ctx.lang), to: statusLabel(status, ctx.lang) }) });
}

export async function runAssign(ctx: Ctx, input: Input): Promise<Reply> {
  requireRole(ctx, 'manager');
  const customer = await resolveCustomer(ctx, input.customer);
  if (!input.owner?.trim()) return assignForm(ctx, customer);
  // "assign C… 公海" is a manager's release: the same move, the same required reason
  if (isPoolWord(input.owner)) return runRelease(ctx, input);
  const owner = await readPerson(ctx, input.owner, 'owner');
  if (owner.id === customer.ownerId) throw new UserError('assign.unchanged', { name: owner.name }, 'owner');
  const reason = readText(ctx, input, 'reason', 200);
  if (isInPool(customer)) {
    // from the pool: the same "still in the pool" write as a claim, without the day's limit (SPEC §7)
    const taken = await ctx.store.customers.updateIf(ctx.tenantId, customer.id, { ownerId: POOL_OWNER }, takeFromPool(ctx, customer, owner.id));
    if (!taken) throw new UserError('cmd.conflict');
    await audit(ctx, { action: 'pool.assign', customerId: customer.id, field: 'ownerId', from: POOL_OWNER, to: owner.id, reason });
    return cardReply(ctx, taken, { note: ctx.t('assign.fromPool', { code: customer.code, owner: owner.name }) });
  }
  const updated = await save(ctx, customer, { ownerId: owner.id });
  await audit(ctx, { action: 'customer.assign', customerId: customer.id, field: 'ownerId', from: customer.ownerId, to: owner.id, reason });
  return cardReply(ctx, updated, { note: ctx.t('assign.done', { code: customer.code, owner: owner.name }) });
}

export async function runSnooze(ctx: Ctx, input: Input): Promise<Reply> {
  const customer = await resolveCustomer(ctx, input.customer);
  requireEdit(ctx, customer);
  const days = Number(input.days ?? SNOOZE_DAYS);
  if (!Number.isInteger(days) || days < 1 || days > 90) throw new UserError('snooze.badDays', { max: 90 });
  const until = startOfLocalDay(addDays(ctx.now, days), ctx.timeZone);
  const updated = await save(ctx, customer, { nextFollowUpAt: until, nextFollowUpExplicit: true });
  await audit(ctx, { action: 'customer.snooze', customerId: customer.id, field: 'nextFollowUpAt', from: customer.nextFollowUpAt?.toISOString(), to: until.toISOString() });
  return cardReply(ctx, updated, { note: ctx.t('snooze.done', { code: customer.code, days }) });
}
