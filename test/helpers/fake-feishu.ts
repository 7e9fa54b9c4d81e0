// A small fake of the Feishu open API on 127.0.0.1 that the real SDK talks to
// (FEISHU_DOMAIN), and builders of webhook requests exactly as Feishu sends
// them: plain, or AES-256-CBC encrypted and signed. It records every call,
// dedupes send uuids within an hour like Feishu, and can answer rate limits
// or server errors for the next N calls.
import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateFeishuCard } from './feishu-rules.js';

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | undefined;
  status: number;
}

export interface SentMessage {
  messageId: string;
  kind: 'create' | 'reply';
  /** create: open_id or chat_id; reply: the message replied to */
  receiveIdType?: string;
  receiveId?: string;
  replyTo?: string;
  msgType: string;
  /** content parsed from its JSON string */
  content: Record<string, unknown>;
  uuid?: string;
}

export type Failure =
  | { status: 429; reset?: number }
  | { status: 500 | 502 | 503 }
  | { code: number; msg?: string };

export interface FakeUser { name: string; time_zone?: string }

export interface FakeFeishu {
  url: string;
  botOpenId: string;
  calls: RecordedCall[];
  messages: SentMessage[];
  patches: { messageId: string; content: Record<string, unknown> }[];
  users: Map<string, FakeUser>;
  /** files people sent, by file key (im.v1.messageResource.get serves them) */
  resources: Map<string, Buffer>;
  /** files the bot uploaded (im.v1.file.create), by the file key it was given */
  uploads: Map<string, { name: string; content: string; bytes: Buffer }>;
  /** open ids the bot cannot reach (answers code 230013) */
  unreachable: Set<string>;
  /** the long connection's socket URL that /callback/ws/endpoint hands out (unset: "system busy") */
  longConnectionUrl?: string;
  /**
   * cards that broke the card 2.0 rules (test/helpers/feishu-rules.ts): the call was answered
   * with Feishu's card error (230099) and close() fails the test
   */
  violations: { path: string; violations: string[] }[];
  /** answer the next `count` im/contact calls with this failure */
  failNext(count: number, failure: Failure): void;
  callsTo(pathPart: string): RecordedCall[];
  close(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/** the raw bytes of one field of a multipart body */
function multipartField(body: Buffer, contentType: string, name: string): Buffer | undefined {
  const boundary = /boundary="?([^";]+)"?/u.exec(contentType)?.[1];
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  for (let at = body.indexOf(delimiter); at >= 0;) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(at + delimiter.length + 2, next - 2);
    const headEnd = part.indexOf('\r\n\r\n');
    if (headEnd >= 0 && part.subarray(0, headEnd).toString('utf8').includes(`name="${name}"`)) return Buffer.from(part.subarray(headEnd + 4));
    at = next;
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startFakeFeishu(opts: { botOpenId?: string } = {}): Promise<FakeFeishu> {
  const calls: RecordedCall[] = [];
  const messages: SentMessage[] = [];
  const patches: FakeFeishu['patches'] = [];
  const users = new Map<string, FakeUser>();
  const unreachable = new Set<string>();
  const resources = new Map<string, Buffer>();
  const uploads = new Map<string, { name: string; content: string; bytes: Buffer }>();
  const failures: Failure[] = [];
  const uuids = new Map<string, { messageId: string; at: number }>();
  const botOpenId = opts.botOpenId ?? 'ou_bot000000000000000000000000000';
  let seq = 0;

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
    return status;
  }

  function deliver(msg: Omit<SentMessage, 'messageId'>): string {
    if (msg.uuid) {
      const seen = uuids.get(msg.uuid);
      if (seen && Date.now() - seen.at < HOUR_MS) return seen.messageId;
    }
    const messageId = `om_${(++seq).toString(16).padStart(8, '0')}`;
    messages.push({ ...msg, messageId });
    if (msg.uuid) uuids.set(msg.uuid, { messageId, at: Date.now() });
    return messageId;
  }

