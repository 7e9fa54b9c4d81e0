// Export as .xlsx (issue 11 point 7): the template's columns and headers,
// a bold frozen header, real date cells, widths; and the round trip of both
// formats: re-importing an export changes nothing.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportCustomersXlsx } from '../../../src/csv/export-xlsx.js';
import { TENANT, fixture, makeWorld } from './helpers.js';
import { TEMPLATE_HEADER, TEMPLATE_ROWS } from '../../helpers/template-rows.js';

const SAMPLE = fixture('customers-zh.csv');
const TEMPLATE = Buffer.from(`${TEMPLATE_HEADER}\n${TEMPLATE_ROWS.join('\n')}\n`);

describe('export as .xlsx', () => {
  it('writes the template layout: headers in either language, bold and frozen, date cells, widths', async () => {
    const w = await makeWorld();
    await w.run(SAMPLE);
    const { xlsx, count } = await exportCustomersXlsx({ store: w.store }, { tenantId: TENANT, lang: 'zh' });
    expect(count).toBe(5);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('客户信息');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '客户编号', '客户名称', '所属行业', '客户来源', '联系人', '联系方式', '关系分类', '价值等级', '互动频率', '最近跟进时间',
      '跟进内容', '需求特征', '状态标签', '负责人', '备注', '客户类型', '客户分布',
    ]);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(20);
    const yunzhan = ws.getRows(2, 5)!.find((r) => r.getCell(1).value === 'C20260115001')!;
    expect(yunzhan.getCell(10).value).toEqual(new Date('2026-11-03T00:00:00Z'));
    expect(yunzhan.getCell(10).numFmt).toBe('yyyy-mm-dd');
    expect(yunzhan.getCell(6).value).toBe('13812345678');
    expect(yunzhan.getCell(8).value).toBe('高');
    // an unset field stays an empty cell
    expect(yunzhan.getCell(16).value).toBeNull();

    const en = await exportCustomersXlsx({ store: w.store }, { tenantId: TENANT, lang: 'en' });
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.xlsx as unknown as ArrayBuffer);
    expect((wbEn.worksheets[0]!.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['code', 'name', 'industry']);
  });

  it.each(['zh', 'en'] as const)('round trip in %s: import → export (.xlsx and .csv) → import changes nothing', async (lang) => {
    const w = await makeWorld();
    await w.run(SAMPLE);
    await w.run(TEMPLATE);
    const before = await w.snapshot();
    expect(before.find((c) => c.code === 'C20240501001')).toMatchObject({ source: 'online_ads', sourceNote: '线上广告投放' });
    const { xlsx } = await exportCustomersXlsx({ store: w.store }, { tenantId: TENANT, lang });
    for (const file of [xlsx, Buffer.from(await w.exportCsv(lang))]) {
      const report = await w.run(file);
      expect(report).toMatchObject({ rows: 9, created: 0, updated: 0, unchanged: 9, skipped: 0, errors: [] });
      expect(await w.snapshot()).toEqual(before);
    }
  });
});
