// The open API client and what its answers mean. The SDK resolves a 200 with
// a non-zero `code` and throws an axios error on 429/5xx (platforms.md), and
// has no timeout of its own: both are dealt with here, once.
import { createHash } from 'node:crypto';
import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../src/logger.js';
import { DeliveryError } from '../../src/notify.js';

export const REQUEST_TIMEOUT_MS = 10_000;

// Codes documented for im/contact calls, by what the caller should do.
const RATE_LIMIT_CODES = new Set([99991400, 230020]);
const TRANSIENT_CODES = new Set([1, 99991661, 99991663, 99991668, 99991677, 1000040343]);

/** the SDK's own axios instance (its interceptors unwrap `data`), with a timeout on every call */
function timedHttpInstance(timeoutMs: number): lark.HttpInstance {
  // its response interceptor already unwraps the body, which its axios type does not say
  const base = lark.defaultHttpInstance as unknown as lark.HttpInstance;
  const withTimeout = <D>(opts?: lark.HttpRequestOptions<D>) => ({ timeout: timeoutMs, ...opts });
  return {
    request: (opts) => base.request(withTimeout(opts)),
    get: (url, opts) => base.get(url, withTimeout(opts)),
    delete: (url, opts) => base.delete(url, withTimeout(opts)),
    head: (url, opts) => base.head(url, withTimeout(opts)),
    options: (url, opts) => base.options(url, withTimeout(opts)),
    post: (url, data, opts) => base.post(url, data, withTimeout(opts)),
    put: (url, data, opts) => base.put(url, data, withTimeout(opts)),
    patch: (url, data, opts) => base.patch(url, data, withTimeout(opts)),
  };
}

/**
 * The SDK logs whole axios errors, whose config holds the Authorization
 * header: pass on messages only, so no token reaches the logs.
 */
export function sdkLogger(logger: Logger): lark.Logger {
  const say = (level: 'error' | 'warn' | 'info' | 'debug' | 'trace') => (...msg: unknown[]) => {
    const text = msg.map((m) => (m instanceof Error ? m.message
      : typeof m === 'object' && m !== null && 'message' in m ? String((m as { message: unknown }).message)
        : typeof m === 'string' ? m : JSON.stringify(m) ?? String(m))).join(' ');
    logger[level]({ sdk: 'feishu' }, text);
  };
  return { error: say('error'), warn: say('warn'), info: say('debug'), debug: say('trace'), trace: say('trace') };
}

/**
 * The SDK's own level follows ours (its info is our debug): at LOG_LEVEL=trace
 * it says everything, which the logger's redaction makes safe.
 */
export function sdkLevel(logger: Logger): lark.LoggerLevel {
  const ours = logger.level;
  if (ours === 'trace') return lark.LoggerLevel.trace;
  if (ours === 'debug') return lark.LoggerLevel.info;
  return lark.LoggerLevel.warn;
}

export function createClient(opts: { appId: string; appSecret: string; domain: string; logger: Logger; timeoutMs?: number }): lark.Client {
  return new lark.Client({
    appId: opts.appId,
    appSecret: opts.appSecret,
    domain: opts.domain,
    appType: lark.AppType.SelfBuild,
    // a cache of its own: the SDK's default one is shared by every client in the process
    cache: new lark.DefaultCache(),
    httpInstance: timedHttpInstance(opts.timeoutMs ?? REQUEST_TIMEOUT_MS),
    logger: sdkLogger(opts.logger),
    loggerLevel: sdkLevel(opts.logger),
  });
}

interface Answer { code?: number; msg?: string }

/** a DeliveryError for a 200 answer whose code is not 0 */
export function errorFromCode(what: string, answer: Answer): DeliveryError {
  const code = answer.code ?? -1;
  const message = `${what}: code ${code} ${answer.msg ?? ''}`.trim();
  if (RATE_LIMIT_CODES.has(code)) return new DeliveryError(message, 'rate-limited', 1000);
  if (TRANSIENT_CODES.has(code)) return new DeliveryError(message, 'transient');
  // the rest means the request itself cannot succeed: user or chat not found,
  // bot not in the chat, app not enabled, no permission, bad content
  return new DeliveryError(message, 'permanent');
}

interface HttpishError {
  code?: string;
  message?: string;
  response?: { status?: number; data?: Answer; headers?: Record<string, unknown> };
}

/** a DeliveryError for something the SDK threw (HTTP error status, timeout, network) */
export function errorFromThrown(what: string, e: unknown): DeliveryError {
  if (e instanceof DeliveryError) return e;
  const err = (typeof e === 'object' && e !== null ? e : {}) as HttpishError;
  const status = err.response?.status;
  const code = err.response?.data?.code;
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
    const reset = Number(err.response?.headers?.['x-ogw-ratelimit-reset']);
    const waitMs = Number.isFinite(reset) && reset >= 0 ? reset * 1000 : 1000;
    return new DeliveryError(`${what}: rate limited (HTTP ${status ?? '?'}, code ${code ?? '?'})`, 'rate-limited', waitMs);
  }
  if (status !== undefined && status >= 500) return new DeliveryError(`${what}: HTTP ${status}`, 'transient');
  if (status === undefined) {
    // no answer at all: a timeout or a broken connection
    return new DeliveryError(`${what}: ${err.code ?? err.message ?? 'no answer'}`, 'transient');
  }
  if (code !== undefined) return errorFromCode(`${what} (HTTP ${status})`, err.response?.data ?? {});
  return new DeliveryError(`${what}: HTTP ${status}`, 'permanent');
}

/**
 * What may go into a log line for an error. An axios error from the SDK holds
 * the request it made, whose raw header text carries the tenant access token
 * out of reach of key-based redaction: log it as the DeliveryError it means.
 */
export function loggable(e: unknown): unknown {
  const isHttpError = typeof e === 'object' && e !== null
    && ((e as { isAxiosError?: unknown }).isAxiosError === true || 'request' in e || 'config' in e);
  return isHttpError ? errorFromThrown('open API call', e) : e;
}

/** run one open API call; its data when code is 0, a DeliveryError otherwise */
export async function call<T extends Answer>(what: string, fn: () => Promise<T>): Promise<T> {
  let answer: T;
  try {
    answer = await fn();
  } catch (e) {
    throw errorFromThrown(what, e);
  }
  if (typeof answer !== 'object' || answer === null) throw new DeliveryError(`${what}: empty answer`, 'transient');
  if (answer.code !== 0 && answer.code !== undefined) throw errorFromCode(what, answer);
  return answer;
}

/** Feishu's request uuid is at most 50 characters: longer keys are hashed, stably */
export function requestUuid(key: string): string {
  if (key.length <= 50 && /^[\w.:-]+$/.test(key)) return key;
  return `h-${createHash('sha256').update(key).digest('base64url')}`;
}
