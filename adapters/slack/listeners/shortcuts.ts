// The message shortcut "Log as follow-up": the engine's log form, opened as a
// modal with the picked message as its content; the person chooses the customer.
import type { App, MessageShortcut } from '@slack/bolt';
import type { Form } from '../../../src/views/model.js';
import { deliver, guarded, sourceOf, textReply, type Deps } from '../context.js';
import { SHORTCUT_CALLBACK, findForm } from '../render.js';
import { openForm } from './forms.js';

/** put the message text in the form's content field and say it came by message */
export function prefill(form: Form, text: string): Form {
  const content = form.fields.find((f) => f.name === 'content' || f.name === 'text') ?? form.fields.find((f) => f.kind === 'textarea');
  return {
    ...form,
    fields: form.fields.map((f) => {
      if (f === content) return { ...f, initial: text.slice(0, f.maxLength ?? 3000) };
      if (/^(channel|via)$/.test(f.name) && f.options?.some((o) => o.value === 'message')) return { ...f, initial: 'message' };
      return f;
    }),
  };
}

export function registerShortcuts(app: App, deps: Deps): void {
  app.shortcut<MessageShortcut>(SHORTCUT_CALLBACK, async ({ ack, shortcut, client, context }) => {
    await ack();
    const caller = await deps.people.callerOf(client, sourceOf(context, shortcut.user.id, shortcut.user.username ?? shortcut.user.name));
    const where = { responseUrl: shortcut.response_url, channelId: shortcut.channel.id };
    const text = (shortcut.message.text ?? '').trim();
    if (!text) {
      await deliver(deps, client, caller, textReply(caller.lang ?? 'en', 'slack.shortcut.noText', {}, 'warning'), where);
      return;
    }
    const reply = await guarded(deps, caller, 'shortcut', () => deps.engine.handleText(caller, 'log'));
    const form = findForm(reply);
    if (!form) {
      await deliver(deps, client, caller, reply, where);
      return;
    }
    await openForm(deps, client, caller, {
      triggerId: shortcut.trigger_id, form: prefill(form, text), reply,
      meta: { r: shortcut.response_url, c: shortcut.channel.id },
    });
  });
}
