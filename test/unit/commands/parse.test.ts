import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/commands/parse.js';
import { userError } from '../../helpers/user-error.js';

describe('parseCommand', () => {
  it.each([
    ['/customer log C20261122001 called', 'log', 'en'],
    ['customer show C20261122001', 'show', 'en'],
    ['客户 记录 C20261122001 电话沟通', 'log', 'zh'],
    ['客户记录 C20261122001 电话沟通', 'log', 'zh'],
    ['记录 C20261122001 电话沟通', 'log', 'zh'],
    ['新建 杭州云栈', 'new', 'zh'],
    ['待跟进', 'due', 'zh'],
    ['统计', 'stats', 'zh'],
    ['帮助', 'help', 'zh'],
    ['LIST all', 'list', 'en'],
  ])('%s → %s (%s)', (text, verb, lang) => {
    const parsed = parseCommand(text);
    expect(parsed.verb).toBe(verb);
    expect(parsed.lang).toBe(lang);
  });

  it('reads flags with values of several words up to the next flag', () => {
    const p = parseCommand('log C20261122001 Called about renewal --via call --next next tuesday --deal 12000');
    expect(p.words).toEqual(['C20261122001', 'Called', 'about', 'renewal']);
    expect(p.flags).toEqual({ via: 'call', next: 'next tuesday', deal: '12000' });
  });

  it('gives one-word flags one word and returns the rest to the text', () => {
    const p = parseCommand('log C1 --via call talked about pricing');
    expect(p.flags.via).toBe('call');
    expect(p.words).toEqual(['C1', 'talked', 'about', 'pricing']);
  });

  it('tolerates full-width spaces, em dashes, full-width colons and Chinese flag names', () => {
    const p = parseCommand('客户\u3000记录\u3000C20261122001 电话沟通续约价格 ——下次 下周二 —方式：电话 --成交=1.5万');
    expect(p.verb).toBe('log');
    expect(p.flags).toEqual({ next: '下周二', via: '电话', deal: '1.5万' });
    expect(p.words).toEqual(['C20261122001', '电话沟通续约价格']);
  });

  it('keeps quoted names with spaces together, with straight, curly and corner quotes', () => {
    expect(parseCommand('new "Acme Corp Ltd" --industry retail').words).toEqual(['Acme Corp Ltd']);
    expect(parseCommand('show “Acme Corp”').words).toEqual(['Acme Corp']);
    expect(parseCommand('查看 「云栈 科技」').words).toEqual(['云栈 科技']);
    expect(parseCommand('new "--tier core"').flags).toEqual({});
  });

  it('treats boolean flags as switches', () => {
    expect(parseCommand('list mine --due --tier key').flags).toEqual({ due: 'true', tier: 'key' });
  });

  it('returns no verb for empty input, with or without a prefix', () => {
    expect(parseCommand('').verb).toBeUndefined();
    expect(parseCommand('  /customer  ').verb).toBeUndefined();
    expect(parseCommand('客户').lang).toBe('zh');
  });

  it.each([
    ['frobnicate', 'cmd.unknownVerb'],
    ['"log" C1 x', 'cmd.unknownVerb'],
    ['log C1 x --bogus 1', 'cmd.unknownFlag'],
    ['log C1 x --via call --via visit', 'cmd.duplicateFlag'],
    ['log C1 x --next', 'cmd.flagNeedsValue'],
    [`find ${'x'.repeat(5000)}`, 'error.tooLong'],
  ])('%s is refused with %s', (text, key) => {
    expect(userError(() => parseCommand(text)).key).toBe(key);
  });

  it('keeps operator-looking text as plain words', () => {
    expect(parseCommand('find {"$gt":""}').words).toEqual(['{"$gt":""}']);
    expect(parseCommand('find .*').words).toEqual(['.*']);
  });
});
