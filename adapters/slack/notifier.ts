// The Slack notifier: jobs reach people by DM (chat.postMessage to the user id)
// and channels. Each message carries its idempotency key as message metadata,
// so a send whose answer was lost can be found again (findSent) instead of
// being posted twice. Errors become DeliveryError kinds the jobs act on.
import type { webApi } from '@slack/bolt';
import { DeliveryError, type Notifier, type Sent, type SendOptions } from '../../src/notify.js';
import type { Reply } from '../../src/views/model.js';
import { realSleep, retryDelayMs, type Sleep } from '../shared/retry.js';
import type { Log } from './log.js';
import { renderMessage } from './render.js';

type WebClient = webApi.WebClient;

export const DELIVERY_EVENT = 'chat_crm_delivery';

const PERMANENT = new Set([
  'user_not_found', 'account_inactive', 'channel_not_found', 'not_in_channel', 'invalid_auth',
  'is_archived', 'token_revoked', 'not_authed', 'missing_scope', 'cannot_dm_bot', 'user_disabled',
  'invalid_blocks', 'msg_too_long', 'no_text', 'restricted_action',
]);
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

interface SlackErrorish {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
  message?: string;
}

/** a Web API failure as a DeliveryError: wait (429), retry (5xx, network), or give up */
export function toDeliveryError(error: unknown): DeliveryError {
  const e = (error ?? {}) as SlackErrorish;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return new DeliveryError('Slack rate limit', 'rate-limited', Math.max(1, e.retryAfter ?? 1) * 1000);
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      if (PERMANENT.has(code)) return new DeliveryError(`Slack refused: ${code}`, 'permanent');
      if (TRANSIENT.has(code)) return new DeliveryError(`Slack error: ${code}`, 'transient');
      // an error we do not know will not go away by sending the same thing again
      return new DeliveryError(`Slack refused: ${code}`, 'permanent');
    }
    case 'slack_webapi_http_error':
      if (e.statusCode === 429) return new DeliveryError('Slack rate limit', 'rate-limited', 1000);
      if (e.statusCode !== undefined && e.statusCode >= 500) return new DeliveryError(`Slack HTTP ${e.statusCode}`, 'transient');
      return new DeliveryError(`Slack HTTP ${e.statusCode ?? '?'}`, 'permanent');
    default:
      // request errors: connection refused, reset, our own timeout
      return new DeliveryError(`Slack unreachable: ${e.message ?? String(error)}`, 'transient');
  }
}

export interface NotifierOptions {
  /** how many sends per call before giving the error to the caller (jobs add their own policy) */
  attempts?: number;
  /** longest Retry-After honoured inside one call; longer ones go back to the caller */
  maxWaitMs?: number;
  baseDelayMs?: number;
  sleep?: Sleep;
  /** how far back findSent looks */
  historyLimit?: number;
}

export function messageId(channel: string, ts: string): string {
  return `${channel}:${ts}`;
}

export function createSlackNotifier(deps: {
  client: WebClient;
  logger: Log;
  serves: (tenantId: string) => boolean;
  options?: NotifierOptions;
}): Notifier {
  const o = deps.options ?? {};
  const attempts = o.attempts ?? 3;
  const maxWaitMs = o.maxWaitMs ?? 10_000;
  const baseDelayMs = o.baseDelayMs ?? 500;
  const sleep = o.sleep ?? realSleep;
  const historyLimit = o.historyLimit ?? 100;

  async function findIn(channel: string, key: string): Promise<Sent | null> {
    const res = await deps.client.conversations.history({ channel, limit: historyLimit, include_all_metadata: true });
    for (const m of res.messages ?? []) {
      const meta = m.metadata as { event_type?: string; event_payload?: { key?: unknown } } | undefined;
      if (meta?.event_type === DELIVERY_EVENT && meta.event_payload?.key === key && m.ts) return { messageId: messageId(channel, m.ts) };
    }
    return null;
  }

  async function dmChannel(personId: string): Promise<string> {
    const res = await deps.client.conversations.open({ users: personId });
    const id = res.channel?.id;
    if (!id) throw new DeliveryError('Slack returned no DM channel', 'transient');
    return id;
  }

  async function post(tenantId: string, channel: string, reply: Reply, key: string, findAgain: () => Promise<Sent | null>): Promise<Sent> {
    const message = renderMessage(reply);
    let last: DeliveryError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1 && last?.kind === 'transient') {
        // a 5xx or a timeout may still have delivered: look before sending again
        try {
          const found = await findAgain();
          if (found) return found;
        } catch (error) {
          deps.logger.warn({ err: error, tenantId, key }, 'slack: could not check history before a retry');
        }
      }
      try {
        const res = await deps.client.chat.postMessage({
          channel, ...message, unfurl_links: false,
          metadata: { event_type: DELIVERY_EVENT, event_payload: { key } },
        });
        if (!res.ts) throw new DeliveryError('Slack returned no message ts', 'transient');
        return { messageId: messageId(res.channel ?? channel, res.ts) };
      } catch (error) {
        last = error instanceof DeliveryError ? error : toDeliveryError(error);
        deps.logger.warn({ tenantId, channel, key, attempt, kind: last.kind, reason: last.message }, 'slack chat.postMessage failed');
        if (last.kind === 'permanent' || attempt === attempts) break;
        const wait = retryDelayMs(last, attempt, baseDelayMs, 1);
        if (wait > maxWaitMs) break;
        await sleep(wait);
      }
    }
    throw last ?? new DeliveryError('Slack send failed', 'transient');
  }

  return {
    platform: 'slack',
    serves: deps.serves,
    async sendDirect(tenantId, personId, reply, options: SendOptions) {
      // chat.postMessage to the user id opens (or reuses) the app's DM with them
      return post(tenantId, personId, reply, options.idempotencyKey,
        async () => findIn(await dmChannel(personId), options.idempotencyKey));
    },
    async sendChannel(tenantId, channelId, reply, options: SendOptions) {
      return post(tenantId, channelId, reply, options.idempotencyKey, () => findIn(channelId, options.idempotencyKey));
    },
    async findSent(_tenantId, target, idempotencyKey) {
      try {
        if (target.channelId) return await findIn(target.channelId, idempotencyKey);
        if (target.personId) return await findIn(await dmChannel(target.personId), idempotencyKey);
        return null;
      } catch (error) {
        throw error instanceof DeliveryError ? error : toDeliveryError(error);
      }
    },
  };
}
