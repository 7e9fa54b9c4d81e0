// Duplicate names (SPEC §1): same normalised name, or one edit away, or the
// classic truncated suffix (科技有限公 vs 科技有限公司). The store indexes the
// one-deletion variants of every probe key, so the check is a single indexed
// lookup however many customers there are.
import { indexVariants, isNearDuplicate, normaliseName } from '../domain/names.js';
import type { Customer } from '../domain/types.js';
import type { Ctx } from './context.js';

export function nameIndexKeys(name: string): { nameKey: string; nameVariants: string[] } {
  const nameKey = normaliseName(name);
  return { nameKey, nameVariants: indexVariants(nameKey) };
}

export async function findLikelyDuplicates(ctx: Ctx, name: string, excludeId?: string): Promise<Customer[]> {
  const { nameKey, nameVariants: variants } = nameIndexKeys(name);
  const candidates = await ctx.store.customers.findByNameVariants(ctx.tenantId, variants);
  return candidates
    .filter((c) => c.id !== excludeId && !c.archived && isNearDuplicate(nameKey, c.nameKey))
    .slice(0, 5);
}
