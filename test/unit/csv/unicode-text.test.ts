// Excel's "Save as → Unicode Text (*.txt)", how older Excel keeps Chinese
// intact: UTF-16LE with a BOM, tab-separated, CRLF. It imports like the CSV of
// the same table; a tab-separated UTF-8 file too; a BOM over bytes that are no
// UTF-16 text is refused as binary, and nothing is written.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { renderImportReport } from '../../../src/csv/import.js';
import { delimiterOf } from '../../../src/csv/read-sheet.js';
import { t } from '../../../src/i18n/index.js';
import { ADMIN, TENANT, issues, makeWorld, type World } from './helpers.js';
import { TEMPLATE_HEADER as HEADER, templateText as table, unicodeText } from '../../helpers/template-rows.js';

type Snapshot = Awaited<ReturnType<World['snapshot']>>;
const strip = (cs: Snapshot): unknown[] => cs.map(({ id: _i, log, ...c }) => ({ ...c, log: log.map(({ customerId: _c, ...l }) => l) }));

/** what a UTF-8 comma CSV of the same table stores, to compare with */
async function storedFromCsv(): Promise<unknown[]> {
  const w = await makeWorld();
  await w.run(Buffer.from(`\uFEFF${table(',')}`, 'utf8'));
  return strip(await w.snapshot());
}

describe('the template saved as Unicode Text (UTF-16LE with a BOM, tab-separated, CRLF)', () => {
  const file = unicodeText(table('\t'));

  it('is what Excel writes: FF FE, then two bytes a character, tabs between cells', () => {
    expect([...file.subarray(0, 6)]).toEqual([0xff, 0xfe, 0xa2, 0x5b, 0x37, 0x62]); // 客户: U+5BA2 U+6237
    expect(file.includes(Buffer.from('\t\0', 'latin1'))).toBe(true);
  });

  it('dry run: every header matched, four good rows, encoding utf-16le', async () => {
    const w = await makeWorld();
    const report = await w.run(file, { dryRun: true, fileName: '客户信息分类管理表.txt' });
    expect(report).toMatchObject({ encoding: 'utf-16le', rows: 4, created: 4, skipped: 0, errors: [], written: false });
    expect(report.columns.map((c) => c.header)).toEqual(HEADER.split(','));
    expect(report.columns.map((c) => c.column).slice(0, 4)).toEqual(['code', 'name', 'industry', 'source']);
    // the mappings, notes and warnings are template.test.ts's, run on this file too
    expect(report.mappings.map((m) => m.from)).toEqual(['线上广告投放', '高频', '中频', '伙伴转介绍', '低频']);
    const text = renderImportReport(report, 'zh');
    expect(text.split('\n')[0]).toContain('试运行 4 行');
    expect(text).toContain('表头：客户编号、客户名称、所属行业、客户来源');
    expect(await w.snapshot()).toEqual([]);
  });

  it('import: the four customers with their Chinese names intact, exactly as the CSV of the same table stores them', async () => {
    const w = await makeWorld();
    const report = await w.run(file);
    expect(report).toMatchObject({ encoding: 'utf-16le', created: 4, skipped: 0, written: true });
    const all = await w.snapshot();
    expect(all.map((c) => [c.code, c.name, c.industry, c.statusNote])).toEqual([
      ['C20240501001', 'A科技有限公司', '互联网', '意向续约'],
      ['C20240502002', 'B商贸集团', '零售行业', '有采购计划'],
      ['C20240503003', 'C制造厂', '制造', '需求明确'],
      ['C20240504004', 'D文化传媒', '服务', '3个月无互动'],
    ]);
    expect(all[0]!.log).toEqual([expect.objectContaining({ content: '沟通Q2季度续约需求，反馈对售后服务满意' })]);
    expect(strip(all)).toEqual(await storedFromCsv());
    const runs = await w.store.audit.list(TENANT, { action: 'import.run' }, 5);
    expect(runs).toEqual([expect.objectContaining({ actorId: ADMIN, details: expect.objectContaining({ encoding: 'utf-16le', created: 4 }) })]);
  });

  it('with the title row Excel writes above the header (the merged cell, then tabs): header on line 2', async () => {
    const w = await makeWorld();
    const titled = unicodeText(`客户信息分类管理表（模板）${'\t'.repeat(14)}\r\n${table('\t')}`);
    const report = await w.run(titled, { dryRun: true });
    expect(report).toMatchObject({ rows: 4, created: 4, errors: [] });
    expect(issues(report.warnings)[0]).toBe('3 联系人 import.row.masked');
  });

  it('big-endian (FE FF) reads the same', async () => {
    const be = unicodeText(table('\t'), 'be');
    expect([...be.subarray(0, 4)]).toEqual([0xfe, 0xff, 0x5b, 0xa2]);
    const w = await makeWorld();
    expect(await w.run(be)).toMatchObject({ encoding: 'utf-16be', created: 4, errors: [] });
    expect(strip(await w.snapshot())).toEqual(await storedFromCsv());
  });
});

