// CSV import and export in Feishu through the real app, SDK and the fake open
// API: a file message is downloaded and checked, the card's button imports,
// "导出" sends the CSV as a file message.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/clock.js';
import { loadConfig } from '../../../src/config.js';
import { importCustomers } from '../../../src/csv/import.js';
import { createLogger } from '../../../src/logger.js';
import { TEMPLATE_HEADER, TEMPLATE_ROWS, templateText, unicodeText } from '../../helpers/template-rows.js';
import { makeXlsx } from '../../helpers/xlsx.js';
import { eventually, feishuRequest, messageEvent, postWebhook } from '../../helpers/fake-feishu.js';
import { buttonValue, startFeishuWorld, T1, textOf, TOKEN, type FeishuWorld } from './harness.js';

const SAMPLE = readFileSync(new URL('../../fixtures/customers-zh.csv', import.meta.url));

describe('Feishu: CSV import and export', () => {
  let w: FeishuWorld;
  beforeAll(async () => { w = await startFeishuWorld(); });
  afterAll(async () => { await w?.stop(); });
  const count = async () => (await w.test.app.store.customers.list(T1, { includeArchived: true }, { offset: 0, limit: 1 })).total;

  async function sendFile(fileKey: string, name: string, user = 'ou_alice'): Promise<Record<string, unknown>> {
    const messageId = `om_file_${fileKey}`;
    const body = messageEvent({ tenantKey: T1, token: TOKEN, openId: user, text: '', messageType: 'file', messageId, content: { file_key: fileKey, file_name: name } });
    expect((await postWebhook(w.url, feishuRequest(body, {}))).status).toBe(200);
    return (await eventually(() => w.fake.messages.find((m) => m.replyTo === messageId))).content;
  }

  it('a file message is downloaded and checked; the button imports it', async () => {
    w.fake.resources.set('file_v3_sample', SAMPLE);
    const card = await sendFile('file_v3_sample', 'customers-zh.csv');
    const text = textOf(card);
    expect(text).toContain('试运行 9 行');
    for (const line of [8, 9, 10, 13]) expect(text).toContain(`第 ${line} 行`);
    expect(w.fake.callsTo('/resources/file_v3_sample')[0]?.query).toMatchObject({ type: 'file' });
    expect(await count()).toBe(0);

    const answer = await w.click(buttonValue(card, '导入 5 行'));
    expect(JSON.stringify(answer)).toContain('已导入 9 行');
    expect(await count()).toBe(5);
  });

  it('导出 sends the CSV as a file message (upload, then msg_type file)', async () => {
    const card = await w.ask('导出');
    expect(textOf(card)).toContain('已导出 5 个客户');
    const [key, upload] = [...w.fake.uploads.entries()][0]!;
    // the fake reads bodies as text, which drops the BOM; the Slack test checks it is sent
    expect(upload.content).toMatch(/^\uFEFF?客户编号,客户名称/);
    expect(upload.name).toMatch(/^customers-\d{8}\.csv$/);
    const sent = w.fake.messages.find((m) => m.msgType === 'file');
    expect(sent).toMatchObject({ receiveIdType: 'open_id', receiveId: 'ou_alice', content: { file_key: key } });
  });

  it('a member is refused, and a file that is no spreadsheet is named', async () => {
    w.fake.resources.set('file_v3_bob', SAMPLE);
    expect(textOf(await sendFile('file_v3_bob', 'customers-zh.csv', 'ou_bob'))).toMatch(/管理员|admin/);
    expect(textOf(await sendFile('file_v3_x', 'slides.pdf'))).toContain('slides.pdf 不是表格文件');
    // named .xlsx, but a PDF inside: the bytes say what it is
    w.fake.resources.set('file_v3_pdf', Buffer.from('%PDF-1.7\n'));
    expect(textOf(await sendFile('file_v3_pdf', '客户表.xlsx'))).toContain('客户表.xlsx 与文件名不符：内容是 PDF');
    expect(await count()).toBe(5);
  });

  it('an .xlsx workbook sent to the bot is checked, and its button imports it', async () => {
    const rows = [TEMPLATE_HEADER.split(','), ...TEMPLATE_ROWS.map((r) => r.split(','))];
    w.fake.resources.set('file_v3_xlsx', await makeXlsx(rows, { title: '客户信息分类管理表' }));
    const card = await sendFile('file_v3_xlsx', '客户表.xlsx');
    const text = textOf(card);
    expect(text).toContain('试运行 4 行：将新建 4');
    expect(text).toContain('客户来源 伙伴转介绍 → 合作伙伴/转介绍 ×1');
    expect(text).toContain('找不到负责人 李*, 赵*, 孙*, 周*');
    const answer = await w.click(buttonValue(card, '导入 4 行'));
    expect(JSON.stringify(answer)).toContain('已导入 4 行');
    expect(await count()).toBe(9);
  });

  it('the same table saved as Unicode Text (.txt, UTF-16, tabs) is checked by its content: the book already holds it', async () => {
    w.fake.resources.set('file_v3_txt', unicodeText(templateText('\t')));
    const text = textOf(await sendFile('file_v3_txt', '客户表.txt'));
    expect(text).toContain('试运行 4 行：将新建 0，更新 0，无变化 4');
    expect(text).toContain('表头：客户编号、客户名称、所属行业');
  });

  it('导出 xlsx sends a workbook as a file message; it reads back as the same book', async () => {
    const card = await w.ask('导出 xlsx');
    expect(textOf(card)).toContain('已导出 9 个客户');
    const upload = [...w.fake.uploads.values()].find((u) => u.name.endsWith('.xlsx'))!;
    expect(upload.name).toMatch(/^customers-\d{8}\.xlsx$/);
    const back = await importCustomers({ store: w.test.app.store, clock: systemClock }, {
      tenantId: T1, actorId: 'ou_alice', bytes: upload.bytes, dryRun: true, strict: false, timeZone: 'Asia/Shanghai',
    });
    expect(back).toMatchObject({ encoding: 'xlsx', rows: 9, unchanged: 9, created: 0, updated: 0, skipped: 0 });
  });

  it('a member\'s forged "Import" button downloads nothing and writes nothing (permissions before any effect)', async () => {
    w.fake.resources.set('file_v3_secret', SAMPLE);
    await w.ask('帮助', { user: 'ou_bob' }); // the member is known before anything is forged
    const before = await count();
    const from = w.fake.calls.length;
    const answer = await w.click({ action: 'run-import', args: { ref: 'om_any:file_v3_secret:salaries.csv', strict: '0' } }, { user: 'ou_bob' });
    expect(JSON.stringify(answer)).toMatch(/没有权限|not allowed/);
    expect(JSON.stringify(answer)).not.toContain('salaries');
    expect(w.fake.calls.slice(from).map((c) => c.path)).toEqual([]);
    expect(await count()).toBe(before);
  });

  it('a failed upload is answered and logged without the tenant access token', async () => {
    let logged = '';
    const sink = new Writable({ write(chunk: Buffer, _enc, done) { logged += chunk.toString('utf8'); done(); } });
    const world = await startFeishuWorld({ logger: createLogger(loadConfig({ STORE: 'memory', LOG_LEVEL: 'info' }), { destination: sink }) });
    try {
      await world.ask('帮助'); // the person's profile is looked up and cached: the failure below hits the upload
      world.fake.failNext(1, { status: 500 });
      const card = await world.ask('导出');
      expect(textOf(card)).toContain('系统出了点问题');
      expect(logged).toContain('feishu: command failed');
      expect(logged).not.toMatch(/Bearer|t-[0-9a-f]{8}-/);
    } finally {
      await world.stop();
    }
  });
});
