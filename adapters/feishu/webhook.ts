// POST /feishu/events: events and card callbacks on the service's one HTTP
// server. Security first (security.ts), then the SDK's EventDispatcher routes
// the plain body to the listeners; what a listener returns is the answer
// (a card callback's toast and card).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Clock } from '../../src/clock.js';
import type { Logger } from '../../src/logger.js';
import { BodyTooLarge, readBoundedBody } from '../shared/read-body.js';
import { closeAfterAnswer } from '../shared/request.js';
import { loggable } from './api.js';
import { verifyRequest, type SecurityOptions } from './security.js';

export const EVENTS_PATH = '/feishu/events';
const MAX_BODY_BYTES = 1024 * 1024;

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body ?? {});
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export interface WebhookDeps {
  dispatcher: lark.EventDispatcher;
  security: SecurityOptions;
  clock: Clock;
  logger: Logger;
}

export function createWebhook(deps: WebhookDeps) {
  const { dispatcher, security, clock, logger } = deps;
  return async function feishuWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== EVENTS_PATH) {
      send(res, 404, { error: 'not found' });
      return;
    }
    if (req.method !== 'POST') {
      send(res, 405, { error: 'method not allowed' });
      return;
    }
    let raw: string;
    try {
      raw = (await readBoundedBody(req, MAX_BODY_BYTES)).toString('utf8');
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        // answer, then drop the connection rather than read the rest
        closeAfterAnswer(req, res);
        send(res, 413, { error: 'body too large' });
        return;
      }
      send(res, 400, { error: 'unreadable body' });
      return;
    }
    const verdict = verifyRequest(raw, req.headers, security, clock.now());
    if (!verdict.ok) {
      // say why in the log, not to the caller
      logger.warn({ status: verdict.status, reason: verdict.reason }, 'feishu: webhook request refused');
      send(res, verdict.status, { error: 'refused' });
      return;
    }
    const body = verdict.body;
    if (body.type === 'url_verification') {
      send(res, 200, { challenge: body.challenge });
      return;
    }
    try {
      // checked above, on the raw bytes; the SDK would re-check a re-serialised copy
      const answer: unknown = await dispatcher.invoke(body, { needCheck: false });
      // the SDK answers an event nobody handles with a string: Feishu needs only the 200
      send(res, 200, typeof answer === 'object' && answer !== null ? answer : {});
    } catch (e) {
      logger.error({ err: loggable(e) }, 'feishu: webhook handler failed');
      send(res, 500, { error: 'internal error' });
    }
  };
}
