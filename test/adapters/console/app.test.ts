// The app as a person meets it without platform credentials: `npm start`
// with piped input, and the HTTP shell beside the chat.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { consoleCaller, createApp, StartupError } from '../../../src/main.js';
import { createMemoryStore } from '../../../src/store/memory/memory-store.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

const main = fileURLToPath(new URL('../../../src/main.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** `npm start` as a script runs it: our main.ts under tsx, in an empty folder (no .env), bounded */
function start(env: Record<string, string>, onStdout?: (all: string, child: ReturnType<typeof spawn>) => void) {
  const child = spawn(process.execPath, ['--import', tsx, main], {
    cwd: mkdtempSync(join(tmpdir(), 'crm-console-')),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', STORE: 'memory', PORT: '0', SCHEDULER: 'off', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
    onStdout?.(stdout, child);
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => {
    clearTimeout(timer);
    resolve({ code, signal, stdout, stderr });
  }));
  return { child, done };
}

function today(zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now());
  return parts.replaceAll('-', '');
}

// a spawned tsx process needs a few seconds on a busy 2-core machine
describe('npm start with piped input', { timeout: 60_000 }, () => {
  it('answers every line in the language of the command and exits 0 at the end of input', async () => {
    const { child, done } = start({});
    child.stdin?.end([
      '客户 新建 杭州云栈科技有限公司 --industry internet',
      'customer new "Acme Trading" --industry retail',
      '1',
      '客户 统计',
      'help',
      '',
    ].join('\n'));
    const run = await done;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const day = today('Asia/Shanghai');
    const out = run.stdout;
    expect(out).toContain('客户> 客户 新建 杭州云栈科技有限公司 --industry internet');
    expect(out).toContain(`C${day}001`);
    expect(out).toContain(`C${day}002`);
    expect(out).toMatch(/所属行业: +internet/);
    // "1" pressed the first button of the last card (Log follow-up): a form, shown with its command line
    expect(out).toMatch(/客户> 1\n📝 /);
    expect(out).toContain(`customer log C${day}002`);
    // stats: a text bar chart with the counts
    expect(out).toMatch(/潜在客户 │█+ 2/);
    expect(out).toContain('（已发到频道，团队可见）');
    expect(out).toMatch(/客户> help\n[\s\S]*\bnew\b/);
  });

  it('stops gracefully on SIGTERM while waiting for input', async () => {
    let signalled = false;
    const { child, done } = start({}, (all, proc) => {
      if (!signalled && all.includes('还没有客户')) {
        signalled = true;
        proc.kill('SIGTERM');
      }
    });
    child.stdin?.write('客户 统计\n');
    const run = await done;
    expect(signalled).toBe(true);
    expect(run.code).toBe(0);
    child.stdin?.destroy();
  });

  it('refuses a bad configuration with one message naming every problem, exit 1', async () => {
    const { child, done } = start({ PORT: 'x', DEFAULT_TIME_ZONE: 'Mars/Olympus', FEISHU_APP_ID: 'cli_123' });
    child.stdin?.end();
    const run = await done;
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Invalid configuration \(4 problems\):/);
    for (const name of ['PORT', 'DEFAULT_TIME_ZONE', 'FEISHU_APP_ID', 'FEISHU_APP_SECRET']) expect(run.stderr).toContain(`- ${name}:`);
  });
});

describe('the service shell', () => {
  let running: TestApp | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('answers /healthz with the store engine, 404 for unknown paths, and survives a failing handler', async () => {
    running = await startTestApp({ LOG_LEVEL: 'silent' });
    const { app, baseUrl } = running;
    const health = await fetch(`${baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'memory', durable: false, uptimeS: expect.any(Number) });

    const missing = await fetch(`${baseUrl}/nothing/here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not found', path: '/nothing/here' });

    app.http.mount('/boom', () => {
      throw new Error('handler bug');
    });
    app.http.mount('/hello', (_req, res) => {
      res.end('hi');
    });
    expect((await fetch(`${baseUrl}/boom/x`)).status).toBe(500);
    expect(await (await fetch(`${baseUrl}/hello/there`)).text()).toBe('hi');
    expect((await fetch(`${baseUrl}/hellothere`)).status).toBe(404);

    await running.stop();
    running = undefined;
    await expect(fetch(`${baseUrl}/healthz`)).rejects.toThrow();
  });

  it('makes the console person an admin and gives the console a notifier', async () => {
    running = await startTestApp({ CONSOLE_USER: 'mei' });
    const { app } = running;
    expect(app.notifiers.map((n) => n.platform)).toEqual(['console']);
    await app.engine.handleText(consoleCaller(app.config), 'help');
    expect((await app.store.people.get('console', 'mei'))?.role).toBe('admin');

    await app.notifiers[0]?.sendDirect('console', 'mei', { lang: 'en', audience: 'private', summary: 's', blocks: [{ type: 'text', text: 'due today' }] }, { idempotencyKey: 'k' });
    expect(running.consoleOutput()).toContain('— message to mei —\ndue today');
  });

  it('refuses a platform without a durable store unless STORE=memory is explicit', async () => {
    const config = loadConfig({ STORE: 'auto', PORT: '0', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', LOG_LEVEL: 'silent' });
    const store = createMemoryStore();
    await expect(createApp(config, { store, host: '127.0.0.1' })).rejects.toThrow(StartupError);
    await expect(createApp(config, { store: createMemoryStore(), host: '127.0.0.1' })).rejects.toThrow(/STORE=memory explicitly/);
  });
});
