// People and tenant settings of the mongo engine.
import { compareText } from '../memory/ordering.js';
import type { Person, PersonPrefs, TenantSettings } from '../../domain/types.js';

const PREF_KEYS: (keyof PersonPrefs)[] = ['digestTime', 'digestOff', 'digestResumeOn', 'lang', 'timeZone'];
import type { PersonRepo, SettingsRepo } from '../ports.js';
import { definedPrefs, withDefaults, type SettingsDefaults } from '../memory/people.js';
import { str } from './escape.js';
import { toDomain } from './mapping.js';
import { filterFor, sortFor } from './queries.js';
import type { Doc, Models } from './schemas.js';

const toPerson = (d: Doc): Person => {
  const p = toDomain<Person>(d, { id: String(d.personId) });
  // an empty sub-document is no choice at all, as on the memory engine
  if (p.prefs && Object.keys(definedPrefs(p.prefs)).length === 0) delete p.prefs;
  else if (p.prefs) p.prefs = definedPrefs(p.prefs);
  return p;
};

export function createMongoPeople(m: Models): PersonRepo {
  const P = m.people;
  return {
    async get(tenantId, id) {
      const d = await P.findOne(filterFor('people.byId', { tenantId: str(tenantId), personId: str(id) })).lean<Doc>();
      return d ? toPerson(d) : null;
    },
    async upsert(input, now) {
      const $set: Doc = { name: str(input.name), nameLower: str(input.name).toLowerCase(), updatedAt: now };
      for (const k of ['timeZone', 'lang', 'platform', 'role'] as const) if (input[k] !== undefined) $set[k] = str(input[k]);
      const $setOnInsert: Doc = { createdAt: now };
      if (input.role === undefined) $setOnInsert.role = 'member';
      const d = await P.findOneAndUpdate(
        filterFor('people.byId', { tenantId: str(input.tenantId), personId: str(input.id) }),
        { $set, $setOnInsert },
        { upsert: true, returnDocument: 'after' },
      ).lean<Doc>();
      return toPerson(d!);
    },
    async setPrefs(tenantId, id, prefs, now) {
      const chosen = definedPrefs(prefs);
      const $set: Doc = { updatedAt: now };
      for (const [k, v] of Object.entries(chosen)) $set[`prefs.${k}`] = typeof v === 'boolean' ? v : str(v);
      const cleared = PREF_KEYS.filter((k) => !(k in chosen));
      const $unset: Doc = Object.fromEntries(cleared.map((k) => [`prefs.${k}`, '']));
      const d = await P.findOneAndUpdate(
        filterFor('people.byId', { tenantId: str(tenantId), personId: str(id) }),
        cleared.length ? { $set, $unset } : { $set },
        { returnDocument: 'after' },
      ).lean<Doc>();
      return d ? toPerson(d) : null;
    },
    async setRole(tenantId, id, role, now) {
      const d = await P.findOneAndUpdate(
        filterFor('people.byId', { tenantId: str(tenantId), personId: str(id) }),
        { $set: { role: str(role), updatedAt: now } },
        { returnDocument: 'after' },
      ).lean<Doc>();
      if (!d) throw new Error(`person ${id} not found in tenant ${tenantId}`);
      return toPerson(d);
    },
    async list(tenantId) {
      const docs = await P.find(filterFor('people.list', { tenantId: str(tenantId) })).sort(sortFor('people.list')).lean<Doc[]>();
      return docs.map(toPerson);
    },
    async findByNameOrId(tenantId, nameOrId) {
      const text = str(nameOrId).trim();
      const [byId, byName] = await Promise.all([
        P.findOne(filterFor('people.byId', { tenantId: str(tenantId), personId: text })).lean<Doc>(),
        P.find(filterFor('people.byNameLower', { tenantId: str(tenantId), nameLower: text.toLowerCase() })).sort(sortFor('people.byNameLower')).lean<Doc[]>(),
      ]);
      const all = new Map<string, Person>();
      for (const d of [...(byId ? [byId] : []), ...byName]) all.set(String(d.personId), toPerson(d));
      return [...all.values()].sort((a, b) => compareText(a.name.toLowerCase(), b.name.toLowerCase()) || compareText(a.id, b.id));
    },
    countByRole(tenantId, role) {
      return P.countDocuments(filterFor('people.countByRole', { tenantId: str(tenantId), role: str(role) }));
    },
  };
}


export function createMongoSettings(m: Models, defaults: SettingsDefaults = {}): SettingsRepo {
  const S = m.settings;
  const read = async (tenantId: string): Promise<TenantSettings> => {
    const d = await S.findOne(filterFor('settings.byTenant', { _id: str(tenantId) })).lean<Doc>();
    const stored = d ? (toDomain<Partial<TenantSettings> & { id?: string }>(d)) : undefined;
    if (stored) delete stored.id;
    return withDefaults(tenantId, stored, defaults);
  };
  return {
    get: read,
    async update(tenantId, patch, now) {
      const $set: Doc = { updatedAt: now };
      const $unset: Doc = {};
      for (const [k, v] of Object.entries(patch)) {
        if (k === 'tenantId') continue;
        // a key given as undefined clears it (reportChannel none), as the memory engine does
        if (v === undefined) {
          $unset[k] = '';
          continue;
        }
        // nested settings merge key by key, as the memory engine does
        if (k === 'cadenceDays' || k === 'valueThresholds') {
          for (const [sub, n] of Object.entries(v as Record<string, number>)) $set[`${k}.${sub}`] = Number(n);
        } else {
          $set[k] = v;
        }
      }
      const change = Object.keys($unset).length > 0 ? { $set, $unset } : { $set };
      await S.updateOne(filterFor('settings.byTenant', { _id: str(tenantId) }), change, { upsert: true });
      return read(tenantId);
    },
    async tenants() {
      const [fromSettings, fromPeople] = await Promise.all([
        S.distinct('_id', filterFor('settings.tenants', {})),
        m.people.distinct('tenantId', filterFor('people.tenants', {})),
      ]);
      return [...new Set([...fromSettings, ...fromPeople].map(String))].sort();
    },
  };
}
