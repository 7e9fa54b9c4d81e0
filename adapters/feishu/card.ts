// The neutral view (src/views/model.ts) as a Feishu card JSON 2.0. Every block
// type has a rendering; the first heading becomes the card header.
import type { Lang } from '../../src/domain/types.js';
import { t } from '../../src/i18n/index.js';
import type { Block, ChartDatum, Form, Reply } from '../../src/views/model.js';
import { cut } from '../shared/text.js';
import { renderForm, type FormValues } from './card-form.js';
import {
  buttonRow, divider, escapeMarkdown, markdown, rowWithButtons, textDiv, type CardElement, type Tone,
} from './card-parts.js';

export type Card = Record<string, unknown>;

const HEADER_COLOR: Record<Tone, string> = { info: 'blue', success: 'green', warning: 'orange', error: 'red' };

function chart(block: Extract<Block, { type: 'chart' }>): CardElement[] {
  const values = block.data.map((d) => ({ label: d.label, value: d.value }));
  const spec = block.chart === 'pie'
    ? {
      type: 'pie',
      title: { text: block.title },
      data: { values },
      categoryField: 'label',
      valueField: 'value',
      outerRadius: 0.8,
      legends: { visible: true, orient: 'right' },
      label: { visible: true },
    }
    : {
      type: 'bar',
      title: { text: block.title },
      data: { values },
      xField: 'label',
      yField: 'value',
      label: { visible: true },
    };
  // The numbers as text too: for clients that cannot draw the chart, screen
  // readers, and the notification preview.
  return [
    { tag: 'chart', aspect_ratio: '16:9', chart_spec: spec },
    markdown(numbersAsText(block.data)),
  ];
}

function numbersAsText(data: ChartDatum[]): string {
  return data.map((d) => `${escapeMarkdown(d.label)}: **${d.value}**`).join('\n');
}

function list(block: Extract<Block, { type: 'list' }>, lang: Lang): CardElement[] {
  const out: CardElement[] = [];
  if (block.title) out.push(textDiv(block.title, { size: 'heading' }));
  for (const item of block.items) {
    const left = [textDiv(item.text)];
    if (item.detail) left.push(textDiv(item.detail, { size: 'notation', color: 'grey' }));
    out.push(item.actions && item.actions.length > 0 ? rowWithButtons(left, item.actions, lang) : { tag: 'column_set', columns: [{ tag: 'column', width: 'weighted', weight: 1, elements: left }] });
  }
  if (block.footer) out.push(textDiv(block.footer, { size: 'notation', color: 'grey' }));
  return out;
}

export function renderBlock(block: Block, lang: Lang): CardElement[] {
  switch (block.type) {
    case 'heading':
      return [textDiv(block.text, { size: 'heading' })];
    case 'text':
      return [textDiv(block.text, { tone: block.tone })];
    case 'fields':
      return [markdown(block.fields.map((f) => `**${escapeMarkdown(f.label)}**: ${escapeMarkdown(f.value)}`).join('\n'))];
    case 'list':
      return list(block, lang);
    case 'actions':
      return block.buttons.length > 0 ? [buttonRow(block.buttons, lang)] : [];
    case 'chart':
      return chart(block);
    case 'form':
      return renderForm(block.form, lang);
    case 'divider':
      return [divider()];
  }
}

/** the strongest tone in a reply, for the header colour and the toast */
export function toneOf(blocks: Block[]): Tone | undefined {
  const tones = blocks.flatMap((b) => (b.type === 'text' && b.tone ? [b.tone] : []));
  for (const tone of ['error', 'warning', 'success', 'info'] as const) {
    if (tones.includes(tone)) return tone;
  }
  return undefined;
}

function card(title: string | undefined, tone: Tone | undefined, summary: string, elements: CardElement[]): Card {
  const out: Card = {
    schema: '2.0',
    // update_multi: a card updated in place changes for everyone who sees it
    // cut by code points: half an emoji is not valid Unicode in the JSON Feishu parses
    config: { update_multi: true, summary: { content: cut(summary, 120) } },
    body: { elements },
  };
  if (title) out.header = { title: { tag: 'plain_text', content: title }, template: HEADER_COLOR[tone ?? 'info'] };
  return out;
}

export function renderReply(reply: Reply): Card {
  const blocks = [...reply.blocks];
  const first = blocks[0];
  let title: string | undefined;
  if (first?.type === 'heading') {
    title = first.text;
    blocks.shift();
  } else if (first?.type === 'form') {
    title = first.form.title;
  }
  const elements = withinBudget(blocks.flatMap((b) => renderBlock(b, reply.lang)), reply.lang);
  if (elements.length === 0) elements.push(textDiv(reply.summary || ' '));
  return card(title, toneOf(reply.blocks), reply.summary || title || '', elements);
}

/**
 * What one card may hold (card JSON 2.0: 200 components, 30 KB of JSON; see
 * test/helpers/feishu-rules.ts), less room for the header, the summary and the
 * closing note. A long list (the digest on demand, a weekly report of a big
 * team) is cut there with "…and N more", as Slack's renderer does at 50 blocks.
 */
const CARD_BUDGET = { components: 190, bytes: 27 * 1024 };

function componentsIn(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, v) => n + componentsIn(v), 0);
  if (!node || typeof node !== 'object') return 0;
  const own = 'tag' in node && typeof (node as { tag: unknown }).tag === 'string' ? 1 : 0;
  return Object.values(node).reduce((n: number, v) => n + componentsIn(v), own);
}

function withinBudget(elements: CardElement[], lang: Lang): CardElement[] {
  let components = 0;
  let bytes = 0;
  for (let i = 0; i < elements.length; i += 1) {
    components += componentsIn(elements[i]);
    bytes += Buffer.byteLength(JSON.stringify(elements[i]));
    if (components > CARD_BUDGET.components || bytes > CARD_BUDGET.bytes) {
      const kept = elements.slice(0, i);
      kept.push(textDiv(t(lang, 'feishu.card.more', { count: elements.length - i }), { size: 'notation', color: 'grey' }));
      return kept;
    }
  }
  return elements;
}

/** a form card shown again with what was typed and the messages per field */
export function renderFormWithErrors(form: Form, values: FormValues, errors: Record<string, string>, lang: Lang): Card {
  const elements = [
    textDiv(t(lang, 'feishu.fixErrors'), { tone: 'error' }),
    ...renderForm(form, lang, values, errors),
  ];
  return card(form.title, 'error', form.title, elements);
}
