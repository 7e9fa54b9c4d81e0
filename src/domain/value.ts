// Value level, interaction frequency and money (SPEC §1). Amounts are integers
// in the currency's minor unit (fen, cents).
import type { Deal, Lang, Level, TenantSettings } from './types.js';

export function valueLevel(amount365Minor: number, thresholds: TenantSettings['valueThresholds']): Level {
  if (amount365Minor >= thresholds.high) return 'high';
  if (amount365Minor >= thresholds.medium) return 'medium';
  return 'low';
}

/** ≥ 4 in 30 days (weekly) high, 2–3 medium, fewer low */
export function frequencyLevel(interactionsLast30Days: number): Level {
  if (interactionsLast30Days >= 4) return 'high';
  if (interactionsLast30Days >= 2) return 'medium';
  return 'low';
}

/** deals dated at or after `since` */
export function sumDealsSince(deals: Pick<Deal, 'amount' | 'date'>[], since: Date): number {
  return deals.reduce((sum, d) => (d.date.getTime() >= since.getTime() ? sum + d.amount : sum), 0);
}

/** fraction digits of the currency's minor unit (CNY 2, JPY 0) */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const MULTIPLIERS: [RegExp, number][] = [
  [/(?:百万|million|mn|m)$/iu, 1_000_000],
  [/(?:亿)$/u, 100_000_000],
  [/(?:万|w)$/iu, 10_000],
  [/(?:千|k)$/iu, 1_000],
];
const CURRENCY_MARKS = /^(?:cny|rmb|usd|eur|gbp|hkd|jpy|人民币|[¥$€£])|(?:cny|rmb|usd|eur|元|块钱|块|圆|人民币)$/iu;

/**
 * "12000", "12,000.50", "1.5万", "3k", "¥8000", "8000元", "CNY 8000", "$20"
 * → minor units; anything negative, zero or unreadable → null.
 */
export function parseAmount(text: string, digits = 2): number | null {
  let s = text.normalize('NFKC').trim().replace(/\s+/gu, '');
  // currency marks may sit on either side, at most one each
  for (let i = 0; i < 2; i++) s = s.replace(CURRENCY_MARKS, '');
  let multiplier = 1;
  for (const [re, m] of MULTIPLIERS) {
    if (re.test(s)) {
      multiplier = m;
      s = s.replace(re, '');
      break;
    }
  }
  if (s === '' || !/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(s)) return null;
  const [whole = '', frac = ''] = s.replace(/,/g, '').split('.');
  // exact decimal arithmetic: 0.1 + 0.2 mistakes have no place in money
  const scale = 10n ** BigInt(digits);
  const fracScale = 10n ** BigInt(frac.length);
  const numerator = (BigInt(whole) * fracScale + BigInt(frac || '0')) * BigInt(multiplier) * scale;
  if (numerator % fracScale !== 0n) return null; // finer than the minor unit
  const minor = numerator / fracScale;
  if (minor <= 0n || minor > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(minor);
}

/** "¥12,000" (zh) / "CNY 12,000.50" (en); cents shown only when there are some */
export function formatAmount(minor: number, currency: string, lang: Lang): string {
  const digits = minorDigits(currency);
  const value = minor / 10 ** digits;
  const whole = minor % 10 ** digits === 0;
  const format = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US', {
    style: 'currency',
    currency,
    currencyDisplay: lang === 'zh' ? 'narrowSymbol' : 'code',
    minimumFractionDigits: whole ? 0 : digits,
    maximumFractionDigits: digits,
  });
  // chat clients render the no-break space Intl puts after "CNY" oddly
  return format.format(value).replace(/[\u00a0\u202f]/g, ' ');
}
