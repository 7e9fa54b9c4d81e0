// The App Home tab offers a person's own settings (`me`, SPEC §8) as buttons
// and a modal, through the real Bolt against the fake Slack: judged by what
// Slack is asked to show and by what is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeCall } from '../../helpers/fake-slack.js';
import { clickPayload, startHarness, submitPayload, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h?.stop(); });

type View = Record<string, unknown> & { blocks: { block_id: string }[]; private_metadata: string };
const viewOf = (call: FakeCall) => call.args.view as View;

/** the button whose command text (a `run` action) is this one */
function runButton(blocks: unknown, text: string): { action_id: string; value: string; block_id: string } {
  for (const block of blocks as { block_id: string; elements?: { action_id?: string; value?: string }[] }[]) {
    for (const e of block.elements ?? []) {
      if (e.value && (JSON.parse(e.value) as { args: { text?: string } }).args.text === text) return { action_id: e.action_id!, value: e.value, block_id: block.block_id };
    }
  }
  throw new Error(`no button running "${text}" in ${JSON.stringify(blocks).slice(0, 400)}`);
}

async function openHome(): Promise<View> {
  const before = h.fake.callsOf('views.publish').length;
  await h.event({ type: 'app_home_opened', user: 'U0001', channel: 'D0001', tab: 'home', event_ts: `${Date.now()}.1` });
  await h.fake.waitFor('views.publish', () => h.fake.callsOf('views.publish').length > before);
  return viewOf(h.fake.callsOf('views.publish').at(-1)!);
}

async function click(home: View, text: string): Promise<void> {
  const before = h.fake.callsOf('views.publish').length + h.fake.callsOf('views.open').length;
  await h.interact(clickPayload(runButton(home.blocks, text), { view: { id: 'VHOME', type: 'home', hash: 'h', blocks: home.blocks, private_metadata: '' } }));
  await h.fake.waitFor('views.publish', () => h.fake.callsOf('views.publish').length + h.fake.callsOf('views.open').length > before);
}

const prefs = async () => (await h.app.app.store.people.get('T0001', 'U0001'))?.prefs;

describe('App Home: my settings', () => {
  it('shows my digest time, language, zone and quiet hours with buttons; pausing and resuming refresh it', async () => {
    const home = await openHome();
    const text = JSON.stringify(home.blocks);
    expect(text).toContain('My settings');
    expect(text).toContain('21:00–08:00');

    await click(home, 'me digest off');
    expect(await prefs()).toEqual({ digestOff: true });
    const paused = viewOf(h.fake.callsOf('views.publish').at(-1)!);
    const shownText = JSON.stringify(paused.blocks);
    expect(shownText).toContain('Digests paused');
    // the settings once, already the new ones
    expect(shownText.match(/My settings/g)).toHaveLength(1);
    expect(shownText).toContain('paused until you turn it back on');

    await click(paused, 'me digest on');
    expect(await prefs()).toBeUndefined();
  });

  it('Change… opens a modal; a digest time inside the quiet hours is an error in place; a good submit is stored and shown', async () => {
    const home = await openHome();
    await click(home, 'me edit');
    const modal = viewOf(h.fake.callsOf('views.open').at(-1)!);
    expect(modal.blocks.map((b) => b.block_id)).toEqual(['digestTime', 'digest', 'until', 'lang', 'timeZone']);

    const bad = await h.interact(submitPayload(modal, { digestTime: '06:00', digest: 'on', lang: 'auto', until: null, timeZone: null }));
    expect(bad.body).toMatchObject({ response_action: 'errors', errors: { digestTime: expect.stringContaining('quiet hours') } });
    expect(await prefs()).toBeUndefined();

    const before = h.fake.callsOf('views.publish').length;
    const good = await h.interact(submitPayload(modal, { digestTime: '08:30', digest: 'off', until: '2099-01-05', lang: 'zh', timeZone: 'Europe/Berlin' }));
    expect(good.body).toMatchObject({ response_action: 'clear' });
    expect(await prefs()).toEqual({ digestTime: '08:30', digestOff: true, digestResumeOn: '2099-01-05', lang: 'zh', timeZone: 'Europe/Berlin' });
    await h.fake.waitFor('views.publish', () => h.fake.callsOf('views.publish').length > before);
    const refreshed = JSON.stringify(viewOf(h.fake.callsOf('views.publish').at(-1)!).blocks);
    expect(refreshed).toContain('已保存');
    expect(refreshed).toContain('2099-01-05');
    // all of it in the language just chosen
    expect(refreshed).toContain('我的设置');
    expect(refreshed).toContain('今天没有待跟进的客户');
  });
});
