// Slack's published Block Kit rules as a validator: what real Slack would
// refuse with `invalid_blocks` / `invalid_arguments`, the fakes and the view
// catalogue refuse too. Each rule cites its source. "types" = the JSDoc of
// @slack/types 2.x in node_modules (its comments quote docs.slack.dev); "ref" =
// https://docs.slack.dev/reference/block-kit/… . Lengths are counted in
// Unicode code points (Slack does not document the unit; the renderer
// truncates in code points too).
import type { types } from '@slack/bolt';

export type Surface = 'message' | 'modal' | 'home';
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const len = (s: string): number => Array.from(s).length;

// ref blocks/* "Available in surfaces": every block type we may send, by surface.
// message-only: file, markdown, table (ref blocks/file-block, markdown-block, table-block).
const BLOCKS_ANYWHERE = ['actions', 'context', 'divider', 'header', 'image', 'input', 'rich_text', 'section', 'video'];
const BLOCKS_BY_SURFACE: Record<Surface, Set<string>> = {
  message: new Set([...BLOCKS_ANYWHERE, 'file', 'markdown', 'table']),
  modal: new Set(BLOCKS_ANYWHERE),
  home: new Set(BLOCKS_ANYWHERE),
};
// ref blocks/actions-block "elements": interactive elements only (types ActionsBlockElement)
const ACTIONS_ELEMENTS = new Set(['button', 'checkboxes', 'datepicker', 'datetimepicker', 'multi_static_select', 'multi_external_select',
  'multi_users_select', 'multi_conversations_select', 'multi_channels_select', 'overflow', 'radio_buttons', 'static_select',
  'external_select', 'users_select', 'conversations_select', 'channels_select', 'timepicker', 'workflow_button', 'rich_text_input']);
// ref blocks/section-block "accessory": the compatible elements
const ACCESSORY_ELEMENTS = new Set(['button', 'checkboxes', 'datepicker', 'image', 'multi_static_select', 'multi_external_select',
  'multi_users_select', 'multi_conversations_select', 'multi_channels_select', 'overflow', 'radio_buttons', 'static_select',
  'external_select', 'users_select', 'conversations_select', 'channels_select', 'timepicker', 'workflow_button']);
// ref blocks/input-block "element"
const INPUT_ELEMENTS = new Set(['plain_text_input', 'checkboxes', 'radio_buttons', 'static_select', 'external_select', 'users_select',
  'conversations_select', 'channels_select', 'multi_static_select', 'multi_external_select', 'multi_users_select',
  'multi_conversations_select', 'multi_channels_select', 'datepicker', 'timepicker', 'datetimepicker', 'email_text_input',
  'url_text_input', 'number_input', 'file_input', 'rich_text_input']);

class Checker {
  readonly violations: string[] = [];
  fail(path: string, rule: string): void {
    this.violations.push(`${path}: ${rule}`);
  }

  /** ref composition-objects/text-object: type plain_text | mrkdwn, text 1–3000 chars; `emoji` only on plain_text, `verbatim` only on mrkdwn */
  text(v: unknown, path: string, opts: { plainOnly?: boolean; max?: number } = {}): void {
    if (!isObj(v)) return this.fail(path, 'a text object is required');
    if (v.type !== 'plain_text' && v.type !== 'mrkdwn') return this.fail(path, `text object type must be plain_text or mrkdwn, not ${String(v.type)}`);
    if (opts.plainOnly && v.type !== 'plain_text') this.fail(path, 'must be a plain_text object');
    if (typeof v.text !== 'string' || len(v.text) < 1) return this.fail(path, 'text must be at least 1 character');
    const max = Math.min(opts.max ?? 3000, 3000);
    if (len(v.text) > max) this.fail(path, `text is ${len(v.text)} chars, max ${max}`);
    if (v.type === 'mrkdwn' && 'emoji' in v) this.fail(path, '`emoji` is only allowed on plain_text');
    if (v.type === 'plain_text' && 'verbatim' in v) this.fail(path, '`verbatim` is only allowed on mrkdwn');
  }

