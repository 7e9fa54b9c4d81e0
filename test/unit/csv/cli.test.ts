// npm run import / export as an operator runs them: a real process, its
// output and its exit code. The memory store only allows a dry run.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_HEADER, TEMPLATE_ROWS } from '../../helpers/template-rows.js';
import { makeXlsx } from '../../helpers/xlsx.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../fixtures/customers-zh.csv', import.meta.url));

function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT, timeout: 30_000, env: { ...process.env, STORE: 'memory', LOG_LEVEL: 'error', ADMIN_USERS: '' },
    }, (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 99) : 0, stdout, stderr }));
  });
}

describe('import and export CLIs', () => {
  it('a dry run prints the line-by-line report and exits 1 because rows are bad', async () => {
    const { code, stdout } = await run('src/cli/import.ts', [SAMPLE, '--tenant', 'T1', '--dry-run', '--lang', 'en']);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('Dry run of 9 rows: 5 to create, 0 to update, 0 unchanged, 4 skipped, 4 with problems. Nothing was written.');
    expect(lines[1]).toMatch(/^Columns: 客户编号 → code, 客户名称 → name, /);
    expect(lines.filter((l) => l.startsWith('Note: ')).join('\n')).toContain('Nobody here is called 王磊, 李静, 钱多多, ou_lijing: their customers go to cli');
    const bad = lines.filter((l) => /^Line \d+(,|:)/.test(l) && !l.includes('(note)'));
    expect(bad.map((l) => l.split(/[,:]/)[0])).toEqual(['Line 8', 'Line 9', 'Line 10', 'Line 13']);
  });

  it('a workbook dry-runs the same way: its bytes, not its name, say it is .xlsx', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-cli-'));
    const file = join(dir, 'template.xlsx');
    writeFileSync(file, await makeXlsx([TEMPLATE_HEADER.split(','), ...TEMPLATE_ROWS.map((r) => r.split(','))], { title: '客户信息分类管理表' }));
    const { code, stdout } = await run('src/cli/import.ts', [file, '--tenant', 'T1', '--dry-run', '--lang', 'en']);
    expect(stdout.split('\n')[0]).toBe('Dry run of 4 rows: 4 to create, 0 to update, 0 unchanged, 0 skipped, 0 with problems. Nothing was written.');
    expect(code).toBe(0);
    writeFileSync(join(dir, 'locked.xlsx'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.from('EncryptedPackage', 'utf16le')]));
    const locked = await run('src/cli/import.ts', [join(dir, 'locked.xlsx'), '--tenant', 'T1', '--dry-run', '--lang', 'zh']);
    expect(locked).toMatchObject({ code: 2, stdout: expect.stringContaining('该工作簿设置了密码，无法读取。') });
  });

  it('refuses a real import into a store that would vanish, and explains usage', async () => {
    const refused = await run('src/cli/import.ts', [SAMPLE, '--tenant', 'T1', '--lang', 'en']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('No durable store');
    const usage = await run('src/cli/import.ts', ['--tenant', 'T1', '--lang', 'en']);
    expect(usage).toMatchObject({ code: 2, stdout: expect.stringContaining('Usage: npm run import') });
    const exportUsage = await run('src/cli/export.ts', ['--lang', 'en']);
    expect(exportUsage).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npm run export') });
  });
});
