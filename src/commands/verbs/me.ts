// me (我的): a person's own digest time, pause, language and time zone (SPEC
// §8). They live in Person.prefs, apart from the platform profile, and win
// over it and over the tenant's settings (domain/prefs.ts says how). Anyone
// may set their own; nobody sets someone else's.
import { parseNaturalDate } from '../../domain/dates.js';
import { isQuietMinute, minutesOfDay, quietText, quietWindowOf } from '../../domain/quiet-hours.js';
import { isValidTimeZone, isValidYmd, localDate, localTimeParts, zonedTimeToInstant } from '../../domain/time.js';
import type { Lang, PersonPrefs } from '../../domain/types.js';
import { UserError } from '../../errors.js';
import type { MessageKey } from '../../i18n/index.js';
import type { Reply } from '../../views/model.js';
import type { Ctx } from '../context.js';
import type { Input } from '../input.js';
import { dayText, meForm, meView, withPrefs } from './me-view.js';

const fold = (w: string) => w.normalize('NFKC').trim().toLowerCase();
const oneOf = (words: string[]) => (w: string) => words.includes(fold(w));

const isDigest = oneOf(['digest', 'digests', '提醒', '日报', '每日提醒']);
const isLang = oneOf(['lang', 'language', '语言']);
const isZone = oneOf(['tz', 'timezone', 'zone', '时区']);
const isEdit = oneOf(['edit', 'change', '修改', '设置']);
const isOn = oneOf(['on', 'resume', '开', '开启', '打开', '恢复']);
const isOff = oneOf(['off', 'pause', '关', '关闭', '暂停']);
const isReset = oneOf(['default', 'auto', 'reset', '默认', '自动']);
const LANG_WORDS: Record<string, Lang> = {
  en: 'en', english: 'en', 英文: 'en', 英语: 'en', zh: 'zh', cn: 'zh', chinese: 'zh', 中文: 'zh', 汉语: 'zh', 简体中文: 'zh',
};

/** 8:30, ０８：３０ → 08:30; throws the person's mistake */
export function readDigestTime(ctx: Ctx, raw: string, field?: string): string {
  const s = raw.normalize('NFKC').trim().replace('：', ':');
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  const time = m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : '';
  const minute = minutesOfDay(time);
  if (minute === null) throw new UserError('me.badTime', { value: raw.slice(0, 20) }, field);
  const quiet = quietWindowOf(ctx.settings.quietHours);
  if (isQuietMinute(minute, quiet)) throw new UserError('me.inQuiet', { time, hours: quietText(ctx.settings.quietHours) }, field);
  return time;
}

/** the first day digests come again: a day after today in the person's zone, as YYYY-MM-DD */
function readResumeDay(ctx: Ctx, raw: string, field?: string): string {
  const date = monthDay(ctx, raw) ?? parseNaturalDate(raw, { now: ctx.now, timeZone: ctx.timeZone, lang: ctx.lang });
  if (!date) throw new UserError('error.badDate', { field: '--until', value: raw.slice(0, 40) }, field);
  const day = localDate(date, ctx.timeZone);
  if (day <= localDate(ctx.now, ctx.timeZone)) throw new UserError('me.untilNotAfter', { value: day }, field);
  return day;
}

/** "12-20", "12/20", "12.20": that day, this year or, once it has passed, next year */
function monthDay(ctx: Ctx, raw: string): Date | null {
  const m = /^(\d{1,2})[-/.](\d{1,2})$/.exec(raw.normalize('NFKC').trim());
  if (!m) return null;
  const [month, day] = [Number(m[1]), Number(m[2])];
  const today = localTimeParts(ctx.now, ctx.timeZone);
  const year = month * 100 + day > today.month * 100 + today.day ? today.year : today.year + 1;
  if (!isValidYmd(year, month, day)) return null;
  return zonedTimeToInstant(ctx.timeZone, year, month, day, 12);
}

function readLang(raw: string, field?: string): Lang | undefined {
  if (isReset(raw)) return undefined;
  const lang = LANG_WORDS[fold(raw)];
  if (!lang) throw new UserError('me.badLang', { value: raw.slice(0, 20) }, field);
  return lang;
}

