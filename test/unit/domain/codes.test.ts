import { describe, expect, it } from 'vitest';
import { formatCode, isCustomerCode, normaliseCode } from '../../../src/domain/codes.js';

describe('formatCode', () => {
  it.each([
    ['20261122', 1, 'C20261122001'],
    ['20261122', 42, 'C20261122042'],
    ['20261122', 999, 'C20261122999'],
    ['20261122', 1000, 'C202611221000'],
    ['20261122', 12345, 'C2026112212345'],
  ])('%s #%i → %s', (day, seq, code) => expect(formatCode(day, seq)).toBe(code));

  it('refuses a malformed day or sequence (programming errors, not user errors)', () => {
    expect(() => formatCode('2026-11-22', 1)).toThrow();
    expect(() => formatCode('20261122', 0)).toThrow();
    expect(() => formatCode('20261122', 1.5)).toThrow();
  });
});

describe('isCustomerCode', () => {
  it.each([
    ['C20261122001', true],
    ['c20261122001', true],
    ['  C20261122001 ', true],
    ['C202611221000', true],
    ['C20240229001', true],
    ['C20230229001', false], // no 29 February in 2023
    ['C20261322001', false], // month 13
    ['C2026112201', false], // 2-digit sequence
    ['C20261122000', false], // sequences start at 1
    ['D20261122001', false],
    ['20261122001', false],
    ['C20261122001x', false],
    ['Acme', false],
    ['13812345678', false],
  ])('%s → %s', (text, ok) => expect(isCustomerCode(text)).toBe(ok));

  it('a formatted code is always recognised', () => {
    for (const seq of [1, 99, 999, 1000, 10000]) expect(isCustomerCode(formatCode('20261231', seq))).toBe(true);
  });
});

describe('normaliseCode', () => {
  it('upper-cases and trims', () => expect(normaliseCode(' c20261122001 ')).toBe('C20261122001'));
});
