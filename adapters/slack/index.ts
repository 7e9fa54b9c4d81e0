// The Slack adapter: Bolt wired to the service's own HTTP server (or Socket
// Mode when an app token is set), the listeners, and the notifier for jobs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { Clock } from '../../src/clock.js';
import type { Engine } from '../../src/commands/types.js';
import type { Notifier } from '../../src/notify.js';
import type { Store } from '../../src/store/ports.js';
import { createGate } from './gate.js';
import { boltLogger, type Log } from './log.js';
import { createSlackNotifier, type NotifierOptions } from './notifier.js';
import { createPeople } from './people.js';
import { slackErrorCode, type Deps } from './context.js';
import { registerActions } from './listeners/actions.js';
import { registerCommands } from './listeners/commands.js';
import { registerEvents } from './listeners/events.js';
import { registerFiles } from './listeners/files.js';
import { registerShortcuts } from './listeners/shortcuts.js';
import { registerViews } from './listeners/views.js';

export interface SlackSettings {
  botToken: string;
  signingSecret: string;
  appToken?: string;
  apiUrl?: string;
}

export interface SlackDeps {
  config: { slack?: SlackSettings };
  /** the Slack section of the config, when given apart from it */
  slack?: SlackSettings;
  engine: Engine;
  store: Store;
  logger: Log;
  http: { mount(prefix: string, handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>): void };
  clock: Clock;
  /** tests and benchmarks: answer after the whole listener ran; notifier retry policy */
  options?: { processBeforeResponse?: boolean; notifier?: NotifierOptions; apiTimeoutMs?: number };
}

const EVENTS_PATH = '/slack/events';

export class SlackStartError extends Error {
  override name = 'SlackStartError';
}

export async function startSlack(deps: SlackDeps): Promise<{ notifier: Notifier; stop(): Promise<void> }> {
  const settings = deps.slack ?? deps.config.slack;
  if (!settings) throw new SlackStartError('Slack is not configured (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)');
  const logger = boltLogger(deps.logger);
  // Our own retry policy (jobs, notifier): the client must not sleep or retry behind our back.
  const clientOptions = {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl.endsWith('/') ? settings.apiUrl : `${settings.apiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: deps.options?.apiTimeoutMs ?? 10_000,
  };

  const socketMode = Boolean(settings.appToken);
  const receiver = socketMode
    // apps.connections.open keeps the socket client's own retries: reconnecting is its job
    ? new SocketModeReceiver({ appToken: settings.appToken as string, logger, installerOptions: { clientOptions: { slackApiUrl: clientOptions.slackApiUrl } } })
    : new HTTPReceiver({
      signingSecret: settings.signingSecret,
      // gate.ts verified the signature on the same bytes (req.rawBody) just before
      signatureVerification: false,
      endpoints: EVENTS_PATH,
      logger,
      processBeforeResponse: deps.options?.processBeforeResponse ?? false,
    });
  // convoStore: false — Bolt's conversation state is unused here (state lives in the store), and its middleware runs on every request
  const app = new App({ token: settings.botToken, receiver, logger, clientOptions, deferInitialization: true, convoStore: false });

  try {
    await app.init();
  } catch (error) {
    throw new SlackStartError(`Slack did not accept SLACK_BOT_TOKEN (auth.test: ${slackErrorCode(error)}); check the bot token and SLACK_API_URL`);
  }
  const auth = await app.client.auth.test();
  const own = new Set([auth.team_id, auth.enterprise_id].filter((x): x is string => typeof x === 'string' && x.length > 0));

  const people = createPeople({ store: deps.store, clock: deps.clock, logger: deps.logger });
  const shared: Deps = { engine: deps.engine, store: deps.store, clock: deps.clock, logger: deps.logger, people };
  // commands first: their middleware answers them and stops (see commands.ts)
  registerCommands(app, shared);
  registerEvents(app, shared);
  registerActions(app, shared);
  registerViews(app, shared);
  registerShortcuts(app, shared);
  registerFiles(app, shared);
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'slack: unhandled listener error');
  });

  if (socketMode) {
    try {
      await app.start();
    } catch (error) {
      throw new SlackStartError(`Slack Socket Mode did not connect (SLACK_APP_TOKEN: ${slackErrorCode(error)})`);
    }
  } else {
    const http = receiver as HTTPReceiver;
    const gate = createGate({ signingSecret: settings.signingSecret, store: deps.store, clock: deps.clock, logger: deps.logger });
    deps.http.mount('/slack', async (req, res) => {
      if (req.method === 'POST' && (req.url ?? '').split('?')[0] === EVENTS_PATH && !(await gate(req, res))) return;
      try {
        http.requestListener(req, res);
      } catch {
        // the receiver serves only POST /slack/events and throws for the rest
        if (!res.headersSent) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'not found' }));
        }
      }
    });
  }
  deps.logger.info({ mode: socketMode ? 'socket' : 'http', teamId: auth.team_id, enterpriseId: auth.enterprise_id }, 'slack adapter started');

  const notifier = createSlackNotifier({
    client: app.client,
    logger: deps.logger,
    // one bot token: the workspace it was installed in, plus any tenant that has talked to us through it
    serves: (tenantId) => own.has(tenantId) || people.tenants.has(tenantId),
    ...(deps.options?.notifier ? { options: deps.options.notifier } : {}),
  });
  return {
    notifier,
    async stop() {
      if (socketMode) await app.stop();
    },
  };
}
