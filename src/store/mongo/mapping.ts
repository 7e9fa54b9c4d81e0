// Documents ↔ domain objects: `_id` becomes `id` (a string), the engine's own
// helper fields (codeSort, nameLower, nameGuard, nameVariants, personId, searchKeys) stay inside the engine, and
// fields a document lacks stay absent (never null).
import mongoose from 'mongoose';
import type { Doc } from './schemas.js';

const INTERNAL = new Set(['_id', '__v', 'codeSort', 'nameLower', 'nameGuard', 'nameVariants', 'personId', 'searchKeys', 'searchKeysV']);

export function toDomain<T>(doc: Doc, extra: Record<string, unknown> = {}): T {
  const out: Record<string, unknown> = { id: String(doc._id) };
  for (const [k, v] of Object.entries(doc)) {
    if (INTERNAL.has(k) || v === null || v === undefined) continue;
    out[k] = v;
  }
  return { ...out, ...extra } as T;
}

/** the ObjectId of an id string, or undefined when it cannot be one (then nothing matches) */
export function objectId(id: unknown): mongoose.Types.ObjectId | undefined {
  return typeof id === 'string' && /^[0-9a-f]{24}$/i.test(id) ? new mongoose.Types.ObjectId(id) : undefined;
}

export function isDuplicateKey(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 11000;
}

/** a copy without keys whose value is undefined (they would be written as null) */
export function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
