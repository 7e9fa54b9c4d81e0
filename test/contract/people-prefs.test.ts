// Store contract: a person's own choices (`me`, SPEC §8) are kept apart from
// the platform profile: the profile sync on every request never overwrites
// them, and setting them again replaces the whole choice (a key left out is
// cleared). Both engines.
import { expect, it } from 'vitest';
import { describeEachEngine, enginesUnderTest } from '../helpers/engines.js';
import { at, tenant } from './fixtures.js';

const engines = await enginesUnderTest();

describeEachEngine('people: their own settings', engines, (store) => {
  it('stores prefs, keeps them through profile syncs and role changes, and clears what is left out', async () => {
    const people = store().people;
    const t = tenant();
    await people.upsert({ tenantId: t, id: 'U1', name: 'Amy', timeZone: 'Asia/Shanghai', lang: 'zh', role: 'admin' }, at(0));
    expect((await people.get(t, 'U1'))?.prefs).toBeUndefined();

    const saved = await people.setPrefs(t, 'U1', { digestTime: '08:30', digestOff: true, digestResumeOn: '2026-12-20', lang: 'en', timeZone: 'Europe/Berlin' }, at(1));
    const all = { digestTime: '08:30', digestOff: true, digestResumeOn: '2026-12-20', lang: 'en', timeZone: 'Europe/Berlin' };
    expect(saved?.prefs).toEqual(all);
    expect(saved?.updatedAt).toEqual(at(1));

    // the platform says Shanghai and Chinese on the next request: the person's own choice stays
    await people.upsert({ tenantId: t, id: 'U1', name: 'Amy W', timeZone: 'Asia/Shanghai', lang: 'zh' }, at(2));
    await people.setRole(t, 'U1', 'manager', at(3));
    const after = await people.get(t, 'U1');
    expect(after).toMatchObject({ name: 'Amy W', timeZone: 'Asia/Shanghai', lang: 'zh', role: 'manager', prefs: all });
    expect((await people.list(t))[0]?.prefs).toEqual(all);

    // back on, zone back to the platform's: only what is still chosen is kept
    expect((await people.setPrefs(t, 'U1', { digestTime: '08:30', lang: 'en', digestOff: undefined }, at(4)))?.prefs).toEqual({ digestTime: '08:30', lang: 'en' });
    expect((await people.get(t, 'U1'))?.prefs).toEqual({ digestTime: '08:30', lang: 'en' });
    // nothing chosen: no prefs at all
    await people.setPrefs(t, 'U1', {}, at(5));
    expect((await people.get(t, 'U1'))?.prefs).toBeUndefined();
  });

  it('another tenant\'s person of the same id is untouched, and an unknown person is null', async () => {
    const people = store().people;
    const [a, b] = [tenant(), tenant()];
    await people.upsert({ tenantId: a, id: 'U1', name: 'Amy' }, at(0));
    await people.upsert({ tenantId: b, id: 'U1', name: 'Amy' }, at(0));
    await people.setPrefs(a, 'U1', { lang: 'en' }, at(1));
    expect((await people.get(b, 'U1'))?.prefs).toBeUndefined();
    expect(await people.setPrefs(a, 'nobody', { lang: 'en' }, at(1))).toBeNull();
    expect(await people.get(a, 'nobody')).toBeNull();
  });
});