  const violations: FakeFeishu['violations'] = [];
  /** a card Feishu would refuse, answered as Feishu answers it; undefined when it is fine */
  function refuse(res: ServerResponse, path: string, msgType: unknown, content: Record<string, unknown>): number | undefined {
    if (msgType !== 'interactive') return undefined;
    const found = validateFeishuCard(content);
    if (found.length === 0) return undefined;
    violations.push({ path, violations: found });
    return send(res, 200, { code: 230099, msg: `Failed to create card content, ext=${found.join('; ')}` });
  }

  function parseContent(raw: unknown): Record<string, unknown> {
    try {
      return JSON.parse(String(raw)) as Record<string, unknown>;
    } catch {
      return { unparsable: String(raw) };
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, body: Record<string, unknown> | undefined, rawBody: Buffer): Promise<number> {
    const path = url.pathname;
    if (path === '/open-apis/auth/v3/tenant_access_token/internal' && req.method === 'POST') {
      return send(res, 200, { code: 0, msg: 'ok', tenant_access_token: `t-${randomUUID()}`, expire: 7200 });
    }
    if (path === '/callback/ws/endpoint' && req.method === 'POST') {
      if (!fake.longConnectionUrl) return send(res, 200, { code: 1, msg: 'system busy', data: {} });
      return send(res, 200, {
        code: 0, msg: 'ok',
        data: { URL: fake.longConnectionUrl, ClientConfig: { PingInterval: 120, ReconnectCount: 1, ReconnectInterval: 1, ReconnectNonce: 0 } },
      });
    }
    if (!/^Bearer t-/.test(String(req.headers.authorization ?? ''))) {
      return send(res, 400, { code: 99991661, msg: 'Missing access token for authorization.' });
    }
    const failure = failures.shift();
    if (failure) {
      if ('status' in failure && failure.status === 429) {
        return send(res, 429, { code: 99991400, msg: 'request trigger frequency limit' },
          { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': String(failure.reset ?? 1) });
      }
      if ('status' in failure) return send(res, failure.status, { code: 1, msg: 'internal error' });
      return send(res, 200, { code: failure.code, msg: failure.msg ?? 'failed' });
    }
    if (path === '/open-apis/bot/v3/info' && req.method === 'GET') {
      return send(res, 200, { code: 0, msg: 'ok', bot: { open_id: botOpenId, app_name: 'chat-crm', activate_status: 2 } });
    }
    const user = /^\/open-apis\/contact\/v3\/users\/([^/]+)$/.exec(path);
    if (user && req.method === 'GET') {
      const found = users.get(decodeURIComponent(user[1]!));
      if (!found) return send(res, 200, { code: 41050, msg: 'no user authority error' });
      return send(res, 200, { code: 0, msg: 'success', data: { user: { open_id: user[1], ...found } } });
    }
    if (path === '/open-apis/im/v1/messages' && req.method === 'POST') {
      const receiveIdType = url.searchParams.get('receive_id_type') ?? '';
      const receiveId = String(body?.receive_id ?? '');
      if (!['open_id', 'chat_id', 'user_id', 'union_id', 'email'].includes(receiveIdType)) {
        return send(res, 400, { code: 99992402, msg: 'field validation failed' });
      }
      if (unreachable.has(receiveId)) return send(res, 200, { code: 230013, msg: 'Bot has NO availability to this user.' });
      const bad = refuse(res, path, body?.msg_type, parseContent(body?.content));
      if (bad !== undefined) return bad;
      const messageId = deliver({
        kind: 'create', receiveIdType, receiveId, msgType: String(body?.msg_type),
        content: parseContent(body?.content), uuid: typeof body?.uuid === 'string' ? body.uuid : undefined,
      });
      return send(res, 200, { code: 0, msg: 'success', data: { message_id: messageId, chat_id: 'oc_fake', msg_type: body?.msg_type } });
    }
    const reply = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(path);
    if (reply && req.method === 'POST') {
      const bad = refuse(res, path, body?.msg_type, parseContent(body?.content));
      if (bad !== undefined) return bad;
      const messageId = deliver({
        kind: 'reply', replyTo: reply[1], msgType: String(body?.msg_type),
        content: parseContent(body?.content), uuid: typeof body?.uuid === 'string' ? body.uuid : undefined,
      });
      return send(res, 200, { code: 0, msg: 'success', data: { message_id: messageId } });
    }
    const patch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(path);
    if (patch && req.method === 'PATCH') {
      // a patch carries a card: the same rules hold
      const bad = refuse(res, path, 'interactive', parseContent(body?.content));
      if (bad !== undefined) return bad;
      patches.push({ messageId: patch[1]!, content: parseContent(body?.content) });
      return send(res, 200, { code: 0, msg: 'success', data: {} });
    }
    const resource = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(path);
    if (resource && req.method === 'GET') {
      const bytes = resources.get(decodeURIComponent(resource[2]!));
      if (!bytes || url.searchParams.get('type') !== 'file') return send(res, 400, { code: 234003, msg: 'File not in msg.' });
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(bytes);
      return 200;
    }
    if (path === '/open-apis/im/v1/files' && req.method === 'POST') {
      const form = await new Response(rawBody, { headers: { 'content-type': String(req.headers['content-type'] ?? '') } }).formData();
      const file = form.get('file');
      const fileKey = `file_v3_${(++seq).toString(16)}`;
      // Blob.text() would drop the BOM the export starts with
      // a part sent without a filename comes out of formData() as a string: take its bytes from the body
      const bytes = file && typeof file !== 'string' ? Buffer.from(await file.arrayBuffer())
        : multipartField(rawBody, String(req.headers['content-type'] ?? ''), 'file') ?? Buffer.from(String(file ?? ''), 'utf8');
      uploads.set(fileKey, { name: String(form.get('file_name') ?? ''), content: bytes.toString('utf8'), bytes });
      return send(res, 200, { code: 0, msg: 'success', data: { file_key: fileKey } });
    }
    return send(res, 404, { code: 404, msg: `fake feishu does not serve ${req.method} ${path}` });
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // an uploaded file is bytes (an .xlsx is no text); the API's JSON is read as text
      const bytes = await readBody(req);
      const raw = bytes.toString('utf8');
      let body: Record<string, unknown> | undefined;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
      } catch {
        body = { unparsable: raw };
      }
      const status = await route(req, res, url, body, bytes);
      calls.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), body, status });
    })().catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeFeishu = {
    url: `http://127.0.0.1:${port}`,
    botOpenId,
    calls,
    messages,
    patches,
    users,
    resources,
    uploads,
    unreachable,
    violations,
    failNext(count, failure) {
      for (let i = 0; i < count; i++) failures.push(failure);
    },
    callsTo(pathPart) {
      return calls.filter((c) => c.path.includes(pathPart));
    },
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close(() => (violations.length > 0
        ? reject(new Error(`cards Feishu would refuse:\n${JSON.stringify(violations, null, 1)}`))
        : resolve()));
    }),
  };
  return fake;
}

