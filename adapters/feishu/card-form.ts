// Forms as card 2.0 form containers. The submit button carries the form's
// definition back in its callback value, so a submit with errors re-renders
// the same form (with what the person typed and the messages) without any
// server-side memory: any replica can answer the callback.
import type { Lang } from '../../src/domain/types.js';
import { t } from '../../src/i18n/index.js';
import type { Form, FormField } from '../../src/views/model.js';
import { cut } from '../shared/text.js';
import { escapeMarkdown, markdown, plain, textDiv, type CardElement } from './card-parts.js';

/** a card 2.0 input holds 1–1000 characters (open.feishu.cn card-json-v2-components/interactive-components/input) */
export const FEISHU_INPUT_MAX = 1000;
/** the longest placeholder (larksuite/cli card components/input.md: ≤ 100 characters) */
const PLACEHOLDER_MAX = 100;

/**
 * A field longer than one input can hold (a 2000-character note) is shown as
 * consecutive inputs of at most 1000 characters each: "Note (1/2)", "Note (2/2)".
 * The submit joins them back in order, so the engine sees one field.
 */
function inputParts(field: Pick<FormField, 'kind' | 'maxLength'>): number {
  if (field.kind !== 'text' && field.kind !== 'textarea' && field.kind !== 'number') return 1;
  return Math.max(1, Math.ceil((field.maxLength ?? FEISHU_INPUT_MAX) / FEISHU_INPUT_MAX));
}

function partName(name: string, part: number): string {
  return part === 0 ? name : `${name}__${part + 1}`;
}

/** the value of a form's submit button */
export interface FormSubmitValue {
  form: string;
  args: Record<string, string>;
  def: Pick<Form, 'title' | 'submitLabel' | 'fields'>;
  lang?: string;
}

export type FormValues = Record<string, string | string[] | undefined>;

export function isFormSubmitValue(value: unknown): value is FormSubmitValue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const def = v.def as Record<string, unknown> | undefined;
  return typeof v.form === 'string' && typeof v.args === 'object' && v.args !== null
    && typeof def === 'object' && def !== null && Array.isArray(def.fields);
}

function initialOf(field: FormField, values: FormValues | undefined): string | string[] | undefined {
  return values && field.name in values ? values[field.name] : field.initial;
}

function asText(v: string | string[] | undefined): string | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(', ') : v;
}

function renderInputs(field: FormField, label: string, initial: string | undefined, placeholder: object): CardElement[] {
  const parts = inputParts(field);
  const total = field.maxLength ?? FEISHU_INPUT_MAX;
  const chars = Array.from(initial ?? '');
  const out: CardElement[] = [];
  for (let i = 0; i < parts; i++) {
    const max = Math.min(FEISHU_INPUT_MAX, total - i * FEISHU_INPUT_MAX);
    const input: CardElement = {
      tag: 'input',
      name: partName(field.name, i),
      // only the first part is required: the rest of a long note is optional
      required: i === 0 && Boolean(field.required),
      label: plain(parts > 1 ? `${label} (${i + 1}/${parts})` : label),
      label_position: 'top',
      ...(i === 0 ? placeholder : {}),
      max_length: max,
    };
    // a re-shown form never carries a default longer than its input holds
    const text = chars.slice(i * FEISHU_INPUT_MAX, i * FEISHU_INPUT_MAX + max).join('');
    if (text) input.default_value = text;
    if (field.kind === 'textarea') {
      input.input_type = 'multiline_text';
      input.rows = 3;
    }
    out.push(input);
  }
  return out;
}