  /** types extensions.d.ts Actionable: action_id max 255, unique among the action_ids of its block */
  actionId(el: Obj, path: string, seen: Set<string>): void {
    if (el.action_id === undefined) return;
    if (typeof el.action_id !== 'string' || len(el.action_id) > 255) this.fail(path, 'action_id must be a string of at most 255 chars');
    else if (seen.has(el.action_id)) this.fail(path, `action_id "${el.action_id}" is not unique in its block`);
    else seen.add(el.action_id);
  }

  /** ref composition-objects/option-object: text plain_text ≤ 75; value ≤ 75 (types composition-objects.d.ts; docs.slack.dev now says 150, we keep the stricter) */
  option(o: unknown, path: string): string | undefined {
    if (!isObj(o)) { this.fail(path, 'an option object is required'); return undefined; }
    this.text(o.text, `${path}.text`, { plainOnly: true, max: 75 });
    if (typeof o.value !== 'string' || len(o.value) > 75) this.fail(`${path}.value`, 'option value must be a string of at most 75 chars');
    return typeof o.value === 'string' ? o.value : undefined;
  }

  element(el: unknown, path: string, allowed: Set<string>, ids: Set<string>): void {
    if (!isObj(el)) return this.fail(path, 'an element object is required');
    const type = String(el.type);
    if (!allowed.has(type)) return this.fail(path, `element type ${type} is not allowed here`);
    this.actionId(el, path, ids);
    // types extensions.d.ts Placeholdable: placeholder is plain_text, max 150 chars
    if (el.placeholder !== undefined) this.text(el.placeholder, `${path}.placeholder`, { plainOnly: true, max: 150 });
    switch (type) {
      case 'button': {
        // ref block-elements/button-element: text plain_text ≤ 75, value ≤ 2000, url ≤ 3000, style primary | danger
        this.text(el.text, `${path}.text`, { plainOnly: true, max: 75 });
        if (el.value !== undefined && (typeof el.value !== 'string' || len(el.value) > 2000)) this.fail(`${path}.value`, 'button value must be at most 2000 chars');
        if (el.url !== undefined && (typeof el.url !== 'string' || len(el.url) > 3000)) this.fail(`${path}.url`, 'button url must be at most 3000 chars');
        if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') this.fail(`${path}.style`, 'style must be primary or danger');
        break;
      }
      case 'static_select':
      case 'multi_static_select': {
        // ref block-elements/select-menu-element: options ≤ 100 (or option_groups ≤ 100, not both);
        // initial_option(s) must exactly match options in `options`
        const options = el.options;
        if (el.option_groups !== undefined && options !== undefined) this.fail(path, 'options and option_groups are exclusive');
        if (!Array.isArray(options) || options.length < 1) { this.fail(`${path}.options`, 'at least one option is required'); break; }
        if (options.length > 100) this.fail(`${path}.options`, `${options.length} options, max 100`);
        const values = options.map((o, i) => this.option(o, `${path}.options[${i}]`));
        const matches = (o: unknown) => isObj(o) && options.some((x) => JSON.stringify(x) === JSON.stringify(o));
        if (el.initial_option !== undefined && !matches(el.initial_option)) this.fail(`${path}.initial_option`, 'must exactly match one of the options');
        if (el.initial_options !== undefined) {
          if (!Array.isArray(el.initial_options) || !el.initial_options.every(matches)) this.fail(`${path}.initial_options`, 'each must exactly match one of the options');
        }
        if (new Set(values).size !== values.length) this.fail(`${path}.options`, 'option values must be unique');
        break;
      }
      case 'datepicker':
        // ref block-elements/date-picker-element: initial_date in YYYY-MM-DD
        if (el.initial_date !== undefined && !(typeof el.initial_date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(el.initial_date))) {
          this.fail(`${path}.initial_date`, 'must be YYYY-MM-DD');
        }
        break;
      case 'plain_text_input': {
        // types PlainTextInput: min_length ≤ 3000; max_length is the user's limit. Not confirmed in the
        // docs: a max_length above 3000 and an initial_value longer than max_length (both refused in practice).
        const max = el.max_length;
        if (max !== undefined && (typeof max !== 'number' || max < 1 || max > 3000)) this.fail(`${path}.max_length`, 'must be 1–3000');
        if (typeof el.min_length === 'number' && (el.min_length > 3000 || (typeof max === 'number' && el.min_length > max))) this.fail(`${path}.min_length`, 'must be ≤ 3000 and ≤ max_length');
        if (typeof el.initial_value === 'string' && typeof max === 'number' && len(el.initial_value) > max) {
          this.fail(`${path}.initial_value`, `is ${len(el.initial_value)} chars, longer than max_length ${max}`);
        }
        break;
      }
      default:
        break;
    }
  }

