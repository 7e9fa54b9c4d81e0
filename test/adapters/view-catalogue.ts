// Every view the product can send, built the way a person or a job gets it,
// in a book full of hostile user text. One entry per view: a new view (pool,
// `me`, calendar…) is one more line in VIEWS. payload-rules.test.ts renders
// each for Slack and Feishu and holds it to the platforms' rules.
import type { Caller } from '../../src/commands/types.js';
import { DEFAULT_SETTINGS, type Customer, type Lang, type Person } from '../../src/domain/types.js';
import type { Form, Reply } from '../../src/views/model.js';
import { digestReply } from '../../src/views/digest.js';
import { noticeReply } from '../../jobs/notices-view.js';
import { reviewReply } from '../../jobs/monthly-review.js';
import { weeklyReply } from '../../jobs/weekly-report.js';
import { weekFigures } from '../../jobs/weekly-figures.js';
import { recycledReply } from '../../jobs/pool.js';
import { makeHarness, type Harness } from '../helpers/engine.js';
import { HOSTILE, longChineseName } from '../helpers/hostile.js';

/** what a view is: a message, a form (fresh or re-shown with errors), or an App Home */
export type Built =
  | { kind: 'message'; reply: Reply }
  | { kind: 'form'; reply: Reply; form: Form; values?: Record<string, string | string[] | undefined>; errors?: Record<string, string> }
  | { kind: 'home'; reply: Reply; notice?: Reply };

export interface World {
  h: Harness;
  boss: Caller;
  /** every customer, hostile ones first */
  customers: Customer[];
  hostile: Customer;
  now: Date;
  people: Map<string, Person>;
}

const ALL_HOSTILE = Object.values(HOSTILE).join(' ');
export const LONG_NOTE = (ALL_HOSTILE + ' 电话沟通续约价格，客户希望打95折。').repeat(60).slice(0, 2000);

async function say(w: World, text: string, lang?: Lang): Promise<Reply> {
  return w.h.engine.handleText({ ...w.boss, ...(lang ? { lang } : {}) }, text);
}

function formOf(reply: Reply): Form {
  const block = reply.blocks.find((b) => b.type === 'form');
  if (!block || block.type !== 'form') throw new Error(`no form in: ${reply.summary}`);
  return block.form;
}

async function formView(w: World, reply: Reply, values?: Record<string, string | string[] | undefined>): Promise<Built> {
  const form = formOf(reply);
  if (!values) return { kind: 'form', reply, form };
  const out = await w.h.engine.submitForm(w.boss, form.id, form.args, values);
  if (!('fieldErrors' in out)) throw new Error(`expected field errors from ${form.id}, got: ${out.summary}`);
  return { kind: 'form', reply, form, values, errors: out.fieldErrors };
}

export async function makeWorld(): Promise<World> {
  const h = await makeHarness({ admins: ['boss'] });
  const boss: Caller = { platform: 'slack', tenantId: 't1', userId: 'boss', name: HOSTILE.user + ' ' + HOSTILE.bold, lang: 'en' };
  const create = async (name: string, extra: Record<string, string> = {}) => {
    const out = await h.engine.submitForm(boss, 'new', {}, { name, ...extra });
    if ('fieldErrors' in out) throw new Error(`could not create ${name}: ${JSON.stringify(out.fieldErrors)}`);
  };
  await create(`${HOSTILE.channel} ${HOSTILE.bold} ${HOSTILE.italic} ${HOSTILE.strike} ${HOSTILE.code} ${HOSTILE.emoji}`, {
    industry: HOSTILE.channel, region: HOSTILE.user, needs: `${HOSTILE.bold}, ${HOSTILE.italic}`, note: LONG_NOTE,
    contact: `${HOSTILE.link} 13812345678`, tier: 'core',
  });
  await create(`${HOSTILE.user} ${HOSTILE.link} ${HOSTILE.at}`, { industry: HOSTILE.at, tier: 'key' });
  // seeds two characters apart, so no name is one edit from another (that would be a duplicate warning, not a customer)
  for (let i = 0; i < 58; i++) {
    const han = String.fromCodePoint(0x4e00 + 37 * i);
    await create(longChineseName(han + han), { industry: i % 2 ? HOSTILE.here : HOSTILE.link });
  }
  const { items } = await h.store.customers.list('t1', {}, { offset: 0, limit: 100 });
  if (items.length !== 60) throw new Error(`the hostile book has ${items.length} customers, not 60`);
  const hostile = items.find((c) => c.name.startsWith(HOSTILE.channel)) ?? items[0]!;
  const people = new Map<string, Person>();
  for (const p of await h.store.people.list('t1')) people.set(p.id, p);
  return { h, boss, customers: items, hostile, now: h.clock.now(), people };
}

