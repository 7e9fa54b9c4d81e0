// Feishu card JSON 2.0 rules as a validator: what Feishu would refuse, the
// fake and the view catalogue refuse too. Sources ("doc" = open.feishu.cn/
// document/uAjLw4CM/ukzMukzMukzM/feishu-cards/…):
//   [structure] card-json-v2-structure; [changes] card-json-v2-breaking-changes-release-notes;
//   [form] card-json-v2-components/containers/form-container; [columns] …/containers/column-set;
//   [input] …/interactive-components/input; [date] …/interactive-components/date-picker;
//   [select] …/interactive-components/single-select-dropdown-menu (select_static) and
//   multi-select-dropdown-menu; [button] …/interactive-components/button;
//   [chart] …/content-components/chart; [md] …/content-components/rich-text;
//   [cli] larksuite/cli skills/lark-im/references/card/components/*.md (Lark's own summary of the same pages).
// Not confirmed by a page we could read (kept, and said so): the 30 KB card size and the
// 200-component count; the default_value-within-max_length rule.
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const len = (s: string): number => Array.from(s).length;

const COMMON = ['tag', 'element_id', 'margin'];
// [changes] "在 JSON 2.0 版本中，传入不支持的属性将报错": every property we may send, per component
const PROPS: Record<string, string[]> = {
  div: [...COMMON, 'width', 'text', 'icon'],
  markdown: [...COMMON, 'content', 'text_size', 'text_align', 'icon', 'i18n_content'],
  hr: COMMON,
  column_set: [...COMMON, 'horizontal_spacing', 'horizontal_align', 'flex_mode', 'background_style', 'columns', 'action'],
  column: [...COMMON, 'background_style', 'width', 'weight', 'vertical_align', 'horizontal_align', 'vertical_spacing',
    'horizontal_spacing', 'direction', 'padding', 'elements', 'action'],
  button: [...COMMON, 'type', 'size', 'width', 'text', 'icon', 'hover_tips', 'disabled', 'disabled_tips', 'confirm', 'behaviors',
    'name', 'form_action_type'],
  form: [...COMMON, 'name', 'elements', 'direction', 'horizontal_spacing', 'vertical_spacing', 'horizontal_align', 'vertical_align', 'padding'],
  input: [...COMMON, 'name', 'required', 'disabled', 'placeholder', 'default_value', 'width', 'max_length', 'input_type', 'show_icon',
    'rows', 'auto_resize', 'max_rows', 'label', 'label_position', 'value', 'confirm', 'fallback', 'behaviors', 'disabled_tips'],
  select_static: [...COMMON, 'type', 'name', 'required', 'disabled', 'initial_option', 'placeholder', 'width', 'options', 'confirm', 'behaviors'],
  multi_select_static: [...COMMON, 'type', 'name', 'required', 'disabled', 'width', 'placeholder', 'selected_values', 'options', 'confirm', 'behaviors'],
  date_picker: [...COMMON, 'name', 'required', 'disabled', 'width', 'initial_date', 'placeholder', 'behaviors', 'confirm'],
  chart: [...COMMON, 'aspect_ratio', 'color_theme', 'chart_spec', 'preview', 'height'],
};
/** components that collect a value: inside a form each needs a card-wide unique `name` ([form], [cli] form.md) */
const FORM_FIELDS = new Set(['input', 'select_static', 'multi_select_static', 'date_picker']);
/** [button] button types */
const BUTTON_TYPES = new Set(['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser']);
/** [structure] header template colours */
const TEMPLATES = new Set(['blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey', 'default']);

export const FEISHU_LIMITS = {
  /** [input] / [cli] input.md: max_length 1–1000 */
  inputMaxLength: 1000,
  /** [cli] input.md: placeholder ≤ 100 chars */
  placeholder: 100,
  /** [form]: "容器类组件最多支持嵌套五层组件" */
  nesting: 5,
  /** [chart]: "单张卡片建议最多放置五个图表组件" */
  charts: 5,
  /** not confirmed (open.feishu.cn im/v1/message/create says cards ≤ 30 KB; the page was not in our corpus) */
  bytes: 30 * 1024,
  /** not confirmed (card-json-v2-structure: 200 components a card; the page was not in our corpus) */
  components: 200,
} as const;

