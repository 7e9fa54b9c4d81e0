import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listTs, scanSource, scanTree } from './scan.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the rules of the house', () => {
  it('the tree keeps them: no platform in src/, one reader of the environment, one source of "now"', () => {
    expect(listTs(root, 'src').length).toBeGreaterThan(5);
    const offences = scanTree(root).map((o) => `${o.file}:${o.line} ${o.rule}: ${o.text}`);
    expect(offences, `offenders:\n${offences.join('\n')}`).toEqual([]);
  });
});

describe('the scanner', () => {
  const scan = (file: string, source: string) => scanSource(root, file, source).map((o) => o.rule);

  it('finds imports of adapters/, jobs/ and the platform SDKs from src/', () => {
    expect(scan('src/commands/x.ts', "import { a } from '../../adapters/slack/app.js';")).toEqual(['platform-import']);
    expect(scan('src/x.ts', "export * from '../jobs/digest.js';")).toEqual(['platform-import']);
    expect(scan('src/x.ts', "import type { App } from '@slack/bolt';")).toEqual(['platform-import']);
    expect(scan('src/x.ts', "const m = await import('@larksuiteoapi/node-sdk');")).toEqual(['platform-import']);
    expect(scan('src/x.ts', "import { a } from './adapters-like.js'; import p from 'pino';")).toEqual([]);
  });

  it('lets main.ts and the adapters import what they need', () => {
    expect(scan('src/main.ts', "import { startSlack } from '../adapters/slack/index.js';")).toEqual([]);
    expect(scan('adapters/slack/a.ts', "import { App } from '@slack/bolt';")).toEqual([]);
  });

  it('finds process.env outside src/config.ts, but not in comments or strings', () => {
    expect(scan('src/x.ts', 'const port = process.env.PORT;')).toEqual(['env-read']);
    expect(scan('jobs/x.ts', "const e = process['env'];")).toEqual(['env-read']);
    expect(scan('adapters/x.ts', 'const { env } = process; const { env: e2 } = process;')).toEqual(['env-read', 'env-read']);
    expect(scan('src/x.ts', "// process.env is read in config.ts\nconst s = 'process.env';")).toEqual([]);
    expect(scan('src/config.ts', 'const e = process.env;')).toEqual([]);
  });

  it('finds new Date() without arguments outside src/clock.ts', () => {
    expect(scan('src/x.ts', 'const now = new Date();')).toEqual(['clock']);
    expect(scan('jobs/x.ts', 'const now = new Date;')).toEqual(['clock']);
    expect(scan('src/x.ts', "const d = new Date(0); const e = new Date('2026-01-01'); // new Date()")).toEqual([]);
    expect(scan('src/clock.ts', 'const now = new Date();')).toEqual([]);
  });
});