const later = (w: World, days: number) => new Date(w.now.getTime() + days * 86_400_000);

function digest(w: World, count: number, lang: Lang): Reply {
  const due = w.customers.slice(0, count).map((c, i) => ({ ...c, nextFollowUpAt: later(w, -i), lastInteractionAt: later(w, -i * 3) }));
  const r = digestReply({ lang, timeZone: 'Asia/Shanghai', now: later(w, 1), settings: DEFAULT_SETTINGS, due });
  if (!r) throw new Error('no digest');
  return r;
}

/** one entry per view: name → how a person or a job gets it */
export const VIEWS: Record<string, (w: World) => Promise<Built>> = {
  'help': async (w) => ({ kind: 'message', reply: await say(w, 'help') }),
  'help (zh)': async (w) => ({ kind: 'message', reply: await say(w, '客户 帮助') }),
  'show card': async (w) => ({ kind: 'message', reply: await say(w, `show ${w.hostile.code}`) }),
  'find: pick list': async (w) => ({ kind: 'message', reply: await say(w, 'find 云栈') }),
  'find: no match': async (w) => ({ kind: 'message', reply: await say(w, `find ${HOSTILE.channel}zzz`) }),
  'list': async (w) => ({ kind: 'message', reply: await say(w, 'list all') }),
  'due': async (w) => {
    w.h.clock.set(later(w, 400));
    try { return { kind: 'message', reply: await say(w, 'due') }; } finally { w.h.clock.set(w.now); }
  },
  'stats by tier': async (w) => ({ kind: 'message', reply: await say(w, 'stats') }),
  'stats by industry': async (w) => ({ kind: 'message', reply: await say(w, 'stats --by industry') }),
  'stats by owner (zh)': async (w) => ({ kind: 'message', reply: await say(w, '客户 统计 --by owner') }),
  'duplicate warning': async (w) => ({ kind: 'message', reply: await say(w, `new ${w.customers[5]!.name.slice(0, 99)}`) }),
  'error: vague follow-up': async (w) => ({ kind: 'message', reply: await say(w, `log ${w.hostile.code} done`) }),
  'error: unknown customer': async (w) => ({ kind: 'message', reply: await say(w, `show ${HOSTILE.link}`) }),
  'log: saved': async (w) => ({ kind: 'message', reply: await say(w, `log ${w.hostile.code} ${HOSTILE.channel} discussed the price ${HOSTILE.bold}, next step a quote on Friday --next 2026-12-10`) }),
  'form: new': async (w) => formView(w, await say(w, 'new')),
  'form: new, re-shown with errors': async (w) => formView(w, await say(w, 'new'), { name: '', note: LONG_NOTE, industry: HOSTILE.channel, needs: HOSTILE.bold }),
  'form: log': async (w) => formView(w, await w.h.engine.handleAction(w.boss, { id: 'log', args: { code: w.hostile.code } })),
  'form: log, re-shown with errors': async (w) => formView(w, await w.h.engine.handleAction(w.boss, { id: 'log', args: { code: w.hostile.code } }),
    { customer: w.hostile.code, content: LONG_NOTE.slice(0, 1990) + ' done', next: 'not a date' }),
  'form: edit': async (w) => formView(w, await w.h.engine.handleAction(w.boss, { id: 'edit', args: { code: w.hostile.code } })),
  'form: tier': async (w) => formView(w, await w.h.engine.handleAction(w.boss, { id: 'tier', args: { code: w.hostile.code } })),
  'form: assign': async (w) => formView(w, await w.h.engine.handleAction(w.boss, { id: 'assign', args: { code: w.hostile.code } })),
  'form: lost': async (w) => formView(w, await w.h.engine.handleAction(w.boss, { id: 'lost', args: { code: w.hostile.code } })),
  'App Home': async (w) => ({ kind: 'home', reply: digest(w, 60, 'en'), notice: await say(w, `show ${w.hostile.code}`) }),
  'digest, 1 customer': async (w) => ({ kind: 'message', reply: digest(w, 1, 'zh') }),
  'digest, 60 customers': async (w) => ({ kind: 'message', reply: digest(w, 60, 'en') }),
  'weekly report': async (w) => {
    const f = await weekFigures(w.h.store, 't1', later(w, -7), later(w, 1), later(w, 1));
    const overdueByOwner = Object.fromEntries(w.customers.map((c, i) => [`${HOSTILE.user}-${i}`, i + 1]));
    return { kind: 'message', reply: weeklyReply('zh', { ...f, overdueByOwner, lost: w.customers.slice(0, 30) }, 'Asia/Shanghai', w.people) };
  },
  'monthly review': async (w) => {
    const items = w.customers.map((customer) => ({ customer, suggestion: { tier: 'core' as const, reasons: [{ key: 'domain.reason.amount365' as const, params: { amount: HOSTILE.bold, currency: HOSTILE.channel } }] } }));
    const r = reviewReply('en', '2026-12', items);
    if (!r) throw new Error('no review');
    return { kind: 'message', reply: r };
  },
  'notices': async (w) => {
    const lines = w.customers.map((c) => ({ code: c.code, name: c.name, events: [{ kind: 'logged' as const, actorId: 'boss' }, { kind: 'assigned-from' as const, actorId: 'boss', toId: 'x' }] }));
    const r = noticeReply({ lang: 'zh', timeZone: 'Asia/Shanghai', hourStart: w.now, lines, nameOf: (id) => `${HOSTILE.channel} ${id}` });
    if (!r) throw new Error('no notice');
    return { kind: 'message', reply: r };
  },
  'notice, one line': async (w) => {
    const r = noticeReply({ lang: 'en', timeZone: 'Asia/Shanghai', hourStart: w.now, lines: [{ code: w.hostile.code, name: w.hostile.name, events: [{ kind: 'assigned-to', actorId: 'boss' }] }], nameOf: () => HOSTILE.here });
    return { kind: 'message', reply: r! };
  },
  'import report': async (w) => {
    const rows = ['客户名称,行业,备注', `${HOSTILE.channel} 新公司,${HOSTILE.at},${HOSTILE.bold}`, `,${HOSTILE.link},空名字`, `${longChineseName('x')}x,互联网,太长`];
    for (let i = 0; i < 40; i++) rows.push(`${HOSTILE.user}${i},${'行业'.repeat(60)},${HOSTILE.code}`);
    const reply = await w.h.engine.importCsv(w.boss, { name: `${HOSTILE.channel}.csv`, bytes: Buffer.from(rows.join('\n')), ref: 'F123' }, { dryRun: true });
    return { kind: 'message', reply };
  },
  // the public pool (issue 14)
  'pool list': async (w) => {
    for (const c of w.customers.slice(0, 3)) await say(w, `release ${c.code} --reason ${HOSTILE.channel} ${HOSTILE.bold} no budget this year`);
    return { kind: 'message', reply: await say(w, 'pool') };
  },
  'pool card': async (w) => {
    await say(w, `release ${w.hostile.code} --reason ${HOSTILE.at} ${HOSTILE.link} moved away`);
    return { kind: 'message', reply: await say(w, `show ${w.hostile.code}`) };
  },
  'duplicate of a pool customer': async (w) => {
    await say(w, `release ${w.customers[7]!.code} --reason ${HOSTILE.user} handed back`);
    return { kind: 'message', reply: await say(w, `new ${w.customers[7]!.name}`) };
  },
  'digest with pool warnings only': async (w) => {
    const poolWarnings = w.customers.slice(0, 30).map((customer, i) => ({ customer, on: later(w, 1 + (i % 7)), day: '2026-12-08', daysLeft: 1 + (i % 7) }));
    const r = digestReply({ lang: 'zh', timeZone: 'Asia/Shanghai', now: w.now, settings: DEFAULT_SETTINGS, due: [], poolWarnings });
    if (!r) throw new Error('no digest');
    return { kind: 'message', reply: r };
  },
  'recycled to the pool (former owner)': async (w) => ({
    kind: 'message',
    reply: recycledReply('en', w.customers.map((c) => ({ code: c.code, name: c.name, tier: c.tier, days: 31 })), 7),
  }),
  // working days, quiet hours and a person's own settings (issue 15)
  'me': async (w) => ({ kind: 'message', reply: await say(w, 'me') }),
  'me (zh)': async (w) => ({ kind: 'message', reply: await say(w, '客户 我的') }),
  'form: me': async (w) => formView(w, await say(w, 'me edit')),
  'settings': async (w) => ({ kind: 'message', reply: await say(w, 'settings') }),
  'card with a follow-up on a day off': async (w) => {
    await say(w, `log ${w.hostile.code} ${HOSTILE.bold} called about the renewal price, call again on Sunday --next 2026-12-13`);
    return { kind: 'message', reply: await say(w, `show ${w.hostile.code}`) };
  },
};
