// The real app (startTestApp) with Feishu in webhook mode against the fake
// open API: send what Feishu sends, read what the bot sent back.
import { expect } from 'vitest';
import type { ManualClock } from '../../../src/clock.js';
import type { Logger } from '../../../src/logger.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import {
  cardActionEvent, eventually, feishuRequest, messageEvent, postWebhook, startFakeFeishu,
  type FakeFeishu, type SentMessage,
} from '../../helpers/fake-feishu.js';
import { validateFeishuCard } from '../../helpers/feishu-rules.js';

export const APP_ID = 'cli_0123456789abcdef';
export const TOKEN = 'verification-token-for-tests';
export const KEY = 'encrypt-key-for-tests';
export const T1 = 'tenant_one_0001';
export const T2 = 'tenant_two_0002';

type Json = Record<string, unknown>;

export interface FeishuWorld {
  fake: FakeFeishu;
  test: TestApp;
  url: string;
  encryptKey?: string;
  /** send a text message; returns its message id */
  say(text: string, o?: { tenant?: string; user?: string; group?: boolean; mentionBot?: boolean; eventId?: string; mentions?: { openId: string; name: string }[] }): Promise<string>;
  /** what the bot answered to a message (a reply in the chat) */
  answerTo(messageId: string): Promise<SentMessage>;
  /** say and wait for the answer's card */
  ask(text: string, o?: Parameters<FeishuWorld['say']>[1]): Promise<Json>;
  /** click a button or submit a form; the callback's answer */
  click(value: unknown, o?: { tenant?: string; user?: string; formValue?: Record<string, unknown>; messageId?: string }): Promise<Json>;
  stop(): Promise<void>;
}

let seq = 0;

export async function startFeishuWorld(opts: { encrypt?: boolean; clock?: ManualClock; logger?: Logger } = {}): Promise<FeishuWorld> {
  const fake = await startFakeFeishu();
  fake.users.set('ou_alice', { name: 'Alice', time_zone: 'Asia/Shanghai' });
  fake.users.set('ou_bob', { name: 'Bob', time_zone: 'Europe/Berlin' });
  fake.users.set('ou_carol', { name: 'Carol', time_zone: 'Asia/Shanghai' });
  const encryptKey = opts.encrypt ? KEY : undefined;
  const test = await startTestApp({
    FEISHU_APP_ID: APP_ID,
    FEISHU_APP_SECRET: 'app-secret-for-tests',
    FEISHU_VERIFICATION_TOKEN: TOKEN,
    ...(encryptKey ? { FEISHU_ENCRYPT_KEY: encryptKey } : {}),
    FEISHU_MODE: 'webhook',
    FEISHU_DOMAIN: fake.url,
    ADMIN_USERS: 'ou_alice',
  }, { ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.logger ? { logger: opts.logger } : {}) });
  const url = `${test.baseUrl}/feishu/events`;

  const world: FeishuWorld = {
    fake, test, url, encryptKey,
    async say(text, o = {}) {
      const messageId = `om_in_${++seq}`;
      const group = o.group ?? false;
      const mentions = [...(group && o.mentionBot !== false ? [{ openId: fake.botOpenId, name: 'CRM' }] : []), ...(o.mentions ?? [])];
      const body = messageEvent({
        tenantKey: o.tenant ?? T1, token: TOKEN, openId: o.user ?? 'ou_alice',
        text: group && o.mentionBot !== false ? `@_user_1 ${text}` : text,
        chatType: group ? 'group' : 'p2p', chatId: group ? 'oc_team' : undefined,
        messageId, eventId: o.eventId, mentions,
      });
      const res = await postWebhook(url, feishuRequest(body, { encryptKey }));
      expect(res.status).toBe(200);
      return messageId;
    },
    answerTo(messageId) {
      return eventually(() => fake.messages.find((m) => m.replyTo === messageId));
    },
    async ask(text, o) {
      const answer = await world.answerTo(await world.say(text, o));
      expect(answer.msgType).toBe('interactive');
      return answer.content;
    },
    async click(value, o = {}) {
      const body = cardActionEvent({
        tenantKey: o.tenant ?? T1, token: TOKEN, openId: o.user ?? 'ou_alice', value, formValue: o.formValue, messageId: o.messageId,
      });
      const res = await postWebhook(url, feishuRequest(body, { encryptKey }));
      expect(res.status).toBe(200);
      // the callback's answer updates the card in place: Feishu holds it to the same rules
      const card = (res.json as { card?: { data?: unknown } } | undefined)?.card?.data;
      if (card !== undefined) {
        const found = validateFeishuCard(card);
        if (found.length > 0) fake.violations.push({ path: 'card.action.trigger answer', violations: found });
        expect(found).toEqual([]);
      }
      return res.json as Json;
    },
    async stop() {
      await test.stop();
      await fake.close();
    },
  };
  return world;
}

/** every element of a card, depth first */
export function elementsOf(card: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(card)) {
    card.forEach((c) => elementsOf(c, out));
  } else if (typeof card === 'object' && card !== null) {
    const o = card as Json;
    if (typeof o.tag === 'string') out.push(o);
    for (const key of ['elements', 'columns', 'body']) if (key in o) elementsOf(o[key], out);
  }
  return out;
}

/** all the words of a card, header included */
export function textOf(card: Json): string {
  const header = ((card.header as Json | undefined)?.title as Json | undefined)?.content;
  const parts = elementsOf(card).flatMap((e) => {
    if (e.tag === 'markdown') return [String(e.content)];
    if (e.tag === 'div') return [String((e.text as Json).content)];
    if (e.tag === 'button') return [String((e.text as Json).content)];
    return [];
  });
  return [header, ...parts].filter(Boolean).join('\n');
}

/** the callback value of the button with this label */
export function buttonValue(card: Json, label: string): unknown {
  const b = elementsOf(card).find((e) => e.tag === 'button' && (e.text as Json).content === label);
  if (!b) throw new Error(`no button "${label}" in:\n${textOf(card)}`);
  return (b.behaviors as Json[])[0]!.value;
}
