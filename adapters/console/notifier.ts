// The console's Notifier: jobs and notices print into the chat, under a
// header naming the recipient, so the digest can be tried without a platform.
import type { Writable } from 'node:stream';
import { t } from '../../src/i18n/index.js';
import type { Notifier, Sent, SendOptions } from '../../src/notify.js';
import type { Reply } from '../../src/views/model.js';
import { renderText } from './render.js';

export interface ConsoleNotifierOptions {
  output: Writable;
  /** the console tenant: the only one this notifier serves */
  tenantId: string;
}

export function createConsoleNotifier({ output, tenantId }: ConsoleNotifierOptions): Notifier {
  // idempotency key → message id: a re-sent key is recognised, as on the real platforms
  const sent = new Map<string, string>();
  let counter = 0;

  function print(header: string, target: string, reply: Reply, options: SendOptions): Sent {
    const key = `${target}\u0000${options.idempotencyKey}`;
    const known = sent.get(key);
    if (known) return { messageId: known };
    counter += 1;
    const messageId = `console-${counter}`;
    sent.set(key, messageId);
    output.write(`\n${header}\n${renderText(reply)}\n\n`);
    return { messageId };
  }

  return {
    platform: 'console',
    serves: (tenant) => tenant === tenantId,
    async sendDirect(_tenant, personId, reply, options) {
      return print(t(reply.lang, 'console.messageTo', { to: personId }), `p:${personId}`, reply, options);
    },
    async sendChannel(_tenant, channelId, reply, options) {
      return print(t(reply.lang, 'console.channelMessageTo', { to: channelId }), `c:${channelId}`, reply, options);
    },
    async findSent(_tenant, target, idempotencyKey) {
      const prefix = target.personId ? `p:${target.personId}` : `c:${target.channelId ?? ''}`;
      const id = sent.get(`${prefix}\u0000${idempotencyKey}`);
      return id ? { messageId: id } : null;
    },
  };
}
