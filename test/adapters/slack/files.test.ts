// CSV import and export in Slack, end to end against the fake Web API: a file
// shared in the bot's DM is checked, its button imports, /customer export
// uploads the CSV to the DM.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/clock.js';
import { importCustomers } from '../../../src/csv/import.js';
import { TEMPLATE_HEADER, TEMPLATE_ROWS, templateText, unicodeText } from '../../helpers/template-rows.js';
import { makeXlsx } from '../../helpers/xlsx.js';
import { clickPayload, findButton, shown, startHarness, userOf, type Harness } from './harness.js';

const SAMPLE = readFileSync(new URL('../../fixtures/customers-zh.csv', import.meta.url));
const TENANT = 'T0001';

function shareEvent(fileId: string, name: string, user = 'U0001') {
  return {
    type: 'message', subtype: 'file_share', channel: `D${user}`, channel_type: 'im', user, text: '', ts: `${Date.now() / 1000}`,
    files: [{ id: fileId, name, filetype: name.split('.').pop(), mode: 'hosted' }],
  };
}

async function count(h: Harness): Promise<number> {
  return (await h.app.app.store.customers.list(TENANT, { includeArchived: true }, { offset: 0, limit: 1 })).total;
}

describe('Slack: CSV import and export', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h.stop(); });

  it('a CSV shared in the DM is downloaded with the bot token and checked; nothing is written until the button', async () => {
    h.fake.files.set('F0001', { name: 'customers-zh.csv', bytes: SAMPLE });
    expect(await h.event(shareEvent('F0001', 'customers-zh.csv'))).toBe(200);
    const dry = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'DU0001' && shown(c).includes('Dry run'));
    expect(h.fake.callsOf('files.info')[0]?.args.file).toBe('F0001');
    expect(h.fake.callsOf('file_download')[0]?.token).toBe('xoxb-test-token');
    const text = shown(dry);
    expect(text).toContain('Dry run of 9 rows');
    for (const line of [8, 9, 10, 13]) expect(text).toContain(`Line ${line}`);
    expect(await count(h)).toBe(0);

    const button = findButton(dry.args.blocks, 'run-import');
    expect(JSON.parse(button.value)).toMatchObject({ id: 'run-import', args: { ref: 'F0001', strict: '0' } });
    expect(JSON.stringify(dry.args.blocks)).toContain('Import 5 rows');
    const res = await h.interact(clickPayload(button, { responseUrl: h.fake.responseUrl('imp-1'), channelId: 'DU0001' }));
    expect(res.status).toBe(200);
    const done = await h.responseOf('imp-1');
    expect(shown(done)).toContain('Imported 9 rows: 5 created');
    expect(await count(h)).toBe(5);
    expect(h.fake.callsOf('file_download')).toHaveLength(2);
    const runs = (await h.app.app.store.audit.list(TENANT, {}, 1000)).filter((a) => a.action === 'import.run');
    expect(runs).toEqual([expect.objectContaining({ actorId: 'U0001' })]);
  });

  it('/customer 导出 uploads the CSV (Chinese headers) to the DM with files.uploadV2', async () => {
    const sent = await h.command('导出');
    const answer = await h.answerOf(sent);
    expect(shown(answer)).toContain('5');
    const complete = await h.fake.waitFor('files.completeUploadExternal');
    expect(complete.args.channel_id).toBe('DU0001');
    const [upload] = [...h.fake.uploads.values()];
    expect(upload?.filename).toMatch(/^customers-\d{8}\.csv$/);
    expect(upload?.content).toMatch(/^\uFEFF客户编号,客户名称/);
    expect(upload?.content).toContain('C20260115001,杭州云栈科技有限公司');
  });

  it('a member is refused, a file that is no spreadsheet is named, and "/customer import" says how', async () => {
    h.fake.files.set('F0002', { name: 'customers-zh.csv', bytes: SAMPLE });
    await h.event(shareEvent('F0002', 'customers-zh.csv', 'U0002'));
    const refused = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'DU0002');
    expect(shown(refused)).toContain('管理员');
    expect(JSON.stringify(refused.args.blocks)).not.toContain('run-import');

    await h.event(shareEvent('F0003', 'slides.pdf'));
    const notSheet = await h.fake.waitFor('chat.postMessage', (c) => shown(c).includes('slides.pdf'));
    expect(shown(notSheet)).toContain('is not a spreadsheet');

    const how = await h.answerOf(await h.command('import'));
    expect(shown(how)).toContain('direct message');
    expect(await count(h)).toBe(5);
  });

  it('an .xlsx workbook shared in the DM (title row above the header) is checked and imported by its button', async () => {
    const rows = [TEMPLATE_HEADER.split(','), ...TEMPLATE_ROWS.map((r) => r.split(','))];
    h.fake.files.set('F0004', { name: '客户表.xlsx', bytes: await makeXlsx(rows, { title: '客户信息分类管理表' }) });
    await h.event(shareEvent('F0004', '客户表.xlsx'));
    const dry = await h.fake.waitFor('chat.postMessage', (c) => shown(c).includes('客户表.xlsx'));
    const text = shown(dry);
    expect(text).toContain('Dry run of 4 rows: 4 to create');
    expect(text).toContain('客户来源 线上广告投放 → Online ads ×1');
    expect(text).toContain('Lines 3–6, 联系方式 (note): a masked value');
    const button = findButton(dry.args.blocks, 'run-import');
    await h.interact(clickPayload(button, { responseUrl: h.fake.responseUrl('imp-x'), channelId: 'DU0001' }));
    expect(shown(await h.responseOf('imp-x'))).toContain('Imported 4 rows: 4 created');
    expect(await count(h)).toBe(9);
    const c = await h.app.app.store.customers.getByCode(TENANT, 'C20240501001');
    expect(c).toMatchObject({ tier: 'core', status: 'active', source: 'online_ads', sourceNote: '线上广告投放', contacts: [] });
  });

  it('the same table saved as Unicode Text (.txt, UTF-16, tabs) is checked by its content: the book already holds it', async () => {
    h.fake.files.set('F0005', { name: '客户表.txt', bytes: unicodeText(templateText('\t')) });
    await h.event(shareEvent('F0005', '客户表.txt'));
    const dry = await h.fake.waitFor('chat.postMessage', (c) => shown(c).includes('Checked 客户表.txt'));
    expect(shown(dry)).toContain('Dry run of 4 rows: 0 to create, 0 to update, 4 unchanged');
    expect(await count(h)).toBe(9);
  });

  it('/customer export xlsx uploads a workbook that reads back as the same book', async () => {
    const answer = await h.answerOf(await h.command('export xlsx'));
    expect(shown(answer)).toContain('9');
    const upload = [...h.fake.uploads.values()].find((u) => u.filename.endsWith('.xlsx'));
    expect(upload?.filename).toMatch(/^customers-\d{8}\.xlsx$/);
    const back = await importCustomers({ store: h.app.app.store, clock: systemClock }, {
      tenantId: TENANT, actorId: 'U0001', bytes: upload!.bytes!, dryRun: true, strict: false, timeZone: 'Asia/Shanghai',
    });
    expect(back).toMatchObject({ encoding: 'xlsx', rows: 9, unchanged: 9, created: 0, updated: 0, skipped: 0 });
  });

  it('a click whose file is gone is answered, and writes nothing', async () => {
    const button = { action_id: 'cca:0:0:0', block_id: 'cca-replace:0', value: JSON.stringify({ id: 'run-import', args: { ref: 'F_GONE', strict: '0', lang: 'en' } }) };
    await h.interact(clickPayload(button, { responseUrl: h.fake.responseUrl('gone'), channelId: 'DU0001', user: userOf('U0001') }));
    expect(shown(await h.responseOf('gone'))).toContain('file_not_found');
  });
});
