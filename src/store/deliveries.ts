// The delivery records behind "every scheduled message goes exactly once"
// (SPEC §4, issue 6). One record per (tenant, job, recipient, period) under a
// unique key: a replica claims it with a lease, sends with the key as the
// idempotency key, and marks it sent with the platform message id. A replica
// that dies mid-way leaves a lease that expires; the next claimer sees
// `attempts > 0` and first asks the platform whether the message went out.

export const DELIVERY_JOBS = [
  'digest', 'dormant', 'weekly-report', 'monthly-review', 'delivery-failure', 'notice', 'pool',
] as const;
export type DeliveryJob = (typeof DELIVERY_JOBS)[number];

/**
 * pending: claimed or waiting to be (re)tried; sent: delivered (messageId set);
 * failed: given up for good (permanent error or retries exhausted), reported;
 * empty: evaluated for the period and there was nothing to send.
 */
export const DELIVERY_STATES = ['pending', 'sent', 'failed', 'empty'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface DeliveryKey {
  tenantId: string;
  job: DeliveryJob;
  /** a person id, or `channel:<id>` for a channel, or `system` for work without a message */
  recipient: string;
  /** the period the message is for: 2026-11-23, 2026-W48, 2026-12, or a UTC hour 2026-11-26T09 (notices) */
  period: string;
}

export interface Delivery extends DeliveryKey {
  /** deliveryId(key): the unique key and the idempotency key of the send */
  id: string;
  state: DeliveryState;
  /** the replica holding the lease, while pending */
  leaseOwner?: string;
  leaseUntil?: Date;
  /** how many times the record was claimed: > 1 means an earlier claim may have sent */
  attempts: number;
  messageId?: string;
  error?: string;
  createdAt: Date;
  updatedAt: Date;
  sentAt?: Date;
}

export type ClaimResult =
  | { claimed: true; delivery: Delivery }
  | { claimed: false; delivery: Delivery };

export type DeliveryCounts = Record<DeliveryState, number>;

export interface DeliveryFilter {
  tenantId?: string;
  job?: DeliveryJob;
  state?: DeliveryState;
}

export interface DeliveryRepo {
  /**
   * Create the record if missing and take its lease, atomically: succeeds when
   * the record is pending and nobody holds an unexpired lease (not even the
   * caller). Each successful claim increments `attempts`.
   */
  claim(key: DeliveryKey, owner: string, leaseMs: number, now: Date): Promise<ClaimResult>;
  /** extend a lease the caller holds; false when it was lost (expired and taken, or finished) */
  renew(id: string, owner: string, leaseMs: number, now: Date): Promise<boolean>;
  /** pending → sent, only by the lease holder; false when the caller no longer holds it */
  markSent(id: string, owner: string, messageId: string, now: Date): Promise<boolean>;
  /** pending → failed (for good), only by the lease holder */
  markFailed(id: string, owner: string, error: string, now: Date): Promise<boolean>;
  /** pending → empty: nothing to send for this period, only by the lease holder */
  markEmpty(id: string, owner: string, now: Date): Promise<boolean>;
  /** give the lease back (still pending) so another tick may retry, noting why */
  release(id: string, owner: string, error: string | undefined, now: Date): Promise<boolean>;
  get(id: string): Promise<Delivery | null>;
  /** the records among these ids that exist (for a tick to skip finished work in one read) */
  getMany(ids: string[]): Promise<Delivery[]>;
  counts(filter?: Omit<DeliveryFilter, 'state'>): Promise<DeliveryCounts>;
  /** newest first */
  list(filter: DeliveryFilter, limit: number): Promise<Delivery[]>;
  /** create indexes etc.; idempotent */
  init(): Promise<void>;
}

/**
 * The record id: readable and stable. Parts are URI-encoded so a `|` inside
 * an id can never make two keys collide.
 */
export function deliveryId(key: DeliveryKey): string {
  return [key.tenantId, key.job, key.recipient, key.period].map(encodeURIComponent).join('|');
}

export function emptyCounts(): DeliveryCounts {
  return { pending: 0, sent: 0, failed: 0, empty: 0 };
}
