// The `我的` card (SPEC §8): a person's own settings with buttons and a form,
// through the real app, the real SDK and the fake open API; judged by the
// cards Feishu is given and by what is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonValue, elementsOf, startFeishuWorld, T1, textOf, type FeishuWorld } from './harness.js';

type Json = Record<string, unknown>;

describe('Feishu: 我的 (me)', () => {
  let w: FeishuWorld;
  beforeAll(async () => { w = await startFeishuWorld(); });
  afterAll(async () => { await w?.stop(); });
  const prefs = async (id = 'ou_bob') => (await w.test.app.store.people.get(T1, id))?.prefs;

  it('shows the settings with pause, language and change buttons; the buttons act', async () => {
    const card = await w.ask('我的', { user: 'ou_bob' });
    const text = textOf(card);
    expect(text).toContain('我的设置');
    // Bob's Feishu profile says Berlin
    expect(text).toContain('Europe/Berlin');
    expect(text).toContain('21:00–08:00');
    const paused = await w.click(buttonValue(card, '暂停提醒'), { user: 'ou_bob' });
    expect(await prefs()).toEqual({ digestOff: true });
    const after = (paused.card as Json).data as Json;
    expect(textOf(after)).toContain('已暂停');
    await w.click(buttonValue(after, 'English'), { user: 'ou_bob' });
    expect(await prefs()).toEqual({ digestOff: true, lang: 'en' });
    // a later message syncs the profile again: the person's own choices stay
    expect(textOf(await w.ask('客户 帮助', { user: 'ou_bob' }))).toContain('新建');
    expect(await prefs()).toEqual({ digestOff: true, lang: 'en' });
  });

  it('the form: an error in place, then everything saved at once', async () => {
    const card = await w.ask('我的', { user: 'ou_carol' });
    const opened = await w.click(buttonValue(card, '修改…'), { user: 'ou_carol' });
    const form = (opened.card as Json).data as Json;
    const names = elementsOf(form).map((e) => e.name).filter(Boolean);
    expect(names).toEqual(expect.arrayContaining(['digestTime', 'digest', 'until', 'lang', 'timeZone']));
    expect(elementsOf(form).find((e) => e.name === 'until')?.tag).toBe('date_picker');
    const bad = await w.click(buttonValue(form, '保存'), { user: 'ou_carol', formValue: { digestTime: '23:00', digest: 'on', lang: 'auto', timeZone: '' } });
    expect(bad.toast).toMatchObject({ type: 'error' });
    expect(textOf((bad.card as Json).data as Json)).toContain('免打扰时段');
    expect(await prefs('ou_carol')).toBeUndefined();
    const good = await w.click(buttonValue(form, '保存'), {
      user: 'ou_carol', formValue: { digestTime: '08:30', digest: 'off', until: '2099-03-01 +0800', lang: 'zh', timeZone: 'Asia/Tokyo' },
    });
    expect(good.toast).toMatchObject({ type: 'success' });
    expect(await prefs('ou_carol')).toEqual({ digestTime: '08:30', digestOff: true, digestResumeOn: '2099-03-01', lang: 'zh', timeZone: 'Asia/Tokyo' });
    expect(textOf((good.card as Json).data as Json)).toContain('Asia/Tokyo（我自己选择）');
  });
});
