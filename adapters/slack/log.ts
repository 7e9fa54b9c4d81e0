// The slice of a pino logger the adapter uses, and its translation into the
// @slack/logger interface Bolt expects, so Bolt's own messages land in our logs.
import type { Logger as BoltLogger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';

export interface Log {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export function boltLogger(log: Log): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  const text = (msgs: unknown[]) => msgs.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    debug: (...msgs) => log.debug({ source: 'bolt' }, text(msgs)),
    info: (...msgs) => log.info({ source: 'bolt' }, text(msgs)),
    warn: (...msgs) => log.warn({ source: 'bolt' }, text(msgs)),
    error: (...msgs) => log.error({ source: 'bolt' }, text(msgs)),
    setLevel: (l) => { level = l; },
    getLevel: () => level,
    setName: () => undefined,
  };
}
