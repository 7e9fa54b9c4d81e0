// Finding the customer a command means: by code, by exact name, by a unique
// match. Several matches answer with a pick list, never a guess (SPEC §3).
import { isCustomerCode, normaliseCode } from '../domain/codes.js';
import { normaliseName } from '../domain/names.js';
import type { Customer } from '../domain/types.js';
import { UserError } from '../errors.js';
import type { Ctx } from './context.js';

/** thrown when a name matches several customers; the engine answers with a pick list */
export class PickListNeeded extends Error {
  constructor(public readonly target: string, public readonly candidates: Customer[]) {
    super('pick list');
  }
}

export const PICK_LIMIT = 10;

export async function resolveCustomer(ctx: Ctx, rawTarget: string | undefined): Promise<Customer> {
  const target = (rawTarget ?? '').trim();
  if (!target) throw new UserError('cmd.needCustomer');
  if (target.length > 100) throw new UserError('error.tooLong', { field: ctx.t('field.customer'), length: target.length, max: 100 });
  const { store, tenantId } = ctx;
  if (isCustomerCode(target)) {
    const found = await store.customers.getByCode(tenantId, normaliseCode(target));
    if (!found || found.archived) throw new UserError('cmd.customerNotFound', { target });
    return found;
  }
  const exact = await store.customers.findByName(tenantId, target, normaliseName(target));
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) throw new PickListNeeded(target, exact.slice(0, PICK_LIMIT));
  const matches = await store.customers.search(tenantId, {
    text: target, contactDetailsOf: ctx.person.id, limit: PICK_LIMIT + 1,
  });
  const live = matches.filter((c) => !c.archived);
  if (live.length === 1) return live[0]!;
  if (live.length > 1) throw new PickListNeeded(target, live.slice(0, PICK_LIMIT));
  throw new UserError('cmd.customerNotFound', { target });
}
