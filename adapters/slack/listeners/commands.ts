// /customer <verb> …: the engine usually answers in a few milliseconds, so the
// answer rides on the acknowledgement itself (one HTTP exchange, no extra
// response_url call). When it is slower than the budget, acknowledge empty
// within Slack's 3 seconds and answer through the response_url when ready.
// A form needs views.open with the trigger id, so it is never put in the ack.
import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { deliver, guarded, responseType, sourceOf, type Deps } from '../context.js';
import { findForm, renderMessage } from '../render.js';
import { fileCommandOf } from '../../../src/commands/file-command.js';
import { exportToDm } from './files.js';
import { openForm } from './forms.js';

export const COMMAND = '/customer';
/** how long the ack may wait for the engine; well inside Slack's 3 s, with room for the network */
export const ACK_BUDGET_MS = 1000;

/**
 * Registered as global middleware, ahead of the others, rather than with
 * app.command: Bolt runs every listener's matcher chain for every request
 * (six here, each copying its middleware list and chaining promises), which
 * was a sixth of the memory a command allocates. A /customer command is
 * handled here and goes no further; anything else passes on.
 */
export function registerCommands(app: App, deps: Deps): void {
  app.use(async (args) => {
    if (!('command' in args) || args.command.command !== COMMAND) {
      await args.next();
      return;
    }
    await handleCommand(deps, args);
  });
}

async function handleCommand(deps: Deps, { command, ack, client, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
  const work = (async () => {
    const caller = await deps.people.callerOf(client, sourceOf(context, command.user_id, command.user_name));
    const text = command.text ?? '';
    const file = fileCommandOf(text);
    const reply = file?.verb === 'export'
      ? await exportToDm(deps, client, caller, file.headers ?? file.lang, file.format)
      : await guarded(deps, caller, 'command', () => deps.engine.handleText(caller, text));
    return { caller, reply };
  })();
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<undefined>((resolve) => { timer = setTimeout(resolve, ACK_BUDGET_MS, undefined); });
  const quick = await Promise.race([work, budget]).catch(() => undefined);
  clearTimeout(timer);

  if (quick && !findForm(quick.reply)) {
    await ack({ ...renderMessage(quick.reply), response_type: responseType(quick.reply) });
    return;
  }
  await ack();
  let done: Awaited<typeof work>;
  try {
    done = quick ?? await work;
  } catch (error) {
    deps.logger.error({ err: error, teamId: command.team_id, userId: command.user_id }, 'slack: command could not be handled');
    return;
  }
  const { caller, reply } = done;
  const form = findForm(reply);
  if (form) {
    await openForm(deps, client, caller, { triggerId: command.trigger_id, form, reply, meta: { r: command.response_url, c: command.channel_id } });
    return;
  }
  await deliver(deps, client, caller, reply, { responseUrl: command.response_url, channelId: command.channel_id });
}
