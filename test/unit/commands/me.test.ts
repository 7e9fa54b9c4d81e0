// `me` (我的, SPEC §8): a person sets their own digest time, pause, language
// and zone, as they would type it in any chat; judged by what they read and
// what was stored.
import { describe, expect, it } from 'vitest';
import { digestPausedOn } from '../../../src/domain/prefs.js';
import type { Reply } from '../../../src/views/model.js';
import { renderText } from '../../../adapters/console/render.js';
import { makeHarness } from '../../helpers/engine.js';

// 2026-11-26 10:00 in Shanghai
const prefsOf = async (h: Awaited<ReturnType<typeof makeHarness>>, id = 'amy') => (await h.store.people.get('t1', id))?.prefs;
const buttons = (r: Reply) => r.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));

describe('me: a person\'s own settings', () => {
  it('alone, shows the digest time, language, zone and quiet hours, saying whose choice each is', async () => {
    const h = await makeHarness();
    const { text } = await h.say('amy', 'me');
    expect(text).toContain('My settings');
    expect(text).toContain('09:00 (the team\'s time)');
    expect(text).toContain('Asia/Shanghai (from your profile or the team)');
    expect(text).toContain('21:00–08:00');
    const zh = (await h.say('amy', '我的')).text;
    expect(zh).toContain('我的设置');
    expect(zh).toContain('09:00（团队统一时间）');
  });

  it('sets the digest time, refuses one inside the quiet hours or not a time, and writes nothing then', async () => {
    const h = await makeHarness();
    expect((await h.say('amy', 'me digest 8:30')).text).toContain('Your digest now comes at 08:30');
    expect(await prefsOf(h)).toEqual({ digestTime: '08:30' });
    const quiet = await h.say('amy', 'me digest 22:15');
    expect(quiet.reply.blocks[0]).toMatchObject({ tone: 'error' });
    expect(quiet.text).toContain('22:15 is inside the quiet hours (21:00–08:00)');
    expect((await h.say('amy', '我的 提醒 07:59')).text).toContain('07:59 在免打扰时段（21:00–08:00）内');
    expect((await h.say('amy', 'me digest 25:00')).text).toContain('"25:00" is not a time');
    expect(await prefsOf(h)).toEqual({ digestTime: '08:30' });
    // the tenant's quiet hours are what counts: off, and 22:15 is fine
    await h.say('boss', 'settings quietHours off');
    expect((await h.say('amy', 'me digest 22:15')).text).toContain('22:15');
    expect((await h.say('amy', 'me digest default')).text).toContain('team\'s time, 09:00');
    expect(await prefsOf(h)).toBeUndefined();
  });

  it('pauses digests until a day, when they come back by themselves; on resumes at once', async () => {
    const h = await makeHarness();
    const { text } = await h.say('amy', 'me digest off --until 12-20');
    expect(text).toContain('come back by themselves on 2026-12-20 (Sun)');
    const prefs = await prefsOf(h);
    expect(prefs).toEqual({ digestOff: true, digestResumeOn: '2026-12-20' });
    const amy = await h.store.people.get('t1', 'amy');
    expect(digestPausedOn(amy, '2026-12-19')).toBe(true);
    expect(digestPausedOn(amy, '2026-12-20')).toBe(false);
    // on the day itself `me` no longer says paused, with nobody touching it
    h.clock.set('2026-12-20T01:00:00Z');
    expect((await h.say('amy', 'me')).text).toContain('09:00 (the team\'s time)');

    h.clock.set('2026-11-26T02:00:00Z');
    expect((await h.say('amy', '我的 提醒 关 --直到 2026-11-26')).text).toContain('不晚于今天');
    expect((await h.say('amy', 'me digest 08:30 --until 12-20')).text).toContain('--until goes with "me digest off"');
    expect(await prefsOf(h)).toEqual({ digestOff: true, digestResumeOn: '2026-12-20' });
    // the view's button resumes: a click as the person makes it
    const resume = buttons((await h.say('amy', 'me')).reply).find((b) => b.label === 'Resume digests')!;
    expect(renderText(await h.engine.handleAction(h.caller('amy'), resume.action))).toContain('Digests are on again');
    expect(await prefsOf(h)).toBeUndefined();
    // off without a day: until turned back on
    expect((await h.say('amy', '我的 提醒 关')).text).toContain('我的 提醒 开');
    expect(await prefsOf(h)).toEqual({ digestOff: true });
  });

  it('a chosen language answers buttons, forms and mixed text in it; the platform locale does not undo it', async () => {
    const h = await makeHarness();
    const { text } = await h.say('amy', '我的 语言 英文');
    expect(text).toContain('I will answer you in English.');
    expect((await prefsOf(h))?.lang).toBe('en');
    // Slack says the client is Chinese; a button and an English command naming a Chinese customer answer in English
    const zhClient = { lang: 'zh' as const };
    expect((await h.engine.handleAction(h.caller('amy', zhClient), { id: 'dismiss', args: {} })).lang).toBe('en');
    expect((await h.say('amy', 'find 杭州云栈', zhClient)).reply.lang).toBe('en');
    // a Chinese command is still answered in Chinese: the command's own language wins
    expect((await h.say('amy', '客户 帮助')).reply.lang).toBe('zh');
    expect((await h.say('amy', 'me lang default')).text).toContain('language you write in');
    expect(await prefsOf(h)).toBeUndefined();
    expect((await h.say('amy', 'me lang klingon')).text).toContain('"klingon" is not a language');
  });

  it('a chosen zone decides "today", and the platform profile\'s zone on later requests does not overwrite it', async () => {
    const h = await makeHarness();
    await h.say('amy', 'new "Acme Ltd"');
    const acme = (await h.store.customers.search('t1', { text: 'Acme', limit: 1 }))[0]!;
    // due 07:30 on the 27th in Shanghai = 00:30 on the 27th in Berlin
    await h.store.customers.update('t1', acme.id, { nextFollowUpAt: new Date('2026-11-26T23:30:00Z') });
    // 04:00 on the 27th in Shanghai, 21:00 on the 26th in Berlin
    h.clock.set('2026-11-26T20:00:00Z');
    const slack = { timeZone: 'Asia/Shanghai' };
    expect((await h.say('amy', 'due', slack)).text).toContain('Acme Ltd');
    expect((await h.say('amy', 'me tz europe/berlin', slack)).text).toContain('Your time zone is now Europe/Berlin');
    expect((await h.say('amy', 'due', slack)).text).not.toContain('Acme Ltd');
    expect((await h.say('amy', 'me', slack)).text).toContain('Europe/Berlin (your choice)');
    expect(await h.store.people.get('t1', 'amy')).toMatchObject({ timeZone: 'Asia/Shanghai', prefs: { timeZone: 'Europe/Berlin' } });
    expect((await h.say('amy', 'me tz Mars/Olympus')).text).toContain('"Mars/Olympus" is not a time zone');
    expect((await h.say('amy', 'me tz default', slack)).text).toContain('follows your profile again (Asia/Shanghai)');
    expect((await h.say('amy', 'due', slack)).text).toContain('Acme Ltd');
  });

  it('the form sets everything at once; a bad field is shown in place and nothing is stored', async () => {
    const h = await makeHarness();
    const form = (await h.say('amy', 'me edit')).reply.blocks.find((b) => b.type === 'form');
    expect(form?.type === 'form' && form.form.fields.map((f) => f.name)).toEqual(['digestTime', 'digest', 'until', 'lang', 'timeZone']);
    const caller = h.caller('amy');
    const bad = await h.engine.submitForm(caller, 'me', {}, { digestTime: '23:00', digest: 'on', lang: 'auto', timeZone: '' });
    expect(bad).toMatchObject({ fieldErrors: { digestTime: expect.stringContaining('quiet hours') } });
    expect(await prefsOf(h)).toBeUndefined();
    const ok = await h.engine.submitForm(caller, 'me', {}, { digestTime: '08:15 ', digest: 'off', until: '2026-12-03', lang: 'en', timeZone: 'America/New_York' });
    expect('blocks' in ok ? renderText(ok) : ok).toContain('Saved.');
    expect(await prefsOf(h)).toEqual({ digestTime: '08:15', digestOff: true, digestResumeOn: '2026-12-03', lang: 'en', timeZone: 'America/New_York' });
  });

  it('is in help, in both languages', async () => {
    const h = await makeHarness();
    expect((await h.say('amy', 'help')).text).toContain('me (我的)');
    expect((await h.say('amy', '帮助 我的')).text).toContain('我的 (me)');
  });
});

