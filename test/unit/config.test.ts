import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseDotenv } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig, readEnvironment } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

const slack = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'shh' };
const feishu = { FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718', FEISHU_APP_SECRET: 'sec' };

describe('loadConfig', () => {
  it('fills every default from an empty environment: console mode on the embedded store', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      logLevel: 'info', logLevelExplicit: false, port: 3000, store: 'auto', dataDir: './data',
      embeddedMongoTimeoutMs: 8000, consoleUser: 'console', consoleTenant: 'console', adminUsers: [],
      defaultTimeZone: 'Asia/Shanghai', defaultLang: 'zh', platformMode: false, scheduler: true, digestTime: '09:00',
    });
    expect(c.slack).toBeUndefined();
    expect(c.feishu).toBeUndefined();
    expect(c.mongodbUri).toBeUndefined();
  });

  it('treats empty values (a copied .env.example) as unset', () => {
    expect(loadConfig({ PORT: '', SLACK_BOT_TOKEN: ' ', STORE: '' }).port).toBe(3000);
  });

  it('reads the values it is given', () => {
    const c = loadConfig({
      PORT: '0', STORE: 'mongo', MONGODB_URI: 'mongodb://db:27017/crm', LOG_LEVEL: 'debug',
      ADMIN_USERS: 'U123, ou_abc ,', DEFAULT_TIME_ZONE: 'Europe/Berlin', DEFAULT_LANG: 'en',
      SCHEDULER: 'off', DIGEST_TIME: '08:30', ...slack, SLACK_APP_TOKEN: 'xapp-1', ...feishu, FEISHU_DOMAIN: 'lark',
    });
    expect(c).toMatchObject({
      port: 0, store: 'mongo', mongodbUri: 'mongodb://db:27017/crm', logLevel: 'debug', logLevelExplicit: true,
      adminUsers: ['U123', 'ou_abc'], defaultTimeZone: 'Europe/Berlin', defaultLang: 'en', scheduler: false,
      digestTime: '08:30', platformMode: true,
    });
    expect(c.slack).toEqual({ botToken: 'xoxb-1-2-abc', signingSecret: 'shh', appToken: 'xapp-1', apiUrl: undefined });
    expect(c.feishu).toMatchObject({ appId: 'cli_a1b2c3d4e5f60718', domain: 'https://open.larksuite.com', mode: 'ws' });
  });

  it('accepts any Feishu base URL (tests point it at a fake)', () => {
    expect(loadConfig({ ...feishu, FEISHU_DOMAIN: 'http://127.0.0.1:9999/' }).feishu?.domain).toBe('http://127.0.0.1:9999');
  });

  it('names every bad value in one error, one line each, with what is expected', () => {
    const problems = problemsOf({
      PORT: 'eighty', STORE: 'postgres', LOG_LEVEL: 'loud', DEFAULT_LANG: 'fr', SCHEDULER: 'maybe',
      DIGEST_TIME: '9am', EMBEDDED_MONGO_TIMEOUT_MS: '-1', MONGODB_URI: 'localhost', SLACK_API_URL: 'not a url',
    });
    const names = problems.map((p) => p.split(':')[0]);
    expect(names.sort()).toEqual([
      'DEFAULT_LANG', 'DIGEST_TIME', 'EMBEDDED_MONGO_TIMEOUT_MS', 'LOG_LEVEL', 'MONGODB_URI', 'PORT', 'SCHEDULER',
      'SLACK_API_URL', 'STORE',
    ]);
    expect(problems.find((p) => p.startsWith('PORT'))).toMatch(/expected a port number.*got "eighty"/);
    expect(problems.find((p) => p.startsWith('DIGEST_TIME'))).toMatch(/HH:MM/);
    expect(() => loadConfig({ PORT: 'eighty', STORE: 'postgres' }))
      .toThrow(/^Invalid configuration \(2 problems\):\n {2}- PORT: .*\n {2}- STORE: [^\n]*$/);
  });

  it('never echoes a secret value', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxp-user-token-secret', SLACK_SIGNING_SECRET: 's' });
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN: expected a bot token starting with xoxb-/);
    expect(problems.join('\n')).not.toContain('xoxp-user-token-secret');
  });

  it('names the missing half of a half-set Slack', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET: missing/)]);
    expect(problemsOf({ SLACK_SIGNING_SECRET: 's' })).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN: missing/)]);
    expect(problemsOf({ SLACK_APP_TOKEN: 'xapp-1' })).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN: missing/)]);
  });

  it('reports a half-set platform together with bad values', () => {
    const problems = problemsOf({ PORT: '99999', FEISHU_APP_SECRET: 'x', STORE: 'mongo' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['FEISHU_APP_ID', 'MONGODB_URI', 'PORT']);
  });

  it('refuses a Feishu app id that would never connect', () => {
    for (const appId of ['cli_123', 'a1b2c3d4e5f60718', 'cli_A1B2C3D4E5F6071Z', 'cli_a1b2c3d4e5f607189']) {
      expect(problemsOf({ FEISHU_APP_ID: appId, FEISHU_APP_SECRET: 's' })).toEqual([
        expect.stringMatching(/^FEISHU_APP_ID: expected cli_ followed by 16 hex digits/),
      ]);
    }
  });

  it('wants a way to verify Feishu webhook events', () => {
    expect(problemsOf({ ...feishu, FEISHU_MODE: 'webhook' })).toEqual([expect.stringMatching(/^FEISHU_VERIFICATION_TOKEN: missing/)]);
    expect(loadConfig({ ...feishu, FEISHU_MODE: 'webhook', FEISHU_ENCRYPT_KEY: 'k' }).feishu?.mode).toBe('webhook');
  });

  it('refuses a time zone Intl does not know', () => {
    expect(problemsOf({ DEFAULT_TIME_ZONE: 'Asia/Beijing' })).toEqual([
      expect.stringMatching(/^DEFAULT_TIME_ZONE: expected an IANA time zone.*got "Asia\/Beijing"/),
    ]);
    expect(loadConfig({ DEFAULT_TIME_ZONE: 'America/New_York' }).defaultTimeZone).toBe('America/New_York');
  });

  it('STORE=mongo needs MONGODB_URI', () => {
    expect(problemsOf({ STORE: 'mongo' })).toEqual([expect.stringMatching(/^MONGODB_URI: missing/)]);
  });

  it('reads .env under the real environment, which always wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-env-'));
    writeFileSync(join(dir, '.env'), 'CHAT_CRM_TEST_FROM_FILE=file\nPATH=from-file\n');
    const env = readEnvironment(dir);
    expect(env.CHAT_CRM_TEST_FROM_FILE).toBe('file');
    expect(env.PATH).not.toBe('from-file');
  });

  it('documents every variable in the README table and in .env.example, which loads as is', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const example = parseDotenv(readFileSync(join(root, '.env.example')));
    expect(CONFIG_VARIABLES.length).toBe(24);
    expect(CONFIG_VARIABLES.filter((name) => !readme.includes(`| \`${name}\` |`))).toEqual([]);
    expect(Object.keys(example).sort()).toEqual([...CONFIG_VARIABLES].sort());
    expect(loadConfig(example).platformMode).toBe(false);
  });
});

