// Events in, thin: drop repeats, find out who and what, hand over to the
// engine, render the answer. Registered on the SDK's EventDispatcher, which
// both the webhook and the long connection feed.
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../src/logger.js';
import type { Clock } from '../../src/clock.js';
import type { Engine, Caller } from '../../src/commands/types.js';
import type { Lang } from '../../src/domain/types.js';
import { t } from '../../src/i18n/index.js';
import type { Store } from '../../src/store/ports.js';
import type { Reply } from '../../src/views/model.js';
import { textReply } from '../../src/views/reply.js';
import { guardEngine } from '../shared/engine-guard.js';
import { cut } from '../shared/text.js';
import { renderFormWithErrors, renderReply, toneOf, type Card } from './card.js';
import { isFormSubmitValue, readFormValues } from './card-form.js';
import { isButtonValue } from './card-parts.js';
import { readCommand, type ReceivedMessage } from './message-text.js';
import { detectLang } from '../../src/i18n/index.js';
import type { People } from './people.js';
import { createCard, patchCard, replyCard } from './send.js';
import { loggable } from './api.js';
import { checkFile, exportToChat, fileOf, runImportAction } from './files.js';
import { fileCommandOf } from '../../src/commands/file-command.js';

/** Feishu re-delivers for hours (15 s, 5 min, 1 h, 6 h): remember event ids longer than that */
export const EVENT_TTL_MS = 12 * 60 * 60_000;

export interface ListenerDeps {
  engine: Engine;
  store: Pick<Store, 'once' | 'people'>;
  client: lark.Client;
  people: People;
  clock: Clock;
  logger: Logger;
  defaultLang: Lang;
  /** the bot's own open id, to tell a mention of the bot from one of a person */
  botOpenId: () => Promise<string | undefined>;
  /** the long connection may drop a callback answer: also patch the card then */
  patchAfterCallback: boolean;
}

/** what the SDK hands a handler: the v2 header fields merged with the event */
interface EventBase { event_id?: string; tenant_key?: string }
interface MessageData extends EventBase {
  sender?: { sender_id?: { open_id?: string }; sender_type?: string; tenant_key?: string };
  message?: ReceivedMessage;
}
interface CardActionData extends EventBase {
  operator?: { open_id?: string; tenant_key?: string };
  action?: { value?: unknown; form_value?: Record<string, unknown> };
  context?: { open_message_id?: string; open_chat_id?: string };
}

export interface CallbackAnswer {
  toast?: { type: 'success' | 'error' | 'info' | 'warning'; content: string };
  card?: { type: 'raw'; data: Card };
}

