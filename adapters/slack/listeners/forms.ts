// Opening a form as a modal: from a slash command, a button or the shortcut.
// A modal needs the trigger_id of the click and must open within 3 seconds.
import type { webApi } from '@slack/bolt';
import type { Caller } from '../../../src/commands/types.js';
import type { Form, Reply } from '../../../src/views/model.js';
import { deliver, logApiError, slackErrorCode, textReply, type Deps } from '../context.js';
import { renderModal, withoutForm, type ModalMeta } from '../render.js';

type WebClient = webApi.WebClient;

export async function openForm(deps: Deps, client: WebClient, caller: Caller, args: {
  triggerId: string;
  form: Form;
  reply: Reply;
  meta: Omit<ModalMeta, 'f' | 'a'>;
  /** a modal is already open (a card shown from the Home tab): stack on it */
  push?: boolean;
}): Promise<void> {
  const lead = withoutForm(args.reply);
  const view = renderModal(args.form, args.meta, args.reply.lang, lead.blocks.length ? lead : undefined);
  try {
    if (args.push) await client.views.push({ trigger_id: args.triggerId, view });
    else await client.views.open({ trigger_id: args.triggerId, view });
  } catch (error) {
    logApiError(deps, error, args.push ? 'views.push' : 'views.open', { tenantId: caller.tenantId, userId: caller.userId, form: args.form.id });
    const sorry = textReply(args.reply.lang, 'slack.error.modal', { error: slackErrorCode(error) });
    if (args.meta.o === 'home') return;
    await deliver(deps, client, caller, sorry, { responseUrl: args.meta.r, channelId: args.meta.c });
  }
}
