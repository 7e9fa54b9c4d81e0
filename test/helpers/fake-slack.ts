// A fake Slack Web API on 127.0.0.1: the real @slack/web-api client talks to it
// through `slackApiUrl`, response_url posts land on it too. It records every
// call, keeps the messages it was sent (with metadata, for conversations.history)
// and can be told to fail the next N calls of a method with 429 or 500.
// Also: Slack's request signing, so tests post exactly what Slack posts.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateSlackMessage, validateSlackView } from './slack-rules.js';

export interface FakeCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
}

export interface FakeUser {
  id: string;
  name?: string;
  tz?: string;
  locale?: string;
  team_id?: string;
}

type Failure = { status: 429; retryAfter: number } | { status: 500 } | { error: string };

interface StoredMessage { channel: string; ts: string; text?: string; blocks?: unknown; metadata?: unknown; user?: string }

export interface FakeSlack {
  /** Web API base URL (ends with /api/) */
  apiUrl: string;
  /** a response_url on this fake; posts to it are recorded as method 'response_url' with args.id */
  responseUrl(id: string): string;
  calls: FakeCall[];
  callsOf(method: string): FakeCall[];
  /** the next `count` calls of `method` fail this way */
  failNext(method: string, count: number, failure: Failure): void;
  /** the next call of `method` is answered only after `ms` (a slow Slack) */
  delayNext(method: string, ms: number): void;
  users: Map<string, FakeUser>;
  messages: StoredMessage[];
  /** files people shared (files.info, download at url_private_download with the bot token) */
  files: Map<string, { name: string; filetype?: string; bytes: Buffer }>;
  /** what files.uploadV2 sent, by file id: filename and content */
  uploads: Map<string, { filename: string; content: string; bytes?: Buffer }>;
  /**
   * payloads that broke Slack's published rules (test/helpers/slack-rules.ts): the call was
   * answered `invalid_blocks` as Slack would, and close() fails the test
   */
  violations: { method: string; violations: string[] }[];
  /** bounded wait until a call matching appears (or throw after timeoutMs) */
  waitFor(method: string, match?: (c: FakeCall) => boolean, timeoutMs?: number): Promise<FakeCall>;
  close(): Promise<void>;
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // the web-api client JSON-encodes objects (blocks, view, metadata) inside the form
    if (k !== 'text' && /^[[{]/.test(v)) {
      try { out[k] = JSON.parse(v); continue; } catch { /* plain text after all */ }
    }
    out[k] = v;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startFakeSlack(opts: { teamId?: string; enterpriseId?: string; authError?: string } = {}): Promise<FakeSlack> {
  const calls: FakeCall[] = [];
  const failures = new Map<string, Failure[]>();
  const delays = new Map<string, number>();
  const users = new Map<string, FakeUser>();
  const messages: StoredMessage[] = [];
  const files = new Map<string, { name: string; filetype?: string; bytes: Buffer }>();
  const uploads = new Map<string, { filename: string; content: string; bytes?: Buffer }>();
  let base = '';
  let uploadCounter = 0;
  const waiters = new Set<() => void>();
  let tsCounter = 1_700_000_000;
  let viewCounter = 0;
  const nextTs = () => `${++tsCounter}.000100`;

  const violations: FakeSlack['violations'] = [];
  /** what real Slack would refuse: messages and views are checked against its published rules */
  function refused(method: string, args: Record<string, unknown>): string[] {
    let found: string[] = [];
    if (['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'chat.scheduleMessage', 'response_url'].includes(method)) found = validateSlackMessage(args);
    else if (method.startsWith('views.')) found = validateSlackView(args.view);
    if (found.length > 0) violations.push({ method, violations: found });
    return found;
  }

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        if (opts.authError) return { ok: false, error: opts.authError };
        return { ok: true, team_id: opts.teamId ?? 'T0001', team: 'Fake team', user_id: 'UBOT', bot_id: 'BBOT', user: 'crm', url: 'https://fake.slack.com/', ...(opts.enterpriseId ? { enterprise_id: opts.enterpriseId, is_enterprise_install: false } : {}) };
      case 'chat.postMessage': {
        const requested = String(args.channel ?? '');
        const channel = /^[UW]/.test(requested) ? `D${requested}` : requested;
        const msg: StoredMessage = { channel, ts: nextTs(), text: args.text as string, blocks: args.blocks, metadata: args.metadata, user: 'UBOT' };
        messages.push(msg);
        return { ok: true, channel, ts: msg.ts, message: { text: msg.text, ts: msg.ts } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'views.open': case 'views.push': case 'views.update': case 'views.publish':
        return { ok: true, view: { id: `V${++viewCounter}`, ...(args.view as object) } };
      case 'users.info': {
        const user = users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id: user.id, name: user.name ?? user.id, real_name: user.name ?? user.id, tz: user.tz ?? 'America/New_York', tz_offset: 0, locale: user.locale ?? 'en-US', team_id: user.team_id } };
      }
      case 'conversations.open': {
        const user = String(args.users ?? '');
        return { ok: true, channel: { id: `D${user.split(',')[0]}` } };
      }
      case 'conversations.history': {
        const inChannel = messages.filter((m) => m.channel === args.channel).reverse();
        const withMeta = args.include_all_metadata === true || args.include_all_metadata === 'true';
        return { ok: true, has_more: false, messages: inChannel.map((m) => ({ type: 'message', ts: m.ts, text: m.text, user: m.user, ...(withMeta && m.metadata ? { metadata: m.metadata } : {}) })) };
      }
      case 'files.info': {
        const id = String(args.file ?? '');
        const file = files.get(id);
        if (!file) return { ok: false, error: 'file_not_found' };
        const url = `${base}/files/${id}/${encodeURIComponent(file.name)}`;
        return { ok: true, file: { id, name: file.name, title: file.name, filetype: file.filetype ?? 'csv', size: file.bytes.length, url_private: url, url_private_download: `${url}?download=1` } };
      }
      case 'files.getUploadURLExternal': {
        const id = `FUP${++uploadCounter}`;
        uploads.set(id, { filename: String(args.filename ?? ''), content: '' });
        return { ok: true, upload_url: `${base}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const list = (typeof args.files === 'string' ? JSON.parse(args.files) : args.files) as { id: string; title?: string }[];
        return { ok: true, files: list.map((f) => ({ id: f.id, title: f.title, name: uploads.get(f.id)?.filename })) };
      }
      default:
        return { ok: true };
    }
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      // an upload is bytes (an .xlsx is no text); everything else is read as text
      const body = await readBody(req);
      const raw = body.toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      let args: Record<string, unknown>;
      try { args = parseBody(raw, req.headers['content-type']); } catch { send(400, { ok: false, error: 'invalid_json' }); return; }
      // a download of a shared file: only with the bot token, as Slack does
      if (url.pathname.startsWith('/files/')) {
        const id = url.pathname.split('/')[2] ?? '';
        const token = req.headers.authorization?.replace(/^Bearer /, '');
        calls.push({ method: 'file_download', args: { id }, token });
        for (const w of waiters) w();
        const file = files.get(id);
        if (!file || !token) { res.writeHead(token ? 404 : 302, token ? {} : { location: '/login' }); res.end(); return; }
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(file.bytes);
        return;
      }
      if (url.pathname.startsWith('/upload/')) {
        const id = url.pathname.slice('/upload/'.length);
        const upload = uploads.get(id);
        calls.push({ method: 'file_upload', args: { id, length: raw.length } });
        // the client posts the file as multipart form data, as Slack's upload URL takes it
        const type = req.headers['content-type'] ?? '';
        if (upload) {
          const part = type.startsWith('multipart/') ? [...(await new Response(body, { headers: { 'content-type': type } }).formData()).values()][0] : body;
          // Blob.text() would drop the BOM the export starts with
          upload.bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.isBuffer(part) ? part : Buffer.from(await (part as Blob).arrayBuffer());
          upload.content = upload.bytes.toString('utf8');
        }
        res.writeHead(upload ? 200 : 404, { 'content-type': 'text/plain' });
        res.end(upload ? `OK - ${raw.length}` : 'no such upload');
        return;
      }
      if (url.pathname.startsWith('/response/')) {
        calls.push({ method: 'response_url', args: { ...args, id: url.pathname.slice('/response/'.length) } });
        for (const w of waiters) w();
        const bad = refused('response_url', args);
        send(bad.length ? 400 : 200, bad.length ? { ok: false, error: 'invalid_blocks', errors: bad } : { ok: true });
        return;
      }
      const method = url.pathname.replace(/^\/api\//, '');
      const auth = req.headers.authorization;
      calls.push({ method, args, token: auth?.replace(/^Bearer /, '') ?? (args.token as string | undefined) });
      for (const w of waiters) w();
      const delay = delays.get(method);
      if (delay) {
        delays.delete(method);
        await new Promise((r) => setTimeout(r, delay));
      }
      const queue = failures.get(method);
      const failure = queue?.shift();
      if (failure) {
        if ('error' in failure) send(200, { ok: false, error: failure.error });
        else if (failure.status === 429) send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) });
        else send(500, { ok: false, error: 'internal_error' });
        return;
      }
      const bad = refused(method, args);
      if (bad.length > 0) { send(200, { ok: false, error: 'invalid_blocks', errors: bad }); return; }
      send(200, answer(method, args));
    })().catch((e: unknown) => { res.writeHead(500); res.end(String(e)); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    responseUrl: (id) => `http://127.0.0.1:${port}/response/${id}`,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    failNext(method, count, failure) {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < count; i++) queue.push(failure);
      failures.set(method, queue);
    },
    delayNext(method, ms) {
      delays.set(method, ms);
    },
    users,
    messages,
    files,
    uploads,
    waitFor(method, match = () => true, timeoutMs = 5000) {
      const find = () => calls.find((c) => c.method === method && match(c));
      return new Promise((resolve, reject) => {
        const found = find();
        if (found) { resolve(found); return; }
        const check = () => {
          const hit = find();
          if (hit) { cleanup(); resolve(hit); }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${method} call within ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(', ')}`));
        }, timeoutMs);
        const cleanup = () => { clearTimeout(timer); waiters.delete(check); };
        waiters.add(check);
      });
    },
    violations,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close(() => (violations.length > 0
        ? reject(new Error(`payloads Slack would refuse:\n${JSON.stringify(violations, null, 1)}`))
        : resolve()));
    }),
  };
}

// ---- signing, exactly as Slack does it ----

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
}

export interface SignedPostOptions {
  /** seconds since epoch; default now (the wall clock: Bolt checks against it) */
  timestamp?: number;
  signature?: string | null;
  contentType?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** POST a body to our endpoint the way Slack does, signed with the secret */
export async function postSigned(url: string, secret: string, body: string, opts: SignedPostOptions = {}): Promise<Response> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': opts.contentType ?? 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    ...opts.headers,
  };
  const signature = opts.signature === undefined ? slackSignature(secret, timestamp, body) : opts.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  return fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000) });
}

export function slashCommandBody(fields: { text: string; teamId?: string; userId?: string; channelId?: string; responseUrl: string; triggerId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: fields.teamId ?? 'T0001',
    team_domain: 'fake',
    ...(fields.enterpriseId ? { enterprise_id: fields.enterpriseId, is_enterprise_install: String(fields.isEnterpriseInstall ?? false) } : {}),
    channel_id: fields.channelId ?? 'C0001',
    channel_name: 'sales',
    user_id: fields.userId ?? 'U0001',
    user_name: 'alice',
    command: '/customer',
    text: fields.text,
    api_app_id: 'A0001',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `trigger-${Math.random().toString(36).slice(2)}`,
  }).toString();
}

export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function eventBody(event: Record<string, unknown>, fields: { teamId?: string; eventId: string }): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: fields.teamId ?? 'T0001',
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: fields.eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: fields.teamId ?? 'T0001', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    event,
  });
}