class Checker {
  readonly violations: string[] = [];
  readonly names = new Set<string>();
  components = 0;
  charts = 0;
  fail(path: string, rule: string): void {
    this.violations.push(`${path}: ${rule}`);
  }

  /** a plain_text object: { tag: 'plain_text', content } */
  plain(v: unknown, path: string, max?: number): void {
    if (!isObj(v) || (v.tag !== 'plain_text' && v.tag !== 'lark_md')) return this.fail(path, 'must be a plain_text object');
    if (typeof v.content !== 'string') return this.fail(path, 'content must be a string');
    if (max !== undefined && len(v.content) > max) this.fail(path, `is ${len(v.content)} chars, max ${max}`);
  }

  name(el: Obj, path: string): void {
    // [form]: names inside a form are required and unique in the whole card, or the submit fails
    if (typeof el.name !== 'string' || el.name === '') return this.fail(`${path}.name`, 'a name is required inside a form');
    if (this.names.has(el.name)) this.fail(`${path}.name`, `"${el.name}" is not unique in the card`);
    this.names.add(el.name);
  }

  callbacks(el: Obj, path: string): void {
    if (el.behaviors === undefined) return;
    if (!Array.isArray(el.behaviors)) return this.fail(`${path}.behaviors`, 'must be an array');
    el.behaviors.forEach((b, i) => {
      // [button] behaviors: callback (value: object; "开放平台 SDK 仅支持 object 类型的回传交互数据") or open_url
      if (!isObj(b) || (b.type !== 'callback' && b.type !== 'open_url')) return this.fail(`${path}.behaviors[${i}]`, 'type must be callback or open_url');
      if (b.type === 'callback' && !isObj(b.value)) this.fail(`${path}.behaviors[${i}].value`, 'a callback value must be an object');
    });
  }

