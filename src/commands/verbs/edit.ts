// edit (编辑) and deal (成交): change a customer's fields; record a deal.
import { statusAfterDeal } from '../../domain/status.js';
import { TEXT_LIMITS } from '../../domain/limits.js';
import { cleanName } from '../../domain/names.js';
import { formatAmount } from '../../domain/value.js';
import { UserError } from '../../errors.js';
import type { CustomerPatch } from '../../store/ports.js';
import type { Reply } from '../../views/model.js';
import type { Ctx } from '../context.js';
import { nameIndexKeys } from '../duplicates.js';
import { editForm } from '../forms.js';
import { readAmount, readContact, readDate, readSource, readTags, readText, readType, type Input } from '../input.js';
import { requireEdit } from '../permissions.js';
import { resolveCustomer } from '../resolve.js';
import { recordActivity } from '../activity.js';
import { audit, cardReply, save } from '../shared.js';

const EDITABLE = ['name', 'industry', 'type', 'source', 'region', 'contact', 'phone', 'email', 'wechat', 'title', 'needs', 'note'];

export async function runEdit(ctx: Ctx, input: Input): Promise<Reply> {
  const customer = await resolveCustomer(ctx, input.customer);
  requireEdit(ctx, customer);
  if (!EDITABLE.some((f) => input[f] !== undefined)) return editForm(ctx, customer);
  const patch: CustomerPatch = {};
  if (input.name?.trim() && input.name.trim() !== customer.name) {
    let name: string;
    try { name = cleanName(input.name); } catch (e) {
      if (e instanceof UserError) throw new UserError(e.key, e.params, 'name');
      throw e;
    }
    Object.assign(patch, { name }, nameIndexKeys(name));
  }
  const set = <K extends keyof CustomerPatch>(key: K, value: CustomerPatch[K] | undefined, present: boolean) => {
    if (present) patch[key] = value;
  };
  set('industry', readText(ctx, input, 'industry'), input.industry !== undefined);
  set('type', readType(ctx, input), input.type !== undefined);
  set('source', readSource(ctx, input), input.source !== undefined);
  set('region', readText(ctx, input, 'region'), input.region !== undefined);
  set('needs', readTags(ctx, input, 'needs') ?? [], input.needs !== undefined);
  set('notes', readText(ctx, input, 'note', TEXT_LIMITS.note), input.note !== undefined);
  const contact = readContact(ctx, input, customer.contacts[0]);
  if (contact) patch.contacts = [contact, ...customer.contacts.slice(1)];
  const changed = Object.keys(patch).filter((k) => JSON.stringify(patch[k as keyof CustomerPatch]) !== JSON.stringify(customer[k as keyof typeof customer]));
  if (!changed.length) throw new UserError('edit.nothing');
  const updated = await save(ctx, customer, patch);
  // contact values stay out of the audit log: it records which fields changed
  await audit(ctx, { action: 'customer.edit', customerId: customer.id, details: { fields: changed } });
  return cardReply(ctx, updated, { note: ctx.t('edit.saved', { code: customer.code, fields: changed.join(', ') }) });
}

export async function runDeal(ctx: Ctx, input: Input): Promise<Reply> {
  const customer = await resolveCustomer(ctx, input.customer);
  requireEdit(ctx, customer);
  const amount = readAmount(ctx, input, 'deal');
  if (amount === undefined) throw new UserError('error.required', { field: ctx.t('field.deal') }, 'deal');
  const date = readDate(ctx, input, 'on', 'past') ?? ctx.now;
  const note = readText(ctx, input, 'note', 500);
  const { before, after, deal } = await recordActivity(ctx, customer, {
    deal: { amount, date, note, authorId: ctx.person.id },
    patch: (current, levels) => ({ ...levels, status: statusAfterDeal(current.status) }),
  });
  await audit(ctx, { action: 'deal.add', customerId: customer.id, details: { dealId: deal!.id, amount, date: date.toISOString() } });
  if (after.status !== before.status) {
    await audit(ctx, { action: 'customer.status', customerId: customer.id, field: 'status', from: before.status, to: after.status, reason: 'deal' });
  }
  return cardReply(ctx, after, { note: ctx.t('deal.saved', { code: customer.code, amount: formatAmount(amount, ctx.settings.currency, ctx.lang) }) });
}