function renderField(field: FormField, values: FormValues | undefined, lang: Lang): CardElement[] {
  const initial = initialOf(field, values);
  const label = field.required ? `${field.label} *` : field.label;
  const placeholder = field.placeholder ? { placeholder: plain(cut(field.placeholder, PLACEHOLDER_MAX)) } : {};
  const options = (field.options ?? []).map((o) => ({ text: plain(o.label), value: o.value }));
  const heading = markdown(`**${escapeMarkdown(label)}**`);

  switch (field.kind) {
    case 'text':
    case 'number':
    case 'textarea':
      return renderInputs(field, label, asText(initial), placeholder);
    case 'select': {
      const select: CardElement = { tag: 'select_static', name: field.name, required: Boolean(field.required), options, ...placeholder };
      const chosen = asText(initial);
      if (chosen && options.some((o) => o.value === chosen)) select.initial_option = chosen;
      return [heading, select];
    }
    case 'multiselect': {
      const select: CardElement = { tag: 'multi_select_static', name: field.name, required: Boolean(field.required), options, ...placeholder };
      const chosen = initial === undefined ? [] : Array.isArray(initial) ? initial : initial.split(',').map((s) => s.trim());
      const known = chosen.filter((c) => options.some((o) => o.value === c));
      if (known.length > 0) select.selected_values = known;
      return [heading, select];
    }
    case 'date': {
      const date = asText(initial);
      const picker: CardElement = { tag: 'date_picker', name: field.name, required: Boolean(field.required) };
      if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) picker.initial_date = date;
      // a date picker needs a placeholder or an initial date (card 2.0 date picker component)
      else picker.placeholder = field.placeholder ? plain(cut(field.placeholder, PLACEHOLDER_MAX)) : plain(t(lang, 'feishu.pickDate'));
      return [heading, picker];
    }
  }
}

/**
 * The form container. With `errors`, each message sits under its field and
 * messages for fields the form does not show go on top.
 */
export function renderForm(form: Form, lang: Lang, values?: FormValues, errors?: Record<string, string>): CardElement[] {
  const names = new Set(form.fields.map((f) => f.name));
  const loose = Object.entries(errors ?? {}).filter(([name]) => !names.has(name)).map(([, msg]) => msg);
  const elements: CardElement[] = loose.map((msg) => textDiv(msg, { tone: 'error' }));
  for (const field of form.fields) {
    elements.push(...renderField(field, values, lang));
    const error = errors?.[field.name];
    if (error) elements.push(textDiv(error, { tone: 'error', size: 'notation' }));
  }
  const value: FormSubmitValue = {
    form: form.id,
    args: form.args,
    def: { title: form.title, submitLabel: form.submitLabel, fields: form.fields },
    lang,
  };
  elements.push({
    tag: 'button',
    name: 'submit',
    text: plain(form.submitLabel),
    type: 'primary',
    form_action_type: 'submit',
    behaviors: [{ type: 'callback', value }],
  });
  return [{ tag: 'form', name: `form_${form.id}`.replace(/[^\w]/g, '_'), elements }];
}

/** the parts of a long field, joined in order (absent when no part was sent) */
function joinParts(name: string, parts: number, raw: Record<string, unknown> | undefined): string | undefined {
  const texts: string[] = [];
  for (let i = 0; i < parts; i++) {
    const v = raw?.[partName(name, i)];
    if (v !== undefined && v !== null) texts.push(String(v));
  }
  return texts.length > 0 ? texts.join('') : undefined;
}

/**
 * Feishu's form_value into what the engine expects: dates as YYYY-MM-DD (the
 * date picker sends "2026-12-01 +0800"), empty strings as absent, multi
 * selects as arrays.
 */
export function readFormValues(fields: FormField[], raw: Record<string, unknown> | undefined): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const parts = inputParts(field);
    const v = parts > 1 ? joinParts(field.name, parts, raw) : raw?.[field.name];
    if (v === undefined || v === null) continue;
    if (field.kind === 'multiselect') {
      const list = Array.isArray(v) ? v.map(String) : String(v).split(',').map((s) => s.trim());
      values[field.name] = list.filter(Boolean);
      continue;
    }
    const text = Array.isArray(v) ? v.map(String).join(',') : String(v);
    if (field.kind === 'date') {
      const m = /^(\d{4}-\d{2}-\d{2})/.exec(text.trim());
      values[field.name] = m ? m[1] : text.trim() || undefined;
      continue;
    }
    values[field.name] = text.trim() === '' ? undefined : text;
  }
  return values;
}
