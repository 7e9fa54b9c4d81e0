// The service's one HTTP server (node:http). Adapters mount their paths here
// (Slack /slack/*, Feishu /feishu/*) instead of each opening a port, so a
// deployment exposes one port with one health check.
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServerOptions {
  port: number;
  /** default: every interface; tests pass 127.0.0.1 */
  host?: string;
  logger: Logger;
  /** merged into /healthz; status 'degraded' or 'down' answers 503 */
  health: () => Promise<Record<string, unknown>>;
  /** how long close() lets in-flight requests finish before cutting connections */
  closeGraceMs?: number;
}

export interface HttpServer {
  mount(prefix: string, handler: Handler): void;
  /** resolves with the bound port (PORT=0 picks a free one) */
  listen(): Promise<number>;
  close(): Promise<void>;
  server: http.Server;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function normalisePrefix(prefix: string): string {
  const p = `/${prefix.replace(/^\/+|\/+$/g, '')}`;
  return p === '/' ? '' : p;
}

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { logger, health } = options;
  const mounts: { prefix: string; handler: Handler }[] = [];

  async function healthz(res: ServerResponse): Promise<void> {
    let extra: Record<string, unknown>;
    try {
      extra = await health();
    } catch (err) {
      logger.error({ err }, 'health check failed');
      extra = { status: 'down', error: 'health check failed' };
    }
    const body = { status: 'ok', uptimeS: Math.round(process.uptime()), ...extra };
    sendJson(res, body.status === 'degraded' || body.status === 'down' ? 503 : 200, body);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, { error: 'method not allowed' });
        return;
      }
      await healthz(res);
      return;
    }
    // the longest matching prefix wins, so /slack/events can sit beside /slack
    const mount = mounts.find((m) => m.prefix === '' || path === m.prefix || path.startsWith(`${m.prefix}/`));
    if (!mount) {
      sendJson(res, 404, { error: 'not found', path });
      return;
    }
    await mount.handler(req, res);
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      logger.error({ err, method: req.method, url: req.url }, 'request handler failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
  // a handler's stream error must not take the process down
  server.on('clientError', (err, socket) => {
    logger.debug({ err }, 'client error');
    socket.destroy();
  });

  return {
    server,
    mount(prefix, handler) {
      mounts.push({ prefix: normalisePrefix(prefix), handler });
      mounts.sort((a, b) => b.prefix.length - a.prefix.length);
    },
    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    close() {
      if (!server.listening) return Promise.resolve();
      return new Promise((resolve) => {
        // stop accepting, let in-flight requests finish, then cut what is left
        const timer = setTimeout(() => server.closeAllConnections(), options.closeGraceMs ?? 5000);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
