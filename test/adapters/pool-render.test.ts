// The public pool's views on each platform: the pool list and a pool
// customer's card, as the engine builds them, rendered for Slack (Block Kit)
// and Feishu (card 2.0); the Claim button carries the claim command back.
import { describe, expect, it } from 'vitest';
import { decodeAction, renderMessage } from '../../adapters/slack/render.js';
import { renderReply } from '../../adapters/feishu/card.js';
import { isButtonValue } from '../../adapters/feishu/card-parts.js';
import { renderText } from '../../adapters/console/render.js';
import { makeHarness } from '../helpers/engine.js';

type Json = Record<string, unknown>;

function walk(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((n) => walk(n, out));
  else if (typeof node === 'object' && node !== null) {
    const o = node as Json;
    if (typeof o.tag === 'string') out.push(o);
    for (const key of ['elements', 'columns', 'body']) if (key in o) walk(o[key], out);
  }
  return out;
}

async function poolViews() {
  const h = await makeHarness();
  await h.say('ben', 'customer help');
  const code = /C\d{11}/.exec((await h.say('amy', 'customer new "Suzhou Qiming Software" --contact "Li Na 13912345678"')).text)![0];
  await h.say('amy', `customer release ${code} --reason "no budget this year"`);
  return { code, list: (await h.say('ben', 'customer pool')).reply, card: (await h.say('ben', `customer show ${code}`)).reply };
}

describe('public pool views on each platform', () => {
  it('Slack: the list and the card carry a Claim button whose value runs "claim <code>"', async () => {
    const { code, list, card } = await poolViews();
    for (const reply of [list, card]) {
      const json = JSON.stringify(renderMessage(reply).blocks);
      const values = [...json.matchAll(/"value":"((?:[^"\\]|\\.)*)"/g)].map((m) => decodeAction(JSON.parse(`"${m[1]}"`)));
      expect(values).toContainEqual({ id: 'run', args: { text: `claim ${code}` } });
      expect(json).not.toContain('13912345678');
    }
    expect(JSON.stringify(renderMessage(card).blocks)).toContain('Public pool since 2026-11-26 (Thu) (released by amy)');
  });

  it('Feishu: the same buttons as card 2.0 buttons with a valid value', async () => {
    const { code, list, card } = await poolViews();
    for (const reply of [list, card]) {
      const buttons = walk(renderReply(reply).body).filter((e) => e.tag === 'button');
      const claim = buttons.find((b) => (b.text as Json).content === 'Claim')!;
      const value = (claim.behaviors as Json[])[0]!.value;
      expect(isButtonValue(value)).toBe(true);
      expect(value).toMatchObject({ action: 'run', args: { text: `claim ${code}` } });
    }
    // the console shows the same card as text
    expect(renderText(card)).toMatch(/\[\d\] Claim/);
  });
});