  element(el: unknown, path: string, ctx: { depth: number; inForm: boolean; form?: { submit: number } }): void {
    if (!isObj(el)) return this.fail(path, 'a component object is required');
    const tag = String(el.tag);
    const props = PROPS[tag];
    if (!props) return this.fail(path, `component ${tag} is unknown to this validator (add its rules before sending it)`);
    this.components += 1;
    for (const key of Object.keys(el)) if (!props.includes(key)) this.fail(`${path}.${key}`, `property not supported by ${tag} in card 2.0`);
    if (FORM_FIELDS.has(tag)) {
      if (ctx.inForm) this.name(el, path);
      // [input]/[select]/[date]: `required` is only available inside a form ("其它情况将报错或不生效")
      else if (el.required !== undefined) this.fail(`${path}.required`, 'only allowed inside a form');
    }
    switch (tag) {
      case 'div':
        if (el.text !== undefined) this.plain(el.text, `${path}.text`);
        break;
      case 'markdown':
        if (typeof el.content !== 'string') this.fail(`${path}.content`, 'must be a string');
        break;
      case 'column_set':
      case 'column':
      case 'form':
        this.container(el, tag, path, ctx);
        break;
      case 'button':
        this.plain(el.text, `${path}.text`);
        if (el.type !== undefined && !BUTTON_TYPES.has(String(el.type))) this.fail(`${path}.type`, `unknown button type ${String(el.type)}`);
        this.callbacks(el, path);
        if (el.form_action_type !== undefined) {
          // [form]: form buttons submit or reset, and only inside a form
          if (el.form_action_type !== 'submit' && el.form_action_type !== 'reset') this.fail(`${path}.form_action_type`, 'must be submit or reset');
          if (!ctx.form) this.fail(`${path}.form_action_type`, 'only allowed inside a form');
          else { this.name(el, path); if (el.form_action_type === 'submit') ctx.form.submit += 1; }
        }
        break;
      case 'input': {
        // [input]/[cli]: max_length 1–1000; placeholder plain_text ≤ 100; input_type text | multiline_text | password
        const max = el.max_length;
        if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > FEISHU_LIMITS.inputMaxLength)) {
          this.fail(`${path}.max_length`, `must be an integer 1–${FEISHU_LIMITS.inputMaxLength}, not ${String(max)}`);
        }
        const limit = typeof max === 'number' ? Math.min(max, FEISHU_LIMITS.inputMaxLength) : FEISHU_LIMITS.inputMaxLength;
        // not confirmed in the docs: a default longer than the input may hold
        if (typeof el.default_value === 'string' && len(el.default_value) > limit) this.fail(`${path}.default_value`, `is ${len(el.default_value)} chars, longer than max_length ${limit}`);
        if (el.placeholder !== undefined) this.plain(el.placeholder, `${path}.placeholder`, FEISHU_LIMITS.placeholder);
        if (el.label !== undefined) this.plain(el.label, `${path}.label`);
        if (el.input_type !== undefined && !['text', 'multiline_text', 'password'].includes(String(el.input_type))) this.fail(`${path}.input_type`, 'must be text, multiline_text or password');
        this.callbacks(el, path);
        break;
      }
      case 'select_static':
      case 'multi_select_static': {
        // [select]: options [{ text: plain_text, value }]; initial_option / selected_values name existing values
        const values = this.options(el.options, `${path}.options`);
        if (el.placeholder !== undefined) this.plain(el.placeholder, `${path}.placeholder`, FEISHU_LIMITS.placeholder);
        if (el.initial_option !== undefined && !values.includes(String(el.initial_option))) this.fail(`${path}.initial_option`, 'must be the value of one of the options');
        if (el.selected_values !== undefined && (!Array.isArray(el.selected_values) || !el.selected_values.every((v) => values.includes(String(v))))) {
          this.fail(`${path}.selected_values`, 'each must be the value of one of the options');
        }
        this.callbacks(el, path);
        break;
      }
      case 'date_picker':
        // [date]/[cli] date_picker.md: placeholder is required when there is no initial_date (yyyy-MM-dd)
        if (el.initial_date === undefined && el.placeholder === undefined) this.fail(path, 'a date picker needs a placeholder or an initial_date');
        if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date))) this.fail(`${path}.initial_date`, 'must be yyyy-MM-dd');
        if (el.placeholder !== undefined) this.plain(el.placeholder, `${path}.placeholder`, FEISHU_LIMITS.placeholder);
        this.callbacks(el, path);
        break;
      case 'chart':
        // [chart]: chart_spec (a VChart spec object) is required; aspect_ratio 1:1 | 2:1 | 4:3 | 16:9; at most five charts a card
        this.charts += 1;
        if (!isObj(el.chart_spec) || typeof el.chart_spec.type !== 'string') this.fail(`${path}.chart_spec`, 'a VChart spec object with a type is required');
        if (el.aspect_ratio !== undefined && !['1:1', '2:1', '4:3', '16:9'].includes(String(el.aspect_ratio))) this.fail(`${path}.aspect_ratio`, 'must be 1:1, 2:1, 4:3 or 16:9');
        if (ctx.inForm) this.fail(path, 'charts are not for forms');
        break;
      default:
        break;
    }
  }

  options(options: unknown, path: string): string[] {
    if (!Array.isArray(options) || options.length === 0) { this.fail(path, 'at least one option is required'); return []; }
    return options.map((o, i) => {
      if (!isObj(o) || typeof o.value !== 'string') { this.fail(`${path}[${i}]`, 'an option needs text and a string value'); return ''; }
      this.plain(o.text, `${path}[${i}].text`);
      return o.value;
    });
  }

  container(el: Obj, tag: string, path: string, ctx: { depth: number; inForm: boolean; form?: { submit: number } }): void {
    const depth = ctx.depth + 1;
    if (depth > FEISHU_LIMITS.nesting) this.fail(path, `containers nest ${depth} deep, max ${FEISHU_LIMITS.nesting}`);
    if (tag === 'column_set') {
      // [columns]: columns are column components; flex_mode none | stretch | flow | bisect | trisect
      if (!Array.isArray(el.columns)) return this.fail(`${path}.columns`, 'must be an array');
      if (el.flex_mode !== undefined && !['none', 'stretch', 'flow', 'bisect', 'trisect'].includes(String(el.flex_mode))) this.fail(`${path}.flex_mode`, 'unknown flex_mode');
      el.columns.forEach((c, i) => {
        if (!isObj(c) || c.tag !== 'column') return this.fail(`${path}.columns[${i}]`, 'must be a column');
        // [columns]: width auto | weighted | [16,600]px; weight 1–5 with weighted
        if (c.width === 'weighted' && !(typeof c.weight === 'number' && c.weight >= 1 && c.weight <= 5)) this.fail(`${path}.columns[${i}].weight`, 'must be 1–5');
        this.element(c, `${path}.columns[${i}]`, { ...ctx, depth });
      });
      return;
    }
    if (tag === 'form') {
      // [form]: only at the card's root, never inside another component; holds no table and no form; name required
      if (ctx.depth !== 0) this.fail(path, 'a form may only sit at the root of the card body');
      if (typeof el.name !== 'string' || el.name === '') this.fail(`${path}.name`, 'a form needs a name');
      else if (this.names.has(el.name)) this.fail(`${path}.name`, `"${el.name}" is not unique in the card`);
      else this.names.add(el.name);
      const form = { submit: 0 };
      this.children(el.elements, `${path}.elements`, { depth, inForm: true, form }, (t) => t === 'form' || t === 'table');
      // [cli] form.md: a form needs a button with form_action_type submit
      if (form.submit === 0) this.fail(path, 'a form needs a submit button (form_action_type: submit) inside it');
      return;
    }
    this.children(el.elements, `${path}.elements`, { ...ctx, depth }, (t) => t === 'form');
  }

  children(list: unknown, path: string, ctx: { depth: number; inForm: boolean; form?: { submit: number } }, banned: (tag: string) => boolean): void {
    if (!Array.isArray(list)) return this.fail(path, 'must be an array');
    list.forEach((c, i) => {
      if (isObj(c) && banned(String(c.tag))) return this.fail(`${path}[${i}]`, `${String(c.tag)} is not allowed here`);
      this.element(c, `${path}[${i}]`, ctx);
    });
  }
}

