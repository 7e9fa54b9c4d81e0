// help (帮助): every verb with an example, in the user's language; or one verb.
import type { MessageKey } from '../../i18n/index.js';
import type { Reply } from '../../views/model.js';
import { reply } from '../../views/reply.js';
import type { Ctx } from '../context.js';
import type { Input } from '../input.js';
import { lookupVerb, VERB_ALIASES, VERBS, type Verb } from '../verbs.js';

export async function runHelp(ctx: Ctx, input: Input): Promise<Reply> {
  const asked = input.text?.trim() ? lookupVerb(input.text.trim().split(/\s+/u)[0]!) : undefined;
  const verbs: readonly Verb[] = asked ? [asked.verb] : VERBS;
  const items = verbs.map((verb) => {
    const aliases = VERB_ALIASES[verb];
    const name = ctx.lang === 'zh' ? `${aliases.zh[0]} (${aliases.en[0]})` : `${aliases.en[0]} (${aliases.zh[0]})`;
    return {
      text: `${name} — ${ctx.t(`help.${verb}` as MessageKey)}`,
      detail: ctx.t(`help.${verb}.example` as MessageKey),
    };
  });
  const title = ctx.t('help.title');
  return reply(ctx.lang, [
    { type: 'heading', text: title },
    { type: 'list', items, footer: ctx.t('help.footer') },
  ], title);
}