export function createListeners(deps: ListenerDeps) {
  const { engine, logger } = deps;
  const pending = new Set<Promise<void>>();

  async function firstTime(eventId: string | undefined): Promise<boolean> {
    if (!eventId) return true;
    return deps.store.once.claim(`feishu:event:${eventId}`, EVENT_TTL_MS, deps.clock.now());
  }

  /** the language a person last used with us, for answers that have no text to go by */
  async function knownLang(tenantId: string, openId: string): Promise<Lang> {
    try {
      return (await deps.store.people.get(tenantId, openId))?.lang ?? deps.defaultLang;
    } catch {
      return deps.defaultLang;
    }
  }

  async function callerOf(tenantId: string, openId: string, lang: Lang | undefined): Promise<Caller> {
    const profile = await deps.people.profile(tenantId, openId);
    return { platform: 'feishu', tenantId, userId: openId, name: profile.name, timeZone: profile.timeZone, lang };
  }

  /** the engine's answer, or a rendered error: a failure never escapes to the SDK */
  async function answer<T>(lang: Lang, context: Record<string, unknown>, run: () => Promise<T>): Promise<T | Reply> {
    return guardEngine(lang, run, {
      userTone: 'error',
      onBug: (e, id) => logger.error({ err: loggable(e), errorId: id, ...context }, 'feishu: command failed'),
    });
  }

  async function handleMessage(data: MessageData): Promise<void> {
    const message = data.message;
    const tenantId = data.tenant_key ?? data.sender?.tenant_key;
    const openId = data.sender?.sender_id?.open_id;
    if (!message || !tenantId || !openId) return;
    if (data.sender?.sender_type && data.sender.sender_type !== 'user') return; // never answer bots
    const key = `reply:${message.message_id}`;
    const file = fileOf(message);
    if (file && message.chat_type === 'p2p') {
      const lang = await knownLang(tenantId, openId);
      const caller = await callerOf(tenantId, openId, undefined);
      const reply = await answer(lang, { tenantId, event: 'file' }, () => checkFile(engine, deps.client, caller, message, file, lang));
      await replyCard(deps.client, message.message_id, renderReply(reply), key);
      return;
    }
    const command = readCommand(message, await deps.botOpenId());
    if (!command) {
      if (message.chat_type === 'p2p') {
        const lang = await knownLang(tenantId, openId);
        await replyCard(deps.client, message.message_id, renderReply(textReply(lang, t(lang, 'feishu.textOnly'))), key);
      }
      return;
    }
    if (!command.addressed) return;
    // Chinese text says zh; otherwise the engine decides (an English verb, the person's language, the default)
    const lang = detectLang(command.text);
    for (const p of command.people) await deps.people.noteMentioned(tenantId, p.openId, p.name);
    const caller = await callerOf(tenantId, openId, lang);
    // answers made outside the engine (an export, an apology) need a language too
    const answerLang = lang ?? (await knownLang(tenantId, openId));
    const asked = fileCommandOf(command.text);
    const reply = await answer(answerLang, { tenantId, event: 'message' }, () => (asked?.verb === 'export'
      ? exportToChat(engine, deps.client, caller, asked.headers ?? asked.lang, message.message_id, asked.format)
      : engine.handleText(caller, command.text)));
    const card = renderReply(reply);
    if (message.chat_type === 'p2p' || reply.audience === 'channel') {
      await replyCard(deps.client, message.message_id, card, key);
      return;
    }
    // A private answer asked for in a group (contacts, a form) goes to the
    // person alone; the group only hears where it went.
    await createCard(deps.client, 'open_id', openId, card, `dm:${message.message_id}`);
    const note = t(reply.lang, 'feishu.sentPrivately');
    await replyCard(deps.client, message.message_id, renderReply({ ...textReply(reply.lang, note), audience: 'channel' }), key);
  }

  async function handleCardAction(data: CardActionData): Promise<CallbackAnswer> {
    const tenantId = data.tenant_key ?? data.operator?.tenant_key;
    const openId = data.operator?.open_id;
    const value = data.action?.value;
    const langHint = (value as { lang?: unknown } | undefined)?.lang;
    if (!tenantId || !openId) return {};
    const lang: Lang = langHint === 'en' || langHint === 'zh' ? langHint : await knownLang(tenantId, openId);
    const caller = await callerOf(tenantId, openId, lang);
    const context = { tenantId, event: 'card.action.trigger' };

    let result: CallbackAnswer;
    if (isFormSubmitValue(value)) {
      const values = readFormValues(value.def.fields, data.action?.form_value);
      const out = await answer(lang, context, () => engine.submitForm(caller, value.form, value.args, values));
      if ('fieldErrors' in out) {
        const form = { id: value.form, args: value.args, ...value.def };
        result = {
          toast: { type: 'error', content: t(out.lang, 'feishu.fixErrors') },
          card: { type: 'raw', data: renderFormWithErrors(form, values, out.fieldErrors, out.lang) },
        };
      } else {
        result = answerWith(out);
      }
    } else if (isButtonValue(value)) {
      const action = { id: value.action as never, args: value.args };
      // the import button needs the file again, which only this adapter can fetch
      result = answerWith(await answer(lang, context, () => (value.action === 'run-import'
        ? runImportAction(engine, deps.client, caller, action, lang)
        : engine.handleAction(caller, action))));
    } else {
      result = { toast: { type: 'warning', content: t(lang, 'feishu.staleCard') } };
    }

    const messageId = data.context?.open_message_id;
    if (deps.patchAfterCallback && messageId && result.card) {
      const card = result.card.data;
      track(patchCard(deps.client, messageId, card).catch((e: unknown) => {
        logger.warn({ err: (e as Error).message, tenantId }, 'feishu: patching the card after a callback failed');
      }));
    }
    return result;
  }

  function track(p: Promise<void>): void {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }

  return {
    /** acknowledged at once; the work goes on after the answer (Feishu wants one within 3 s) */
    'im.message.receive_v1': async (data: MessageData): Promise<void> => {
      if (!(await firstTime(data.event_id))) return;
      track(handleMessage(data).catch((e: unknown) => {
        logger.error({ err: loggable(e), tenantId: data.tenant_key }, 'feishu: handling a message failed');
      }));
    },
    /** answered in the response: the toast and the card updated in place */
    'card.action.trigger': async (data: CardActionData): Promise<CallbackAnswer> => {
      try {
        if (!(await firstTime(data.event_id))) return {};
        return await handleCardAction(data);
      } catch (e) {
        logger.error({ err: loggable(e), tenantId: data.tenant_key }, 'feishu: handling a card action failed');
        return { toast: { type: 'error', content: t(deps.defaultLang, 'error.internal', { id: '-' }) } };
      }
    },
    /** work still going on (graceful shutdown waits for it) */
    idle: async (): Promise<void> => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

function answerWith(reply: Reply): CallbackAnswer {
  const tone = toneOf(reply.blocks) ?? 'success';
  const summary = reply.summary || t(reply.lang, 'feishu.done');
  return {
    // past 100 UTF-16 units (not code points, unlike truncate): 99 code points and an ellipsis
    toast: { type: tone, content: summary.length > 100 ? `${cut(summary, 99)}…` : summary },
    card: { type: 'raw', data: renderReply(reply) },
  };
}
