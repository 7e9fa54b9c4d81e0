// Start the real app as a test would meet it in production: configuration
// from environment variables (memory store, a free port on 127.0.0.1, no
// scheduler unless asked), everything else as main.ts wires it.
import { PassThrough } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { createApp, type App, type AppOverrides } from '../../src/main.js';

export interface TestApp {
  app: App;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** what the console notifier printed (console mode only) */
  consoleOutput: () => string;
  stop(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<TestApp> {
  const config = loadConfig({ STORE: 'memory', PORT: '0', SCHEDULER: 'off', LOG_LEVEL: 'error', ...env });
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  });
  const app = await createApp(config, { host: '127.0.0.1', consoleOutput: output, ...overrides });
  return {
    app,
    baseUrl: `http://127.0.0.1:${app.port}`,
    consoleOutput: () => printed,
    stop: () => app.stop(),
  };
}
