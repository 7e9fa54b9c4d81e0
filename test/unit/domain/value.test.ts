import { describe, expect, it } from 'vitest';
import { formatAmount, frequencyLevel, minorDigits, parseAmount, sumDealsSince, valueLevel } from '../../../src/domain/value.js';
import { DEFAULT_SETTINGS } from '../../../src/domain/types.js';

const thresholds = DEFAULT_SETTINGS.valueThresholds;

describe('valueLevel (SPEC: high ≥ 100,000 · medium 50,000–99,999 · low < 50,000)', () => {
  it.each([
    [100_000_00, 'high'], [250_000_00, 'high'],
    [99_999_99, 'medium'], [50_000_00, 'medium'],
    [49_999_99, 'low'], [0, 'low'],
  ])('%i fen → %s', (amount, level) => expect(valueLevel(amount, thresholds)).toBe(level));
  it('uses tenant thresholds', () => {
    expect(valueLevel(20_000_00, { high: 20_000_00, medium: 10_000_00 })).toBe('high');
  });
});

describe('frequencyLevel (≥ 4 high, 2–3 medium, < 2 low)', () => {
  it.each([[0, 'low'], [1, 'low'], [2, 'medium'], [3, 'medium'], [4, 'high'], [12, 'high']])(
    '%i interactions → %s', (n, level) => expect(frequencyLevel(n)).toBe(level));
});

describe('sumDealsSince', () => {
  it('counts deals on or after the date only', () => {
    const since = new Date('2026-01-01T00:00:00Z');
    const deals = [
      { amount: 100, date: new Date('2025-12-31T23:59:59Z') },
      { amount: 200, date: since },
      { amount: 300, date: new Date('2026-06-01T00:00:00Z') },
    ];
    expect(sumDealsSince(deals, since)).toBe(500);
    expect(sumDealsSince([], since)).toBe(0);
  });
});

describe('parseAmount', () => {
  it.each([
    ['12000', 1_200_000],
    ['12,000.50', 1_200_050],
    ['12000.5', 1_200_050],
    ['1.5万', 1_500_000],
    ['1.2345万', 1_234_500],
    ['2w', 2_000_000],
    ['3k', 300_000],
    ['3K', 300_000],
    ['5千', 500_000],
    ['2.5m', 250_000_000],
    ['1亿', 10_000_000_000],
    ['¥8000', 800_000],
    ['￥8000', 800_000],
    ['8000元', 800_000],
    ['8000 元', 800_000],
    ['CNY 8000', 800_000],
    ['RMB8000', 800_000],
    ['$20', 2_000],
    ['１２０００', 1_200_000], // full width
    ['0.01', 1],
  ])('%s → %i', (text, minor) => expect(parseAmount(text)).toBe(minor));

  it.each(['-5', '0', '0.00', 'abc', '', '12.345', '1,2345', '1e5', '12k5', '¥', '--1', 'NaN', '9'.repeat(20)])(
    '%s → null', (text) => expect(parseAmount(text)).toBeNull());

  it('respects a currency without minor units', () => {
    expect(parseAmount('1000', minorDigits('JPY'))).toBe(1000);
    expect(parseAmount('10.5', minorDigits('JPY'))).toBeNull();
  });
});

describe('formatAmount', () => {
  it.each([
    [1_200_000, 'CNY', 'zh', '¥12,000'],
    [1_200_050, 'CNY', 'zh', '¥12,000.50'],
    [1_200_000, 'CNY', 'en', 'CNY 12,000'],
    [1_200_050, 'CNY', 'en', 'CNY 12,000.50'],
    [2_000, 'USD', 'en', 'USD 20'],
    [2_000, 'USD', 'zh', '$20'],
    [1000, 'JPY', 'en', 'JPY 1,000'],
  ] as const)('%i %s %s → %s', (minor, currency, lang, text) => expect(formatAmount(minor, currency, lang)).toBe(text));

  it('round-trips with parseAmount', () => {
    for (const minor of [1, 99, 1_200_050, 123_456_789]) {
      expect(parseAmount(formatAmount(minor, 'CNY', 'en'))).toBe(minor);
      expect(parseAmount(formatAmount(minor, 'CNY', 'zh'))).toBe(minor);
    }
  });
});
