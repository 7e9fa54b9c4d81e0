// The Block Kit renderer: neutral views (src/views/model.ts) in, Slack JSON
// out. No decisions about customers live here, only layout and Slack's limits
// (50 blocks a message, 10 fields a section, 75 chars a button label…).
import type { types } from '@slack/bolt';
import type { Lang } from '../../src/domain/types.js';
import { t } from '../../src/i18n/index.js';
import type { ActionRef, Block, Button, FieldErrors, Form, FormField, Reply } from '../../src/views/model.js';
import { truncate } from '../shared/text.js';

type KnownBlock = types.KnownBlock;
type ActionsBlockElement = types.ActionsBlockElement;

/** every button we render carries this action_id prefix, so one listener catches them all */
export const ACTION_PREFIX = 'cca:';
/** block_id prefixes: a click in a "replace" block updates the message it was clicked in */
export const REPLACE_BLOCK = 'cca-replace:';
export const ITEM_BLOCK = 'cca-item:';
export const MODAL_CALLBACK = 'cca-form';
export const SHORTCUT_CALLBACK = 'log_as_followup';

export const MESSAGE_BLOCK_LIMIT = 50;
export const VIEW_BLOCK_LIMIT = 100;
/** the longest plain_text_input Slack takes (its min_length bound; @slack/types PlainTextInput) */
const SLACK_INPUT_MAX = 3000;

const TONE: Record<NonNullable<Extract<Block, { type: 'text' }>['tone']>, string> = {
  info: ':information_source: ',
  success: ':white_check_mark: ',
  warning: ':warning: ',
  error: ':x: ',
};

/** an invisible, non-breaking character (U+2060 WORD JOINER) put around a formatting marker */
const JOINER = '\u2060';
const WORD = /[A-Za-z0-9]/;

/**
 * User text as mrkdwn that shows literally. &, < and > are Slack's control
 * characters (`<!channel>`, `<@U…>`, `<url|label>`): they become entities
 * (docs.slack.dev/messaging/formatting-message-text#escaping). Slack has no
 * escape for * _ ~ `; a marker only formats at a word boundary, so a marker
 * that touches a boundary gets a word joiner on each side and no longer
 * opens or closes anything, while `zhang_san@example.com` is left alone.
 */
export function escapeMrkdwn(text: string): string {
  const entities = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return entities.replace(/[*_~`]/g, (marker, at: number, all: string) => {
    // *, _ and ~ inside a word stay (zhang_san@example.com); a backtick opens code even there (A`code`a)
    const inWord = marker !== '`' && WORD.test(all[at - 1] ?? '') && WORD.test(all[at + 1] ?? '');
    return inWord ? marker : JOINER + marker + JOINER;
  });
}

function plain(text: string, max = 150): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(text || ' ', max), emoji: true };
}

// (optional keys are set, not spread in: V8 builds a spread object literal on a slow path, and these run per list item)
function mrkdwnSection(text: string, blockId?: string): types.SectionBlock {
  const section: types.SectionBlock = { type: 'section', text: { type: 'mrkdwn', text: truncate(text || ' ', 3000) } };
  if (blockId) section.block_id = blockId;
  return section;
}

/** the button's value is the ActionRef itself: the click hands it back to the engine unchanged */
export function renderButton(button: Button, actionId: string): types.Button {
  const out: types.Button = {
    type: 'button',
    action_id: actionId,
    text: plain(button.label, 75),
    value: encodeAction(button.action),
  };
  if (button.style) out.style = button.style;
  return out;
}

export function encodeAction(action: ActionRef): string {
  const value = JSON.stringify(action);
  if (value.length > 2000) throw new Error(`action ${action.id} does not fit a Slack button value (${value.length} chars)`);
  return value;
}

