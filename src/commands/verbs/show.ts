// show (查看) and reveal (显示联系方式): the customer card. Reveal shows the
// contacts unmasked to a manager, and every reveal is audited (SPEC §1).
import { UserError } from '../../errors.js';
import type { Reply } from '../../views/model.js';
import type { Ctx } from '../context.js';
import type { Input } from '../input.js';
import { hasRole, seesContacts } from '../permissions.js';
import { resolveCustomer } from '../resolve.js';
import { audit, cardReply } from '../shared.js';

export async function runShow(ctx: Ctx, input: Input): Promise<Reply> {
  const customer = await resolveCustomer(ctx, input.customer);
  return cardReply(ctx, customer);
}

export async function runReveal(ctx: Ctx, input: Input): Promise<Reply> {
  const customer = await resolveCustomer(ctx, input.customer);
  if (seesContacts(ctx.person, customer)) return cardReply(ctx, customer);
  if (!hasRole(ctx.person, 'manager')) {
    throw new UserError('error.forbidden', { reason: ctx.t('perm.revealManagers') });
  }
  await audit(ctx, { action: 'contact.reveal', customerId: customer.id, details: { code: customer.code } });
  return cardReply(ctx, customer, { unmasked: true, note: ctx.t('reveal.audited', { code: customer.code }) });
}
