// What may go into a log line (SPEC §6: no secret in any log line, whatever
// an SDK throws). One pass over everything logged, at the logger:
// - keys that name a secret (token, secret, authorization, cookie, password,
//   encrypt key, signature…) at any depth are censored;
// - an HTTP client's error (axios: config with headers and the request body,
//   request with its raw header text; Slack's web-api: original) keeps only
//   what explains it (message, code, status, the answer's data), never the
//   request it made: an auth call's body carries app_secret;
// - every string has the configured secrets' values, bearer credentials,
//   Slack and Feishu token shapes, `secret=`/`"token":"…"` pairs and URL
//   passwords blanked, so an SDK's message or a stringified object is safe too.

export const CENSOR = '[redacted]';

const SECRET_KEY = /token|secret|passw(or)?d|authori[sz]ation|cookie|encrypt_?key|signature|credential|api_?key|mongodburi/i;
/** parts of an object that hold a request it made (headers, body, socket) */
const REQUEST_KEYS = new Set(['_header', 'socket', 'agent', '_options', 'httpAgent', 'httpsAgent', 'outputData']);

const TEXT_PATTERNS: [RegExp, string][] = [
  // Authorization: Bearer xoxb-… / Bearer t-…
  [/\b(?:Bearer|Basic)\s+[\w.~+/=-]+/gi, CENSOR],
  // Slack tokens: bot, user, app-level, config, refresh
  [/\bxox[a-z]-[\w-]+/gi, CENSOR],
  [/\bxapp-[\w-]+/gi, CENSOR],
  // Feishu tenant / app / user access tokens (t-…, a-…, u-…)
  [/\b[tau]-[A-Za-z0-9_]{20,}/g, CENSOR],
  // "app_secret":"…", token=…, client_secret: … (JSON, query strings, form bodies, messages)
  [/([\w-]*(?:token|secret|password|passwd|encrypt_?key|signature)(?:\\*")?\s*[:=]\s*(?:\\*")?)([^"\\&,;\s}]+)/gi, `$1${CENSOR}`],
  // scheme://user:password@host
  [/(\/\/[^/\s:@]+:)[^@\s/]+@/g, `$1${CENSOR}@`],
];

const MAX_DEPTH = 6;
const MAX_ITEMS = 50;

export interface Redactor {
  /** a string with every secret blanked */
  text(s: string): string;
  /** a copy of a logged value that is safe to write */
  value(v: unknown): unknown;
}

/** `secrets`: the configured values (tokens, signing secret, app secret, encrypt key…), blanked wherever they appear */
export function createRedactor(secrets: readonly (string | undefined)[] = []): Redactor {
  // short values would blank ordinary words; the configured secrets are long
  const known = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6))]
    .sort((a, b) => b.length - a.length);

  function text(s: string): string {
    let out = s;
    for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(CENSOR);
    for (const [pattern, replacement] of TEXT_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  function errorOf(e: Error & Record<string, unknown>, depth: number, seen: Set<object>): Record<string, unknown> {
    const out: Record<string, unknown> = { type: e.name, message: text(String(e.message)) };
    if (typeof e.stack === 'string') out.stack = text(e.stack);
    for (const key of ['code', 'status', 'statusCode', 'kind', 'errorId']) {
      if (e[key] !== undefined) out[key] = walk(e[key], depth + 1, seen);
    }
    // Slack's web-api error: data is Slack's answer ({ ok, error })
    if (e.data !== undefined) out.data = walk(e.data, depth + 1, seen);
    // axios: the answer's status and body, never the request
    const response = e.response as { status?: unknown; data?: unknown } | undefined;
    if (response && typeof response === 'object') out.response = walk({ status: response.status, data: response.data }, depth + 1, seen);
    if (e.cause !== undefined) out.cause = walk(e.cause, depth + 1, seen);
    return out;
  }

  function walk(v: unknown, depth: number, seen: Set<object>): unknown {
    if (typeof v === 'string') return text(v);
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) return '[circular]';
    if (depth > MAX_DEPTH) return '[…]';
    if (Buffer.isBuffer(v) || ArrayBuffer.isView(v)) return `[${v.byteLength} bytes]`;
    if (v instanceof Date) return v;
    seen.add(v);
    try {
      if (v instanceof Error) return errorOf(v as Error & Record<string, unknown>, depth, seen);
      if (Array.isArray(v)) return v.slice(0, MAX_ITEMS).map((x) => walk(x, depth + 1, seen));
      if (v instanceof Map) return walk(Object.fromEntries([...v.entries()].slice(0, MAX_ITEMS)), depth, seen);
      // an HTTP client's error that is not an Error, or a request/response object: what explains it only
      const proto = Object.getPrototypeOf(v) as object | null;
      if ((v as { isAxiosError?: unknown }).isAxiosError === true) return errorOf(v as Error & Record<string, unknown>, depth, seen);
      if (proto !== null && proto !== Object.prototype) return `[${(v.constructor as { name?: string } | undefined)?.name ?? 'object'}]`;
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(v)) {
        if (REQUEST_KEYS.has(key)) continue;
        out[key] = SECRET_KEY.test(key) && value !== undefined && value !== null && value !== '' ? CENSOR : walk(value, depth + 1, seen);
      }
      return out;
    } finally {
      seen.delete(v);
    }
  }

  return { text, value: (v) => walk(v, 0, new Set()) };
}