// The logger is made from the configuration: its level and destination follow the mode.
describe('createLogger', () => {
  function capture(env: Record<string, string>) {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger(loadConfig(env), { destination: { write: (s: string) => lines.push(JSON.parse(s)) } });
    return { logger, lines };
  }

  it('never writes a token, secret, password or authorization header, however deep', () => {
    const { logger, lines } = capture({ ...slack });
    const config = loadConfig({ ...slack, ...feishu, FEISHU_ENCRYPT_KEY: 'enc-key' });
    logger.info({ config, req: { headers: { authorization: 'Bearer abc' } }, user: { password: 'pw' }, a: { b: { token: 'deep' } } }, 'start');
    const text = JSON.stringify(lines);
    for (const secret of ['xoxb-1-2-abc', 'shh', 'sec', 'enc-key', 'Bearer abc', 'pw', 'deep']) expect(text).not.toContain(`"${secret}"`);
    expect(text).toContain('cli_a1b2c3d4e5f60718');
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'start', config: { slack: { botToken: '[redacted]' } } });
  });

  it('keeps the console chat quiet (warn) unless LOG_LEVEL is given; a platform logs at info', () => {
    expect(capture({}).logger.level).toBe('warn');
    expect(capture({ LOG_LEVEL: 'debug' }).logger.level).toBe('debug');
    expect(capture({ ...slack }).logger.level).toBe('info');
  });
});
