import { describe, expect, it } from 'vitest';
import { cleanName, isNearDuplicate, nameVariants, normaliseName, nameStems } from '../../../src/domain/names.js';
import { userError } from '../../helpers/user-error.js';

describe('cleanName', () => {
  it('trims and collapses inner whitespace', () => {
    expect(cleanName('  杭州云栈科技  有限公司 ')).toBe('杭州云栈科技 有限公司');
    expect(cleanName('Acme\t\n Co.,   Ltd.')).toBe('Acme Co., Ltd.');
  });
  it('refuses an empty name', () => {
    expect(userError(() => cleanName('   ')).key).toBe('domain.nameEmpty');
    expect(userError(() => cleanName('')).key).toBe('domain.nameEmpty');
  });
  it('accepts 100 characters and refuses 101, counting CJK characters as one', () => {
    expect(cleanName('云'.repeat(100))).toHaveLength(100);
    const e = userError(() => cleanName('云'.repeat(101)));
    expect(e.key).toBe('domain.nameTooLong');
    expect(e.params).toEqual({ max: 100, length: 101 });
  });
});

describe('normaliseName', () => {
  it.each([
    ['Acme Co., Ltd.', 'acme'],
    ['ACME CO LTD', 'acme'],
    ['acme', 'acme'],
    ['Ａｃｍｅ　Ｉｎｃ．', 'acme'], // full width
    ['Acme Corporation', 'acme'],
    ['Acme, Inc.', 'acme'],
    ['Acme LLC', 'acme'],
    ['Acme GmbH', 'acme'],
    ['Acme Company Limited', 'acme'],
    ['Acme Corp', 'acme'],
    ['Costco', 'costco'], // "co" is only stripped as a word
    ['Big Data Inc', 'bigdata'],
    ['杭州云栈科技有限公司', '杭州云栈科技'],
    ['杭州云栈科技 有限公司', '杭州云栈科技'],
    ['杭州云栈科技有限责任公司', '杭州云栈科技'],
    ['杭州云栈科技股份有限公司', '杭州云栈科技'],
    ['云栈集团有限公司', '云栈'],
    ['云栈集团', '云栈'],
    ['云栈公司', '云栈'],
    ['（杭州）云栈·科技，有限公司。', '杭州云栈科技'],
    ['“云栈”科技、有限公司', '云栈科技'],
    ['云栈科技有限公司 Co., Ltd.', '云栈科技'],
    ['杭州云栈科技有限公', '杭州云栈科技有限公'], // a half suffix is not a suffix
  ])('%s → %s', (name, key) => expect(normaliseName(name)).toBe(key));

  it('never strips to nothing', () => {
    expect(normaliseName('有限公司')).toBe('有限公司');
    expect(normaliseName('Limited Company')).toBe('limitedcompany');
    expect(normaliseName('Co., Ltd.')).toBe('coltd');
    expect(normaliseName('。。。')).not.toBe('');
  });

  it('names differing only in case, width, spaces, punctuation or suffix share a key', () => {
    const keys = ['Acme Co., Ltd.', 'ACME', 'Ａｃｍｅ', 'a c m e', 'Acme Inc.'].map(normaliseName);
    expect(new Set(keys).size).toBe(1);
  });
});

describe('nameVariants', () => {
  it('holds the key and every one-deletion variant, deduplicated', () => {
    expect(nameVariants('abc').sort()).toEqual(['ab', 'abc', 'ac', 'bc']);
    expect(nameVariants('aab').sort()).toEqual(['aa', 'aab', 'ab']);
  });
  it('variant sets of keys one edit apart intersect; of keys two apart they do not', () => {
    const meet = (a: string, b: string): boolean => nameVariants(a).some((v) => nameVariants(b).includes(v));
    expect(meet('acmetech', 'acmetec')).toBe(true); // deletion
    expect(meet('acmetech', 'acmetexh')).toBe(true); // substitution
    expect(meet('acmetech', 'acmettech')).toBe(true); // insertion
    expect(meet('acmetech', 'acnetexh')).toBe(false);
  });
  it('also covers the truncated-suffix stem so the store finds 科技有限公 from 科技有限公司', () => {
    const typo = normaliseName('杭州云栈科技有限公');
    const real = normaliseName('杭州云栈科技有限公司');
    expect(nameVariants(typo)).toContain(real);
    expect(nameStems(typo)).toEqual([typo, real]);
  });
});

describe('isNearDuplicate', () => {
  const near = (a: string, b: string): boolean => isNearDuplicate(normaliseName(a), normaliseName(b));

  it.each([
    ['杭州云栈科技有限公', '杭州云栈科技有限公司', true],
    ['杭州云栈科技有限公司', '杭州云栈科技有限公', true],
    ['杭州云栈科技有限', '杭州云栈科技有限公司', true],
    ['杭州云栈科技股份有限公', '杭州云栈科技', true],
    ['Acme Co., Ltd.', 'ACME', true],
    ['Acme Technology', 'Acme Technologu', true],
    ['Acme Technology', 'Acme Tecnology', true],
    ['杭州云栈科技', '杭州云栈科枝', true],
    ['ab', 'ac', false], // too short to call a typo
    ['华为', '华伟', false],
    ['abc', 'abd', false],
    ['abcd', 'abce', true],
    ['Acme Technology', 'Apex Technology', false],
    ['杭州云栈科技', '上海云栈科技', false],
    ['云栈', '云栈', true],
  ])('%s ~ %s → %s', (a, b, expected) => {
    expect(near(a, b)).toBe(expected);
    expect(near(b, a)).toBe(expected);
  });

  it('agrees with the variant index: a near duplicate always shares a variant', () => {
    const pairs = [['杭州云栈科技有限公', '杭州云栈科技有限公司'], ['Acme Technology', 'Acme Tecnology'], ['abcd', 'abce']];
    for (const [a, b] of pairs) {
      const ka = normaliseName(a ?? '');
      const kb = normaliseName(b ?? '');
      expect(isNearDuplicate(ka, kb)).toBe(true);
      expect(nameVariants(ka).some((v) => nameVariants(kb).includes(v))).toBe(true);
    }
  });
});
