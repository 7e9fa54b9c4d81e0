// The only reader of the environment (STYLE.md rule 2). Everything is checked
// at start, and every problem is reported at once: an operator fixing a
// deployment should not have to restart ten times to find ten mistakes.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import type { Lang } from './domain/types.js';

export type Env = Record<string, string | undefined>;
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  /** Socket Mode when set */
  appToken?: string;
  /** Web API base URL (tests point it at a fake) */
  apiUrl?: string;
}

export interface FeishuConfig {
  appId: string;
  appSecret: string;
  verificationToken?: string;
  encryptKey?: string;
  /** base URL of the open platform */
  domain: string;
  mode: 'ws' | 'webhook';
}

export interface Config {
  nodeEnv: string;
  logLevel: LogLevel;
  /** LOG_LEVEL was given: the console chat then keeps it instead of quieting logs to warn */
  logLevelExplicit: boolean;
  port: number;
  /** 'memory' is only ever an explicit choice: it lets a platform run without a durable store */
  store: 'auto' | 'memory' | 'mongo';
  mongodbUri?: string;
  dataDir: string;
  embeddedMongoTimeoutMs: number;
  consoleUser: string;
  consoleTenant: string;
  adminUsers: string[];
  defaultTimeZone: string;
  defaultLang: Lang;
  slack?: SlackConfig;
  feishu?: FeishuConfig;
  /** a chat platform is configured: no console chat, and a durable store is required */
  platformMode: boolean;
  scheduler: boolean;
  /** HH:MM */
  digestTime: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n`
      + problems.map((p) => `  - ${p}`).join('\n'));
    this.name = 'ConfigError';
  }
}

const FEISHU_DOMAINS: Record<string, string> = {
  feishu: 'https://open.feishu.cn',
  lark: 'https://open.larksuite.com',
};

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const optional = z.string().optional();
const intIn = (min: number, max: number, def: number, expected: string) =>
  z.string().default(String(def)).refine((v) => /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max, expected)
    .transform(Number);

// Each message says what is expected; the variable name and the bad value are added by format().
const schema = z.object({
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    'expected one of fatal, error, warn, info, debug, trace, silent').optional(),
  PORT: intIn(0, 65535, 3000, 'expected a port number 0–65535 (0 picks a free port)'),
  STORE: z.enum(['auto', 'memory', 'mongo'], 'expected auto, memory or mongo').default('auto'),
  MONGODB_URI: z.string().refine((v) => /^mongodb(\+srv)?:\/\/\S+$/.test(v),
    'expected a MongoDB connection string such as mongodb://localhost:27017/chat-crm').optional(),
  DATA_DIR: z.string().default('./data'),
  EMBEDDED_MONGO_TIMEOUT_MS: intIn(100, 600_000, 8000, 'expected milliseconds between 100 and 600000'),
  CONSOLE_USER: z.string().regex(/^[\w.@-]{1,64}$/, 'expected a name of letters, digits, . _ @ - (at most 64)').default('console'),
  CONSOLE_TENANT: z.string().regex(/^[\w.@-]{1,64}$/, 'expected a name of letters, digits, . _ @ - (at most 64)').default('console'),
  ADMIN_USERS: z.string().default('').transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .refine((ids) => ids.every((id) => /^[\w.@-]{1,64}$/.test(id)),
      'expected comma-separated platform user ids (Slack U…, Feishu ou_…)'),
  DEFAULT_TIME_ZONE: z.string().default('Asia/Shanghai')
    .refine(isTimeZone, 'expected an IANA time zone such as Asia/Shanghai or Europe/Berlin'),
  DEFAULT_LANG: z.enum(['zh', 'en'], 'expected zh or en').default('zh'),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-').optional(),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'expected an app-level token starting with xapp- (Socket Mode)').optional(),
  SLACK_API_URL: z.string().refine(isUrl, 'expected an http(s) URL such as https://slack.com/api/').optional(),
  FEISHU_APP_ID: z.string().regex(/^cli_[0-9a-f]{16}$/,
    'expected cli_ followed by 16 hex digits (as shown in the Feishu developer console); any other id never connects').optional(),
  FEISHU_APP_SECRET: optional,
  FEISHU_VERIFICATION_TOKEN: optional,
  FEISHU_ENCRYPT_KEY: optional,
  FEISHU_DOMAIN: z.string().default('feishu')
    .refine((v) => v in FEISHU_DOMAINS || isUrl(v), 'expected feishu, lark or an http(s) URL')
    .transform((v) => (FEISHU_DOMAINS[v] ?? v).replace(/\/+$/, '')),
  FEISHU_MODE: z.enum(['ws', 'webhook'], 'expected ws (long connection) or webhook').default('ws'),
  SCHEDULER: z.enum(['on', 'off'], 'expected on or off').default('on'),
  DIGEST_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM on a 24-hour clock, e.g. 09:00').default('09:00'),
});

/** every variable the service reads (README and .env.example document each one) */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

/** process.env over .env (from the working directory): real environment variables always win */
export function readEnvironment(cwd = process.cwd()): Env {
  const file = resolve(cwd, '.env');
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...process.env };
}

export function loadConfig(env: Env = readEnvironment()): Config {
  // An empty value (KEY= in a copied .env.example) means "not set".
  const input: Env = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key]?.trim();
    if (value) input[key] = value;
  }

  const problems: string[] = [];
  const result = schema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? '?');
      const value = input[name];
      const shown = value === undefined ? '' : ` (got "${isSecret(name) ? '***' : value}")`;
      problems.push(`${name}: ${issue.message}${shown}`);
    }
  }
  // Cross-variable rules look at what is present, so they are reported alongside bad values.
  problems.push(...crossChecks(input));
  if (!result.success || problems.length > 0) throw new ConfigError(problems);

  const e = result.data;
  const slack = e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
    ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL }
    : undefined;
  const feishu = e.FEISHU_APP_ID && e.FEISHU_APP_SECRET
    ? {
      appId: e.FEISHU_APP_ID,
      appSecret: e.FEISHU_APP_SECRET,
      verificationToken: e.FEISHU_VERIFICATION_TOKEN,
      encryptKey: e.FEISHU_ENCRYPT_KEY,
      domain: e.FEISHU_DOMAIN,
      mode: e.FEISHU_MODE,
    }
    : undefined;

  return {
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL ?? 'info',
    logLevelExplicit: e.LOG_LEVEL !== undefined,
    port: e.PORT,
    store: e.STORE,
    mongodbUri: e.MONGODB_URI,
    dataDir: e.DATA_DIR,
    embeddedMongoTimeoutMs: e.EMBEDDED_MONGO_TIMEOUT_MS,
    consoleUser: e.CONSOLE_USER,
    consoleTenant: e.CONSOLE_TENANT,
    adminUsers: e.ADMIN_USERS,
    defaultTimeZone: e.DEFAULT_TIME_ZONE,
    defaultLang: e.DEFAULT_LANG,
    slack,
    feishu,
    platformMode: Boolean(slack || feishu),
    scheduler: e.SCHEDULER === 'on',
    digestTime: e.DIGEST_TIME,
  };
}

function isSecret(name: string): boolean {
  return /TOKEN|SECRET|KEY|URI/.test(name);
}

// A half-configured platform would silently stay off: say which piece is missing instead.
function crossChecks(env: Env): string[] {
  const problems: string[] = [];
  const has = (name: string) => env[name] !== undefined;
  if (has('SLACK_BOT_TOKEN') !== has('SLACK_SIGNING_SECRET')) {
    problems.push(has('SLACK_BOT_TOKEN')
      ? 'SLACK_SIGNING_SECRET: missing; SLACK_BOT_TOKEN is set, so Slack needs the signing secret too'
      : 'SLACK_BOT_TOKEN: missing; SLACK_SIGNING_SECRET is set, so Slack needs the bot token (xoxb-…) too');
  } else if (!has('SLACK_BOT_TOKEN') && has('SLACK_APP_TOKEN')) {
    problems.push('SLACK_BOT_TOKEN: missing; SLACK_APP_TOKEN is set, so Slack needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET too');
  }
  if (has('FEISHU_APP_ID') !== has('FEISHU_APP_SECRET')) {
    problems.push(has('FEISHU_APP_ID')
      ? 'FEISHU_APP_SECRET: missing; FEISHU_APP_ID is set, so Feishu needs the app secret too'
      : 'FEISHU_APP_ID: missing; FEISHU_APP_SECRET is set, so Feishu needs the app id (cli_…) too');
  }
  if (has('FEISHU_APP_ID') && env.FEISHU_MODE === 'webhook'
    && !has('FEISHU_VERIFICATION_TOKEN') && !has('FEISHU_ENCRYPT_KEY')) {
    problems.push('FEISHU_VERIFICATION_TOKEN: missing; FEISHU_MODE=webhook needs it (or FEISHU_ENCRYPT_KEY) to verify incoming events');
  }
  if (env.STORE === 'mongo' && !has('MONGODB_URI')) {
    problems.push('MONGODB_URI: missing; STORE=mongo needs a MongoDB connection string');
  }
  return problems;
}

/** DIGEST_TIME and DEFAULT_TIME_ZONE: where every tenant starts until its admins choose */
export function settingsDefaultsOf(config: Pick<Config, 'digestTime' | 'defaultTimeZone'>) {
  return { digestTime: config.digestTime, timeZone: config.defaultTimeZone };
}
