// 客户来源 as people write it → the closest source (issue 11 point 2), and
// the masked contacts the template prints (point 4).
import { describe, expect, it } from 'vitest';
import { isMasked } from '../../../src/csv/masked.js';
import { readSource } from '../../../src/domain/source-words.js';

describe('readSource', () => {
  it('a label or id is exact: nothing to keep', () => {
    for (const text of ['展会', 'exhibition', 'Exhibition', '主动拜访', '合作伙伴/转介绍', 'online_ads']) {
      expect(readSource(text), text).toMatchObject({ exact: true, known: true });
    }
  });

  it.each([
    ['线上广告投放', 'online_ads'], ['伙伴转介绍', 'referral'], ['朋友介绍', 'referral'], ['老客户推荐', 'referral'],
    ['百度推广', 'online_ads'], ['行业博览会', 'exhibition'], ['电话外呼', 'telemarketing'], ['上门陌拜', 'visit'],
    ['抖音直播', 'social'], ['官网留言', 'inbound'], ['EDM', 'email'], ['Facebook ads', 'online_ads'],
  ])('%s → %s, kept as wording', (text, source) => {
    expect(readSource(text)).toEqual({ source, exact: false, known: true });
  });

  it('a wording that names no source is other, not an error', () => {
    expect(readSource('老板亲戚')).toEqual({ source: 'other', exact: false, known: false });
  });
});

describe('isMasked', () => {
  it('knows the masks of the template and of screenshots, and leaves real values alone', () => {
    for (const v of ['138****5678', '1395678****', '张*', '139xxxx5678', '李＊']) expect(isMasked(v), v).toBe(true);
    for (const v of ['13812345678', '张伟', '0574-87654321', 'chen@lanjing.cn', 'wx:xx_max']) expect(isMasked(v), v).toBe(false);
  });
});
