// A platform API on 127.0.0.1 that fails every call one way: a 4xx, a 5xx, or
// a dropped connection, except the few calls a test lets through (Slack's
// auth.test so the app starts; Feishu's token endpoint so the token it hands
// out travels in the failing calls' headers). It records what was asked.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FailMode = '4xx' | '5xx' | 'network';

export interface FailingPlatform {
  url: string;
  /** request paths, in order */
  paths: string[];
  /** bounded wait until `count` requests whose path contains `part` arrived */
  waitFor(part: string, count?: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** `pass`: path → the 200 answer given instead of failing */
export async function startFailingPlatform(mode: FailMode, pass: Record<string, unknown> = {}): Promise<FailingPlatform> {
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    req.resume();
    req.on('end', () => {
      paths.push(path);
      if (path in pass) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(pass[path]));
        return;
      }
      if (mode === 'network') {
        req.socket.destroy();
        return;
      }
      const status = mode === '4xx' ? 403 : 503;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'not_allowed', code: 99991663, msg: 'refused by the test' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, paths,
    async waitFor(part, count = 1, timeoutMs = 8000) {
      const until = Date.now() + timeoutMs;
      while (paths.filter((p) => p.includes(part)).length < count) {
        if (Date.now() > until) throw new Error(`no ${count}× ${part} within ${timeoutMs} ms; saw ${paths.join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
