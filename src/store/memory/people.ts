// People, tenant settings and the audit trail of the memory engine.
import { DEFAULT_SETTINGS, type AuditEntry, type Person, type PersonPrefs, type TenantSettings } from '../../domain/types.js';
import type { AuditRepo, PersonRepo, SettingsRepo } from '../ports.js';
import { copy, newId, tenantMap } from './copy.js';
import { compareText } from './ordering.js';

// a person is flat but for two dates: a spread copies it far cheaper than structuredClone
const copyPerson = (p: Person): Person => ({
  ...p, createdAt: new Date(p.createdAt), updatedAt: new Date(p.updatedAt), ...(p.prefs ? { prefs: { ...p.prefs } } : {}),
});

/** the given keys only: an absent choice is no key at all, on both engines */
export function definedPrefs(prefs: PersonPrefs): PersonPrefs {
  return Object.fromEntries(Object.entries(prefs).filter(([, v]) => v !== undefined && v !== null)) as PersonPrefs;
}

export function createMemoryPeople(): PersonRepo & { tenants(): Iterable<string> } {
  const store = new Map<string, Map<string, Person>>();
  const peek = (tenantId: string) => store.get(tenantId);
  return {
    tenants: () => store.keys(),
    async get(tenantId, id) {
      const p = peek(tenantId)?.get(id);
      return p ? copyPerson(p) : null;
    },
    async upsert(input, now) {
      const people = tenantMap(store, input.tenantId, () => new Map<string, Person>());
      const existing = people.get(input.id);
      // the profile sync never carries the person's own choices, whatever it is handed
      const given = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && k !== 'prefs'));
      const saved: Person = existing
        ? { ...existing, ...given, updatedAt: now }
        : { role: 'member', ...given, tenantId: input.tenantId, id: input.id, name: input.name, createdAt: now, updatedAt: now };
      people.set(input.id, copyPerson(saved));
      return copyPerson(saved);
    },
    async setPrefs(tenantId, id, prefs, now) {
      const existing = peek(tenantId)?.get(id);
      if (!existing) return null;
      const { prefs: _old, ...rest } = existing;
      const chosen = definedPrefs(prefs);
      const saved: Person = { ...rest, ...(Object.keys(chosen).length ? { prefs: chosen } : {}), updatedAt: now };
      peek(tenantId)!.set(id, copyPerson(saved));
      return copyPerson(saved);
    },
    async setRole(tenantId, id, role, now) {
      const existing = peek(tenantId)?.get(id);
      if (!existing) throw new Error(`person ${id} not found in tenant ${tenantId}`);
      const saved: Person = { ...existing, role, updatedAt: now };
      peek(tenantId)!.set(id, saved);
      return copyPerson(saved);
    },
    async list(tenantId) {
      return [...(peek(tenantId)?.values() ?? [])].sort(compareNames).map(copyPerson);
    },
    async findByNameOrId(tenantId, nameOrId) {
      const lower = nameOrId.trim().toLowerCase();
      return [...(peek(tenantId)?.values() ?? [])]
        .filter((p) => p.id === nameOrId.trim() || p.name.toLowerCase() === lower)
        .sort(compareNames)
        .map(copyPerson);
    },
    async countByRole(tenantId, role) {
      let n = 0;
      for (const p of peek(tenantId)?.values() ?? []) if (p.role === role) n += 1;
      return n;
    },
  };
}

export function compareNames(a: Person, b: Person): number {
  return compareText(a.name.toLowerCase(), b.name.toLowerCase()) || compareText(a.id, b.id);
}

/** what a deployment sets as every tenant's starting point (DIGEST_TIME, DEFAULT_TIME_ZONE) */
export type SettingsDefaults = Partial<Omit<TenantSettings, 'tenantId'>>;

/**
 * The settings of a tenant: what its admins stored, over the deployment's
 * defaults, over the product's. Only what was stored is kept per tenant, so a
 * changed DIGEST_TIME reaches every tenant that never chose its own.
 */
export function withDefaults(tenantId: string, stored: Partial<TenantSettings> | undefined, defaults: SettingsDefaults = {}): TenantSettings {
  const s = stored ?? {};
  const d = defaults;
  // every nested value is rebuilt below, so spreads make a full copy (this runs on every command)
  return {
    ...DEFAULT_SETTINGS,
    ...d,
    ...s,
    cadenceDays: { ...DEFAULT_SETTINGS.cadenceDays, ...d.cadenceDays, ...s.cadenceDays },
    valueThresholds: { ...DEFAULT_SETTINGS.valueThresholds, ...d.valueThresholds, ...s.valueThresholds },
    ...(s.updatedAt ? { updatedAt: new Date(s.updatedAt) } : {}),
    tenantId,
  };
}

export function createMemorySettings(peopleTenants: () => Iterable<string>, defaults: SettingsDefaults = {}): SettingsRepo {
  const store = new Map<string, Partial<TenantSettings>>();
  return {
    async get(tenantId) {
      return withDefaults(tenantId, store.get(tenantId), defaults);
    },
    async update(tenantId, patch, now) {
      const stored = store.get(tenantId) ?? {};
      // a key given as undefined clears it (reportChannel none)
      const given = Object.fromEntries(Object.entries(copy(patch)).filter(([k]) => k !== 'tenantId')) as Partial<TenantSettings>;
      // nested settings merge key by key, as the mongo engine does
      const saved: Partial<TenantSettings> = { ...stored, ...given, updatedAt: now };
      if (given.cadenceDays) saved.cadenceDays = { ...stored.cadenceDays, ...given.cadenceDays };
      if (given.valueThresholds) saved.valueThresholds = { ...stored.valueThresholds, ...given.valueThresholds };
      store.set(tenantId, saved);
      return withDefaults(tenantId, saved, defaults);
    },
    async tenants() {
      return [...new Set([...store.keys(), ...peopleTenants()])].sort();
    },
  };
}

export function createMemoryAudit(): AuditRepo {
  const store = new Map<string, AuditEntry[]>();
  return {
    async append(entry) {
      const saved: AuditEntry = { ...copy(entry), id: newId() };
      tenantMap(store, entry.tenantId, () => []).push(saved);
      return copy(saved);
    },
    async list(tenantId, filter, limit) {
      const all = store.get(tenantId) ?? [];
      const out: AuditEntry[] = [];
      // appended roughly in time order: walk from the end, then order exactly
      for (let i = all.length - 1; i >= 0; i -= 1) {
        const e = all[i]!;
        if (filter.customerId !== undefined && e.customerId !== filter.customerId) continue;
        if (filter.action !== undefined && e.action !== filter.action) continue;
        if (filter.since !== undefined && e.at < filter.since) continue;
        out.push(e);
      }
      // newest first; at the same instant the later entry first, as MongoDB's { at: -1, _id: -1 }
      return out.sort((a, b) => b.at.getTime() - a.at.getTime() || compareText(b.id, a.id)).slice(0, Math.max(0, limit)).map(copy);
    },
  };
}
