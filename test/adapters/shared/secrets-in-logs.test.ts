// No secret in any log line, whatever an SDK throws (issue 12 item 5). Every
// platform call fails (a 4xx, a 5xx, a dropped connection) while the service
// runs at LOG_LEVEL=trace with the production logger, for Slack and Feishu,
// and the whole log is searched for every configured secret and for the
// tenant token Feishu handed out. The start-up failures (auth.test, Socket
// Mode, Feishu's token endpoint) are included.
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/logger.js';
import { textReply } from '../../../src/views/reply.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { startFailingPlatform, type FailMode, type FailingPlatform } from '../../helpers/failing-platform.js';
import { cardActionEvent, feishuRequest, messageEvent, postWebhook } from '../../helpers/fake-feishu.js';
import { eventBody, interactionBody, postSigned, slashCommandBody } from '../../helpers/fake-slack.js';

const SLACK = {
  SLACK_BOT_TOKEN: 'xoxb-1111111111-2222222222-SecretBotTokenValue',
  SLACK_SIGNING_SECRET: 'signing-secret-5f1c9e2a7b',
  SLACK_APP_TOKEN: 'xapp-1-A0001-3333333333-SecretAppTokenValue',
};
const FEISHU = {
  FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718',
  FEISHU_APP_SECRET: 'AppSecretValue0123456789abcdef',
  FEISHU_VERIFICATION_TOKEN: 'VerificationTokenValue0123',
  FEISHU_ENCRYPT_KEY: 'EncryptKeyValue0123456789',
};
/** what Feishu's token endpoint hands out (its shape: t- and 40 characters) */
const TENANT_TOKEN = 't-g1044cSecretTenantTokenValue0123456789abcd';
const MODES: FailMode[] = ['4xx', '5xx', 'network'];

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  cleanups = [];
});

function capture(env: Record<string, string>) {
  let text = '';
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { text += chunk.toString('utf8'); done(); } });
  const full = { STORE: 'memory', PORT: '0', SCHEDULER: 'off', LOG_LEVEL: 'trace', ...env };
  return { env: full, logger: createLogger(loadConfig(full), { destination: sink }), log: () => text };
}

