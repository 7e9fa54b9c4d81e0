// The console's import/export: "导入 <path>" checks the file, choosing the
// button imports it, "导出 <path>" writes the CSV; the real engine and store.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../../adapters/console/chat.js';
import { makeHarness, type Harness } from '../../helpers/engine.js';
import { TEMPLATE_HEADER, TEMPLATE_ROWS } from '../../helpers/template-rows.js';
import { makeXlsx } from '../../helpers/xlsx.js';

const SAMPLE = fileURLToPath(new URL('../../fixtures/customers-zh.csv', import.meta.url));

async function chat(h: Harness, userId: string, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (c: Buffer) => { printed += c.toString('utf8'); });
  const done = runConsoleChat({ engine: h.engine, caller: h.caller(userId), input, output, isTTY: false, lang: 'zh' });
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await done;
  return printed;
}

describe('console import and export', () => {
  it('导入 <path> shows the dry run and writes nothing; choosing "导入 5 行" imports', async () => {
    const h = await makeHarness();
    const dry = await chat(h, 'boss', [`导入 ${SAMPLE}`]);
    expect(dry).toContain('试运行 9 行');
    expect(dry).toContain('第 8 行，关系分类');
    expect(dry).toMatch(/\[1\] 导入 5 行/);
    expect((await h.writes()).customers).toBe(0);

    const out = await chat(h, 'boss', [`导入 "${SAMPLE}"`, '1']);
    expect(out).toContain('已导入 9 行：新建 5');
    expect((await h.writes()).customers).toBe(5);
    expect((await h.store.audit.list('t1', {}, 1000)).filter((a) => a.action === 'import.run')).toHaveLength(1);
  });

  it('a missing file, a member, and "import" alone are answered, not crashed on', async () => {
    const h = await makeHarness();
    expect(await chat(h, 'boss', ['import /nonexistent/x.csv'])).toContain('ENOENT');
    expect(await chat(h, 'boss', ['import'])).toContain('import <path to file.xlsx, .csv or Unicode Text .txt>');
    expect(await chat(h, 'amy', [`导入 ${SAMPLE}`])).toContain('需要管理员角色');
    expect((await h.writes()).customers).toBe(0);
  });

  it('导出 <path> writes the CSV that imports back unchanged; export --lang en writes English headers', async () => {
    const h = await makeHarness();
    await chat(h, 'boss', [`import --strict ${SAMPLE}`, `导入 ${SAMPLE}`, '1']);
    const dir = mkdtempSync(join(tmpdir(), 'crm-export-'));
    const zh = join(dir, 'book.csv');
    const out = await chat(h, 'boss', [`导出 ${zh}`, `export ${join(dir, 'en.csv')} --lang en`]);
    expect(out).toContain('已导出 5 个客户');
    expect(out).toContain(`已把客户表写入 ${zh}`);
    expect(readFileSync(zh, 'utf8')).toMatch(/^\uFEFF客户编号,客户名称/);
    expect(readFileSync(join(dir, 'en.csv'), 'utf8')).toMatch(/^\uFEFFcode,name/);

    const again = await chat(h, 'boss', [`导入 ${zh}`]);
    expect(again).toContain('无变化 5');
    expect(again).not.toContain('第 ');

    writeFileSync(join(dir, 'x.csv'), '');
    expect(await chat(h, 'boss', [`导出 ${join(dir, 'no-such-dir', 'x.csv')}`])).toContain('ENOENT');
  });

  it('导出 <path.xlsx> writes a workbook; importing it (or any .xlsx) reads the same book back', async () => {
    const h = await makeHarness();
    const dir = mkdtempSync(join(tmpdir(), 'crm-xlsx-'));
    const template = join(dir, '客户表.xlsx');
    writeFileSync(template, await makeXlsx([TEMPLATE_HEADER.split(','), ...TEMPLATE_ROWS.map((r) => r.split(','))], { title: '客户信息分类管理表' }));
    const dry = await chat(h, 'boss', [`导入 ${template}`]);
    expect(dry).toContain('试运行 4 行：将新建 4');
    expect(dry).toContain('互动频率 低频 → 低 ×2');
    expect(await chat(h, 'boss', [`导入 ${template}`, '1'])).toContain('已导入 4 行：新建 4');

    const book = join(dir, 'book.xlsx');
    const out = await chat(h, 'boss', [`导出 ${book}`]);
    expect(out).toContain('已导出 4 个客户：customers-');
    expect(readFileSync(book).subarray(0, 2).toString('latin1')).toBe('PK');
    const again = await chat(h, 'boss', [`导入 ${book}`]);
    expect(again).toContain('试运行 4 行：将新建 0，更新 0，无变化 4');
    const card = await chat(h, 'boss', ['查看 C20240501001']);
    expect(card).toContain('线上广告 (线上广告投放)');
  });
});