function readZone(raw: string, field?: string): string | undefined {
  const zone = raw.trim();
  if (isReset(zone)) return undefined;
  if (!isValidTimeZone(zone)) throw new UserError('me.badZone', { value: zone.slice(0, 40) }, field);
  // the zone as Intl spells it (asia/shanghai → Asia/Shanghai)
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

async function save(ctx: Ctx, prefs: PersonPrefs, said: MessageKey, params: (c: Ctx) => Record<string, string> = () => ({})): Promise<Reply> {
  const person = await ctx.store.people.setPrefs(ctx.tenantId, ctx.person.id, prefs, ctx.now);
  // the answer already speaks the chosen language and shows dates in the chosen zone
  const next = withPrefs(ctx, person ?? { ...ctx.person, prefs });
  return meView(next, { text: next.t(said, params(next)), tone: 'success' });
}

/** `me digest …`: a time, on, off (with --until), or the team's time again */
async function setDigest(ctx: Ctx, value: string | undefined, until: string | undefined): Promise<Reply> {
  const prefs: PersonPrefs = { ...ctx.person.prefs };
  if (until !== undefined && !(value && isOff(value))) throw new UserError('me.untilOnlyOff');
  if (!value) throw new UserError('me.usage');
  if (isOff(value)) {
    const resume = until === undefined ? undefined : readResumeDay(ctx, until);
    return save(ctx, { ...prefs, digestOff: true, digestResumeOn: resume },
      resume ? 'me.saved.offUntil' : 'me.saved.off', (c) => ({ date: resume ? dayText(c, resume) : '' }));
  }
  if (isOn(value)) return save(ctx, { ...prefs, digestOff: undefined, digestResumeOn: undefined }, 'me.saved.on');
  if (isReset(value)) return save(ctx, { ...prefs, digestTime: undefined }, 'me.saved.digestTeam', () => ({ time: ctx.settings.digestTime }));
  const time = readDigestTime(ctx, value);
  return save(ctx, { ...prefs, digestTime: time }, 'me.saved.digestTime', () => ({ time }));
}

/** the form (Slack modal, Feishu form card): every field at once; empty means "the default" */
async function saveForm(ctx: Ctx, input: Input): Promise<Reply> {
  const prefs: PersonPrefs = {};
  if (input.digestTime?.trim()) prefs.digestTime = readDigestTime(ctx, input.digestTime, 'digestTime');
  if (input.lang?.trim() && input.lang !== 'auto') prefs.lang = readLang(input.lang, 'lang');
  if (input.timeZone?.trim()) prefs.timeZone = readZone(input.timeZone, 'timeZone');
  const until = input.until?.trim();
  if (input.digest === 'off' || until) {
    prefs.digestOff = true;
    // the day is read in the zone just chosen
    if (until) prefs.digestResumeOn = readResumeDay(withPrefs(ctx, { ...ctx.person, prefs }), until, 'until');
  }
  return save(ctx, prefs, 'me.saved.form');
}

export async function runMe(ctx: Ctx, input: Input): Promise<Reply> {
  // only the form sends these (a typed `me` gives text and --until)
  if (input.digest !== undefined || input.lang !== undefined) return saveForm(ctx, input);
  const [what, ...rest] = (input.text ?? '').trim().split(/\s+/u).filter(Boolean);
  const value = rest.join(' ') || undefined;
  if (!what) {
    if (input.until !== undefined) throw new UserError('me.untilOnlyOff');
    return meView(ctx);
  }
  if (isEdit(what)) return meForm(ctx);
  if (isDigest(what)) return setDigest(ctx, value, input.until);
  if (input.until !== undefined) throw new UserError('me.untilOnlyOff');
  if (isLang(what) && value) {
    const lang = readLang(value);
    return save(ctx, { ...ctx.person.prefs, lang }, lang ? 'me.saved.lang' : 'me.saved.langAuto');
  }
  if (isZone(what) && value) {
    const zone = readZone(value);
    return save(ctx, { ...ctx.person.prefs, timeZone: zone }, zone ? 'me.saved.zone' : 'me.saved.zoneAuto', (c) => ({ zone: c.timeZone }));
  }
  throw new UserError('me.usage');
}
