// The words of SPEC §1, as types. Field names here are the names in the
// database, in CSV and in code (STYLE.md rule 3).

export const TIERS = ['core', 'key', 'regular', 'potential'] as const;
export type Tier = (typeof TIERS)[number];

export const STATUSES = ['potential', 'active', 'dormant', 'lost'] as const;
export type Status = (typeof STATUSES)[number];

export const CUSTOMER_TYPES = ['enterprise', 'individual', 'government', 'nonprofit'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

export const SOURCES = [
  'online_ads', 'search', 'social', 'email', 'referral', 'exhibition',
  'telemarketing', 'visit', 'inbound', 'other',
] as const;
export type Source = (typeof SOURCES)[number];

export const CHANNELS = ['call', 'visit', 'meeting', 'email', 'message', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LEVELS = ['high', 'medium', 'low'] as const;
export type Level = (typeof LEVELS)[number];

export const ROLES = ['member', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

export type Platform = 'slack' | 'feishu' | 'console';

/** which days are working days (SPEC §8): mainland China's official calendar, Monday–Friday, or every day */
export const CALENDARS = ['cn', 'weekdays', 'none'] as const;
export type CalendarKind = (typeof CALENDARS)[number];

export interface Contact {
  name?: string;
  title?: string;
  phone?: string;
  email?: string;
  wechat?: string;
}

export interface Customer {
  id: string;
  tenantId: string;
  /** C + YYYYMMDD (tenant time zone) + daily sequence, e.g. C20261122001 */
  code: string;
  name: string;
  /** normalised name (see domain/names.ts), used for duplicate detection */
  nameKey: string;
  industry?: string;
  type?: CustomerType;
  source?: Source;
  /** the source as the person wrote it (客户来源 线上广告投放), when that is not the label itself */
  sourceNote?: string;
  region?: string;
  contacts: Contact[];
  tier: Tier;
  valueLevel: Level;
  frequency: Level;
  status: Status;
  statusNote?: string;
  needs: string[];
  ownerId: string;
  notes?: string;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  lastInteractionAt?: Date;
  /** when the next follow-up is due (an instant; "due" compares it with the owner's today) */
  nextFollowUpAt?: Date;
  /** true when nextFollowUpAt came from an explicit --next date in the last log entry */
  nextFollowUpExplicit?: boolean;
  /** date of the first deal: cooperation length */
  firstDealAt?: Date;
  /** in the public pool (ownerId is POOL_OWNER, domain/pool.ts): since when, why, from whom */
  poolSince?: Date;
  poolReason?: PoolReason;
  poolFromId?: string;
  /** when the current owner took it from the pool: recycling counts idle days from here at the earliest */
  ownedSince?: Date;
  /** number of deals: repurchases */
  dealCount: number;
  /** sum of deals in the last 365 days, minor units, as of the last recompute */
  dealAmount365: number;
  archived: boolean;
  /** optimistic concurrency */
  version: number;
}

/** how a customer came into the public pool (SPEC §7) */
export const POOL_REASONS = ['recycled', 'released', 'imported'] as const;
export type PoolReason = (typeof POOL_REASONS)[number];

export interface Interaction {
  id: string;
  tenantId: string;
  customerId: string;
  authorId: string;
  at: Date;
  channel: Channel;
  content: string;
  /** explicit next follow-up given with this entry */
  nextFollowUpAt?: Date;
  /** minor units */
  dealAmount?: number;
  /** a correction references the entry it corrects (entries are append-only) */
  correctsId?: string;
}

export interface Deal {
  id: string;
  tenantId: string;
  customerId: string;
  /** minor units of the tenant currency */
  amount: number;
  date: Date;
  note?: string;
  authorId: string;
  interactionId?: string;
}

export interface Person {
  tenantId: string;
  /** the platform user id (Slack U…, Feishu ou_…, console name) */
  id: string;
  name: string;
  role: Role;
  timeZone?: string;
  lang?: Lang;
  platform?: Platform;
  /** the person's own choices (`me` / 我的); they win over the platform profile and the tenant settings */
  prefs?: PersonPrefs;
  /** the person's own tier cadence etc. never lives here: settings are per tenant */
  createdAt: Date;
  updatedAt: Date;
}

/** what a person chose for themselves with `me` (SPEC §8); absent = not chosen */
export interface PersonPrefs {
  /** HH:MM in the person's own zone; else the tenant's digestTime */
  digestTime?: string;
  /** true: no digest; with digestResumeOn, only until that day */
  digestOff?: boolean;
  /** YYYY-MM-DD in the person's zone: the first day digests come again (the pause ends by itself) */
  digestResumeOn?: string;
  /** reply language chosen by the person; wins over the platform's locale */
  lang?: Lang;
  /** IANA zone chosen by the person; wins over the platform profile */
  timeZone?: string;
}

export interface TenantSettings {
  tenantId: string;
  /** follow-up cadence in days per tier */
  cadenceDays: Record<Tier, number>;
  /** minor units: deals in the last 365 days >= high → high, >= medium → medium */
  valueThresholds: { high: number; medium: number };
  currency: string;
  goingDormantDays: number;
  dormantDays: number;
  /** HH:MM, in each owner's own time zone */
  digestTime: string;
  reportChannel?: string;
  timeZone: string;
  /** unset: `cn` for a tenant in a mainland China zone, else `weekdays` (domain/calendar.ts calendarOf) */
  calendar?: CalendarKind;
  /** the public pool (SPEC §7); what is absent takes DEFAULT_POOL_SETTINGS (domain/pool.ts poolSettingsOf) */
  pool?: Partial<PoolSettings>;
  /** HH:MM-HH:MM in each recipient's own zone, or 'off': no direct message then (SPEC §8) */
  quietHours: string;
  updatedAt?: Date;
}

export interface PoolSettings {
  /** days without a follow-up before a customer of the tier returns to the pool; 0 = never */
  recycleDays: Record<Tier, number>;
  /** the owner is warned from this many days before (the largest) and once more on the last (the smallest) */
  warnDays: number[];
  /** claims one person may make a day */
  claimLimit: number;
  /** days a former owner waits before claiming a customer recycled from them */
  reclaimWaitDays: number;
}

export const DEFAULT_SETTINGS: Omit<TenantSettings, 'tenantId'> = {
  cadenceDays: { core: 7, key: 15, regular: 30, potential: 7 },
  valueThresholds: { high: 100_000_00, medium: 50_000_00 },
  currency: 'CNY',
  goingDormantDays: 75,
  dormantDays: 90,
  digestTime: '09:00',
  timeZone: 'Asia/Shanghai',
  quietHours: '21:00-08:00',
};

export type AuditAction =
  | 'customer.create' | 'customer.edit' | 'customer.tier' | 'customer.status' | 'customer.assign'
  | 'customer.archive' | 'customer.snooze' | 'interaction.log' | 'deal.add' | 'contact.reveal'
  | 'settings.update' | 'person.role' | 'import.run' | 'system.dormant'
  // moves in and out of the public pool (field ownerId, from → to, why)
  | 'pool.recycle' | 'pool.release' | 'pool.claim' | 'pool.assign';

export interface AuditEntry {
  id: string;
  tenantId: string;
  at: Date;
  /** person id, or 'system' for jobs */
  actorId: string;
  action: AuditAction;
  customerId?: string;
  /** for tier/status/owner changes: which field went from what to what and why */
  field?: string;
  from?: string;
  to?: string;
  reason?: string;
  details?: Record<string, unknown>;
}