export function decodeAction(value: string | undefined): ActionRef | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { id, args } = parsed as { id?: unknown; args?: unknown };
    if (typeof id !== 'string' || typeof args !== 'object' || args === null) return null;
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(args)) if (typeof v === 'string') clean[k] = v;
    return { id: id as ActionRef['id'], args: clean };
  } catch {
    return null;
  }
}

function chartLines(block: Extract<Block, { type: 'chart' }>): string {
  // Slack draws no charts: a monospace bar per datum, with the number and share.
  const total = block.data.reduce((sum, d) => sum + d.value, 0);
  const max = Math.max(1, ...block.data.map((d) => d.value));
  const width = Math.max(1, ...block.data.map((d) => displayWidth(d.label)));
  const lines = block.data.map((d) => {
    const bar = '█'.repeat(Math.round((d.value / max) * 20)) || (d.value > 0 ? '▏' : '');
    const share = total > 0 ? ` (${Math.round((d.value / total) * 100)}%)` : '';
    return `${d.label}${' '.repeat(width - displayWidth(d.label))}  ${bar} ${d.value}${block.chart === 'pie' ? share : ''}`;
  });
  return `*${escapeMrkdwn(block.title)}*\n\`\`\`\n${escapeMrkdwn(lines.join('\n'))}\n\`\`\``;
}

/** CJK characters take two columns in a monospace block */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function renderList(block: Extract<Block, { type: 'list' }>, index: number, scope: string): KnownBlock[] {
  const out: KnownBlock[] = [];
  if (block.title) out.push(mrkdwnSection(`*${escapeMrkdwn(block.title)}*`));
  block.items.forEach((item, j) => {
    const text = escapeMrkdwn(item.text) + (item.detail ? `\n${escapeMrkdwn(item.detail)}` : '');
    const actions = item.actions ?? [];
    const blockId = `${ITEM_BLOCK}${scope}${index}:${j}`;
    const first = actions[0];
    if (actions.length === 1 && first) {
      // one button fits beside the text and saves a block of the 50
      const section = mrkdwnSection(text, blockId);
      section.accessory = renderButton(first, `${ACTION_PREFIX}${index}:${j}:0`);
      out.push(section);
    } else {
      out.push(mrkdwnSection(text));
      if (actions.length > 0) {
        out.push({
          type: 'actions',
          block_id: blockId,
          elements: actions.slice(0, 25).map((b, k) => renderButton(b, `${ACTION_PREFIX}${index}:${j}:${k}`)),
        });
      }
    }
  });
  if (block.footer) out.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(escapeMrkdwn(block.footer), 3000) }] });
  return out;
}

