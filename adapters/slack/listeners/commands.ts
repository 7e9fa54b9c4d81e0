// /customer <verb> …: acknowledge at once (Slack gives 3 seconds), then ask
// the engine and answer through the response_url; a form opens as a modal.
import type { App } from '@slack/bolt';
import { deliver, guarded, sourceOf, type Deps } from '../context.js';
import { findForm } from '../render.js';
import { openForm } from './forms.js';

export const COMMAND = '/customer';

export function registerCommands(app: App, deps: Deps): void {
  app.command(COMMAND, async ({ command, ack, client, context }) => {
    await ack();
    const caller = await deps.people.callerOf(client, sourceOf(context, command.user_id, command.user_name));
    const reply = await guarded(deps, caller, 'command', () => deps.engine.handleText(caller, command.text ?? ''));
    const form = findForm(reply);
    if (form) {
      await openForm(deps, client, caller, { triggerId: command.trigger_id, form, reply, meta: { r: command.response_url, c: command.channel_id } });
      return;
    }
    await deliver(deps, client, caller, reply, { responseUrl: command.response_url, channelId: command.channel_id });
  });
}
