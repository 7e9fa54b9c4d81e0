// The console's renderer: every block of the neutral view model as plain
// text. Buttons become numbered options; the chat keeps the numbers so that
// typing "2" presses the second one.
import { t } from '../../src/i18n/index.js';
import type { Lang } from '../../src/domain/types.js';
import type { ActionRef, Block, Button, ChartDatum, Form, FormField, ListItem, Reply } from '../../src/views/model.js';
import { displayWidth, padEnd, padStart } from './width.js';

export interface Rendered {
  text: string;
  /** option N of the text is actions[N - 1] */
  actions: ActionRef[];
}

const TONE_MARK = { info: 'ℹ ', success: '✔ ', warning: '⚠ ', error: '✖ ' } as const;
const BAR_WIDTH = 30;
const RULE = '─'.repeat(40);

/** numbers a button: "[3] Open", or just "[3]" */
type Option = (button: Button, withLabel?: boolean) => string;

export function renderText(reply: Reply): string {
  return renderReply(reply).text;
}

export function renderReply(reply: Reply): Rendered {
  const actions: ActionRef[] = [];
  const option: Option = (button, withLabel = true) => {
    actions.push(button.action);
    return withLabel ? `[${actions.length}] ${button.label}` : `[${actions.length}]`;
  };
  const parts = reply.blocks.map((block) => renderBlock(block, reply.lang, option));
  if (reply.audience === 'channel') parts.push(t(reply.lang, 'console.posted'));
  if (parts.length === 0 && reply.summary) parts.push(reply.summary);
  return { text: parts.join('\n'), actions };
}

function renderBlock(block: Block, lang: Lang, option: Option): string {
  switch (block.type) {
    case 'heading':
      return `${block.text}\n${'═'.repeat(Math.min(60, Math.max(4, displayWidth(block.text))))}`;
    case 'text':
      return (block.tone ? TONE_MARK[block.tone] : '') + block.text;
    case 'fields':
      return renderFields(block.fields.map((f) => [f.label, f.value]));
    case 'list':
      return renderList(block.title, block.items, block.footer, option);
    case 'actions':
      return block.buttons.map((b) => option(b)).join('  ');
    case 'chart':
      return renderChart(block.title, block.data, block.chart === 'pie');
    case 'form':
      return renderForm(block.form, lang);
    case 'divider':
      return RULE;
  }
}

/** "label: value" with the values lined up, continuation lines under the value */
export function renderFields(pairs: [string, string][], indent = ''): string {
  const width = Math.max(0, ...pairs.map(([label]) => displayWidth(label)));
  return pairs.map(([label, value]) => {
    const head = `${indent}${padEnd(`${label}:`, width + 1)} `;
    const lines = (value || '—').split('\n');
    const pad = ' '.repeat(displayWidth(head));
    return head + lines.map((line, i) => (i === 0 ? line : pad + line)).join('\n');
  }).join('\n');
}

function renderList(title: string | undefined, items: ListItem[], footer: string | undefined, option: Option): string {
  const lines: string[] = [];
  if (title) lines.push(title);
  const indexWidth = String(items.length).length;
  items.forEach((item, i) => {
    const actions = item.actions ?? [];
    // A pick list (one action per item) reads best as the option itself: "[3] 杭州云栈… → Open".
    if (actions.length === 1 && actions[0]) {
      lines.push(`  ${option(actions[0], false)} ${item.text}  → ${actions[0].label}`);
    } else {
      lines.push(`  ${padStart(String(i + 1), indexWidth)}. ${item.text}`);
    }
    if (item.detail) lines.push(...item.detail.split('\n').map((d) => `      ${d}`));
    if (actions.length > 1) lines.push(`      ${actions.map((b) => option(b)).join('  ')}`);
  });
  if (footer) lines.push(footer);
  return lines.join('\n');
}

function renderChart(title: string, data: ChartDatum[], percentages: boolean): string {
  const max = Math.max(0, ...data.map((d) => d.value));
  const total = data.reduce((sum, d) => sum + d.value, 0);
  const labelWidth = Math.max(0, ...data.map((d) => displayWidth(d.label)));
  const lines = [title];
  for (const d of data) {
    const length = max > 0 ? Math.round((d.value / max) * BAR_WIDTH) : 0;
    // a non-zero value always shows at least a sliver, so it is not read as zero
    const bar = '█'.repeat(d.value > 0 ? Math.max(1, length) : 0);
    const share = percentages && total > 0 ? ` (${Math.round((d.value / total) * 100)}%)` : '';
    lines.push(`  ${padEnd(d.label, labelWidth)} │${bar} ${d.value}${share}`);
  }
  return lines.join('\n');
}

export function describeField(field: FormField, lang: Lang): string {
  const notes: string[] = [];
  if (field.required) notes.push(t(lang, 'console.required'));
  // a select's default reads as its label (潜在客户), not its value (potential)
  const labelOf = (v: string) => field.options?.find((o) => o.value === v)?.label ?? v;
  const initial = (Array.isArray(field.initial) ? field.initial : field.initial ? [field.initial] : []).map(labelOf).join(', ');
  if (initial) notes.push(`${t(lang, 'console.default')}: ${initial}`);
  if (field.placeholder && !initial) notes.push(field.placeholder);
  return notes.length > 0 ? `${field.label} (${notes.join('; ')})` : field.label;
}

export function describeOptions(field: FormField): string | undefined {
  if (!field.options?.length) return undefined;
  return field.options.map((o, i) => `${i + 1}) ${o.label.toLowerCase() === o.value.toLowerCase() ? o.label : `${o.label} (${o.value})`}`).join('  ');
}

function renderForm(form: Form, lang: Lang): string {
  const lines = [`📝 ${form.title}`];
  // one field a line, unaligned: a long placeholder would push every value off the screen
  for (const f of form.fields) lines.push(`  - ${describeField(f, lang)}: ${describeOptions(f) ?? `<${f.kind}>`}`);
  lines.push(t(lang, 'console.formHint', { example: formExample(form) }));
  return lines.join('\n');
}

/** the command line that does what the form does, as far as the form can tell */
export function formExample(form: Form): string {
  const words = ['customer', form.id, ...Object.values(form.args)];
  for (const f of form.fields) {
    if (f.required) words.push(`<${f.label}>`);
  }
  for (const f of form.fields) {
    if (!f.required) words.push(`--${f.name} <${f.options?.[0]?.value ?? f.label}>`);
  }
  return words.join(' ');
}
