// Small builders of Feishu card JSON 2.0 elements. Plain text goes through
// plain_text wherever the layout allows, so a customer called "*ACME*" is
// never read as markdown; where markdown is needed, user text is escaped.
import type { Button } from '../../src/views/model.js';

export type CardElement = Record<string, unknown>;
export type Tone = 'info' | 'success' | 'warning' | 'error';

/** what a card button sends back in `action.value` when it is clicked */
export interface ButtonValue {
  action: string;
  args: Record<string, string>;
  /** the language of the card, so the answer to a click speaks it too */
  lang?: string;
}

const TONE_COLOR: Record<Tone, string | undefined> = {
  info: undefined,
  success: 'green',
  warning: 'orange',
  error: 'red',
};

export function plain(content: string): CardElement {
  return { tag: 'plain_text', content };
}

export function textDiv(content: string, opts: { tone?: Tone; size?: 'heading' | 'normal' | 'notation'; color?: string } = {}): CardElement {
  const text: CardElement = { tag: 'plain_text', content };
  if (opts.size) text.text_size = opts.size;
  const color = opts.color ?? (opts.tone ? TONE_COLOR[opts.tone] : undefined);
  if (color) text.text_color = color;
  return { tag: 'div', text };
}

// Feishu card markdown honours HTML entities: escaping the characters that
// start markup keeps user text literal.
const MD_ESCAPES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '*': '&#42;', '_': '&#95;', '~': '&#126;',
  '`': '&#96;', '[': '&#91;', ']': '&#93;', '(': '&#40;', ')': '&#41;', '#': '&#35;',
  '$': '&#36;', '\\': '&#92;', '|': '&#124;', '!': '&#33;',
};

export function escapeMarkdown(text: string): string {
  return text.replace(/[&<>*_~`[\]()#$\\|!]/g, (ch) => MD_ESCAPES[ch] ?? ch);
}

export function markdown(content: string): CardElement {
  return { tag: 'markdown', content };
}

export function button(b: Button, lang?: string): CardElement {
  const value: ButtonValue = { action: b.action.id, args: b.action.args, lang };
  return {
    tag: 'button',
    text: plain(b.label),
    type: b.style ?? 'default',
    behaviors: [{ type: 'callback', value }],
  };
}

/** buttons side by side, wrapping on a narrow screen */
export function buttonRow(buttons: Button[], lang?: string): CardElement {
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    horizontal_spacing: '8px',
    columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [button(b, lang)] })),
  };
}

/** a line of text with its buttons on the right: a pick-list entry */
export function rowWithButtons(left: CardElement[], buttons: Button[], lang?: string): CardElement {
  return {
    tag: 'column_set',
    flex_mode: 'none',
    horizontal_spacing: '8px',
    columns: [
      { tag: 'column', width: 'weighted', weight: 3, vertical_align: 'center', elements: left },
      {
        tag: 'column', width: 'auto', vertical_align: 'center',
        elements: buttons.map((b) => button(b, lang)),
      },
    ],
  };
}

export function divider(): CardElement {
  return { tag: 'hr' };
}

export function isButtonValue(value: unknown): value is ButtonValue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.action === 'string' && typeof v.args === 'object' && v.args !== null
    && Object.values(v.args as Record<string, unknown>).every((x) => typeof x === 'string');
}