// ---- requests as Feishu sends them --------------------------------------

export function encrypt(plain: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export interface WebhookRequest { body: string; headers: Record<string, string> }

/**
 * A webhook request: with an encrypt key the body becomes { encrypt } and is
 * signed (hex SHA-256 of timestamp + nonce + key + body), as Feishu does.
 */
export function feishuRequest(payload: object, opts: { encryptKey?: string; timestampSec?: number; nonce?: string; signWith?: string } = {}): WebhookRequest {
  const timestamp = String(opts.timestampSec ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? randomBytes(8).toString('hex');
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
  };
  if (!opts.encryptKey) return { body: JSON.stringify(payload), headers };
  const body = JSON.stringify({ encrypt: encrypt(JSON.stringify(payload), opts.encryptKey) });
  const signKey = opts.signWith ?? opts.encryptKey;
  headers['x-lark-signature'] = createHash('sha256').update(timestamp + nonce + signKey + body).digest('hex');
  return { body, headers };
}

export function urlVerification(token: string, challenge: string = randomUUID()): object {
  return { challenge, token, type: 'url_verification' };
}

function envelope(eventType: string, tenantKey: string, token: string, event: object, eventId: string = randomUUID()): object {
  return {
    schema: '2.0',
    header: { event_id: eventId, token, create_time: String(Date.now()), event_type: eventType, tenant_key: tenantKey, app_id: 'cli_0123456789abcdef' },
    event,
  };
}

export interface MessageEventInput {
  tenantKey: string;
  token: string;
  openId: string;
  text: string;
  chatType?: 'p2p' | 'group';
  chatId?: string;
  messageId?: string;
  eventId?: string;
  /** people mentioned, in order: @_user_1, @_user_2, … as placeholders in `text` */
  mentions?: { openId: string; name: string }[];
  messageType?: string;
  /** the message content as sent (a file message: { file_key, file_name }) */
  content?: Record<string, unknown>;
  senderType?: 'user' | 'app';
}

/** im.message.receive_v1 as Feishu delivers it */
export function messageEvent(m: MessageEventInput): object {
  return envelope('im.message.receive_v1', m.tenantKey, m.token, {
    sender: { sender_id: { open_id: m.openId, union_id: `on_${m.openId}`, user_id: null }, sender_type: m.senderType ?? 'user', tenant_key: m.tenantKey },
    message: {
      message_id: m.messageId ?? `om_in_${randomUUID().slice(0, 8)}`,
      create_time: String(Date.now()),
      chat_id: m.chatId ?? `oc_${m.chatType === 'group' ? 'group' : 'p2p'}_${m.openId}`,
      chat_type: m.chatType ?? 'p2p',
      message_type: m.messageType ?? 'text',
      content: JSON.stringify(m.content ?? (m.messageType && m.messageType !== 'text' ? { image_key: 'img_x' } : { text: m.text })),
      mentions: (m.mentions ?? []).map((p, i) => ({
        key: `@_user_${i + 1}`, id: { open_id: p.openId, union_id: `on_${p.openId}`, user_id: null }, name: p.name, tenant_key: m.tenantKey,
      })),
    },
  }, m.eventId);
}

export interface CardActionInput {
  tenantKey: string;
  token: string;
  openId: string;
  value: unknown;
  formValue?: Record<string, unknown>;
  messageId?: string;
  chatId?: string;
  eventId?: string;
}

/** card.action.trigger (card JSON 2.0 callback) as Feishu delivers it */
export function cardActionEvent(c: CardActionInput): object {
  return envelope('card.action.trigger', c.tenantKey, c.token, {
    operator: { tenant_key: c.tenantKey, open_id: c.openId, union_id: `on_${c.openId}` },
    token: `c-${randomUUID()}`,
    action: {
      value: c.value,
      tag: c.formValue ? 'button' : 'button',
      ...(c.formValue ? { form_value: c.formValue, name: 'submit' } : {}),
      timezone: 'Asia/Shanghai',
    },
    host: 'im_message',
    context: { open_message_id: c.messageId ?? 'om_card', open_chat_id: c.chatId ?? 'oc_chat' },
  }, c.eventId);
}

/** POST a webhook request to the app, bounded */
export async function postWebhook(url: string, req: WebhookRequest): Promise<{ status: number; text: string; json: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: req.headers, body: req.body, signal: AbortSignal.timeout(8000) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

/** poll until `check` gives a value, bounded (no timing is asserted) */
export async function eventually<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
