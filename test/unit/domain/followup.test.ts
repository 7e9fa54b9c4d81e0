import { describe, expect, it } from 'vitest';
import { assertSpecificContent, isEmptyFollowUp, MAX_CONTENT } from '../../../src/domain/followup.js';
import { userError } from '../../helpers/user-error.js';

describe('isEmptyFollowUp', () => {
  it.each([
    '已跟进', '跟进了', '跟进', '已联系', '联系了', '打了电话', '打过电话', '已沟通', '沟通了', '已回访', '回访了',
    '无', '好', '好的', '嗯', 'ok', 'OK', 'okay', 'done', 'Done.', 'followed up', 'Followed up!', 'follow up',
    'follow-up done', 'called', 'called them', 'Called them.', 'emailed', 'contacted', 'checked in', 'touched base',
    'n/a', 'N/A', 'na', '-', '...', '', '   ', '👍', '已跟进。', '已经跟进了', '已跟进 👍', '跟客户沟通了', '已电话联系客户',
    'Already followed up with the client', 'abc', '好的好', 'called the customer again',
  ])('%s is empty', (content) => expect(isEmptyFollowUp(content)).toBe(true));

  it.each([
    '电话沟通续约价格，客户希望下周再谈',
    'Called about renewal price',
    '客户要求报价',
    '演示了新功能',
    'Sent the Q4 quote',
    'Visited the plant, they need 200 units',
    '确认合同条款',
  ])('%s says something', (content) => expect(isEmptyFollowUp(content)).toBe(false));
});

describe('assertSpecificContent', () => {
  it('returns the trimmed content', () => {
    expect(assertSpecificContent('  Called about renewal price \n')).toBe('Called about renewal price');
  });
  it('refuses empty phrases with a hint', () => {
    const e = userError(() => assertSpecificContent('已跟进'));
    expect(e.key).toBe('domain.emptyFollowUp');
    expect(e.field).toBe('content');
  });
  it('refuses content longer than MAX_CONTENT', () => {
    expect(MAX_CONTENT).toBe(2000);
    expect(assertSpecificContent('续约'.repeat(1000))).toHaveLength(2000);
    const e = userError(() => assertSpecificContent('续约价格'.repeat(500) + '谈'));
    expect(e.key).toBe('error.tooLong');
    expect(e.params).toEqual({ field: 'content', length: 2001, max: 2000 });
  });
});