describe('settings quietHours', () => {
  it('is validated, may be off, and keeps the digest time out of it both ways', async () => {
    const h = await makeHarness();
    expect((await h.say('boss', 'settings quietHours 22:00-07:00')).text).toContain('quietHours is now 22:00-07:00');
    expect((await h.say('boss', 'settings quietHours 25:00-07')).text).toContain('not a quiet-hours window');
    expect((await h.say('boss', 'settings digestTime 06:30')).text).toContain('inside the quiet hours (22:00–07:00)');
    expect((await h.say('boss', 'settings quietHours 08:00-10:00')).text).toContain('would cover the digest time 09:00');
    expect((await h.store.settings.get('t1'))).toMatchObject({ quietHours: '22:00-07:00', digestTime: '09:00' });
    expect((await h.say('boss', '设置 quietHours 关')).text).toContain('quietHours 已设为 off');
    expect((await h.say('boss', 'settings digestTime 23:30')).text).toContain('23:30');
    expect((await h.say('amy', 'settings quietHours off')).reply.blocks[0]).toMatchObject({ tone: 'error' });
  });

  it('says whose own digest time new quiet hours cover, and leaves their choice alone', async () => {
    const h = await makeHarness();
    await h.say('boss', 'settings quietHours off');
    await h.say('amy', 'me digest 07:30');
    await h.say('ben', 'me digest 10:00');
    const { reply, text } = await h.say('boss', 'settings quietHours 21:00-08:00');
    expect(text).toContain('1 person has their own digest time inside the quiet hours (21:00–08:00): amy (07:30)');
    expect(reply.blocks[1]).toMatchObject({ tone: 'warning' });
    expect((await h.store.people.get('t1', 'amy'))?.prefs).toEqual({ digestTime: '07:30' });
    expect((await h.say('boss', 'settings quietHours 22:00-07:00')).reply.blocks).toHaveLength(1);
  });
});
