// The CLIs open the store with the service's tenant defaults, so a file's
// dates are read in DEFAULT_TIME_ZONE for a tenant that never chose its own.
import { describe, expect, it } from 'vitest';
import { openCliStore } from '../../../src/cli/run.js';
import { loadConfig } from '../../../src/config.js';

describe('openCliStore', () => {
  it('gives a tenant without settings the configured time zone and digest time', async () => {
    const config = loadConfig({ STORE: 'memory', DEFAULT_TIME_ZONE: 'America/New_York', DIGEST_TIME: '07:45' });
    const opened = await openCliStore(config);
    try {
      expect(await opened.store.settings.get('fresh-tenant')).toMatchObject({ timeZone: 'America/New_York', digestTime: '07:45' });
    } finally {
      await opened.stop();
    }
  });
});
