// Who may do what (SPEC §2). Members work on the customers they own;
// managers on all; admins also on settings, roles and import/export.
import type { Customer, Person, Role } from '../domain/types.js';
import { UserError } from '../errors.js';
import type { Ctx } from './context.js';

const RANK: Record<Role, number> = { member: 0, manager: 1, admin: 2 };

export function hasRole(person: Person, role: Role): boolean {
  return RANK[person.role] >= RANK[role];
}

export function canEdit(person: Person, customer: Customer): boolean {
  return customer.ownerId === person.id || hasRole(person, 'manager');
}

/** contacts unmasked: only the owner (managers reveal explicitly, audited) */
export function seesContacts(person: Person, customer: Customer): boolean {
  return customer.ownerId === person.id;
}

export function requireEdit(ctx: Ctx, customer: Customer): void {
  if (!canEdit(ctx.person, customer)) {
    throw new UserError('error.forbidden', { reason: ctx.t('perm.notOwner', { code: customer.code }) });
  }
}

export function requireRole(ctx: Ctx, role: Role): void {
  if (!hasRole(ctx.person, role)) {
    throw new UserError('error.forbidden', { reason: ctx.t('perm.needsRole', { role: ctx.t(`role.${role}`) }) });
  }
}
