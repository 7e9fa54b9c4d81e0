// A modal submitted. The engine decides within Slack's 3 seconds, because the
// answer to the submit itself carries the field errors (shown in place) or the
// next form; the result then goes where the modal came from.
import type { App } from '@slack/bolt';
import type { FieldErrors, Reply } from '../../../src/views/model.js';
import { deliver, guarded, publishHome, sourceOf, withCard, type Deps } from '../context.js';
import {
  MODAL_CALLBACK, decodeMeta, findForm, readFormValues, renderFieldErrors, renderModal, withoutForm,
} from '../render.js';

function isFieldErrors(x: Reply | FieldErrors): x is FieldErrors {
  return 'fieldErrors' in x;
}

export function registerViews(app: App, deps: Deps): void {
  app.view(MODAL_CALLBACK, async ({ ack, body, view, client, context }) => {
    const meta = decodeMeta(view.private_metadata);
    const caller = await deps.people.callerOf(client, sourceOf(context, body.user.id, body.user.name));
    if (!meta.f) {
      await ack({ response_action: 'errors', errors: {} });
      return;
    }
    const values = readFormValues(view.state.values as Parameters<typeof readFormValues>[0]);
    const result = await guarded(deps, caller, `form ${meta.f}`, () => deps.engine.submitForm(caller, meta.f, meta.a, values));

    if (isFieldErrors(result)) {
      const inputs = view.blocks.filter((b) => b.type === 'input' && b.block_id).map((b) => ({ name: b.block_id as string }));
      await ack({ response_action: 'errors', errors: renderFieldErrors(result, { fields: inputs }) });
      return;
    }
    const next = findForm(result);
    if (next) {
      // a follow-up question (e.g. "a customer with a similar name exists: create anyway?")
      const lead = withoutForm(result);
      await ack({ response_action: 'update', view: renderModal(next, { r: meta.r, c: meta.c, k: meta.k, o: meta.o }, result.lang, lead.blocks.length ? lead : undefined) });
      return;
    }
    await ack({ response_action: 'clear' });

    if (meta.o === 'home') {
      await publishHome(deps, client, caller, result);
      return;
    }
    if (meta.k && meta.r) {
      // opened from a card: the card shows the change, with the answer on top
      await deliver(deps, client, caller, await withCard(deps, caller, result, meta.k), { responseUrl: meta.r, replaceOriginal: true });
      return;
    }
    await deliver(deps, client, caller, result, {
      ...(meta.r ? { responseUrl: meta.r } : {}), ...(meta.c ? { channelId: meta.c } : {}),
    });
  });
}