  block(b: unknown, path: string, surface: Surface, blockIds: Set<string>): void {
    if (!isObj(b)) return this.fail(path, 'a block object is required');
    const type = String(b.type);
    if (!BLOCKS_BY_SURFACE[surface].has(type)) return this.fail(path, `block type ${type} is not available in a ${surface}`);
    // types blocks.d.ts Block.block_id: max 255, unique for each message / view
    if (b.block_id !== undefined) {
      if (typeof b.block_id !== 'string' || len(b.block_id) > 255) this.fail(`${path}.block_id`, 'must be a string of at most 255 chars');
      else if (blockIds.has(b.block_id)) this.fail(`${path}.block_id`, `"${b.block_id}" is not unique`);
      else blockIds.add(b.block_id);
    }
    const ids = new Set<string>();
    switch (type) {
      case 'section': {
        // ref blocks/section-block: text (1–3000) or fields (≤ 10 items, each ≤ 2000) is required
        if (b.text === undefined && b.fields === undefined) this.fail(path, 'a section needs text or fields');
        if (b.text !== undefined) this.text(b.text, `${path}.text`);
        if (b.fields !== undefined) {
          if (!Array.isArray(b.fields) || b.fields.length < 1 || b.fields.length > 10) this.fail(`${path}.fields`, 'must hold 1–10 text objects');
          else b.fields.forEach((f, i) => this.text(f, `${path}.fields[${i}]`, { max: 2000 }));
        }
        if (b.accessory !== undefined) this.element(b.accessory, `${path}.accessory`, ACCESSORY_ELEMENTS, ids);
        break;
      }
      case 'header':
        // ref blocks/header-block: text is plain_text, max 150
        this.text(b.text, `${path}.text`, { plainOnly: true, max: 150 });
        break;
      case 'context': {
        // ref blocks/context-block: elements are image, plain_text or mrkdwn; max 10
        const els = b.elements;
        if (!Array.isArray(els) || els.length < 1 || els.length > 10) { this.fail(`${path}.elements`, 'must hold 1–10 elements'); break; }
        els.forEach((e, i) => {
          if (isObj(e) && e.type === 'image') return;
          this.text(e, `${path}.elements[${i}]`);
        });
        break;
      }
      case 'actions': {
        // ref blocks/actions-block: 1–25 interactive elements
        const els = b.elements;
        if (!Array.isArray(els) || els.length < 1 || els.length > 25) { this.fail(`${path}.elements`, 'must hold 1–25 elements'); break; }
        els.forEach((e, i) => this.element(e, `${path}.elements[${i}]`, ACTIONS_ELEMENTS, ids));
        break;
      }
      case 'input': {
        // ref blocks/input-block: label plain_text ≤ 2000, one input element, hint plain_text ≤ 2000, optional boolean
        this.text(b.label, `${path}.label`, { plainOnly: true, max: 2000 });
        if (b.hint !== undefined) this.text(b.hint, `${path}.hint`, { plainOnly: true, max: 2000 });
        if (b.optional !== undefined && typeof b.optional !== 'boolean') this.fail(`${path}.optional`, 'must be a boolean');
        this.element(b.element, `${path}.element`, INPUT_ELEMENTS, ids);
        break;
      }
      default:
        break;
    }
  }