/** a card JSON 2.0 object, as sent in `content` (interactive) or in a callback's `card.data` */
export function validateFeishuCard(card: unknown): string[] {
  const c = new Checker();
  if (!isObj(card)) return ['card: an object is required'];
  // [structure]/[changes]: schema "2.0" is declared explicitly; elements live under body
  if (card.schema !== '2.0') c.fail('schema', 'must be "2.0"');
  for (const key of Object.keys(card)) if (!['schema', 'config', 'card_link', 'header', 'body'].includes(key)) c.fail(key, 'not a card 2.0 top-level field');
  if (isObj(card.config)) {
    // [changes]: 2.0 cards are shared cards only: update_multi may only be true
    if (card.config.update_multi !== undefined && card.config.update_multi !== true) c.fail('config.update_multi', 'must be true in card 2.0');
    const summary = card.config.summary;
    if (summary !== undefined && !(isObj(summary) && typeof summary.content === 'string')) c.fail('config.summary', 'must be { content: string }');
  }
  if (card.header !== undefined) {
    const h = card.header;
    if (!isObj(h)) c.fail('header', 'must be an object');
    else {
      c.plain(h.title, 'header.title');
      if (h.template !== undefined && !TEMPLATES.has(String(h.template))) c.fail('header.template', `unknown colour ${String(h.template)}`);
    }
  }
  if (!isObj(card.body)) c.fail('body', 'body with elements is required');
  else c.children(card.body.elements, 'body.elements', { depth: 0, inForm: false }, () => false);
  if (c.charts > FEISHU_LIMITS.charts) c.fail('body', `${c.charts} charts, at most ${FEISHU_LIMITS.charts}`);
  if (c.components > FEISHU_LIMITS.components) c.fail('body', `${c.components} components, at most ${FEISHU_LIMITS.components}`);
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes > FEISHU_LIMITS.bytes) c.fail('card', `is ${bytes} bytes of JSON, at most ${FEISHU_LIMITS.bytes}`);
  return c.violations;
}
