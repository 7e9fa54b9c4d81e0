// Small builders for the store contract suite.
import { randomBytes } from 'node:crypto';
import type { Customer } from '../../src/domain/types.js';
import type { NewCustomer, Store } from '../../src/store/ports.js';

export const T0 = new Date('2026-11-22T01:00:00Z');
export const DAY = 24 * 60 * 60 * 1000;
export const at = (days: number): Date => new Date(T0.getTime() + days * DAY);

/** a fresh tenant id per test: tests share a store but never data */
export function tenant(label = 't'): string {
  return `${label}-${randomBytes(5).toString('hex')}`;
}

/** a simple normalised key and its one-deletion variants (the real rules live in domain/names.ts) */
export function nameKeyOf(name: string): string {
  return name.toLowerCase().replace(/[\s.,()（）]/g, '').replace(/(有限公司|coltd|inc)$/u, '');
}

export function variantsOf(key: string): string[] {
  const chars = [...key];
  const out = new Set([key]);
  for (let i = 0; i < chars.length; i += 1) out.add([...chars.slice(0, i), ...chars.slice(i + 1)].join(''));
  return [...out];
}

export function newCustomer(tenantId: string, code: string, over: Partial<NewCustomer> = {}): NewCustomer {
  const name = over.name ?? `Customer ${code}`;
  const key = over.nameKey ?? nameKeyOf(name);
  return {
    tenantId,
    code,
    name,
    nameKey: key,
    nameVariants: over.nameVariants ?? variantsOf(key),
    contacts: [],
    tier: 'regular',
    valueLevel: 'low',
    frequency: 'low',
    status: 'active',
    needs: [],
    ownerId: 'u1',
    createdAt: T0,
    createdBy: 'u1',
    updatedAt: T0,
    dealCount: 0,
    dealAmount365: 0,
    archived: false,
    ...over,
  };
}

/** insert with the next code of the given day */
export async function add(store: Store, tenantId: string, over: Partial<NewCustomer> = {}, day = '20261122'): Promise<Customer> {
  const code = await store.customers.nextCode(tenantId, day);
  return store.customers.insert(newCustomer(tenantId, code, over));
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export const codes = (list: { code: string }[]): string[] => list.map((c) => c.code);
export const names = (list: { name: string }[]): string[] => list.map((c) => c.name);