function expectNoSecret(log: string, secrets: string[]): void {
  expect(log.length).toBeGreaterThan(0);
  for (const secret of secrets) expect(log, `the log shows ${secret.slice(0, 12)}…`).not.toContain(secret);
  expect(log).not.toMatch(/app_secret\\?"?\s*[:=]\s*\\?"?[^\\"[]/);
}

async function platform(mode: FailMode, pass: Record<string, unknown> = {}): Promise<FailingPlatform> {
  const p = await startFailingPlatform(mode, pass);
  cleanups.push(() => p.close());
  return p;
}

async function app(env: Record<string, string>, logger: ReturnType<typeof capture>['logger']): Promise<TestApp> {
  const started = await startTestApp(env, { logger });
  cleanups.push(() => started.stop());
  return started;
}

describe('Slack: every Web API call fails', () => {
  const secrets = Object.values(SLACK);
  const authOk = { '/api/auth.test': { ok: true, team_id: 'T0001', user_id: 'UBOT', bot_id: 'BBOT' } };

  it.each(MODES)('%s: commands, clicks, events, files and notices log no token or secret', async (mode) => {
    const p = await platform(mode, authOk);
    const { env, logger, log } = capture({ SLACK_BOT_TOKEN: SLACK.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: SLACK.SLACK_SIGNING_SECRET, SLACK_API_URL: `${p.url}/api/`, ADMIN_USERS: 'U0001' });
    const a = await app(env, logger);
    const url = `${a.baseUrl}/slack/events`;
    const responseUrl = `${p.url}/response/${randomUUID()}`;
    const secret = SLACK.SLACK_SIGNING_SECRET;
    // a form (views.open fails, then the apology on the response_url fails), an export (conversations.open)
    await (await postSigned(url, secret, slashCommandBody({ text: 'new', responseUrl }))).arrayBuffer();
    await (await postSigned(url, secret, slashCommandBody({ text: 'export', responseUrl }))).arrayBuffer();
    // a click on a card (the engine's answer goes to the failing response_url)
    const click = { type: 'block_actions', team: { id: 'T0001' }, user: { id: 'U0001', name: 'alice', team_id: 'T0001' }, trigger_id: 'tr-1',
      response_url: responseUrl, container: { type: 'message' }, channel: { id: 'C0001' },
      actions: [{ type: 'button', action_id: 'cca:0:0:0', block_id: 'b', value: JSON.stringify({ id: 'run-import', args: { ref: 'F1', strict: '0' } }) }] };
    await (await postSigned(url, secret, interactionBody(click))).arrayBuffer();
    // the Home tab (views.publish) and a CSV shared in the DM (files.info, then chat.postMessage)
    const home = eventBody({ type: 'app_home_opened', user: 'U0001', tab: 'home' }, { eventId: `Ev${randomUUID()}` });
    await (await postSigned(url, secret, home, { contentType: 'application/json' })).arrayBuffer();
    const share = eventBody({ type: 'message', subtype: 'file_share', channel: 'DU0001', channel_type: 'im', user: 'U0001', files: [{ id: 'F2', name: 'a.csv', filetype: 'csv' }] }, { eventId: `Ev${randomUUID()}` });
    await (await postSigned(url, secret, share, { contentType: 'application/json' })).arrayBuffer();
    // a job's notice
    await a.app.notifiers[0]!.sendDirect('T0001', 'U0001', textReply('en', 'A notice'), { idempotencyKey: `k-${randomUUID()}` }).catch(() => undefined);

    for (const call of ['users.info', 'views.open', 'conversations.open', 'views.publish', 'files.info', 'chat.postMessage', '/response/']) await p.waitFor(call);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expectNoSecret(log(), secrets);
  });

  it.each(MODES)('%s: a start that fails (auth.test) logs and says no token', async (mode) => {
    const p = await platform(mode);
    const { env, logger, log } = capture({ SLACK_BOT_TOKEN: SLACK.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: SLACK.SLACK_SIGNING_SECRET, SLACK_API_URL: `${p.url}/api/` });
    const failed = await startTestApp(env, { logger }).then((x) => x.stop(), (e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    await p.waitFor('auth.test');
    expectNoSecret(`${log()}${String(failed)}${(failed as Error).stack ?? ''}`, secrets);
  });
});

describe('Feishu: every open API call fails', () => {
  const secrets = [...Object.values(FEISHU).filter((v) => v !== FEISHU.FEISHU_APP_ID), TENANT_TOKEN];
  const tokenOk = { '/open-apis/auth/v3/tenant_access_token/internal': { code: 0, msg: 'ok', tenant_access_token: TENANT_TOKEN, expire: 7200 } };

  for (const tokenEndpoint of ['answers', 'fails'] as const) {
    it.each(MODES)(`%s, the token endpoint ${tokenEndpoint}: messages, clicks, files and notices log no secret`, async (mode) => {
      const p = await platform(mode, tokenEndpoint === 'answers' ? tokenOk : {});
      const { env, logger, log } = capture({ ...FEISHU, FEISHU_MODE: 'webhook', FEISHU_DOMAIN: p.url, ADMIN_USERS: 'ou_alice' });
      const a = await app(env, logger);
      const url = `${a.baseUrl}/feishu/events`;
      const encryptKey = FEISHU.FEISHU_ENCRYPT_KEY;
      const token = FEISHU.FEISHU_VERIFICATION_TOKEN;
      const say = (text: string, extra: Partial<Parameters<typeof messageEvent>[0]> = {}) =>
        postWebhook(url, feishuRequest(messageEvent({ tenantKey: 'tk1', token, openId: 'ou_alice', text, ...extra }), { encryptKey }));
      expect((await say('customer help')).status).toBe(200);
      expect((await say('', { messageType: 'file', content: { file_key: 'fk1', file_name: 'a.csv' } })).status).toBe(200);
      const click = cardActionEvent({ tenantKey: 'tk1', token, openId: 'ou_alice', value: { action: 'run-import', args: { ref: 'om1:fk1:a.csv' } } });
      expect((await postWebhook(url, feishuRequest(click, { encryptKey }))).status).toBe(200);
      await a.app.notifiers[0]!.sendDirect('tk1', 'ou_alice', textReply('zh', '提醒'), { idempotencyKey: `k-${randomUUID()}` }).catch(() => undefined);

      await p.waitFor(tokenEndpoint === 'answers' ? '/im/v1/messages' : 'tenant_access_token', 3);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expectNoSecret(log(), secrets);
    });
  }
});
