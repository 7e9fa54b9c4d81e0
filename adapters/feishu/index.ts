// The Feishu (Lark) adapter: listeners in (long connection or webhook), the
// card renderer out, a notifier for the jobs. src/main.ts starts it when
// FEISHU_APP_ID / FEISHU_APP_SECRET are set.
import * as lark from '@larksuiteoapi/node-sdk';
import type { Clock } from '../../src/clock.js';
import type { Engine } from '../../src/commands/types.js';
import type { Config, FeishuConfig } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import type { Notifier } from '../../src/notify.js';
import type { HttpServer } from '../../src/server/http.js';
import type { Store } from '../../src/store/ports.js';
import { call, createClient, sdkLevel, sdkLogger } from './api.js';
import { createListeners } from './listeners.js';
import { FeishuNotifier } from './notifier.js';
import { People } from './people.js';
import { createWebhook } from './webhook.js';

export interface FeishuDeps {
  config: Pick<Config, 'feishu' | 'defaultLang'>;
  /** defaults to config.feishu */
  feishu?: FeishuConfig;
  engine: Engine;
  store: Store;
  logger: Logger;
  http: Pick<HttpServer, 'mount'>;
  clock: Clock;
  /** how long start waits for the long connection before going on without it (it keeps trying) */
  wsReadyTimeoutMs?: number;
}

export interface FeishuAdapter {
  notifier: Notifier;
  stop(): Promise<void>;
}

/** the bot's open id, asked once (and again a minute after a failure) */
function botIdentity(client: lark.Client, clock: Clock, logger: Logger): () => Promise<string | undefined> {
  let openId: string | undefined;
  let retryAt = 0;
  return async () => {
    if (openId || clock.now().getTime() < retryAt) return openId;
    try {
      const answer = await call('bot.v3.info', () => client.request<{ code?: number; msg?: string; bot?: { open_id?: string } }>({
        method: 'GET', url: '/open-apis/bot/v3/info',
      }));
      openId = answer.bot?.open_id;
    } catch (e) {
      retryAt = clock.now().getTime() + 60_000;
      logger.warn({ err: (e as Error).message }, 'feishu: bot info unavailable; the first mention in a group is taken for the bot');
    }
    return openId;
  };
}

export function createDispatcher(cfg: FeishuConfig, logger: Logger): lark.EventDispatcher {
  return new lark.EventDispatcher({
    verificationToken: cfg.verificationToken,
    encryptKey: cfg.encryptKey,
    logger: sdkLogger(logger),
    loggerLevel: sdkLevel(logger),
  });
}

/** the long connection, started; resolves once connected or after the wait (it keeps reconnecting) */
export async function startLongConnection(cfg: FeishuConfig, dispatcher: lark.EventDispatcher, logger: Logger, waitMs: number): Promise<lark.WSClient> {
  let ready: () => void = () => {};
  const connected = new Promise<void>((resolve) => { ready = resolve; });
  const ws = new lark.WSClient({
    appId: cfg.appId,
    appSecret: cfg.appSecret,
    domain: cfg.domain,
    logger: sdkLogger(logger),
    loggerLevel: sdkLevel(logger),
    onReady: () => {
      logger.info('feishu: long connection ready');
      ready();
    },
    onError: (err: Error) => logger.error({ err: err.message }, 'feishu: long connection gave up'),
    onReconnecting: () => logger.warn('feishu: long connection lost, reconnecting'),
  });
  await ws.start({ eventDispatcher: dispatcher });
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => { timer = setTimeout(resolve, waitMs); });
  await Promise.race([connected, gaveUp]);
  clearTimeout(timer);
  if (ws.getConnectionStatus().state !== 'connected') {
    logger.warn({ state: ws.getConnectionStatus().state }, 'feishu: long connection not up yet; going on, it keeps trying');
  }
  return ws;
}

export async function startFeishu(deps: FeishuDeps): Promise<FeishuAdapter> {
  const cfg = deps.feishu ?? deps.config.feishu;
  if (!cfg) throw new Error('startFeishu: config.feishu is not set');
  const { store, logger, clock } = deps;
  const client = createClient({ appId: cfg.appId, appSecret: cfg.appSecret, domain: cfg.domain, logger });
  const people = new People(client, store, clock, logger);
  try {
    await people.loadTenants(store);
  } catch (e) {
    logger.warn({ err: (e as Error).message }, 'feishu: could not list known tenants; they are learnt from events');
  }
  const botOpenId = botIdentity(client, clock, logger);
  await botOpenId();

  const listeners = createListeners({
    engine: deps.engine,
    store,
    client,
    people,
    clock,
    logger,
    defaultLang: deps.config.defaultLang,
    botOpenId,
    patchAfterCallback: cfg.mode === 'ws',
  });
  const dispatcher = createDispatcher(cfg, logger).register({
    'im.message.receive_v1': listeners['im.message.receive_v1'],
    'card.action.trigger': listeners['card.action.trigger'],
  } as unknown as lark.EventHandles);

  let ws: lark.WSClient | undefined;
  if (cfg.mode === 'webhook') {
    deps.http.mount('/feishu', createWebhook({
      dispatcher, clock, logger, security: { verificationToken: cfg.verificationToken, encryptKey: cfg.encryptKey },
    }));
    logger.info({ path: '/feishu/events' }, 'feishu: webhook mounted');
  } else {
    ws = await startLongConnection(cfg, dispatcher, logger, deps.wsReadyTimeoutMs ?? 15_000);
  }

  return {
    notifier: new FeishuNotifier(client, people.tenants, logger),
    async stop() {
      ws?.close();
      await listeners.idle();
    },
  };
}
