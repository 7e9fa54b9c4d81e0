// DIGEST_TIME and DEFAULT_TIME_ZONE are where every tenant starts: a tenant
// that never chose gets them, an admin's own choice wins, and only what was
// chosen is stored (so a changed deployment default reaches the others).
import type { Connection } from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render.js';
import { DEFAULT_SETTINGS } from '../../src/domain/types.js';
import { consoleCaller } from '../../src/main.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import type { SettingsDefaults } from '../../src/store/memory/people.js';
import type { Store } from '../../src/store/ports.js';
import { describeEachEngine, enginesUnderTest } from '../helpers/engines.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { at, tenant } from './fixtures.js';

const engines = await enginesUnderTest();
const DEFAULTS: SettingsDefaults = { digestTime: '07:15', timeZone: 'Europe/Berlin' };

/** the engine's store again, with deployment defaults (mongo: over the same connection) */
async function withDefaults(store: Store): Promise<Store> {
  if (store.engine === 'memory') return createMemoryStore({ settingsDefaults: DEFAULTS });
  const { createMongoStore } = await import('../../src/store/mongo/mongo-store.js');
  const { connection } = store as Store & { connection: Connection };
  return createMongoStore({ connection, settingsDefaults: DEFAULTS });
}

describeEachEngine('settings defaults', engines, (store) => {
  it('a tenant without settings gets the deployment defaults; what an admin sets wins', async () => {
    const s = await withDefaults(store());
    const t = tenant();
    expect(await s.settings.get(t)).toEqual({ ...DEFAULT_SETTINGS, ...DEFAULTS, tenantId: t });
    await s.settings.update(t, { digestTime: '08:30' }, at(0));
    expect(await s.settings.get(t)).toMatchObject({ digestTime: '08:30', timeZone: 'Europe/Berlin' });
    await s.settings.update(t, { timeZone: 'Asia/Tokyo', reportChannel: 'C1' }, at(1));
    await s.settings.update(t, { reportChannel: undefined }, at(2));
    const after = await s.settings.get(t);
    expect(after).toMatchObject({ digestTime: '08:30', timeZone: 'Asia/Tokyo', cadenceDays: DEFAULT_SETTINGS.cadenceDays });
    expect(after.reportChannel).toBeUndefined();
    // the stored choice is the tenant's own, whatever the deployment says later
    const plain = store();
    expect(await plain.settings.get(tenant())).toMatchObject({ digestTime: DEFAULT_SETTINGS.digestTime, timeZone: DEFAULT_SETTINGS.timeZone });
    if (plain.engine === 'mongo') expect(await plain.settings.get(t)).toMatchObject({ digestTime: '08:30', timeZone: 'Asia/Tokyo' });
  });
});

describe('DIGEST_TIME and DEFAULT_TIME_ZONE in the running app', () => {
  let running: TestApp | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('a fresh tenant shows the configured digest time; an admin\'s "settings digestTime 08:30" still wins', async () => {
    running = await startTestApp({ DIGEST_TIME: '07:45', DEFAULT_TIME_ZONE: 'America/New_York', DEFAULT_LANG: 'en' });
    const { app } = running;
    const admin = consoleCaller(app.config);
    const shown = renderText(await app.engine.handleText(admin, 'settings'));
    expect(shown).toContain('digestTime = 07:45');
    expect(shown).toContain('timeZone = America/New_York');
    expect(renderText(await app.engine.handleText(admin, 'settings digestTime 08:30'))).toContain('08:30');
    expect(await app.store.settings.get(admin.tenantId)).toMatchObject({ digestTime: '08:30', timeZone: 'America/New_York' });
    // another tenant still starts from the configuration
    expect(await app.store.settings.get('other-team')).toMatchObject({ digestTime: '07:45', timeZone: 'America/New_York' });
  });
});