function renderBlock(block: Block, index: number, lang: Lang, scope: string): KnownBlock[] {
  switch (block.type) {
    case 'heading':
      return [{ type: 'header', text: plain(block.text, 150) }];
    case 'text':
      return [mrkdwnSection((block.tone ? TONE[block.tone] : '') + escapeMrkdwn(block.text))];
    case 'fields': {
      const sections: KnownBlock[] = [];
      for (let i = 0; i < block.fields.length; i += 10) {
        sections.push({
          type: 'section',
          fields: block.fields.slice(i, i + 10).map((f) => ({
            type: 'mrkdwn' as const,
            text: truncate(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value || '—')}`, 2000),
          })),
        });
      }
      return sections;
    }
    case 'list':
      return renderList(block, index, scope);
    case 'actions': {
      const elements: ActionsBlockElement[] = block.buttons.slice(0, 25)
        .map((b, k) => renderButton(b, `${ACTION_PREFIX}${index}:${k}`));
      return elements.length ? [{ type: 'actions', block_id: `${REPLACE_BLOCK}${scope}${index}`, elements }] : [];
    }
    case 'chart':
      return [mrkdwnSection(chartLines(block))];
    case 'form':
      // A message cannot hold a submittable form; the listeners open it as a
      // modal. Where no modal can be opened (a DM from a job), say how to get it.
      return [mrkdwnSection(escapeMrkdwn(t(lang, 'slack.form.openHint', { title: block.form.title, form: block.form.id })))];
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/**
 * A Reply's blocks as Block Kit, within Slack's limit for the surface. `scope`
 * keeps block_ids unique when two replies share one view (a notice above the
 * App Home): Slack refuses a view with a repeated block_id.
 */
export function renderBlocks(reply: Reply, limit = MESSAGE_BLOCK_LIMIT, scope = ''): KnownBlock[] {
  const out = reply.blocks.flatMap((b, i) => renderBlock(b, i, reply.lang, scope));
  if (out.length <= limit) return out;
  const kept = out.slice(0, limit - 1);
  kept.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t(reply.lang, 'slack.list.more', { count: out.length - kept.length }) }] });
  return kept;
}

/** a message payload: blocks plus the plain-text fallback notifications show */
export function renderMessage(reply: Reply): { text: string; blocks: KnownBlock[] } {
  // the notification text is mrkdwn too: a summary naming `<!channel>` must not notify anyone
  return { text: truncate(escapeMrkdwn(reply.summary || ' '), 3000), blocks: renderBlocks(reply) };
}

export function findForm(reply: Reply): Form | undefined {
  for (const b of reply.blocks) if (b.type === 'form') return b.form;
  return undefined;
}

/** the reply without its form: what remains to show as a message beside the modal */
export function withoutForm(reply: Reply): Reply {
  return { ...reply, blocks: reply.blocks.filter((b) => b.type !== 'form') };
}

export function hasActions(reply: Reply): boolean {
  return reply.blocks.some((b) => b.type === 'actions');
}

function initialString(field: FormField): string | undefined {
  const v = field.initial;
  return Array.isArray(v) ? v.join(', ') : v;
}

function renderInput(field: FormField): KnownBlock {
  const id = field.name;
  const options = (field.options ?? []).slice(0, 100).map((o) => ({ text: plain(o.label, 75), value: truncate(o.value, 75) }));
  const initialValues = Array.isArray(field.initial) ? field.initial : field.initial !== undefined ? [field.initial] : [];
  const initialOptions = options.filter((o) => initialValues.includes(o.value));
  const placeholder = field.placeholder ? { placeholder: plain(field.placeholder, 150) } : {};
  let element: types.InputBlockElement;
  if (field.kind === 'select' && options.length > 0) {
    element = { type: 'static_select', action_id: id, options, ...placeholder, ...(initialOptions[0] ? { initial_option: initialOptions[0] } : {}) };
  } else if (field.kind === 'multiselect' && options.length > 0) {
    element = { type: 'multi_static_select', action_id: id, options, ...placeholder, ...(initialOptions.length ? { initial_options: initialOptions } : {}) };
  } else if (field.kind === 'date') {
    const initial = initialString(field);
    element = { type: 'datepicker', action_id: id, ...placeholder, ...(initial && /^\d{4}-\d{2}-\d{2}$/.test(initial) ? { initial_date: initial } : {}) };
  } else {
    // numbers stay free text: the engine reads "1.5万" and "12,000", number_input would refuse them
    const initial = initialString(field);
    const maxLength = Math.min(field.maxLength ?? SLACK_INPUT_MAX, SLACK_INPUT_MAX);
    element = {
      type: 'plain_text_input',
      action_id: id,
      multiline: field.kind === 'textarea',
      ...placeholder,
      // a default longer than max_length is refused: a re-shown value is cut to what the input holds
      ...(initial ? { initial_value: truncate(initial, maxLength) } : {}),
      ...(field.maxLength ? { max_length: maxLength } : {}),
    };
  }
  return { type: 'input', block_id: id, label: plain(field.label, 2000), optional: !field.required, element };
}

/** what comes back with a submit, so the listener knows where the modal came from */
export interface ModalMeta {
  /** form id and hidden args */
  f: string;
  a: Record<string, string>;
  /** response_url of the message the modal was opened from */
  r?: string;
  /** channel the command or shortcut came from */
  c?: string;
  /** the card's customer code, when opened from a card: refresh it after the submit */
  k?: string;
  /** 'home' when opened from the App Home tab */
  o?: 'home';
}

export function renderModal(form: Form, meta: Omit<ModalMeta, 'f' | 'a'>, lang: Lang, lead: Reply | undefined): types.ModalView {
  const leadBlocks = lead && lead.blocks.length ? renderBlocks(lead, 20) : [];
  return {
    type: 'modal',
    callback_id: MODAL_CALLBACK,
    title: plain(form.title, 24),
    submit: plain(form.submitLabel, 24),
    close: plain(t(lang, 'slack.modal.cancel'), 24),
    private_metadata: encodeMeta({ ...meta, f: form.id, a: form.args }),
    blocks: [...leadBlocks, ...form.fields.slice(0, VIEW_BLOCK_LIMIT - leadBlocks.length).map(renderInput)],
  };
}

/** a read-only modal (a card opened from the Home tab) */
export function renderInfoModal(reply: Reply, meta: Omit<ModalMeta, 'f' | 'a'>): types.ModalView {
  return {
    type: 'modal',
    callback_id: `${MODAL_CALLBACK}-info`,
    title: plain(truncate(reply.summary || 'chat-crm', 24), 24),
    close: plain(t(reply.lang, 'slack.modal.close'), 24),
    private_metadata: encodeMeta({ ...meta, f: '', a: {} }),
    blocks: renderBlocks(reply, VIEW_BLOCK_LIMIT),
  };
}

export function renderHome(reply: Reply, notice?: Reply): types.HomeView {
  const top = notice ? [...renderBlocks(notice, 20, 'n'), { type: 'divider' } as KnownBlock] : [];
  return { type: 'home', blocks: [...top, ...renderBlocks(reply, VIEW_BLOCK_LIMIT - top.length)] };
}

export function encodeMeta(meta: ModalMeta): string {
  const text = JSON.stringify(meta);
  // private_metadata holds 3000 chars; the response_url is the only optional thing to drop
  return text.length <= 3000 ? text : JSON.stringify({ ...meta, r: undefined });
}

export function decodeMeta(text: string | undefined): ModalMeta {
  try {
    const m = JSON.parse(text ?? '') as Partial<ModalMeta>;
    return { f: typeof m.f === 'string' ? m.f : '', a: m.a && typeof m.a === 'object' ? m.a : {}, r: m.r, c: m.c, k: m.k, o: m.o };
  } catch {
    return { f: '', a: {} };
  }
}

/** FieldErrors → the `errors` map of `response_action: 'errors'` (keyed by block_id = field name) */
export function renderFieldErrors(errors: FieldErrors, form?: { fields: { name: string }[] }): Record<string, string> {
  const known = new Set(form?.fields.map((f) => f.name) ?? Object.keys(errors.fieldErrors));
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors.fieldErrors)) {
    out[known.has(field) ? field : [...known][0] ?? field] = truncate(message, 150);
  }
  return out;
}

type StateValue = {
  type?: string; value?: string | null; selected_date?: string | null;
  selected_option?: { value: string } | null; selected_options?: { value: string }[];
};

/** view.state.values → the form values the engine expects (block_id = action_id = field name) */
export function readFormValues(values: Record<string, Record<string, StateValue>>): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const v = actions[blockId] ?? Object.values(actions)[0];
    if (!v) continue;
    if (v.selected_options) out[blockId] = v.selected_options.map((o) => o.value);
    else if (v.selected_option !== undefined) out[blockId] = v.selected_option?.value ?? undefined;
    else if (v.selected_date !== undefined) out[blockId] = v.selected_date ?? undefined;
    else out[blockId] = v.value ?? undefined;
  }
  return out;
}
