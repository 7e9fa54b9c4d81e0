// Engines hand out copies: a caller that mutates a returned object must not
// change what is stored (the contract suite checks it).
import { randomBytes } from 'node:crypto';

export function copy<T>(value: T): T {
  return structuredClone(value);
}

const prefix = randomBytes(6).toString('hex');
let counter = 0;

/** ObjectId-shaped (24 hex) ids, so ids look the same in both engines */
export function newId(): string {
  counter += 1;
  return prefix + counter.toString(16).padStart(12, '0');
}

export function tenantMap<V>(map: Map<string, V>, tenantId: string, create: () => V): V {
  let v = map.get(tenantId);
  if (v === undefined) {
    v = create();
    map.set(tenantId, v);
  }
  return v;
}
