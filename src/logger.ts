// pino, JSON lines. Secrets never reach a log line (SPEC §6): every object and
// string logged goes through one redactor (src/redact.ts) first, with the
// configured secrets' values to blank wherever they appear; whatever an SDK
// throws (an axios error with its request, Slack's error with its data) is
// written as what explains it, never the request it made.
import pino from 'pino';
import type { Config } from './config.js';
import { createRedactor, type Redactor } from './redact.js';

export type Logger = pino.Logger;

/** the values in the configuration that must never be written */
export function secretsOf(config: Config): (string | undefined)[] {
  return [
    config.slack?.botToken, config.slack?.signingSecret, config.slack?.appToken,
    config.feishu?.appSecret, config.feishu?.encryptKey, config.feishu?.verificationToken,
    config.mongodbUri && /\/\/[^/@]*:([^@/]+)@/.exec(config.mongodbUri)?.[1],
  ];
}

/** pino's hook: each argument of a log call (merging object, message, format values) redacted */
function redactingHook(redactor: Redactor): pino.LoggerOptions['hooks'] {
  return {
    logMethod(args, method) {
      const safe = (args as unknown[]).map((a) => redactor.value(a));
      method.apply(this, safe as Parameters<typeof method>);
    },
  };
}

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
    hooks: redactingHook(createRedactor(secretsOf(config))),
    timestamp: pino.stdTimeFunctions.isoTime,
    // 'warn' reads better than 40 in a log search
    formatters: { level: (label) => ({ level: label }) },
  }, destination);
}
