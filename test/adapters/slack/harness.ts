// The service started as in production with Slack configured against the fake
// Slack Web API, plus the requests Slack would send: slash commands, clicks,
// modal submits, shortcuts and events, each signed with the signing secret.
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import {
  eventBody, interactionBody, postSigned, slashCommandBody, startFakeSlack, type FakeCall, type FakeSlack,
} from '../../helpers/fake-slack.js';
import { validateSlackMessage, validateSlackView } from '../../helpers/slack-rules.js';

export const SECRET = 'test-signing-secret-0123456789';

export interface Harness {
  fake: FakeSlack;
  app: TestApp;
  url: string;
  /** a slash command; resolves with what came back on its response_url (or the modal it opened) */
  command(text: string, who?: Who): Promise<Sent>;
  /** the answer to a command: in its ack when the engine was quick, else on its response_url */
  answerOf(sent: Sent): Promise<FakeCall>;
  responseOf(responseId: string): Promise<FakeCall>;
  /** post an interactivity payload; returns the HTTP answer (the ack body) */
  interact(payload: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  event(event: Record<string, unknown>, opts?: { eventId?: string; teamId?: string; retryNum?: number }): Promise<number>;
  stop(): Promise<void>;
}

export interface Sent { status: number; ack: Record<string, unknown> | undefined; responseId: string; triggerId: string }

export interface Who { userId?: string; teamId?: string; channelId?: string }

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const fake = await startFakeSlack();
  fake.users.set('U0001', { id: 'U0001', name: 'alice', tz: 'Asia/Shanghai', locale: 'en-US', team_id: 'T0001' });
  fake.users.set('U0002', { id: 'U0002', name: 'bob', tz: 'Europe/Berlin', locale: 'zh-CN', team_id: 'T0001' });
  fake.users.set('U9001', { id: 'U9001', name: 'carol', tz: 'America/New_York', locale: 'en-GB', team_id: 'T0002' });
  let app: TestApp;
  try {
    app = await startTestApp({
      SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, ADMIN_USERS: 'U0001', ...env,
    });
  } catch (error) {
    await fake.close();
    throw error;
  }
  const url = `${app.baseUrl}/slack/events`;
  const check = (method: string, violations: string[]) => {
    if (violations.length > 0) fake.violations.push({ method, violations });
  };

  return {
    fake, app, url,
    async command(text, who = {}) {
      const responseId = randomUUID();
      const triggerId = `trigger-${responseId}`;
      const res = await postSigned(url, SECRET, slashCommandBody({
        text, teamId: who.teamId, userId: who.userId, channelId: who.channelId, responseUrl: fake.responseUrl(responseId), triggerId,
      }));
      const raw = await res.text();
      const ack = raw ? JSON.parse(raw) as Record<string, unknown> : undefined;
      // an ack with a message is shown by Slack: the same rules as chat.postMessage
      if (ack && (ack.blocks !== undefined || ack.text !== undefined)) check('ack', validateSlackMessage(ack));
      return { status: res.status, ack, responseId, triggerId };
    },
    async answerOf(sent) {
      if (sent.ack?.blocks) return { method: 'ack', args: sent.ack };
      return fake.waitFor('response_url', (c) => c.args.id === sent.responseId);
    },
    responseOf: (responseId) => fake.waitFor('response_url', (c) => c.args.id === responseId),
    async interact(payload) {
      const res = await postSigned(url, SECRET, interactionBody(payload));
      const text = await res.text();
      let body: unknown = text;
      try { body = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
      const view = (body as { view?: unknown } | undefined)?.view;
      if (view !== undefined) check('response_action view', validateSlackView(view));
      return { status: res.status, body };
    },
    async event(event, opts = {}) {
      const res = await postSigned(url, SECRET, eventBody(event, { eventId: opts.eventId ?? `Ev${randomUUID()}`, teamId: opts.teamId }), {
        contentType: 'application/json',
        ...(opts.retryNum ? { headers: { 'x-slack-retry-num': String(opts.retryNum), 'x-slack-retry-reason': 'http_timeout' } } : {}),
      });
      await res.arrayBuffer();
      return res.status;
    },
    async stop() {
      await app.stop();
      await fake.close();
    },
  };
}

/** the text a recorded message shows: every text in its blocks */
export function shown(call: FakeCall): string {
  return JSON.stringify(call.args.blocks ?? call.args.view ?? call.args);
}

export function userOf(userId = 'U0001', teamId = 'T0001') {
  return { id: userId, username: userId, name: userId, team_id: teamId };
}

/** the button in a recorded message or view whose ActionRef has this id (and code) */
export function findButton(blocks: unknown, actionId: string, code?: string): { action_id: string; value: string; block_id: string } {
  for (const block of (blocks ?? []) as { block_id?: string; elements?: unknown[]; accessory?: unknown }[]) {
    const elements = [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])] as { action_id?: string; value?: string }[];
    for (const e of elements) {
      if (!e.value) continue;
      const ref = JSON.parse(e.value) as { id: string; args: Record<string, string> };
      if (ref.id === actionId && (!code || ref.args.code === code)) return { action_id: e.action_id!, value: e.value, block_id: block.block_id! };
    }
  }
  throw new Error(`no ${actionId} button in ${JSON.stringify(blocks).slice(0, 500)}`);
}

export function clickPayload(button: { action_id: string; value: string; block_id: string }, where: {
  user?: ReturnType<typeof userOf>; responseUrl?: string; view?: Record<string, unknown>; channelId?: string;
}): Record<string, unknown> {
  const user = where.user ?? userOf();
  return {
    type: 'block_actions', token: 'x', api_app_id: 'A0001', trigger_id: `trigger-${randomUUID()}`,
    team: { id: user.team_id, domain: 'fake' }, user,
    ...(where.view
      ? { container: { type: 'view', view_id: where.view.id }, view: where.view }
      : {
        container: { type: 'message', message_ts: '1.2', channel_id: where.channelId ?? 'C0001', is_ephemeral: true },
        channel: { id: where.channelId ?? 'C0001', name: 'sales' },
        response_url: where.responseUrl,
      }),
    actions: [{ type: 'button', action_id: button.action_id, block_id: button.block_id, value: button.value, action_ts: '1.3' }],
  };
}

/** a view_submission for a modal the app opened, with values per field name */
export function submitPayload(view: Record<string, unknown>, values: Record<string, string | string[] | null>, user = userOf()): Record<string, unknown> {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks as { type: string; block_id: string; element: { type: string } }[]) {
    if (block.type !== 'input') continue;
    const v = values[block.block_id];
    const type = block.element.type;
    const entry = type === 'static_select' ? { type, selected_option: v ? { value: v } : null }
      : type === 'multi_static_select' ? { type, selected_options: ((v as string[] | null) ?? []).map((value) => ({ value })) }
        : type === 'datepicker' ? { type, selected_date: v ?? null }
          : { type, value: v ?? null };
    state[block.block_id] = { [block.block_id]: entry };
  }
  return {
    type: 'view_submission', token: 'x', api_app_id: 'A0001', trigger_id: `trigger-${randomUUID()}`,
    team: { id: user.team_id, domain: 'fake' }, user,
    view: { id: 'V1', team_id: user.team_id, app_id: 'A0001', bot_id: 'BBOT', hash: 'h', ...view, state: { values: state } },
    response_urls: [],
  };
}
