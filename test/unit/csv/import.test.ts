// The classification table comes in (issue 7): dry run line by line, a real
// run, re-import, strict mode, GBK, English headers.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeSpreadsheet } from '../../../src/csv/decode.js';
import { importCustomers, renderImportReport } from '../../../src/csv/import.js';
import { ADMIN, TENANT, fixture, issues, makeWorld } from './helpers.js';

const SAMPLE = fixture('customers-zh.csv');

describe('import of the sample classification table', () => {
  it('dry run reports every bad row with its line number and writes nothing', async () => {
    const w = await makeWorld();
    const report = await w.run(SAMPLE, { dryRun: true });

    expect(report).toMatchObject({ encoding: 'utf-8', rows: 9, created: 5, updated: 0, unchanged: 0, skipped: 4, written: false });
    expect(issues(report.errors)).toEqual([
      '8 关系分类 import.row.badValue',
      '9 联系方式 domain.idNumber',
      '10 - import.row.duplicate',
      '13 备注 domain.homeAddress',
    ]);
    expect(report.errors[0]?.params).toMatchObject({ value: '钻石客户' });
    expect(report.errors[2]?.params).toMatchObject({ line: 3 });
    // a date that is no date is a note on a row that is bad for another reason; 钱多多 is nobody here
    expect(issues(report.warnings)).toEqual([
      '12 跟进内容 import.row.vagueFollowUp',
      '13 最近跟进时间 import.row.badDate',
    ]);
    expect(report.warnings[1]?.params).toMatchObject({ value: '2026/13/45' });
    expect(report.notes).toEqual([{ reason: 'import.note.unmatchedOwners', params: { names: '钱多多', owner: '管理员' } }]);
    expect(report.duplicatesInFile).toEqual([{ name: '杭州云栈科技有限公司', lines: [3, 10] }]);

    expect(await w.snapshot()).toEqual([]);
    expect(await w.store.audit.list(TENANT, {}, 10)).toEqual([]);

    const text = renderImportReport(report, 'zh');
    expect(text.split('\n')[0]).toContain('试运行 9 行');
    expect(text).toContain('第 9 行：联系方式：');
    expect(renderImportReport(report, 'en')).toContain('Line 8, 关系分类: "钻石客户" is not valid. Use one of: 核心客户 (core), 重点客户 (key)');
  });

  it('a real run writes the good rows with their mapped values', async () => {
    const w = await makeWorld();
    const report = await w.run(SAMPLE);
    expect(report).toMatchObject({ rows: 9, created: 5, skipped: 4, written: true });

    const byName = new Map((await w.snapshot()).map((c) => [c.name, c]));
    expect([...byName.keys()].sort()).toEqual([
      '上海蓝鲸餐饮管理有限公司', '宁波海曙五金制造有限公司', '成都天府文旅集团', '杭州云栈科技有限公司', '苏州精工电子有限公司',
    ].sort());

    const yunzhan = byName.get('杭州云栈科技有限公司')!;
    expect(yunzhan).toMatchObject({
      code: 'C20260115001', industry: '互联网', source: 'exhibition', tier: 'core', valueLevel: 'high', frequency: 'high',
      status: 'active', statusNote: '意向续约', needs: ['价格敏感', '需要定制'], ownerId: 'U_WANG', notes: '年度框架合同客户',
      contacts: [{ name: '张伟', title: '采购经理', phone: '13812345678' }], createdBy: ADMIN,
    });
    // 2026/11/3 is that day's midnight in Shanghai; the core cadence is 7 days
    expect(yunzhan.lastInteractionAt?.toISOString()).toBe('2026-11-02T16:00:00.000Z');
    expect(yunzhan.nextFollowUpAt?.toISOString()).toBe('2026-11-09T16:00:00.000Z');
    expect(yunzhan.log).toEqual([expect.objectContaining({
      content: '确认年度续约方案，报价18万，对方下周内部评审', authorId: 'U_WANG', channel: 'other', at: yunzhan.lastInteractionAt,
    })]);

    expect(byName.get('宁波海曙五金制造有限公司')).toMatchObject({ source: 'referral', tier: 'key', ownerId: 'ou_lijing' });
    expect(byName.get('上海蓝鲸餐饮管理有限公司')).toMatchObject({
      tier: 'potential', status: 'potential', notes: '新开12家门店\n需求旺盛', contacts: [{ name: '陈晨', email: 'chen@lanjing.cn' }],
    });
    // unknown owner → the importing admin; the vague follow-up dates the customer but is not logged
    const tianfu = byName.get('成都天府文旅集团')!;
    expect(tianfu).toMatchObject({ ownerId: ADMIN, status: 'dormant', statusNote: '3个月无互动', contacts: [{ name: '刘洋', wechat: 'liuyang_cd' }] });
    expect(tianfu.log).toEqual([]);
    expect(byName.get('苏州精工电子有限公司')).toMatchObject({
      code: 'C20250301007', status: 'lost', statusNote: '转向竞品', ownerId: 'ou_lijing',
      contacts: [{ name: '吴刚', title: '质量总监', phone: '13700003333', email: 'wu@jinggong.com' }],
    });
    // new customers without a code get today's codes (Shanghai day)
    expect(byName.get('上海蓝鲸餐饮管理有限公司')?.code).toMatch(/^C20261126\d{3}$/);

    const runs = await w.store.audit.list(TENANT, { action: 'import.run' }, 10);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ actorId: ADMIN, details: { rows: 9, created: 5, skipped: 4 } });
    expect(await w.store.audit.list(TENANT, { action: 'customer.create' }, 10)).toHaveLength(5);
  });

  it('importing the same file twice leaves the store as the first run left it', async () => {
    const w = await makeWorld();
    await w.run(SAMPLE);
    const first = await w.snapshot();
    w.clock.advance(3 * 86_400_000);
    const again = await w.run(SAMPLE);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 5, skipped: 4 });
    expect(await w.snapshot()).toEqual(first);
  });

  it('strict mode writes nothing when a row is bad, and everything when none is', async () => {
    const w = await makeWorld();
    const refused = await w.run(SAMPLE, { strict: true });
    expect(refused).toMatchObject({ written: false, skipped: 4 });
    expect(await w.snapshot()).toEqual([]);
    expect(renderImportReport(refused, 'en').split('\n')[0]).toBe('Nothing was imported: 4 rows have problems and the import is strict.');

    const good = SAMPLE.toString('utf8').split('\r\n').filter((_, i) => ![6, 7, 8, 11].includes(i)).join('\r\n');
    const ok = await w.run(good, { strict: true });
    expect(ok).toMatchObject({ written: true, created: 5, skipped: 0, errors: [] });
    expect(await w.snapshot()).toHaveLength(5);
  });

  it('reads the GBK copy Excel writes in Chinese locales exactly like the UTF-8 file', async () => {
    const gbk = iconv.encode(decodeSpreadsheet(SAMPLE)!.text, 'gbk');
    expect(decodeSpreadsheet(gbk)!.encoding).toBe('gbk');
    const [a, b] = [await makeWorld(), await makeWorld()];
    const utf8Report = await a.run(SAMPLE);
    const gbkReport = await b.run(gbk);
    expect({ ...gbkReport, encoding: 'utf-8' }).toEqual(utf8Report);
    const strip = (cs: Awaited<ReturnType<typeof a.snapshot>>) => cs.map(({ id: _i, code, log, ...c }) => ({
      ...c, code: code.startsWith('C2026112') ? 'new' : code, log: log.map(({ customerId: _c, ...l }) => l),
    }));
    expect(strip(await b.snapshot())).toEqual(strip(await a.snapshot()));
  });

  it('matches an existing customer by normalised name and updates only what the file changes', async () => {
    const w = await makeWorld();
    await w.run(SAMPLE);
    const before = (await w.snapshot()).find((c) => c.name === '宁波海曙五金制造有限公司')!;
    const csv = '客户名称,关系分类,负责人,最近跟进时间,跟进内容\r\n宁波海曙五金制造 有限公司,核心客户,王磊,2026-11-20,小批量试单完成，准备签年度合同\r\n';
    const report = await w.run(csv);
    expect(report).toMatchObject({ rows: 1, created: 0, updated: 1, errors: [] });
    const after = (await w.snapshot()).find((c) => c.id === before.id)!;
    expect(after).toMatchObject({ name: before.name, tier: 'core', ownerId: 'U_WANG', industry: '制造业', contacts: before.contacts });
    expect(after.lastInteractionAt?.toISOString()).toBe('2026-11-19T16:00:00.000Z');
    expect(after.log.map((l) => l.content)).toEqual(['小批量试单完成，准备签年度合同', '送样检测通过，等待小批量试单']);
    const tierAudit = await w.store.audit.list(TENANT, { action: 'customer.tier', customerId: before.id }, 5);
    expect(tierAudit).toEqual([expect.objectContaining({ field: 'tier', from: 'key', to: 'core', actorId: ADMIN })]);
  });

  it('reads English headers and values, ignores unknown columns, and names problems', async () => {
    const w = await makeWorld();
    const csv = [
      'name,tier,status,source,type,region,owner,lastInteractionAt,followUp,needs,shoe size',
      'Acme Trading Co., Ltd.,key,active,trade show,enterprise,Shanghai,U_WANG,2026-11-20 14:30,Discussed the Q1 order volume,fast response; quality-focused,44',
      'Globex,gold,,,,,,2026-12-01,,,',
    ].join('\n').replace('Acme Trading Co., Ltd.', '"Acme Trading Co., Ltd."');
    const report = await w.run(csv);
    expect(issues(report.errors)).toEqual(['3 tier import.row.badValue']);
    expect(issues(report.warnings)).toEqual(['1 - import.unknownColumns', '3 lastInteractionAt import.row.futureDate']);
    const [acme] = await w.snapshot();
    expect(acme).toMatchObject({
      name: 'Acme Trading Co., Ltd.', tier: 'key', status: 'active', source: 'exhibition', type: 'enterprise',
      region: 'Shanghai', ownerId: 'U_WANG', needs: ['fast response', 'quality-focused'],
    });
    expect(acme?.lastInteractionAt?.toISOString()).toBe('2026-11-20T06:30:00.000Z');
  });

  it('keeps the codes the file brings, even when they are today\'s, and gives the others fresh ones', async () => {
    const w = await makeWorld();
    const report = await w.run('客户名称,客户编号\n甲公司,\n乙公司,C20261126001\n丙公司,c20261126002\n');
    expect(report).toMatchObject({ created: 3, errors: [] });
    const codes = Object.fromEntries((await w.snapshot()).map((c) => [c.name, c.code]));
    expect(codes).toEqual({ 乙公司: 'C20261126001', 丙公司: 'C20261126002', 甲公司: 'C20261126003' });
    const bad = await w.run('客户名称,客户编号\n丁公司,X-17\n', { dryRun: true });
    expect(issues(bad.warnings)).toEqual(['2 客户编号 import.row.badCode']);
  });

  it('keeps the wording of a source as every short text is kept: one line, control characters out', async () => {
    const w = await makeWorld();
    await w.run(Buffer.from('客户名称,客户来源\r\n甲公司,"线上\u0007广告\n投放"\r\n', 'utf8'));
    expect((await w.snapshot()).map((c) => [c.source, c.sourceNote])).toEqual([['online_ads', '线上广告 投放']]);
  });

  it('refuses a file without a name column, an empty file, and anyone but an admin', async () => {
    const w = await makeWorld();
    const asMember = importCustomers({ store: w.store, clock: w.clock }, {
      tenantId: TENANT, actorId: 'U_WANG', bytes: SAMPLE, dryRun: false, strict: false, timeZone: 'Asia/Shanghai',
    });
    await expect(asMember).rejects.toMatchObject({ key: 'import.forbidden' });
    expect(await w.snapshot()).toEqual([]);
    await expect(w.run('foo,bar\n1,2\n')).rejects.toMatchObject({ key: 'import.noHeader' });
    await expect(w.run('\uFEFF\r\n\r\n')).rejects.toMatchObject({ key: 'import.empty' });
    await expect(w.run('客户名称,备注\n"unterminated,x\n')).rejects.toMatchObject({ key: 'import.unreadable' });
  });
});

describe('a 5,000-row table', () => {
  it('imports every row, and importing it again changes nothing', async () => {
    const { generateTable } = await import('../../fixtures/generate-table.js');
    const w = await makeWorld();
    const table = generateTable(5000, ['王磊', '李静', 'ou_lijing']);
    const report = await w.run(table);
    expect(report).toMatchObject({ rows: 5000, created: 5000, skipped: 0, errors: [], warnings: [], written: true });
    const first = await w.snapshot();
    expect(first).toHaveLength(5000);
    expect(first.every((c) => c.log.length === 1 && c.contacts.length === 1)).toBe(true);
    expect(new Set(first.map((c) => c.code)).size).toBe(5000);
    expect(await w.store.customers.countBy(TENANT, 'ownerId')).toEqual({ U_WANG: expect.any(Number), ou_lijing: expect.any(Number) });

    const again = await w.run(table);
    expect(again).toMatchObject({ rows: 5000, created: 0, updated: 0, unchanged: 5000 });
    expect(await w.snapshot()).toEqual(first);
  });
});
