// What every listener shares: the engine call guarded so a bug becomes a short
// apology with an id (STYLE rule 4), the response_url poster, the Home tab
// refresher, and Web API calls logged with context when Slack says no.
import type { webApi } from '@slack/bolt';
import type { Clock } from '../../src/clock.js';
import type { Caller, Engine } from '../../src/commands/types.js';
import type { Lang } from '../../src/domain/types.js';
import { t, type MessageKey } from '../../src/i18n/index.js';
import type { Store } from '../../src/store/ports.js';
import type { Reply } from '../../src/views/model.js';
import { textReply as plainTextReply } from '../../src/views/reply.js';
import { guardEngine } from '../shared/engine-guard.js';
import type { Log } from './log.js';
import type { People, SlackSource } from './people.js';
import { renderHome, renderMessage } from './render.js';

type WebClient = webApi.WebClient;

export interface Deps {
  engine: Engine;
  store: Store;
  clock: Clock;
  logger: Log;
  people: People;
}

export function textReply(lang: Lang, key: MessageKey, params: Record<string, string | number>, tone: 'error' | 'warning' | 'info' = 'error'): Reply {
  return plainTextReply(lang, t(lang, key, params), tone);
}

/**
 * Claim a key in the store (replicas share it): true the first time. When the
 * store fails, `failure` is logged as a warning and the work goes ahead:
 * better to act on a replay or a retry than to drop the only delivery.
 */
export async function claimOnce(
  deps: { store: Pick<Store, 'once'>; logger: Log },
  key: string, ttlMs: number, now: Date,
  failure: string, ctx: Record<string, unknown> = {},
): Promise<boolean> {
  try {
    return await deps.store.once.claim(key, ttlMs, now);
  } catch (error) {
    deps.logger.warn({ err: error, ...ctx }, failure);
    return true;
  }
}

/** the engine's answer, or the user's mistake in their language, or an apology with an id */
export async function guarded<T>(deps: Deps, caller: Caller, what: string, fn: () => Promise<T>): Promise<T | Reply> {
  return guardEngine(caller.lang ?? 'en', fn, {
    userTone: 'warning',
    onBug: (error, id) => deps.logger.error({ err: error, errorId: id, tenantId: caller.tenantId, userId: caller.userId, what }, 'slack: engine failed'),
  });
}

/** the Slack error code of a Web API failure, for the log and the user's short message */
export function slackErrorCode(error: unknown): string {
  const e = error as { data?: { error?: string }; code?: string; statusCode?: number } | undefined;
  return e?.data?.error ?? (e?.statusCode ? `HTTP ${e.statusCode}` : e?.code ?? 'unknown');
}

export function logApiError(deps: Deps, error: unknown, method: string, ctx: Record<string, unknown>): void {
  deps.logger.error({ err: error, method, slackError: slackErrorCode(error), ...ctx }, `slack ${method} failed`);
}

export interface ResponseOptions {
  replaceOriginal?: boolean;
}

/** a reply for the channel is seen by all; anything else only by the person who asked */
export function responseType(reply: Reply): 'in_channel' | 'ephemeral' {
  return reply.audience === 'channel' ? 'in_channel' : 'ephemeral';
}

/** post a Reply to a response_url (ephemeral unless it is for the channel) */
export async function postResponse(url: string, reply: Reply, opts: ResponseOptions = {}): Promise<void> {
  const body = {
    ...renderMessage(reply),
    response_type: responseType(reply),
    replace_original: opts.replaceOriginal === true && reply.audience !== 'channel',
  };
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) {
    const error = new Error(`response_url answered HTTP ${res.status}`) as Error & { statusCode: number };
    error.statusCode = res.status;
    throw error;
  }
}

/** answer where the user is: the response_url, else an ephemeral in the channel, else a DM */
export async function deliver(deps: Deps, client: WebClient, caller: Caller, reply: Reply, where: { responseUrl?: string; channelId?: string; replaceOriginal?: boolean }): Promise<void> {
  try {
    if (where.responseUrl) {
      await postResponse(where.responseUrl, reply, { replaceOriginal: where.replaceOriginal });
    } else if (where.channelId && reply.audience === 'private') {
      await client.chat.postEphemeral({ channel: where.channelId, user: caller.userId, ...renderMessage(reply) });
    } else {
      await client.chat.postMessage({ channel: where.channelId ?? caller.userId, ...renderMessage(reply) });
    }
  } catch (error) {
    logApiError(deps, error, where.responseUrl ? 'response_url' : 'chat.post', { tenantId: caller.tenantId, userId: caller.userId });
  }
}

/**
 * The Home tab: the person's due and overdue follow-ups (the engine's `due`),
 * then their own settings with buttons (`me`), with an optional notice on top.
 * A notice that is itself the settings view (a button of it was pressed) shows
 * only its first line there: the settings below are already the new ones.
 */
export async function publishHome(deps: Deps, client: WebClient, caller: Caller, notice?: Reply): Promise<void> {
  const me = await guarded(deps, caller, 'home settings', () => deps.engine.handleAction(caller, { id: 'me', args: {} }));
  // the due list in the same language as the settings (a typed English verb would answer in English)
  const due = await guarded(deps, caller, 'home', () => deps.engine.handleText(caller, me.lang === 'zh' ? '待跟进' : 'due'));
  const meHeading = me.blocks.find((b) => b.type === 'heading');
  const at = notice && meHeading ? notice.blocks.findIndex((b) => b.type === 'heading' && b.text === meHeading.text) : -1;
  const top = notice && at >= 0 ? { ...notice, blocks: notice.blocks.slice(0, at) } : notice;
  const home: Reply = { ...due, blocks: [...due.blocks, { type: 'divider' }, ...me.blocks] };
  try {
    await client.views.publish({ user_id: caller.userId, view: renderHome(home, top?.blocks.length ? top : undefined) });
  } catch (error) {
    logApiError(deps, error, 'views.publish', { tenantId: caller.tenantId, userId: caller.userId });
  }
}

interface BoltContextish { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }

export function sourceOf(context: BoltContextish, userId: string, userName?: string): SlackSource {
  return {
    userId, ...(userName ? { userName } : {}),
    ...(context.teamId ? { teamId: context.teamId } : {}),
    ...(context.enterpriseId ? { enterpriseId: context.enterpriseId } : {}),
    isEnterpriseInstall: context.isEnterpriseInstall === true,
  };
}

/**
 * A card's buttons update the card: when the answer is not itself a card
 * ("snoozed", "logged"), show it above the card as it is now.
 */
export async function withCard(deps: Deps, caller: Caller, reply: Reply, code: string | undefined): Promise<Reply> {
  if (!code || reply.blocks.some((b) => b.type === 'actions')) return reply;
  const card = await guarded(deps, caller, 'refresh card', () => deps.engine.handleAction(caller, { id: 'open', args: { code } }));
  if (!card.blocks.some((b) => b.type === 'actions')) return reply;
  return { ...card, blocks: [...reply.blocks, { type: 'divider' }, ...card.blocks], summary: reply.summary };
}
