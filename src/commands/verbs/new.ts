// new (新建): create a customer. No arguments opens the form. A name that
// looks like an existing customer's warns, naming its code and owner, and
// creates nothing until confirmed. An unconfirmed create holds its name in the
// store, so people creating the same name at once make one customer.
import { computeNextFollowUp } from '../../domain/cadence.js';
import { TEXT_LIMITS } from '../../domain/limits.js';
import { formatLocalDate } from '../../domain/dates.js';
import { cleanName } from '../../domain/names.js';
import { isInPool } from '../../domain/pool.js';
import { localDay } from '../../domain/time.js';
import type { Customer } from '../../domain/types.js';
import { UserError } from '../../errors.js';
import { DuplicateNameError } from '../../store/ports.js';
import type { Reply } from '../../views/model.js';
import { button, reply } from '../../views/reply.js';
import type { Ctx } from '../context.js';
import { findLikelyDuplicates, nameIndexKeys } from '../duplicates.js';
import { newForm } from '../forms.js';
import { readContact, readPerson, readSource, readTags, readText, readTier, readType, type Input } from '../input.js';
import { hasRole } from '../permissions.js';
import { audit, cardReply, claimButton, namesOf } from '../shared.js';
import { toCommandText } from '../serialize.js';

export async function runNew(ctx: Ctx, input: Input): Promise<Reply> {
  if (!Object.values(input).some((v) => v?.trim())) return newForm(ctx);
  let name: string;
  try {
    name = cleanName(input.name ?? '');
  } catch (e) {
    if (e instanceof UserError) throw new UserError(e.key, e.params, 'name');
    throw e;
  }
  const contact = readContact(ctx, input);
  const fields = {
    industry: readText(ctx, input, 'industry'),
    type: readType(ctx, input),
    source: readSource(ctx, input),
    region: readText(ctx, input, 'region'),
    tier: readTier(ctx, input) ?? 'potential',
    needs: readTags(ctx, input, 'needs') ?? [],
    notes: readText(ctx, input, 'note', TEXT_LIMITS.note),
  };
  let ownerId = ctx.person.id;
  if (input.owner?.trim()) {
    if (!hasRole(ctx.person, 'manager')) throw new UserError('error.forbidden', { reason: ctx.t('perm.ownerOnCreate') }, 'owner');
    ownerId = (await readPerson(ctx, input.owner, 'owner')).id;
  }
  const keys = nameIndexKeys(name);
  const confirmed = input.confirm === 'true';
  if (!confirmed) {
    const similar = await findLikelyDuplicates(ctx, name);
    if (similar.length) return duplicateWarning(ctx, name, similar, input);
  }

  const code = await ctx.store.customers.nextCode(ctx.tenantId, localDay(ctx.now, ctx.settings.timeZone));
  let customer: Customer;
  try {
    customer = await ctx.store.customers.insert({
      tenantId: ctx.tenantId, code, name, nameKey: keys.nameKey, nameVariants: keys.nameVariants,
      ...fields, contacts: contact ? [contact] : [],
      valueLevel: 'low', frequency: 'low', status: 'potential', ownerId,
      createdAt: ctx.now, createdBy: ctx.person.id, updatedAt: ctx.now,
      nextFollowUpAt: computeNextFollowUp({ tier: fields.tier, settings: ctx.settings, createdAt: ctx.now }),
      nextFollowUpExplicit: false, dealCount: 0, dealAmount365: 0, archived: false,
    }, { uniqueName: !confirmed });
  } catch (e) {
    // someone created the same name between the check and the insert: the same warning as if they had been first
    if (!(e instanceof DuplicateNameError)) throw e;
    const similar = await findLikelyDuplicates(ctx, name);
    if (!similar.length) throw e;
    return duplicateWarning(ctx, name, similar, input);
  }
  await audit(ctx, { action: 'customer.create', customerId: customer.id, details: { code, name } });
  return cardReply(ctx, customer, { note: ctx.t('new.created', { code, name }) });
}

async function duplicateWarning(ctx: Ctx, name: string, similar: Customer[], input: Input): Promise<Reply> {
  const names = await namesOf(ctx, similar.map((c) => c.ownerId));
  const items = similar.map((c) => ({
    text: `${c.code} · ${c.name}`,
    detail: ctx.t('new.duplicateOwner', { owner: names.get(c.ownerId) ?? c.ownerId }),
    actions: [button(ctx.t('button.open'), 'open', { code: c.code })],
  }));
  const first = similar[0]!;
  const confirmText = toCommandText('new', ctx.lang, [input.name ?? name], { ...input, name: undefined, confirm: 'true' });
  const pooled = similar.find(isInPool);
  if (pooled) {
    // in the public pool: claiming it is the way to work on it (SPEC §7); creating stays possible for a different company
    for (const [i, c] of similar.entries()) if (isInPool(c)) items[i]!.actions!.unshift(claimButton(ctx, c));
    const warning = ctx.t('new.duplicatePool', {
      name, code: pooled.code, existing: pooled.name, date: pooled.poolSince ? formatLocalDate(pooled.poolSince, ctx.timeZone, ctx.lang) : '—',
    });
    return reply(ctx.lang, [
      { type: 'text', text: warning, tone: 'warning' },
      { type: 'list', items },
      { type: 'actions', buttons: [claimButton(ctx, pooled), button(ctx.t('button.createAnyway'), 'confirm-create', { text: confirmText })] },
    ], warning);
  }
  const warning = ctx.t('new.duplicate', { name, code: first.code, existing: first.name, owner: names.get(first.ownerId) ?? first.ownerId });
  return reply(ctx.lang, [
    { type: 'text', text: warning, tone: 'warning' },
    { type: 'list', items },
    { type: 'actions', buttons: [button(ctx.t('button.createAnyway'), 'confirm-create', { text: confirmText }, 'primary')] },
  ], warning);
}
