// The chat loop against a scripted engine: what a person types, what comes
// back, and which engine calls it made.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../../adapters/console/chat.js';
import { createConsoleNotifier } from '../../../adapters/console/notifier.js';
import type { Caller, Engine } from '../../../src/commands/types.js';
import type { ActionRef, FieldErrors, Form, Reply } from '../../../src/views/model.js';

const caller: Caller = { platform: 'console', tenantId: 'console', userId: 'console', name: 'console', timeZone: 'Asia/Shanghai' };

const form: Form = {
  id: 'new', title: '新建客户', submitLabel: '保存', args: {},
  fields: [
    { name: 'name', label: '客户名称', kind: 'text', required: true },
    { name: 'tier', label: '关系分类', kind: 'select', initial: 'potential', options: [
      { value: 'core', label: '核心客户' }, { value: 'potential', label: '潜在客户' },
    ] },
  ],
};

function scriptedEngine() {
  const calls: string[] = [];
  const submits: Record<string, unknown>[] = [];
  const card = (text: string): Reply => ({
    lang: 'zh', audience: 'private', summary: text,
    blocks: [
      { type: 'text', text, tone: 'success' },
      { type: 'actions', buttons: [
        { label: '记录跟进', action: { id: 'log', args: { code: 'C1' } } },
        { label: '查看', action: { id: 'open', args: { code: 'C1' } } },
      ] },
    ],
  });
  const engine: Engine = {
    async handleText(_caller, text) {
      calls.push(`text:${text}`);
      if (text === 'boom') throw new Error('bug');
      if (text === '客户 新建') return { lang: 'zh', audience: 'private', summary: 'form', blocks: [{ type: 'form', form }] };
      return card(`echo ${text}`);
    },
    async handleAction(_caller, action: ActionRef) {
      calls.push(`action:${action.id}:${action.args.code}`);
      return card(`pressed ${action.id}`);
    },
    async submitForm(_caller, formId, _args, values): Promise<Reply | FieldErrors> {
      calls.push(`submit:${formId}`);
      submits.push({ ...values });
      if (!values.name || values.name === 'x') return { lang: 'zh', fieldErrors: { name: '名称太短' } };
      return card(`created ${String(values.name)} ${String(values.tier)}`);
    },
    async importCsv(_caller, file) { calls.push(`import:${'fetch' in file ? (await file.fetch('zh')).name : file.name}`); return card('imported'); },
    async exportCsv() { calls.push('export'); return { reply: card('exported') }; },
  };
  return { engine, calls, submits };
}

async function chat(lines: string[], isTTY: boolean, engine: Engine) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (c: Buffer) => {
    printed += c.toString('utf8');
  });
  const done = runConsoleChat({ engine, caller, input, output, isTTY, lang: 'zh', notes: ['内嵌 MongoDB 无法启动，改用内存存储'] });
  // on a terminal the person types one line at a time
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await done;
  // strip terminal control sequences the interactive mode writes
  // eslint-disable-next-line no-control-regex
  return printed.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

describe('console chat, piped', () => {
  it('answers each line, presses buttons by number, and ends with the input', async () => {
    const { engine, calls } = scriptedEngine();
    const out = await chat(['客户 统计', '', '2', '#1', '9', 'boom', '客户 新建'], false, engine);
    expect(calls).toEqual(['text:客户 统计', 'action:open:C1', 'action:log:C1', 'text:boom', 'text:客户 新建']);
    expect(out).toContain('⚠ 内嵌 MongoDB 无法启动，改用内存存储');
    expect(out).toContain('客户> 客户 统计\n✔ echo 客户 统计\n[1] 记录跟进  [2] 查看\n');
    expect(out).toContain('客户> 2\n✔ pressed open');
    expect(out).toContain('客户> 9\n上一条回复里没有选项 9。');
    expect(out).toMatch(/客户> boom\n✖ 抱歉，系统出了点问题。反馈时请附上编号 [0-9a-f]{8}。/);
    // not a terminal: the form is shown with the command that does the same
    expect(out).toContain('📝 新建客户');
    expect(out).toContain('customer new <客户名称> --tier <core>');
    expect(out).not.toContain('再见');
  });

  it('stops at exit, quit or 退出 and reads no further', async () => {
    for (const word of ['exit', 'QUIT', '退出']) {
      const { engine, calls } = scriptedEngine();
      await chat(['a', word, 'b'], false, engine);
      expect(calls).toEqual(['text:a']);
    }
  });
});

describe('console chat, on a terminal', () => {
  it('asks a form field by field, shows field errors and asks those again', async () => {
    const { engine, calls, submits } = scriptedEngine();
    const out = await chat(['客户 新建', 'x', '1', '杭州云栈', '1'], true, engine);
    expect(out).toContain('你是租户 console 的 console（管理员）');
    expect(out).toContain('填写“新建客户”');
    expect(out).toContain('1) 核心客户 (core)  2) 潜在客户 (potential)');
    expect(out).toContain('✖ 客户名称: 名称太短');
    // the select answered by number; only the field in error was asked again
    expect(submits).toEqual([{ name: 'x', tier: 'core' }, { name: '杭州云栈', tier: 'core' }]);
    expect(out).toContain('✔ created 杭州云栈 core');
    // the reply after the form has live buttons: "1" pressed 记录跟进
    expect(calls).toEqual(['text:客户 新建', 'submit:new', 'submit:new', 'action:log:C1']);
    expect(out).toContain('再见。');
  });

  it('keeps the default on Enter, and cancel abandons the form', async () => {
    const { engine, submits } = scriptedEngine();
    await chat(['客户 新建', '杭州云栈', ''], true, engine);
    expect(submits).toEqual([{ name: '杭州云栈', tier: 'potential' }]);

    const second = scriptedEngine();
    const out = await chat(['客户 新建', '取消', '客户 统计'], true, second.engine);
    expect(second.submits).toEqual([]);
    expect(out).toContain('已取消表单，没有保存任何内容。');
    expect(second.calls).toEqual(['text:客户 新建', 'text:客户 统计']);
  });
});

describe('console notifier', () => {
  it('prints a direct message under a header, once per idempotency key', async () => {
    const output = new PassThrough();
    let printed = '';
    output.on('data', (c: Buffer) => {
      printed += c.toString('utf8');
    });
    const notifier = createConsoleNotifier({ output, tenantId: 'console' });
    const reply: Reply = { lang: 'en', audience: 'private', summary: 'due', blocks: [{ type: 'text', text: '2 customers due today' }] };
    const first = await notifier.sendDirect('console', 'alice', reply, { idempotencyKey: 'digest:alice:2026-11-23' });
    const again = await notifier.sendDirect('console', 'alice', reply, { idempotencyKey: 'digest:alice:2026-11-23' });
    const channel = await notifier.sendChannel('console', 'sales', reply, { idempotencyKey: 'weekly:2026-W48' });
    expect(notifier.serves('console')).toBe(true);
    expect(notifier.serves('T123')).toBe(false);
    expect(again).toEqual(first);
    expect(channel.messageId).not.toBe(first.messageId);
    expect(printed.match(/— message to alice —\n2 customers due today/g)).toHaveLength(1);
    expect(printed).toContain('— message to channel sales —');
    expect(await notifier.findSent?.('console', { personId: 'alice' }, 'digest:alice:2026-11-23')).toEqual(first);
    expect(await notifier.findSent?.('console', { personId: 'bob' }, 'digest:alice:2026-11-23')).toBeNull();
  });
});