  blocks(blocks: unknown, path: string, surface: Surface, max: number): void {
    if (!Array.isArray(blocks)) return this.fail(path, 'blocks must be an array');
    if (blocks.length > max) this.fail(path, `${blocks.length} blocks, max ${max} in a ${surface}`);
    const blockIds = new Set<string>();
    blocks.forEach((b, i) => this.block(b, `${path}[${i}]`, surface, blockIds));
  }
}

/**
 * A chat.postMessage / chat.update / response_url / ack payload.
 * ref methods/chat.postMessage: `text` or `blocks` is required (no_text); blocks ≤ 50 (ref
 * block-kit "up to 50 blocks in each message"); text is truncated past 40,000 chars, we refuse
 * past 4,000, Slack's stated best practice for the notification text.
 */
export function validateSlackMessage(payload: unknown): string[] {
  const c = new Checker();
  if (!isObj(payload)) return ['message: a payload object is required'];
  const text = payload.text;
  if (text !== undefined && typeof text !== 'string') c.fail('text', 'must be a string');
  if ((typeof text !== 'string' || text.trim() === '') && payload.blocks === undefined) c.fail('text', 'text or blocks is required (no_text)');
  if (typeof text === 'string' && len(text) > 4000) c.fail('text', `is ${len(text)} chars, over 4000`);
  if (payload.blocks !== undefined) c.blocks(payload.blocks, 'blocks', 'message', 50);
  return c.violations;
}

/** ref views/modal-views: title plain_text ≤ 24 (required), blocks ≤ 100, close/submit plain_text ≤ 24, submit required with input blocks, private_metadata ≤ 3000, callback_id ≤ 255 */
export function validateSlackModal(view: unknown): string[] {
  const c = new Checker();
  if (!isObj(view)) return ['view: a view object is required'];
  if (view.type !== 'modal') c.fail('type', 'must be modal');
  c.text(view.title, 'title', { plainOnly: true, max: 24 });
  if (view.close !== undefined) c.text(view.close, 'close', { plainOnly: true, max: 24 });
  if (view.submit !== undefined) c.text(view.submit, 'submit', { plainOnly: true, max: 24 });
  const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
  if (hasInput && view.submit === undefined) c.fail('submit', 'is required when the view has input blocks');
  viewCommon(c, view);
  c.blocks(view.blocks, 'blocks', 'modal', 100);
  return c.violations;
}

/** ref views/home-tab-views: blocks ≤ 100, private_metadata ≤ 3000, callback_id ≤ 255 */
export function validateSlackHome(view: unknown): string[] {
  const c = new Checker();
  if (!isObj(view)) return ['view: a view object is required'];
  if (view.type !== 'home') c.fail('type', 'must be home');
  viewCommon(c, view);
  c.blocks(view.blocks, 'blocks', 'home', 100);
  return c.violations;
}

function viewCommon(c: Checker, view: Obj): void {
  if (view.private_metadata !== undefined && (typeof view.private_metadata !== 'string' || len(view.private_metadata) > 3000)) {
    c.fail('private_metadata', 'must be a string of at most 3000 chars');
  }
  if (view.callback_id !== undefined && (typeof view.callback_id !== 'string' || len(view.callback_id) > 255)) {
    c.fail('callback_id', 'must be a string of at most 255 chars');
  }
}

/** a views.* payload: modal or home by its type */
export function validateSlackView(view: unknown): string[] {
  return isObj(view) && view.type === 'home' ? validateSlackHome(view) : validateSlackModal(view);
}

/** the compiler checks shapes too: these only accept what @slack/types calls a view */
export const typedModal = (v: types.ModalView): string[] => validateSlackModal(v);
export const typedHome = (v: types.HomeView): string[] => validateSlackHome(v);
