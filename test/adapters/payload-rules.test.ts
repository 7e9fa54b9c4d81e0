// Every view the product can send (view-catalogue.ts), rendered for Slack and
// Feishu from a book full of hostile user text, holds to the platforms'
// published rules (test/helpers/*-rules.ts), and no user text survives as a
// mention, a link or formatting.
import { beforeAll, describe, expect, it } from 'vitest';
import { renderReply, renderFormWithErrors } from '../../adapters/feishu/card.js';
import { renderFieldErrors, renderHome, renderInfoModal, renderMessage, renderModal, withoutForm } from '../../adapters/slack/render.js';
import { validateFeishuCard } from '../helpers/feishu-rules.js';
import { actingIn, feishuMarkupTexts, slackMarkupTexts } from '../helpers/hostile.js';
import { validateSlackHome, validateSlackMessage, validateSlackModal } from '../helpers/slack-rules.js';
import { VIEWS, makeWorld, type Built, type World } from './view-catalogue.js';

function slackPayloads(v: Built): { what: string; violations: string[]; payload: unknown }[] {
  if (v.kind === 'home') {
    const view = renderHome(v.reply, v.notice);
    return [{ what: 'views.publish', violations: validateSlackHome(view), payload: view }];
  }
  if (v.kind === 'message') {
    const message = renderMessage(v.reply);
    // a reply opened from the App Home shows in a read-only modal instead
    const info = renderInfoModal(v.reply, { o: 'home' });
    return [
      { what: 'chat.postMessage', violations: validateSlackMessage(message), payload: message },
      { what: 'views.open (from the Home tab)', violations: validateSlackModal(info), payload: info },
    ];
  }
  const lead = withoutForm(v.reply);
  const modal = renderModal(v.form, { r: 'https://hooks.slack.com/commands/T1/1/x', c: 'C0001', k: 'C20261126001' }, v.reply.lang, lead.blocks.length ? lead : undefined);
  const out = [{ what: 'views.open', violations: validateSlackModal(modal), payload: modal as unknown }];
  if (v.errors) {
    // response_action "errors" is keyed by the block_id of an input block in the view
    const errors = renderFieldErrors({ fieldErrors: v.errors, lang: v.reply.lang }, v.form);
    const inputs = new Set(modal.blocks.flatMap((b) => (b.type === 'input' && b.block_id ? [b.block_id] : [])));
    const stray = Object.keys(errors).filter((k) => !inputs.has(k)).map((k) => `errors.${k}: not an input block_id`);
    out.push({ what: 'response_action errors', violations: stray, payload: { errors } });
  }
  return out;
}

function feishuCards(v: Built): { what: string; card: unknown }[] {
  if (v.kind === 'home') return [{ what: 'card', card: renderReply(v.reply) }, ...(v.notice ? [{ what: 'notice card', card: renderReply(v.notice) }] : [])];
  if (v.kind === 'message') return [{ what: 'card', card: renderReply(v.reply) }];
  const cards = [{ what: 'form card', card: renderReply(v.reply) as unknown }];
  if (v.errors) cards.push({ what: 'form card with errors', card: renderFormWithErrors(v.form, v.values ?? {}, v.errors, v.reply.lang) });
  return cards;
}

describe('every view the product sends fits the platforms and lets no user text act', () => {
  let world: World;
  const built = new Map<string, Built>();
  beforeAll(async () => {
    world = await makeWorld();
    for (const [name, build] of Object.entries(VIEWS)) built.set(name, await build(world));
  }, 60_000);

  it('the catalogue covers the views the brief names', () => {
    expect(Object.keys(VIEWS).length).toBeGreaterThanOrEqual(25);
    for (const v of built.values()) expect(v.reply.blocks.length).toBeGreaterThan(0);
  });

  for (const name of Object.keys(VIEWS)) {
    it(`${name}: Slack`, () => {
      for (const p of slackPayloads(built.get(name)!)) {
        expect(p.violations, `${p.what}\n${JSON.stringify(p.payload).slice(0, 600)}`).toEqual([]);
        expect(actingIn(slackMarkupTexts(p.payload)), p.what).toEqual([]);
      }
    });
    it(`${name}: Feishu`, () => {
      for (const c of feishuCards(built.get(name)!)) {
        expect(validateFeishuCard(c.card), c.what).toEqual([]);
        expect(actingIn(feishuMarkupTexts(c.card)), c.what).toEqual([]);
      }
    });
  }
});
