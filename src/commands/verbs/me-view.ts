// What `me` shows: the person's settings, each saying whose choice it is, with
// buttons (pause/resume, the other language, the form). The same Reply is the
// Slack Home tab's settings section and the Feishu card.
import { formatLocalDate } from '../../domain/dates.js';
import { digestPausedOn, digestTimeOf, zoneOf } from '../../domain/prefs.js';
import { quietText } from '../../domain/quiet-hours.js';
import { localDate, zonedTimeToInstant } from '../../domain/time.js';
import type { Lang, Person } from '../../domain/types.js';
import type { Block, FormField, Reply } from '../../views/model.js';
import { button, reply } from '../../views/reply.js';
import { makeT, type Ctx } from '../context.js';
import { toCommandText } from '../serialize.js';

const LANG_NAMES: Record<Lang, string> = { en: 'English', zh: '中文' };

/** the request as it reads after the person changed their own settings */
export function withPrefs(ctx: Ctx, person: Person): Ctx {
  const lang = person.prefs?.lang ?? ctx.lang;
  const timeZone = zoneOf({ prefs: person.prefs, timeZone: ctx.caller.timeZone ?? person.timeZone }, ctx.settings);
  return { ...ctx, person, lang, timeZone, t: makeT(lang) };
}

/** a YYYY-MM-DD day with its weekday, as the card shows dates */
export function dayText(ctx: Ctx, ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return formatLocalDate(zonedTimeToInstant(ctx.timeZone, y, m, d, 12), ctx.timeZone, ctx.lang);
}

function digestLine(ctx: Ctx): string {
  const prefs = ctx.person.prefs;
  if (prefs?.digestOff && digestPausedOn(ctx.person, localDate(ctx.now, ctx.timeZone))) {
    return prefs.digestResumeOn ? ctx.t('me.pausedUntil', { date: dayText(ctx, prefs.digestResumeOn) }) : ctx.t('me.paused');
  }
  const time = digestTimeOf(ctx.person, ctx.settings);
  return ctx.t(prefs?.digestTime ? 'me.digestAt' : 'me.digestTeam', { time });
}

const run = (ctx: Ctx, words: string[]) => ({ text: toCommandText('me', ctx.lang, words, {}) });

export function meView(ctx: Ctx, notice?: { text: string; tone: 'success' }): Reply {
  const prefs = ctx.person.prefs;
  const quiet = quietText(ctx.settings.quietHours);
  const paused = Boolean(prefs?.digestOff) && digestPausedOn(ctx.person, localDate(ctx.now, ctx.timeZone));
  const digestWord = ctx.lang === 'zh' ? '提醒' : 'digest';
  const other: Lang = ctx.lang === 'zh' ? 'en' : 'zh';
  const title = ctx.t('me.title');
  const blocks: Block[] = [
    ...(notice ? [{ type: 'text' as const, text: notice.text, tone: notice.tone }] : []),
    { type: 'heading', text: title },
    {
      type: 'fields', fields: [
        { label: ctx.t('me.digest'), value: digestLine(ctx) },
        { label: ctx.t('me.lang'), value: ctx.t(prefs?.lang ? 'me.langOwn' : 'me.langAuto', { lang: LANG_NAMES[ctx.lang] }) },
        { label: ctx.t('me.zone'), value: ctx.t(prefs?.timeZone ? 'me.zoneOwn' : 'me.zoneAuto', { zone: ctx.timeZone }) },
        { label: ctx.t('me.quiet'), value: quiet === 'off' ? ctx.t('me.quietOff') : ctx.t('me.quietOn', { hours: quiet }) },
      ],
    },
    {
      type: 'actions', buttons: [
        paused
          ? button(ctx.t('me.button.resume'), 'run', run(ctx, [digestWord, ctx.lang === 'zh' ? '开' : 'on']), 'primary')
          : button(ctx.t('me.button.pause'), 'run', run(ctx, [digestWord, ctx.lang === 'zh' ? '关' : 'off'])),
        // the other language's own command, so the answer comes in it
        button(ctx.t('me.button.otherLang'), 'run', { text: toCommandText('me', other, [other === 'zh' ? '语言' : 'lang', other === 'zh' ? '中文' : 'en'], {}) }),
        button(ctx.t('me.button.edit'), 'run', run(ctx, [ctx.lang === 'zh' ? '修改' : 'edit'])),
      ],
    },
    { type: 'text', text: ctx.t('me.hint'), tone: 'info' },
  ];
  return reply(ctx.lang, blocks, notice?.text ?? title);
}

export function meForm(ctx: Ctx): Reply {
  const prefs = ctx.person.prefs;
  const fields: FormField[] = [
    { name: 'digestTime', label: ctx.t('me.form.digestTime', { time: ctx.settings.digestTime }), kind: 'text', maxLength: 5, initial: prefs?.digestTime, placeholder: '08:30' },
    {
      name: 'digest', label: ctx.t('me.form.digest'), kind: 'select', initial: prefs?.digestOff ? 'off' : 'on',
      options: [{ value: 'on', label: ctx.t('me.form.on') }, { value: 'off', label: ctx.t('me.form.off') }],
    },
    { name: 'until', label: ctx.t('me.form.until'), kind: 'date', initial: prefs?.digestOff ? prefs.digestResumeOn : undefined },
    {
      name: 'lang', label: ctx.t('me.form.lang'), kind: 'select', initial: prefs?.lang ?? 'auto',
      options: [{ value: 'auto', label: ctx.t('me.form.langAuto') }, { value: 'en', label: 'English' }, { value: 'zh', label: '中文' }],
    },
    { name: 'timeZone', label: ctx.t('me.form.zone'), kind: 'text', maxLength: 60, initial: prefs?.timeZone, placeholder: ctx.timeZone },
  ];
  const title = ctx.t('me.form.title');
  return reply(ctx.lang, [{ type: 'form', form: { id: 'me', title, submitLabel: ctx.t('form.save'), args: {}, fields } }], title);
}
