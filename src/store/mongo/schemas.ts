// Mongoose schemas of the mongo engine. Indexes come from the registry in
// queries.ts, so the schemas and the index test read the same list.
import { Schema, type Connection, type Model } from 'mongoose';
import { INDEXES, type CollectionName, type IndexSpec } from './queries.js';

const options = { versionKey: false, strict: true, autoIndex: false, autoCreate: false } as const;

const contact = new Schema(
  { name: String, title: String, phone: String, email: String, wechat: String },
  { _id: false, versionKey: false },
);

const customer = new Schema({
  tenantId: { type: String, required: true },
  code: { type: String, required: true },
  /** code order that survives the 4th digit (see ordering.ts) */
  codeSort: { type: String, required: true },
  name: { type: String, required: true },
  /** lower-cased name: exact case-insensitive lookups and literal substring search */
  nameLower: { type: String, required: true },
  nameKey: { type: String, required: true },
  // index data (written with the name, never read back: select false keeps them off every read)
  nameVariants: { type: [String], default: [], select: false },
  /** nameKey while this customer holds its name against a concurrent create (InsertOptions.uniqueName) */
  nameGuard: String,
  /** search keys (src/store/search/keys.ts) and the version of the rules that made them */
  searchKeys: { type: [String], default: [], select: false },
  searchKeysV: Number,
  industry: String,
  // `type` is mongoose's own keyword: a path of that name needs the long form
  type: { type: String },
  source: String,
  sourceNote: String,
  region: String,
  contacts: { type: [contact], default: [] },
  tier: { type: String, required: true },
  valueLevel: { type: String, required: true },
  frequency: { type: String, required: true },
  status: { type: String, required: true },
  statusNote: String,
  needs: { type: [String], default: [] },
  ownerId: { type: String, required: true },
  notes: String,
  createdAt: { type: Date, required: true },
  createdBy: { type: String, required: true },
  updatedAt: { type: Date, required: true },
  lastInteractionAt: Date,
  nextFollowUpAt: Date,
  nextFollowUpExplicit: Boolean,
  firstDealAt: Date,
  poolSince: Date,
  poolReason: String,
  poolFromId: String,
  ownedSince: Date,
  dealCount: { type: Number, default: 0 },
  dealAmount365: { type: Number, default: 0 },
  archived: { type: Boolean, default: false },
  version: { type: Number, default: 1 },
}, { ...options, collection: 'customers' });

const counter = new Schema({ _id: String, seq: { type: Number, default: 0 } }, { ...options, collection: 'counters' });

// append-only: the repo has no update path for interactions
const interaction = new Schema({
  tenantId: { type: String, required: true },
  customerId: { type: String, required: true },
  authorId: { type: String, required: true },
  at: { type: Date, required: true },
  channel: { type: String, required: true },
  content: { type: String, required: true },
  nextFollowUpAt: Date,
  dealAmount: Number,
  correctsId: String,
}, { ...options, collection: 'interactions' });

const deal = new Schema({
  tenantId: { type: String, required: true },
  customerId: { type: String, required: true },
  amount: { type: Number, required: true },
  date: { type: Date, required: true },
  note: String,
  authorId: { type: String, required: true },
  interactionId: String,
}, { ...options, collection: 'deals' });

// `id` is mongoose's virtual: the person's platform id is stored as personId
const person = new Schema({
  tenantId: { type: String, required: true },
  personId: { type: String, required: true },
  name: { type: String, required: true },
  nameLower: { type: String, required: true },
  role: { type: String, required: true },
  timeZone: String,
  lang: String,
  platform: String,
  // the person's own choices (`me`): written only by setPrefs, never by the profile sync
  prefs: { digestTime: String, digestOff: Boolean, digestResumeOn: String, lang: String, timeZone: String },
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
}, { ...options, collection: 'people' });

// _id is the tenant id; only what was set is stored, defaults are filled on read
const settings = new Schema({
  _id: String,
  cadenceDays: { core: Number, key: Number, regular: Number, potential: Number },
  valueThresholds: { high: Number, medium: Number },
  currency: String,
  goingDormantDays: Number,
  dormantDays: Number,
  digestTime: String,
  reportChannel: String,
  timeZone: String,
  calendar: String,
  pool: {
    recycleDays: { core: Number, key: Number, regular: Number, potential: Number },
    warnDays: { type: [Number], default: undefined },
    claimLimit: Number,
    reclaimWaitDays: Number,
  },
  quietHours: String,
  updatedAt: Date,
}, { ...options, collection: 'settings' });

const audit = new Schema({
  tenantId: { type: String, required: true },
  at: { type: Date, required: true },
  actorId: { type: String, required: true },
  action: { type: String, required: true },
  customerId: String,
  field: String,
  from: String,
  to: String,
  reason: String,
  details: Schema.Types.Mixed,
}, { ...options, collection: 'audit' });

const once = new Schema({ _id: String, expiresAt: { type: Date, required: true } }, { ...options, collection: 'once' });

export const SCHEMAS: Record<CollectionName, Schema> = {
  customers: customer, counters: counter, interactions: interaction, deals: deal,
  people: person, settings, audit, once,
};

/** declares the registry's indexes of one collection on its schema */
export function declareIndexes(schema: Schema, specs: readonly IndexSpec[]): void {
  for (const ix of specs) {
    schema.index(ix.keys, {
      ...(ix.unique ? { unique: true } : {}), ...(ix.name ? { name: ix.name } : {}),
      ...(ix.partialFilterExpression ? { partialFilterExpression: ix.partialFilterExpression } : {}),
      ...(ix.expireAfterSeconds !== undefined ? { expireAfterSeconds: ix.expireAfterSeconds } : {}),
    });
  }
}

for (const [name, schema] of Object.entries(SCHEMAS) as [CollectionName, Schema][]) declareIndexes(schema, INDEXES[name]);

export type Doc = Record<string, unknown>;
export type Models = Record<CollectionName, Model<Doc>>;

const MODEL_NAMES: Record<CollectionName, string> = {
  customers: 'Customer', counters: 'Counter', interactions: 'Interaction', deals: 'Deal',
  people: 'Person', settings: 'Settings', audit: 'Audit', once: 'Once',
};

/** the models on one connection; a connection given twice reuses its models */
export function modelsOn(conn: Connection): Models {
  const out = {} as Models;
  for (const name of Object.keys(SCHEMAS) as CollectionName[]) {
    const modelName = MODEL_NAMES[name];
    out[name] = (conn.models[modelName] as Model<Doc> | undefined)
      ?? conn.model<Doc>(modelName, SCHEMAS[name]);
  }
  return out;
}
