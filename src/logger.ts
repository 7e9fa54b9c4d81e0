// pino, JSON lines. Secrets never reach a log line (SPEC §6): redaction by
// key name at any of the first few levels, so a logged config, request or
// SDK error is safe too.
import pino from 'pino';
import type { Config } from './config.js';

export type Logger = pino.Logger;

const SECRET_KEYS = [
  'token', 'botToken', 'appToken', 'verificationToken', 'accessToken', 'tenant_access_token', 'app_access_token',
  'secret', 'appSecret', 'app_secret', 'signingSecret', 'clientSecret', 'encryptKey', 'encrypt_key',
  'password', 'passwd', 'authorization', 'Authorization', 'cookie', 'mongodbUri',
];

/** every secret key at depth 0–3 (pino's redaction has no "any depth" wildcard) */
export const REDACT_PATHS: string[] = SECRET_KEYS.flatMap((key) => [
  key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`,
]);

export interface LoggerOptions {
  /**
   * The console chat owns stdout: logs go to stderr, and at warn unless
   * LOG_LEVEL was given, so the conversation stays readable.
   */
  consoleMode?: boolean;
  /** where the JSON lines go (tests capture them) */
  destination?: pino.DestinationStream;
}

export function createLogger(config: Config, options: LoggerOptions = {}): Logger {
  const consoleMode = options.consoleMode ?? !config.platformMode;
  const level = consoleMode && !config.logLevelExplicit ? 'warn' : config.logLevel;
  const destination = options.destination ?? pino.destination({ fd: consoleMode ? 2 : 1, sync: consoleMode });
  return pino({
    level,
    base: { service: 'chat-crm' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // 'warn' reads better than 40 in a log search
    formatters: { level: (label) => ({ level: label }) },
  }, destination);
}
