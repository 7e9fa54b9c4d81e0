// A masked value, as templates and screenshots print contacts: 张*, 138****5678,
// 1395678****, 139xxxx5678. It hides the real value, so storing it would only
// put a wrong phone number or name on the customer.
const MASK = /[*＊]|\d[xX×]{3,}|[xX×]{3,}\d/u;

export function isMasked(value: string): boolean {
  return MASK.test(value);
}
