// The door of POST /slack/events, before Bolt: the body read once (bounded),
// the signature and its 5-minute window checked, the body's shape checked
// (a signed `null`, array or payload-less request gets a prompt 400, where
// Bolt would throw inside its receiver and never answer), and a replay of the
// very same signed command or interaction refused: Slack signatures carry no
// nonce, so the signature itself is claimed in the store (replicas share it).
// Bolt then takes the buffered request as it is (req.rawBody) without
// verifying it a second time.
import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Clock } from '../../src/clock.js';
import type { Store } from '../../src/store/ports.js';
import { BodyTooLarge, readBoundedBody } from '../shared/read-body.js';
import { closeAfterAnswer, header, isObject, isText, sameText } from '../shared/request.js';
import { claimOnce } from './context.js';
import type { Log } from './log.js';

/** Slack's replay window is 5 minutes each way */
const MAX_SKEW_S = 5 * 60;
/** Bolt's own limit */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** a signature is good for ±5 minutes around its timestamp: remember it a little longer */
const REPLAY_MEMORY_MS = 2 * MAX_SKEW_S * 1000 + 60_000;

const INTERACTION_TYPES = new Set([
  'block_actions', 'view_submission', 'view_closed', 'shortcut', 'message_action', 'block_suggestion',
  'interactive_message', 'dialog_submission', 'dialog_cancellation', 'dialog_suggestion', 'workflow_step_edit',
]);

interface GateDeps {
  signingSecret: string;
  store: Pick<Store, 'once'>;
  clock: Clock;
  logger: Log;
}

class Refusal extends Error {
  constructor(readonly status: number, reason: string) { super(reason); }
}

/** the body as Bolt will parse it: a form's `payload` JSON, the form itself, or JSON */
function parseSlackBody(text: string, form: ReturnType<typeof parseQuery> | undefined): unknown {
  if (form) {
    if (form.payload === undefined) return form;
    if (typeof form.payload !== 'string') throw new Refusal(400, 'more than one payload');
    try {
      return JSON.parse(form.payload) as unknown;
    } catch {
      throw new Refusal(400, 'payload is not JSON');
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Refusal(400, 'body is not JSON');
  }
}

type BodyKind = 'command' | 'interaction' | 'event' | 'url_verification';

/** what the body is, or a 400: only the shapes Slack sends, with the fields the listeners read */
function kindOf(body: unknown): BodyKind {
  if (!isObject(body)) throw new Refusal(400, 'body is not an object');
  if (body.type === 'url_verification') {
    if (!isText(body.challenge)) throw new Refusal(400, 'url_verification without a challenge');
    return 'url_verification';
  }
  if (body.type === 'event_callback') {
    if (!isObject(body.event) || !isText(body.event.type)) throw new Refusal(400, 'event_callback without an event');
    return 'event';
  }
  if (isText(body.command)) {
    if (!isText(body.user_id) || !(isText(body.team_id) || isText(body.enterprise_id))) throw new Refusal(400, 'command without user or team');
    return 'command';
  }
  if (isText(body.type) && INTERACTION_TYPES.has(body.type)) {
    if (!isObject(body.user) || !isText(body.user.id)) throw new Refusal(400, 'interaction without a user');
    if (!isObject(body.team) && !isObject(body.enterprise)) throw new Refusal(400, 'interaction without a team');
    return 'interaction';
  }
  throw new Refusal(400, 'not a Slack request');
}

/**
 * Slack's signature rules (as Bolt's verifySlackRequest): not older than 5
 * minutes, version v0, the hex HMAC-SHA256 of `v0:<timestamp>:<body>` with the
 * signing secret, compared in constant time. One HMAC and node's
 * timingSafeEqual: Bolt's check compares through tsscmp, which costs random
 * bytes and two more HMACs on every request.
 */
export function verifySignature(secret: string, signature: string, timestamp: number, body: string, nowMs: number): void {
  if (timestamp < Math.floor(nowMs / 1000) - MAX_SKEW_S) throw new Refusal(401, 'request timestamp is stale');
  const at = signature.indexOf('=');
  if (at < 0 || signature.slice(0, at) !== 'v0') throw new Refusal(401, 'unknown signature version');
  const ours = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  if (!sameText(signature.slice(at + 1), ours)) throw new Refusal(401, 'signature mismatch');
}

function answer(res: ServerResponse, status: number, body?: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Check one request. Resolves true when Bolt should take it (req.rawBody is
 * set), false when the gate has answered it.
 */
export function createGate(deps: GateDeps): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    try {
      let raw: Buffer;
      try {
        raw = await readBoundedBody(req, MAX_BODY_BYTES);
      } catch (error) {
        throw error instanceof BodyTooLarge ? new Refusal(413, 'body too large') : error;
      }
      const text = raw.toString('utf8');
      // a form as Bolt reads one (its exact content type), else JSON
      const form = header(req.headers, 'content-type') === 'application/x-www-form-urlencoded' ? parseQuery(text) : undefined;
      if (form?.ssl_check === '1') {
        // Slack's unsigned reachability check: answered here, nothing else in it is read
        answer(res, 200);
        return false;
      }
      const signature = header(req.headers, 'x-slack-signature');
      const timestamp = Number(header(req.headers, 'x-slack-request-timestamp'));
      const now = deps.clock.now().getTime();
      if (!signature || !Number.isFinite(timestamp)) throw new Refusal(401, 'missing signature headers');
      // verifySignature refuses the stale side of the window; a request dated ahead could be replayed until then
      if (timestamp - now / 1000 > MAX_SKEW_S) throw new Refusal(401, 'request timestamp too far ahead');
      verifySignature(deps.signingSecret, signature, timestamp, text, now);
      const kind = kindOf(parseSlackBody(text, form));
      if (kind === 'command' || kind === 'interaction') {
        // events are claimed by their event_id (listeners/events.ts), which Slack's own retries keep
        // the signature is an HMAC of timestamp and body: the same one means the same request
        const first = await claimOnce(deps, `slack:request:${signature}`, REPLAY_MEMORY_MS, new Date(now), 'slack: could not claim the request signature');
        if (!first) {
          deps.logger.warn({ kind }, 'slack: the same signed request came again; ignored');
          answer(res, 200);
          return false;
        }
      }
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
      return true;
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      // say why in the log, not to the caller
      deps.logger.warn({ status: error.status, reason: error.message }, 'slack: request refused');
      if (error.status === 413) closeAfterAnswer(req, res);
      answer(res, error.status, { error: 'refused' });
      return false;
    }
  };
}
