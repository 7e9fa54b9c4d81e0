// Button clicks anywhere (command replies, cards, digest DMs, the Home tab, a
// card shown in a modal). The button's value is the engine's ActionRef; the
// answer goes back where the click happened: a card's own buttons update the
// card, a list item's buttons answer beside it, a form opens as a modal.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Caller } from '../../../src/commands/types.js';
import type { Reply } from '../../../src/views/model.js';
import { deliver, guarded, logApiError, publishHome, sourceOf, withCard, type Deps } from '../context.js';
import {
  ACTION_PREFIX, REPLACE_BLOCK, decodeAction, decodeMeta, findForm, hasActions, renderInfoModal,
} from '../render.js';
import { runImportAction } from './files.js';
import { openForm } from './forms.js';

export function registerActions(app: App, deps: Deps): void {
  app.action<BlockAction<ButtonAction>>({ action_id: new RegExp(`^${ACTION_PREFIX}`) }, async ({ ack, body, action, client, context }) => {
    await ack();
    const ref = decodeAction(action.value);
    if (!ref) {
      deps.logger.warn({ actionId: action.action_id }, 'slack: a button without an action');
      return;
    }
    const caller: Caller = await deps.people.callerOf(client, sourceOf(context, body.user.id, body.user.username ?? body.user.name));
    // the import button needs the file again, which only this adapter can fetch
    const reply: Reply = ref.id === 'run-import'
      ? await runImportAction(deps, client, caller, ref)
      : await guarded(deps, caller, `action ${ref.id}`, () => deps.engine.handleAction(caller, ref));
    const replace = action.block_id.startsWith(REPLACE_BLOCK);
    const code = ref.args.code;
    const view = body.view;
    const onHome = view?.type === 'home';
    const inModal = view?.type === 'modal';
    const responseUrl = body.response_url;
    const channelId = body.channel?.id;

    const form = findForm(reply);
    if (form) {
      await openForm(deps, client, caller, {
        triggerId: body.trigger_id, form, reply, push: inModal,
        meta: {
          ...(responseUrl ? { r: responseUrl } : {}),
          ...(channelId ? { c: channelId } : {}),
          ...(replace && code ? { k: code } : {}),
          ...(onHome || (inModal && decodeMeta(view?.private_metadata).o === 'home') ? { o: 'home' as const } : {}),
        },
      });
      return;
    }

    if (onHome) {
      // Open shows the card over the Home tab; anything else (snoozed…) shows on top of a refreshed Home
      if (ref.id === 'open' && hasActions(reply)) {
        try {
          await client.views.open({ trigger_id: body.trigger_id, view: renderInfoModal(reply, { o: 'home' }) });
        } catch (error) {
          logApiError(deps, error, 'views.open', { tenantId: caller.tenantId, userId: caller.userId });
        }
      } else {
        await publishHome(deps, client, caller, reply);
      }
      return;
    }
    if (inModal && view) {
      try {
        await client.views.update({ view_id: view.id, hash: view.hash, view: renderInfoModal(reply, { o: 'home' }) });
      } catch (error) {
        logApiError(deps, error, 'views.update', { tenantId: caller.tenantId, userId: caller.userId });
      }
      if (decodeMeta(view.private_metadata).o === 'home') await publishHome(deps, client, caller);
      return;
    }
    const shown = replace ? await withCard(deps, caller, reply, code) : reply;
    await deliver(deps, client, caller, shown, {
      ...(responseUrl ? { responseUrl } : {}), ...(channelId ? { channelId } : {}), replaceOriginal: replace,
    });
  });
}
