// The manifest an admin pastes must name what the code listens to.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND } from '../../../adapters/slack/listeners/commands.js';
import { SHORTCUT_CALLBACK } from '../../../adapters/slack/render.js';

const manifest = readFileSync(new URL('../../../adapters/slack/manifest.yaml', import.meta.url), 'utf8');

describe('adapters/slack/manifest.yaml', () => {
  it('declares the command, shortcut, event and endpoints the adapter serves', () => {
    expect(manifest).toContain(`- command: ${COMMAND}\n`);
    expect(manifest).toContain(`callback_id: ${SHORTCUT_CALLBACK}\n`);
    expect(manifest).toMatch(/bot_events:\n\s+- app_home_opened\n\s+- message\.im\s/);
    // a file can be shared with the bot only when its Messages tab accepts input
    expect(manifest).toContain('messages_tab_read_only_enabled: false');
    expect(manifest).toContain('home_tab_enabled: true');
    const urls = [...manifest.matchAll(/(?:url|request_url): (\S+)/g)].map((m) => m[1]);
    expect(urls.length).toBe(3);
    for (const url of urls) expect(url).toMatch(/\/slack\/events$/);
  });

  it('asks for the least scopes the calls need, and no user scopes', () => {
    const section = manifest.slice(manifest.indexOf('  scopes:'), manifest.indexOf('\nsettings:'));
    const scopes = [...section.matchAll(/^ {6}- ([a-z_:.]+)/gm)].map((m) => m[1]).sort();
    expect(scopes).toEqual(['channels:history', 'chat:write', 'commands', 'files:read', 'files:write', 'im:history', 'im:write', 'users:read']);
    expect(manifest).not.toMatch(/^\s+user:/m);
  });
});
