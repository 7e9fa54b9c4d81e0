// The book goes back out in the table's layout, and comes back in unchanged
// (issue 7 item 2): import → export → import changes nothing.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { nameIndexKeys } from '../../../src/commands/duplicates.js';
import type { Customer } from '../../../src/domain/types.js';
import { ADMIN, TENANT, fixture, makeWorld, type World } from './helpers.js';

const SAMPLE = fixture('customers-zh.csv');

/** a customer as chat would have made it: a log entry at 14:32, two contacts, every optional field */
async function chatCustomer(w: World, name: string, extra: Partial<Customer> = {}): Promise<Customer> {
  const now = w.clock.now();
  const code = await w.store.customers.nextCode(TENANT, '20261120');
  const c = await w.store.customers.insert({
    tenantId: TENANT, code, name, ...nameIndexKeys(name), industry: 'finance', type: 'government', source: 'inbound',
    region: '浙江 杭州', contacts: [
      { name: 'Li Wei', title: 'CFO', phone: '+86 13912345678', email: 'li.wei@example.com' },
      { phone: '010-12345678 ext 12', wechat: 'ops_desk' },
    ],
    tier: 'key', valueLevel: 'medium', frequency: 'low', status: 'active', statusNote: 'renewal (Q1), maybe', needs: ['price-sensitive', '快速响应'],
    ownerId: 'ou_lijing', notes: '=SUM(A1:A2) is not a formula, "quoted", and, commas\nsecond line',
    createdAt: now, createdBy: 'ou_lijing', updatedAt: now, lastInteractionAt: new Date('2026-11-20T06:32:00Z'),
    nextFollowUpAt: new Date('2026-12-05T06:32:00Z'), nextFollowUpExplicit: true, dealCount: 0, dealAmount365: 0, archived: false,
    ...extra,
  });
  await w.store.interactions.append({
    tenantId: TENANT, customerId: c.id, authorId: 'ou_lijing', at: new Date('2026-11-20T06:32:00Z'), channel: 'call',
    content: 'Agreed on the renewal scope; send the draft by Friday',
  });
  return c;
}

describe('export', () => {
  it('writes the table layout with a BOM, Chinese headers and labels, and full contacts', async () => {
    const w = await makeWorld();
    await w.run(SAMPLE);
    const csv = await w.exportCsv('zh');
    expect(csv.startsWith('\uFEFF客户编号,客户名称,所属行业,客户来源,联系人,联系方式,关系分类,价值等级,互动频率,最近跟进时间,跟进内容,需求特征,状态标签,负责人,备注,客户类型,客户分布\r\n')).toBe(true);
    const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r['客户编号'] === 'C20260115001')).toEqual({
      客户编号: 'C20260115001', 客户名称: '杭州云栈科技有限公司', 所属行业: '互联网', 客户来源: '展会', 联系人: '张伟（采购经理）',
      联系方式: '13812345678', 关系分类: '核心客户', 价值等级: '高', 互动频率: '高', 最近跟进时间: '2026-11-03',
      跟进内容: '确认年度续约方案，报价18万，对方下周内部评审', 需求特征: '价格敏感、需要定制', 状态标签: '活跃-意向续约',
      负责人: '王磊', 备注: '年度框架合同客户', 客户类型: '', 客户分布: '',
    });
    const en = parse((await w.exportCsv('en')).slice(1), { columns: true }) as Record<string, string>[];
    expect(en.find((r) => r.code === 'C20250301007')).toMatchObject({ tier: 'regular', status: 'lost-转向竞品', source: 'email', owner: '李静' });
  });

  it('round trip: import → export → import changes nothing, in either language', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const w = await makeWorld();
      await w.run(SAMPLE);
      await chatCustomer(w, '中信银行杭州分行');
      await chatCustomer(w, '-Minus Holdings', { contacts: [], needs: [], statusNote: undefined, tier: 'core' });
      const before = await w.snapshot();
      const report = await w.run(await w.exportCsv(lang));
      expect(report, lang).toMatchObject({ rows: 7, created: 0, updated: 0, unchanged: 7, skipped: 0, errors: [], warnings: [] });
      expect(await w.snapshot(), lang).toEqual(before);
    }
  });

  it('an export imported into an empty workspace gives the same customers', async () => {
    const a = await makeWorld();
    await a.run(SAMPLE);
    await chatCustomer(a, '中信银行杭州分行');
    const b = await makeWorld();
    const report = await b.run(await a.exportCsv('zh'));
    expect(report).toMatchObject({ created: 6, errors: [] });
    const table = (cs: Awaited<ReturnType<World['snapshot']>>) => cs.map((c) => ({
      code: c.code, name: c.name, industry: c.industry, type: c.type, source: c.source, region: c.region, contacts: c.contacts,
      tier: c.tier, valueLevel: c.valueLevel, frequency: c.frequency, status: c.status, statusNote: c.statusNote,
      needs: c.needs, ownerId: c.ownerId, notes: c.notes, lastLog: c.log[0]?.content,
    }));
    expect(table(await b.snapshot())).toEqual(table(await a.snapshot()));
  });

  it('guards cells Excel would run as formulas, and an owner two people share the name of is written as an id', async () => {
    const w = await makeWorld();
    await w.store.people.upsert({ tenantId: TENANT, id: 'U_WANG2', name: '王磊', role: 'member' }, w.clock.now());
    await chatCustomer(w, '=HYPERLINK("http://x")', { ownerId: 'U_WANG2' });
    const [row] = parse((await w.exportCsv('en')).slice(1), { columns: true }) as Record<string, string>[];
    expect(row?.name).toBe('\'=HYPERLINK("http://x")');
    expect(row?.notes?.startsWith('\'=SUM')).toBe(true);
    expect(row?.contactDetails).toBe('\'+86 13912345678 li.wei@example.com; 010-12345678 ext 12 wx:ops_desk');
    expect(row?.owner).toBe('U_WANG2');
    expect(row?.status).toBe('active-renewal (Q1), maybe');
  });

  it('audits an export made by someone, since it reveals every contact', async () => {
    const w = await makeWorld();
    await w.run(SAMPLE);
    const { exportCustomers } = await import('../../../src/csv/export.js');
    await exportCustomers({ store: w.store, clock: w.clock }, { tenantId: TENANT, lang: 'zh', actorId: ADMIN });
    const [entry] = await w.store.audit.list(TENANT, { action: 'contact.reveal' }, 5);
    expect(entry).toMatchObject({ actorId: ADMIN, details: { via: 'export', count: 5 } });
    await expect(exportCustomers({ store: w.store, clock: w.clock }, { tenantId: TENANT, lang: 'zh', actorId: 'U_WANG' }))
      .rejects.toMatchObject({ key: 'import.forbidden' });
  });
});
