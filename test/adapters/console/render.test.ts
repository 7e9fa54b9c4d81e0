import { describe, expect, it } from 'vitest';
import { renderReply, renderText } from '../../../adapters/console/render.js';
import { displayWidth } from '../../../adapters/console/width.js';
import type { Reply } from '../../../src/views/model.js';

const card: Reply = {
  lang: 'zh',
  audience: 'private',
  summary: '杭州云栈科技有限公司',
  blocks: [
    { type: 'heading', text: '杭州云栈科技有限公司 C20261122001' },
    { type: 'text', text: '已创建客户', tone: 'success' },
    { type: 'text', text: 'plain' },
    { type: 'fields', fields: [
      { label: '关系分类', value: '核心客户' },
      { label: 'Owner', value: 'alice' },
      { label: '联系方式', value: '138****5678\nz***@example.com' },
    ] },
    { type: 'divider' },
    { type: 'list', title: '最近跟进', items: [
      { text: '电话沟通续约价格', detail: '2026-11-20 · alice' },
      { text: '拜访', detail: '2026-11-10 · bob' },
    ], footer: '共 2 条' },
    { type: 'actions', buttons: [
      { label: '记录跟进', action: { id: 'log', args: { code: 'C20261122001' } }, style: 'primary' },
      { label: '编辑', action: { id: 'edit', args: { code: 'C20261122001' } } },
      { label: '标记流失', action: { id: 'lost', args: { code: 'C20261122001' } }, style: 'danger' },
    ] },
  ],
};

describe('renderText', () => {
  it('renders a customer card: heading, toned text, aligned fields, list, divider, numbered buttons', () => {
    const { text, actions } = renderReply(card);
    const lines = text.split('\n');
    expect(lines[0]).toBe('杭州云栈科技有限公司 C20261122001');
    expect(lines[1]).toMatch(/^═+$/);
    expect(text).toContain('✔ 已创建客户');
    expect(text).toContain('\nplain\n');
    // labels padded to the widest (关系分类 is 8 columns), values start in one column
    const fieldLines = lines.filter((l) => /^(关系分类|Owner|联系方式):/.test(l));
    expect(fieldLines).toEqual(['关系分类: 核心客户', 'Owner:    alice', '联系方式: 138****5678']);
    expect(lines[lines.indexOf('联系方式: 138****5678') + 1]).toBe('          z***@example.com');
    expect(text).toMatch(/\n─{10,}\n/);
    expect(text).toContain('最近跟进\n  1. 电话沟通续约价格\n      2026-11-20 · alice\n  2. 拜访\n      2026-11-10 · bob\n共 2 条');
    expect(lines.at(-1)).toBe('[1] 记录跟进  [2] 编辑  [3] 标记流失');
    expect(actions.map((a) => a.id)).toEqual(['log', 'edit', 'lost']);
  });

  it('numbers a pick list so that typing a number picks the customer', () => {
    const reply: Reply = {
      lang: 'en', audience: 'private', summary: 'pick',
      blocks: [
        { type: 'text', text: 'Several customers match "yunzhan". Which one?', tone: 'warning' },
        { type: 'list', items: [
          { text: 'Yunzhan Tech C20261122001', actions: [{ label: 'Open', action: { id: 'open', args: { code: 'C20261122001' } } }] },
          { text: 'Yunzhan Cloud C20261122002', detail: 'owner bob', actions: [{ label: 'Open', action: { id: 'open', args: { code: 'C20261122002' } } }] },
          { text: 'Due: ACME', actions: [
            { label: 'Log', action: { id: 'log', args: { code: 'C1' } } },
            { label: 'Snooze 3 days', action: { id: 'snooze', args: { code: 'C1', days: '3' } } },
          ] },
        ] },
      ],
    };
    const { text, actions } = renderReply(reply);
    expect(text).toBe([
      '⚠ Several customers match "yunzhan". Which one?',
      '  [1] Yunzhan Tech C20261122001  → Open',
      '  [2] Yunzhan Cloud C20261122002  → Open',
      '      owner bob',
      '  3. Due: ACME',
      '      [3] Log  [4] Snooze 3 days',
    ].join('\n'));
    expect(actions.map((a) => a.args.code)).toEqual(['C20261122001', 'C20261122002', 'C1', 'C1']);
  });

  it('draws a chart as text bars with the numbers, and marks a channel post', () => {
    const reply: Reply = {
      lang: 'en', audience: 'channel', summary: 'stats',
      blocks: [
        { type: 'chart', chart: 'bar', title: 'Customers by tier', data: [
          { label: 'core', value: 10 }, { label: 'key', value: 5 }, { label: 'potential', value: 1 }, { label: 'regular', value: 0 },
        ] },
        { type: 'chart', chart: 'pie', title: '按状态', data: [{ label: '活跃', value: 3 }, { label: '沉睡', value: 1 }] },
      ],
    };
    const lines = renderText(reply).split('\n');
    expect(lines[0]).toBe('Customers by tier');
    expect(lines[1]).toBe(`  core      │${'█'.repeat(30)} 10`);
    expect(lines[2]).toBe(`  key       │${'█'.repeat(15)} 5`);
    expect(lines[3]).toBe(`  potential │${'█'.repeat(3)} 1`);
    expect(lines[4]).toBe('  regular   │ 0');
    expect(lines[5]).toBe('按状态');
    expect(lines[6]).toBe(`  活跃 │${'█'.repeat(30)} 3 (75%)`);
    expect(lines[7]).toBe(`  沉睡 │${'█'.repeat(10)} 1 (25%)`);
    expect(lines.at(-1)).toBe('(posted in the channel for the team)');
  });

  it('shows a form as its fields, options and the command-line equivalent', () => {
    const reply: Reply = {
      lang: 'en', audience: 'private', summary: 'form',
      blocks: [{ type: 'form', form: {
        id: 'log', title: 'Log a follow-up', submitLabel: 'Save', args: { code: 'C20261122001' },
        fields: [
          { name: 'content', label: 'What was discussed', kind: 'textarea', required: true },
          { name: 'via', label: 'Channel', kind: 'select', initial: 'call', options: [
            { value: 'call', label: 'Call' }, { value: 'visit', label: 'Visit' },
          ] },
          { name: 'tier', label: '关系分类', kind: 'select', options: [{ value: 'core', label: '核心客户' }] },
          { name: 'next', label: 'Next follow-up', kind: 'date', placeholder: 'next tuesday' },
        ],
      } }],
    };
    expect(renderText(reply).split('\n')).toEqual([
      '📝 Log a follow-up',
      '  - What was discussed (required): <textarea>',
      '  - Channel (default: Call): 1) Call  2) Visit',
      '  - 关系分类: 1) 核心客户 (core)',
      '  - Next follow-up (next tuesday): <date>',
      'This form needs an interactive terminal. Type the command with its flags instead, e.g.: '
        + 'customer log C20261122001 <What was discussed> --via <call> --tier <core> --next <Next follow-up>',
    ]);
  });

  it('counts CJK characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('客户编号')).toBe(8);
    expect(displayWidth('ＡＢ，')).toBe(6);
  });

  it('falls back to the summary when there are no blocks', () => {
    expect(renderText({ lang: 'en', audience: 'private', summary: 'Done.', blocks: [] })).toBe('Done.');
  });
});