describe('tab-separated text in any encoding', () => {
  it('a UTF-8 .tsv / .txt, with or without BOM, and GBK', async () => {
    const expected = await storedFromCsv();
    for (const [bytes, encoding] of [
      [Buffer.from(table('\t'), 'utf8'), 'utf-8'],
      [Buffer.from(`\uFEFF${table('\t')}`, 'utf8'), 'utf-8'],
      [iconv.encode(table('\t'), 'gbk'), 'gbk'],
    ] as const) {
      const w = await makeWorld();
      expect(await w.run(bytes)).toMatchObject({ encoding, created: 4, errors: [] });
      expect(strip(await w.snapshot())).toEqual(expected);
    }
  });

  it('tabs, quotes and newlines inside quoted cells stay in the cell; a comma in a tab file is text', async () => {
    const w = await makeWorld();
    const text = '客户名称\t备注\t需求特征\r\n"甲公司"\t"第一行\t接着""引号""\r\n第二行"\t价格敏感,需要定制\r\n乙,丙联合体\t\t\r\n';
    const report = await w.run(unicodeText(text));
    expect(report).toMatchObject({ rows: 2, created: 2, errors: [] });
    const all = await w.snapshot();
    expect(all.map((c) => [c.name, c.notes])).toEqual([['甲公司', '第一行\t接着"引号"\n第二行'], ['乙,丙联合体', undefined]]);
    expect(all[0]!.needs).toEqual(['价格敏感', '需要定制']);
  });

  it('the delimiter comes from the first line with a separator outside quotes; comma is the default', () => {
    expect(delimiterOf('客户名称\t备注\r\n甲,乙\t丙\r\n')).toBe('\t');
    expect(delimiterOf('客户名称,备注\r\n甲\t乙,丙\r\n')).toBe(',');
    expect(delimiterOf('客户信息分类管理表\r\n客户名称\t备注\r\n')).toBe('\t');
    expect(delimiterOf('"名称,全称"\t备注\t负责人\r\n')).toBe('\t');
    expect(delimiterOf('"名称\t全称",备注\r\n')).toBe(',');
    expect(delimiterOf('客户名称\r\n甲公司\r\n')).toBe(',');
  });
});

describe('a UTF-16 BOM over bytes that are no UTF-16 text is refused as binary, and nothing is written', () => {
  const good = unicodeText(table('\t'));
  it.each([
    ['an odd byte length', Buffer.concat([good, Buffer.from([0x41])])],
    ['a lone surrogate', Buffer.concat([good.subarray(0, 40), Buffer.from([0x00, 0xd8, 0x41, 0x00]), good.subarray(40)])],
    ['an image behind the BOM', Buffer.from([0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['a NUL character late in the file', Buffer.concat([good, Buffer.from([0, 0])])],
    ['big-endian with a NUL', Buffer.concat([unicodeText(table('\t'), 'be'), Buffer.from([0, 0, 0, 0x41])])],
  ])('%s', async (_what, bytes) => {
    const w = await makeWorld();
    const run = w.run(bytes, { fileName: 'customers.txt' });
    await expect(run).rejects.toMatchObject({ key: 'import.binaryFile', params: { file: 'customers.txt' } });
    expect(await w.snapshot()).toEqual([]);
    expect(await w.store.audit.list(TENANT, {}, 10)).toEqual([]);
  });

  it('the message says what to send; NUL bytes in UTF-8 text are still refused the same way', async () => {
    const w = await makeWorld();
    await expect(w.run(Buffer.from('客户名称\r\n甲\0公司\r\n', 'utf8'), { fileName: 'a.tsv' })).rejects.toMatchObject({ key: 'import.binaryFile' });
    const e = await w.run(Buffer.from([0xff, 0xfe, 0x41]), { fileName: 'a.txt' }).catch((error: unknown) => error) as { key: string; params: Record<string, string> };
    expect(t('en', e.key as 'import.binaryFile', e.params)).toContain('a.txt is not what its name says: its content is binary');
    expect(await w.snapshot()).toEqual([]);
  });
});
