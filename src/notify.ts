// The notifier port: how jobs (and notices) reach people. Each platform
// adapter implements it (Slack DM, Feishu message, console print); the core
// and the jobs never know which.
import type { Platform } from './domain/types.js';
import type { Reply } from './views/model.js';

export interface SendOptions {
  /**
   * Stable key of this message (tenant, job, recipient, period). Feishu sends
   * it as the request uuid, Slack attaches it as message metadata, so a retried
   * send is recognisable and never delivered twice.
   */
  idempotencyKey: string;
}

export interface Sent {
  /** platform message id (Slack channel+ts, Feishu message_id) for later updates */
  messageId: string;
}

/** why a send failed, so the caller can decide: wait, retry, or give up and report */
export class DeliveryError extends Error {
  constructor(
    message: string,
    public readonly kind: 'rate-limited' | 'transient' | 'permanent',
    /** for rate-limited: how long the platform asked us to wait */
    public readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface Notifier {
  readonly platform: Platform;
  /** does this notifier serve this tenant? (a Slack team id, a Feishu tenant_key, the console tenant) */
  serves(tenantId: string): boolean;
  sendDirect(tenantId: string, personId: string, reply: Reply, options: SendOptions): Promise<Sent>;
  sendChannel(tenantId: string, channelId: string, reply: Reply, options: SendOptions): Promise<Sent>;
  /**
   * Was a message with this key already sent to this person or channel?
   * (Slack: recent history with metadata; Feishu: uuid makes it unnecessary.)
   */
  findSent?(tenantId: string, target: { personId?: string; channelId?: string }, idempotencyKey: string): Promise<Sent | null>;
}
