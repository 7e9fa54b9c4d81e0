// Issue 11, "What a user must see": the template's own four example rows, as
// a new user brings them, as .csv, as .xlsx (title row above the header) and
// as Excel's Unicode Text (UTF-16LE, tab-separated).
import { describe, expect, it } from 'vitest';
import { renderImportReport } from '../../../src/csv/import.js';
import { ADMIN, issues, makeWorld } from './helpers.js';
import { day, makeXlsx, type XlsxCell } from '../../helpers/xlsx.js';

import { TEMPLATE_HEADER as HEADER, TEMPLATE_ROWS, templateText, unicodeText } from '../../helpers/template-rows.js';

const FIFTH = 'C20240505005,E物流有限公司,物流,展会,钱经理,13700001111,超级客户,中,中频,2024-05-03,介绍仓储方案,关注时效,活跃,钱*,';

const csvOf = (rows: string[]): Buffer => Buffer.from(`\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');

/** the same rows as a workbook: dates as date cells, a formula for one name, a title row on top */
async function xlsxOf(rows: string[]): Promise<Buffer> {
  const cells = rows.map((r): XlsxCell[] => r.split(',').map((v, i): XlsxCell => {
    if (i === 9) return day(v);
    if (i === 1 && v === 'C制造厂') return { formula: '"C"&"制造厂"', result: v };
    return v === '' ? null : v;
  }));
  return makeXlsx([HEADER.split(','), ...cells], { title: '客户信息分类管理表（模板）' });
}

const unicodeTextOf = (rows: string[]): Buffer => unicodeText(templateText('\t', [HEADER, ...rows]));

describe.each([
  ['csv', csvOf, 1],
  ['xlsx', xlsxOf, 2],
  ['Unicode Text', unicodeTextOf, 1],
] as const)('the template as %s', (_format, build, headerLine) => {
  const line = (i: number): number => headerLine + i;

  it('dry run: all four rows are good, with notes for the masked contacts and the mapped sources', async () => {
    const w = await makeWorld();
    const report = await w.run(await build(TEMPLATE_ROWS), { dryRun: true });
    expect(report).toMatchObject({ rows: 4, created: 4, skipped: 0, errors: [], written: false });
    expect(report.mappings.map((m) => `${m.column} ${m.from} → ${m.value} ×${m.count}`)).toEqual([
      '客户来源 线上广告投放 → online_ads ×1',
      '互动频率 高频 → high ×1',
      '互动频率 中频 → medium ×1',
      '客户来源 伙伴转介绍 → referral ×1',
      '互动频率 低频 → low ×2',
    ]);
    expect(issues(report.warnings)).toEqual([
      `${line(1)} 联系人 import.row.masked`, `${line(1)} 联系方式 import.row.masked`,
      `${line(2)} 联系方式 import.row.masked`,
      `${line(3)} 联系方式 import.row.masked`,
      `${line(4)} 联系人 import.row.masked`, `${line(4)} 联系方式 import.row.masked`,
    ]);
    expect(report.notes).toEqual([{ reason: 'import.note.unmatchedOwners', params: { names: '李*, 赵*, 孙*, 周*', owner: '管理员' } }]);
    expect(await w.snapshot()).toEqual([]);

    const text = renderImportReport(report, 'zh');
    expect(text).toContain('表头：客户编号、客户名称、所属行业、客户来源');
    expect(text).toContain('取值映射：客户来源 线上广告投放 → 线上广告 ×1；互动频率 高频 → 高 ×1');
    expect(text).toContain('客户来源 伙伴转介绍 → 合作伙伴/转介绍 ×1');
    expect(text).toContain(`第 ${line(1)}–${line(4)} 行，联系方式（提示）：打码的内容`);
    expect(text).toContain('找不到负责人 李*, 赵*, 孙*, 周*：这些客户暂归 管理员。导入后可用“客户 转交 <编号> @某人”逐个转交。');
    expect(text).not.toMatch(/^第 \d+ 行，.*：“/mu);
  });

  it('import: four customers with their codes, tiers, statuses and last follow-ups; the wording of the source is kept', async () => {
    const w = await makeWorld();
    const report = await w.run(await build(TEMPLATE_ROWS));
    expect(report).toMatchObject({ created: 4, skipped: 0, written: true });
    const all = await w.snapshot();
    expect(all.map((c) => [c.code, c.name, c.tier, c.status, c.statusNote])).toEqual([
      ['C20240501001', 'A科技有限公司', 'core', 'active', '意向续约'],
      ['C20240502002', 'B商贸集团', 'key', 'active', '有采购计划'],
      ['C20240503003', 'C制造厂', 'potential', 'potential', '需求明确'],
      ['C20240504004', 'D文化传媒', 'regular', 'dormant', '3个月无互动'],
    ]);
    // 最近跟进时间 is that day in the tenant's zone (Shanghai), and the follow-up is logged on it
    expect(all.map((c) => c.lastInteractionAt?.toISOString())).toEqual([
      '2024-05-09T16:00:00.000Z', '2024-05-07T16:00:00.000Z', '2024-05-04T16:00:00.000Z', '2024-04-19T16:00:00.000Z',
    ]);
    expect(all[0]!.log).toEqual([expect.objectContaining({ content: '沟通Q2季度续约需求，反馈对售后服务满意' })]);
    expect(all.map((c) => [c.source, c.sourceNote])).toEqual([
      ['online_ads', '线上广告投放'], ['exhibition', undefined], ['referral', '伙伴转介绍'], ['visit', undefined],
    ]);
    expect(all.map((c) => [c.valueLevel, c.frequency])).toEqual([['high', 'high'], ['medium', 'medium'], ['low', 'low'], ['low', 'low']]);
    // masked contacts are not contact data: only 王经理 and 刘总 remain, without the masked numbers
    expect(all.map((c) => c.contacts)).toEqual([[], [{ name: '王经理' }], [{ name: '刘总' }], []]);
    expect(all.every((c) => c.ownerId === ADMIN)).toBe(true);
  });

  it('a fifth row with 关系分类 超级客户 is reported by its line, and nothing else is', async () => {
    const w = await makeWorld();
    const report = await w.run(await build([...TEMPLATE_ROWS, FIFTH]), { dryRun: true });
    expect(report).toMatchObject({ rows: 5, created: 4, skipped: 1 });
    expect(issues(report.errors)).toEqual([`${line(5)} 关系分类 import.row.badValue`]);
    const text = renderImportReport(report, 'en');
    expect(text).toContain(`Line ${line(5)}, 关系分类: "超级客户" is not valid. Use one of: 核心客户 (core), 重点客户 (key), 普通客户 (regular), 潜在客户 (potential).`);
  });
});

describe('derived columns never fail a row (issue 11 point 3)', () => {
  it('the sheet gives the starting level; once deals are recorded here, a disagreement is a note', async () => {
    const w = await makeWorld();
    const first = await w.run('客户名称,价值等级,互动频率\n甲公司,很高,每天\n乙公司,高,高频\n');
    expect(first).toMatchObject({ created: 2, skipped: 0, errors: [] });
    expect(issues(first.warnings)).toEqual(['2 价值等级 import.row.ignoredValue', '2 互动频率 import.row.ignoredValue']);
    const yi = (await w.snapshot()).find((c) => c.name === '乙公司')!;
    expect(yi).toMatchObject({ valueLevel: 'high', frequency: 'high' });

    // a deal recorded here: the value level is the product's from now on
    await w.store.customers.update('T_IMPORT', yi.id, { dealCount: 1, dealAmount365: 10_000_00, valueLevel: 'low' });
    const again = await w.run('客户名称,价值等级\n乙公司,高\n');
    expect(again).toMatchObject({ unchanged: 1, errors: [] });
    expect(issues(again.warnings)).toEqual(['2 价值等级 import.row.derivedKept']);
    expect(renderImportReport(again, 'zh')).toContain('第 2 行（提示）：价值等级由系统中记录的成交和跟进计算：保持低（表中为高）。');
    expect((await w.snapshot()).find((c) => c.name === '乙公司')?.valueLevel).toBe('low');
  });
});
