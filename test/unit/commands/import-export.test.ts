// Import and export through the engine, as every chat adapter drives them:
// admins only, a dry run that writes nothing and offers a confirm button, the
// confirmed import, and the export's file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCustomers } from '../../../src/csv/import.js';
import { renderText } from '../../../adapters/console/render.js';
import type { Button, Reply } from '../../../src/views/model.js';
import { makeHarness } from '../../helpers/engine.js';

const SAMPLE = readFileSync(new URL('../../fixtures/customers-zh.csv', import.meta.url));
const file = { name: 'customers-zh.csv', bytes: SAMPLE, ref: 'F123' };

function buttons(reply: Reply): Button[] {
  return reply.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
}

describe('import in chat', () => {
  it('is refused to a member, with a clear message, and writes nothing', async () => {
    const h = await makeHarness();
    await h.say('boss', '客户 帮助');
    const reply = await h.engine.importCsv(h.caller('amy'), file, { dryRun: false });
    expect(renderText(reply)).toContain('需要管理员角色');
    expect(reply.blocks[0]).toMatchObject({ tone: 'error' });
    expect((await h.writes()).customers).toBe(0);
    expect((await h.engine.exportCsv(h.caller('amy'), {})).file).toBeUndefined();
    expect((await h.say('amy', 'import')).text).toContain('needs the Admin role');
    expect((await h.say('amy', '导出')).text).toContain('需要管理员角色');
  });

  it('a dry run lists every bad row by line, writes nothing, and offers "导入 5 行" carrying the file ref', async () => {
    const h = await makeHarness();
    const reply = await h.engine.importCsv(h.caller('boss'), file, { dryRun: true });
    const text = renderText(reply);
    expect(text).toContain('试运行 9 行');
    for (const line of [8, 9, 10, 13]) expect(text).toContain(`第 ${line} 行`);
    expect(text).toContain('钻石客户');
    expect(await h.writes()).toEqual({ customers: 0, audit: 0 });
    const [confirm] = buttons(reply);
    expect(confirm).toMatchObject({ label: '导入 5 行', action: { id: 'run-import', args: { ref: 'F123', strict: '0' } } });
  });

  it('the confirmed import writes the good rows and audits import.run; the same file again changes nothing', async () => {
    const h = await makeHarness();
    const reply = await h.engine.importCsv(h.caller('boss'), file, { dryRun: false });
    expect(renderText(reply)).toContain('已导入 9 行：新建 5');
    expect(buttons(reply)).toEqual([]);
    expect((await h.writes()).customers).toBe(5);
    expect(await h.store.customers.getByCode('t1', 'C20260115001')).toMatchObject({ name: '杭州云栈科技有限公司', tier: 'core' });
    const runs = (await h.store.audit.list('t1', {}, 1000)).filter((a) => a.action === 'import.run');
    expect(runs).toEqual([expect.objectContaining({ actorId: 'boss', details: expect.objectContaining({ created: 5 }) })]);

    const again = await h.engine.importCsv(h.caller('boss'), file, { dryRun: false });
    expect(renderText(again)).toContain('无变化 5');
    expect((await h.writes()).customers).toBe(5);
  });

  it('strict: the dry run offers no button while rows are bad, and a strict run writes nothing', async () => {
    const h = await makeHarness();
    const dry = await h.engine.importCsv(h.caller('boss'), file, { dryRun: true, strict: true });
    expect(buttons(dry)).toEqual([]);
    expect(renderText(dry)).toContain('严格模式');
    const real = await h.engine.importCsv(h.caller('boss'), file, { dryRun: false, strict: true });
    expect(renderText(real)).toContain('未导入任何数据');
    expect((await h.writes()).customers).toBe(0);
  });

  it('a file the adapter cannot fetch again gets no button; a run-import click that reaches the engine says to resend', async () => {
    const h = await makeHarness();
    const dry = await h.engine.importCsv(h.caller('boss'), { name: 'x.csv', bytes: SAMPLE }, { dryRun: true });
    expect(buttons(dry)).toEqual([]);
    const click = await h.engine.handleAction(h.caller('boss'), { id: 'run-import', args: { ref: 'F123', strict: '0' } });
    expect(click.blocks[0]).toMatchObject({ tone: 'error' });
    expect((await h.writes()).customers).toBe(0);
  });

  it('answers in English when asked, and an unreadable file is the user\'s mistake, not a crash', async () => {
    const h = await makeHarness();
    const en = await h.engine.importCsv(h.caller('boss'), file, { dryRun: true, lang: 'en' });
    expect(buttons(en)[0]?.label).toBe('Import 5 rows');
    expect(renderText(en)).toContain('Line 8, 关系分类');
    const empty = await h.engine.importCsv(h.caller('boss'), { name: 'empty.csv', bytes: Buffer.alloc(0) }, { dryRun: true });
    expect(empty.blocks[0]).toMatchObject({ tone: 'error' });
    expect(renderText(empty)).not.toContain('error id');
  });

  it('"import" and "导入" typed without a file say how to import on the platform', async () => {
    const h = await makeHarness();
    expect((await h.say('boss', '导入')).text).toContain('导入 <文件路径.xlsx、.csv 或 Unicode 文本 .txt>');
    expect((await h.say('boss', 'import', { platform: 'slack' })).text).toContain('in this direct message');
    expect((await h.say('boss', '客户 导入', { platform: 'feishu' })).text).toContain('单聊');
    expect((await h.say('boss', 'export', { platform: 'console' })).text).toContain('export <path');
  });
});

describe('export in chat', () => {
  it('gives the book as a CSV file that imports back unchanged, and audits the reveal of contacts', async () => {
    const h = await makeHarness();
    await h.engine.importCsv(h.caller('boss'), file, { dryRun: false });
    const { reply, file: out } = await h.engine.exportCsv(h.caller('boss'), { lang: 'zh' });
    expect(out?.name).toBe('customers-20261126.csv');
    expect(renderText(reply)).toContain('已导出 5 个客户');
    const lines = String(out!.content).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^客户编号,客户名称,所属行业/);
    expect(out!.content).toContain('C20260115001,杭州云栈科技有限公司,互联网,展会,张伟（采购经理）,13812345678,核心客户');
    expect((await h.store.audit.list('t1', {}, 1000)).some((a) => a.action === 'contact.reveal' && a.actorId === 'boss')).toBe(true);

    const back = await importCustomers({ store: h.store, clock: h.clock }, {
      tenantId: 't1', actorId: 'boss', bytes: Buffer.from(out!.content), dryRun: true, strict: false, timeZone: 'Asia/Shanghai',
    });
    expect(back).toMatchObject({ rows: 5, unchanged: 5, created: 0, updated: 0, skipped: 0 });

    const en = await h.engine.exportCsv(h.caller('boss'), { lang: 'en' });
    expect(String(en.file!.content).replace(/^\uFEFF/, '')).toMatch(/^code,name,industry/);
  });
});
