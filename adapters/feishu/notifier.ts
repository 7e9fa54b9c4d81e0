// The Notifier port for jobs: a card to a person (open_id) or a group
// (chat_id). The idempotency key goes out as the request uuid, so a retried
// send is delivered once (Feishu dedupes a uuid for an hour). Rate limits are
// waited out and 5xx / timeouts retried with backoff, a few times; what still
// fails goes back to the caller as a DeliveryError to decide on.
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../src/logger.js';
import { DeliveryError, type Notifier, type SendOptions, type Sent } from '../../src/notify.js';
import type { Reply } from '../../src/views/model.js';
import { realSleep, retryDelayMs, type Sleep } from '../shared/retry.js';
import { errorFromThrown } from './api.js';
import { renderReply } from './card.js';
import { createCard, type ReceiveIdType } from './send.js';

export interface RetryPolicy {
  attempts: number;
  /** first backoff after a 5xx or a timeout; doubles each time */
  baseDelayMs: number;
  /** a rate limit asking for longer than this is handed back instead of waited out */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxWaitMs: 60_000 };


export class FeishuNotifier implements Notifier {
  readonly platform = 'feishu' as const;

  constructor(
    private client: lark.Client,
    private tenants: ReadonlySet<string>,
    private logger: Logger,
    private retry: RetryPolicy = DEFAULT_RETRY,
    private sleep: Sleep = realSleep,
  ) {}

  serves(tenantId: string): boolean {
    return this.tenants.has(tenantId);
  }

  sendDirect(tenantId: string, personId: string, reply: Reply, options: SendOptions): Promise<Sent> {
    return this.send(tenantId, 'open_id', personId, reply, options);
  }

  sendChannel(tenantId: string, channelId: string, reply: Reply, options: SendOptions): Promise<Sent> {
    return this.send(tenantId, 'chat_id', channelId, reply, options);
  }

  private async send(tenantId: string, idType: ReceiveIdType, target: string, reply: Reply, options: SendOptions): Promise<Sent> {
    const card = renderReply(reply);
    let last: DeliveryError | undefined;
    for (let attempt = 1; attempt <= this.retry.attempts; attempt++) {
      try {
        // the same uuid on every attempt: a send that reached Feishu before
        // its answer was lost is not delivered a second time
        const messageId = await createCard(this.client, idType, target, card, options.idempotencyKey);
        return { messageId };
      } catch (e) {
        last = errorFromThrown('im.v1.message.create', e);
        if (last.kind === 'permanent') break;
        const wait = retryDelayMs(last, attempt, this.retry.baseDelayMs, 0.5);
        if (attempt === this.retry.attempts || wait > this.retry.maxWaitMs) break;
        this.logger.warn({ tenantId, kind: last.kind, attempt, waitMs: Math.round(wait) }, 'feishu: send failed, retrying');
        await this.sleep(wait);
      }
    }
    throw last ?? new DeliveryError('im.v1.message.create: not sent', 'transient');
  }
}
