// The console chat: the same commands and cards as Slack and Feishu, as text.
// On a terminal it is interactive (prompt, history, forms asked field by
// field); fed from a pipe it answers each line and ends with the input, so a
// script can drive it.
import { createInterface } from 'node:readline';
import type { Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Caller, Engine } from '../../src/commands/types.js';
import type { Lang } from '../../src/domain/types.js';
import { t } from '../../src/i18n/index.js';
import type { ActionRef, FieldErrors, Form, FormField, Reply } from '../../src/views/model.js';
import { errorId } from '../shared/engine-guard.js';
import { fileAction, fileLine } from './files.js';
import { describeField, describeOptions, renderReply } from './render.js';

export interface ConsoleChatOptions {
  engine: Engine;
  caller: Caller;
  input: Readable;
  output: Writable;
  isTTY: boolean;
  /** language of the chat's own lines (welcome, hints) before any reply sets one */
  lang?: Lang;
  /** lines printed before the first prompt (e.g. "the embedded MongoDB could not start") */
  notes?: string[];
  /** a bug in the engine: logged by the caller, the user sees an apology and the id */
  onError?: (err: unknown, id: string) => void;
}

export const PROMPT = '客户> ';
const EXIT_WORDS = new Set(['exit', 'quit', '退出']);
const CANCEL_WORDS = new Set(['cancel', '取消']);

/** a line source both the main loop and form questions read from, in order */
function lineSource(rl: Interface, isTTY: boolean): (prompt: string) => Promise<string | null> {
  const queue: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let closed = false;
  rl.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else queue.push(line);
  });
  rl.on('close', () => {
    closed = true;
    for (const next of waiting.splice(0)) next(null);
  });
  return (prompt) => {
    const queued = queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (closed) return Promise.resolve(null);
    if (isTTY) {
      rl.setPrompt(prompt);
      rl.prompt();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
}

function isFieldErrors(result: Reply | FieldErrors): result is FieldErrors {
  return 'fieldErrors' in result;
}

/** "2" or "#2": a button of the last reply */
function optionNumber(line: string): number | undefined {
  const match = /^#?\s*(\d{1,3})$/.exec(line);
  return match ? Number(match[1]) : undefined;
}

/** a select answer: its number, its value or its label; anything else goes to the engine as typed */
function pick(field: FormField, answer: string): string {
  const options = field.options ?? [];
  const n = /^\d+$/.test(answer) ? Number(answer) : 0;
  const byNumber = n >= 1 ? options[n - 1] : undefined;
  const lower = answer.toLowerCase();
  const found = byNumber ?? options.find((o) => o.value.toLowerCase() === lower || o.label.toLowerCase() === lower);
  return found ? found.value : answer;
}

function parseAnswer(field: FormField, answer: string): string | string[] {
  if (field.kind === 'select') return pick(field, answer);
  if (field.kind === 'multiselect') return answer.split(/[,，、]/).map((a) => a.trim()).filter(Boolean).map((a) => pick(field, a));
  return answer;
}

export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const { engine, caller, input, output, isTTY } = options;
  let lang: Lang = options.lang ?? caller.lang ?? 'zh';
  let lastActions: ActionRef[] = [];
  const rl = createInterface({ input, output: isTTY ? output : undefined, terminal: isTTY, historySize: 500, removeHistoryDuplicates: true });
  // Ctrl-C ends the chat (and then the app, gracefully) instead of pausing the input
  rl.on('SIGINT', () => rl.close());
  const next = lineSource(rl, isTTY);
  const say = (text: string) => output.write(`${text}\n`);

  async function guarded<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (err) {
      const id = errorId();
      options.onError?.(err, id);
      say(`✖ ${t(lang, 'error.internal', { id })}\n`);
      return undefined;
    }
  }

  /** asks the form's fields in turn, submits, and asks again for the fields in error */
  async function fillForm(form: Form): Promise<Reply | 'cancelled' | 'exit'> {
    say(t(lang, 'console.formStart', { title: form.title }));
    const values: Record<string, string | string[] | undefined> = {};
    for (const f of form.fields) values[f.name] = f.initial;
    let ask = form.fields;
    for (;;) {
      for (const field of ask) {
        const choices = describeOptions(field);
        if (choices) say(`  ${choices}  (${t(lang, field.kind === 'multiselect' ? 'console.multiHint' : 'console.selectHint')})`);
        const line = await next(`  ${describeField(field, lang)}: `);
        if (line === null) return 'exit';
        const answer = line.trim();
        if (EXIT_WORDS.has(answer.toLowerCase())) return 'exit';
        if (CANCEL_WORDS.has(answer.toLowerCase())) return 'cancelled';
        values[field.name] = answer === '' ? field.initial : parseAnswer(field, answer);
      }
      const result = await guarded(() => engine.submitForm(caller, form.id, form.args, values));
      if (result === undefined) return 'cancelled';
      if (!isFieldErrors(result)) return result;
      lang = result.lang;
      say(t(lang, 'console.formFix'));
      for (const [name, message] of Object.entries(result.fieldErrors)) {
        const label = form.fields.find((f) => f.name === name)?.label ?? name;
        say(`  ✖ ${label}: ${message}`);
      }
      const inError = form.fields.filter((f) => f.name in result.fieldErrors);
      ask = inError.length > 0 ? inError : form.fields;
    }
  }

  /** prints a reply; on a terminal, a form in it is filled in place. false: the user wants out */
  async function show(reply: Reply): Promise<boolean> {
    lang = reply.lang;
    const form = reply.blocks.find((b) => b.type === 'form');
    if (!isTTY || !form) {
      const rendered = renderReply(reply);
      lastActions = rendered.actions;
      say(`${rendered.text}\n`);
      return true;
    }
    const rest = { ...reply, blocks: reply.blocks.filter((b) => b.type !== 'form') };
    const rendered = renderReply(rest);
    lastActions = rendered.actions;
    if (rendered.text) say(rendered.text);
    const outcome = await fillForm(form.form);
    if (outcome === 'exit') return false;
    if (outcome === 'cancelled') {
      say(`${t(lang, 'console.formCancelled')}\n`);
      return true;
    }
    return show(outcome);
  }

  if (isTTY) say(t(lang, 'console.welcome', { user: caller.userId, tenant: caller.tenantId }));
  for (const note of options.notes ?? []) say(`⚠ ${note}`);
  if (isTTY || options.notes?.length) say('');

  for (;;) {
    const line = await next(PROMPT);
    if (line === null) break;
    const text = line.trim();
    if (!text) continue;
    // piped input is echoed so that a transcript reads like a conversation
    if (!isTTY) say(`${PROMPT}${text}`);
    if (EXIT_WORDS.has(text.toLowerCase())) break;

    const n = optionNumber(text);
    let reply: Reply | undefined;
    if (n !== undefined) {
      const action = lastActions[n - 1];
      if (!action) {
        say(`${t(lang, 'console.noSuchOption', { n })}\n`);
        continue;
      }
      reply = await guarded(async () => await fileAction(engine, caller, action) ?? engine.handleAction(caller, action));
    } else {
      reply = await guarded(async () => await fileLine(engine, caller, text) ?? engine.handleText(caller, text));
    }
    if (reply && !(await show(reply))) break;
  }
  if (isTTY) say(t(lang, 'console.bye'));
  rl.close();
}
