// Names and text are visible text (issue 12 item 7): a value with nothing
// visible is refused with a message naming the field, and control characters
// never reach the store, for every free-text field a person can fill, in a
// command, a form and a CSV row.
import { describe, expect, it } from 'vitest';
import { cleanName } from '../../../src/domain/names.js';
import { isVisible, stripControl, visibleText } from '../../../src/domain/visible.js';
import { makeHarness } from '../../helpers/engine.js';
import { makeWorld } from '../csv/helpers.js';

/** each of these shows nothing */
const INVISIBLE = ['\u200B', '\u200B\u200C\u200D', '\u0000', '\u0007\u001B', '\u2060\uFEFF', '\u00AD', '\u202E\u2066', ' \u3000\u200B ', '\u3164', '\u2800', '\u180E'];
const TODAY = '20261126';
/** a control character as JSON.stringify writes it (\u0000 … \u0008, \u001b) */
const CONTROLS = /\\u00(?:0[0-8]|1b)/i;

describe('the rule', () => {
  it('sees nothing in invisible text, and something in any letter, digit, CJK or emoji', () => {
    for (const s of INVISIBLE) expect(isVisible(s), JSON.stringify(s)).toBe(false);
    for (const s of ['A', '7', '云', '👩‍💻', '\u200Bx', 'é']) expect(isVisible(s), s).toBe(true);
  });

  it('strips controls and bidi overrides; a multi-line text keeps its lines and tabs', () => {
    expect(stripControl('AC\u0000ME\u0007 Ltd\u202E\nNo. 2')).toBe('ACME Ltd No. 2');
    expect(stripControl('line 1\r\nline\u00002\tend\u2028x', { multiline: true })).toBe('line 1\nline2\tend\nx');
    // joiners inside an emoji are part of what shows
    expect(stripControl('👩‍💻')).toBe('👩‍💻');
  });

  it('refuses text with nothing visible, naming the field; empty stays "not given"', () => {
    expect(() => visibleText('\u200B', 'Industry')).toThrowError(expect.objectContaining({ key: 'domain.textInvisible', params: { field: 'Industry' } }) as Error);
    expect(visibleText('   ', 'Industry')).toBe('');
    expect(visibleText(' Retail\u0000 ', 'Industry')).toBe('Retail');
  });

  it('a customer name made of nothing visible is refused, with its own message', () => {
    for (const s of INVISIBLE.filter((x) => x.trim() !== '')) {
      expect(() => cleanName(s), JSON.stringify(s)).toThrowError(expect.objectContaining({ key: 'domain.nameInvisible' }) as Error);
    }
    expect(cleanName('AC\u0000ME\u001B Trading')).toBe('ACME Trading');
  });
});

describe('every free-text field, through the engine as a form sends it', () => {
  // [form, the field, the args the form carries, the other values it needs]
  const cases: [string, string, Record<string, string>, Record<string, string>][] = [
    ['new', 'name', {}, {}],
    ['new', 'industry', {}, { name: 'Visible Industry Co' }],
    ['new', 'region', {}, { name: 'Visible Region Co' }],
    ['new', 'note', {}, { name: 'Visible Notes Co' }],
    ['new', 'contact', {}, { name: 'Visible Contact Co' }],
    ['new', 'needs', {}, { name: 'Visible Needs Co' }],
    ['edit', 'title', { customer: `C${TODAY}001` }, { contact: 'Zhang San' }],
    ['edit', 'phone', { customer: `C${TODAY}001` }, {}],
    ['edit', 'email', { customer: `C${TODAY}001` }, {}],
    ['edit', 'contact', { customer: `C${TODAY}001` }, {}],
    ['log', 'content', { customer: `C${TODAY}001` }, { via: 'call' }],
    ['tier', 'reason', { customer: `C${TODAY}001` }, { tier: 'key' }],
    ['status', 'reason', { customer: `C${TODAY}001` }, { status: 'lost' }],
    ['assign', 'reason', { customer: `C${TODAY}001` }, { owner: 'amy' }],
  ];
  it.each(cases)('%s %s: zero-width only is refused in place, and nothing is written', async (form, field, args, others) => {
    const h = await makeHarness();
    await h.say('amy', 'help');
    await h.say('boss', 'new "Hangzhou Yunzhan Tech" --industry internet');
    const before = JSON.stringify(await h.store.customers.getByCode('t1', `C${TODAY}001`));
    const counts = await h.writes();
    const out = await h.engine.submitForm(h.caller('boss'), form, args, { ...others, [field]: '\u200B\u2060\u0000' });
    expect(out).toMatchObject({ fieldErrors: { [field]: expect.stringMatching(/nothing visible|没有可见的文字/) } });
    expect(await h.writes()).toEqual(counts);
    expect(JSON.stringify(await h.store.customers.getByCode('t1', `C${TODAY}001`))).toBe(before);
  });

  it('controls are stripped from what is stored: name, industry, region, notes, needs, contact and log content', async () => {
    const h = await makeHarness();
    await h.engine.submitForm(h.caller('boss'), 'new', {}, {
      name: 'Ningbo\u0000 Harbour\u001B', industry: 'logis\u0007tics', region: 'Ning\u0008bo', note: 'first line\u0000\nsecond',
      needs: 'cold\u0000 chain, customs', contact: '张三\u0007 经理 13812345678',
    });
    const c = await h.store.customers.getByCode('t1', `C${TODAY}001`);
    expect(c).toMatchObject({ name: 'Ningbo Harbour', industry: 'logistics', region: 'Ningbo', notes: 'first line\nsecond', needs: ['cold chain', 'customs'] });
    expect(JSON.stringify(c)).not.toMatch(CONTROLS);
    await h.engine.submitForm(h.caller('boss'), 'log', { customer: c!.code }, { content: 'Called about the quote\u0000; they want 5% off\u001B by Friday', via: 'call' });
    const [entry] = await h.store.interactions.recent('t1', c!.id, 1);
    expect(entry?.content).toBe('Called about the quote; they want 5% off by Friday');
  });

  it('a typed command with a zero-width name is refused in the person\'s language', async () => {
    const h = await makeHarness();
    const { text } = await h.say('boss', 'new \u200B\u200B');
    expect(text).toMatch(/nothing visible|没有可见的文字/);
    expect((await h.writes()).customers).toBe(0);
  });
});

describe('CSV import', () => {
  it('a row whose name or industry shows nothing is refused by line; controls never reach the store', async () => {
    const w = await makeWorld();
    const csv = [
      '客户名称,所属行业,地区,备注',
      '\u200B\u200D,制造,杭州,',
      '宁波港口物流,\u2060\u0001,宁波,',
      '温州\u0008鞋业\u001B有限公司,制\u0007造,温州,第一行\u007F',
    ].join('\n');
    // (a NUL byte makes the whole file binary: the importer refuses it before reading rows, see xlsx-read tests)
    const report = await w.run(Buffer.from(csv, 'utf8'));
    expect(report.errors.map((e) => [e.line, e.reason])).toEqual([[2, 'domain.nameInvisible'], [3, 'domain.textInvisible']]);
    const [stored] = await w.snapshot();
    expect(stored).toMatchObject({ name: '温州鞋业有限公司', industry: '制造' });
    expect(JSON.stringify(stored)).not.toMatch(CONTROLS);
  });
});
