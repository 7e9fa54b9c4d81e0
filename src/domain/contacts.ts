// Contacts: masking (SPEC §2, contacts are masked unless you own them),
// refusing what we must never store (ID numbers, home addresses) and reading
// a contact out of one line of free text.
import type { Contact } from './types.js';
import { UserError } from '../errors.js';
import { isValidYmd } from './time.js';

// Country calling codes seen in practice, longest first, to split "+8613812345678"
// when the user gave no space after the code.
const COUNTRY_CODES = [
  '852', '853', '886', '855', '856', '880', '971', '972', '966', '886',
  '86', '81', '82', '65', '60', '61', '62', '63', '64', '66', '84', '44', '49', '33', '39', '34',
  '31', '32', '41', '43', '45', '46', '47', '48', '91', '92', '90', '55', '52', '54', '27', '20',
  '1', '7',
];

export function normaliseDigits(text: string): string {
  return text.normalize('NFKC').replace(/\D/g, '');
}

function splitCountryCode(phone: string): { cc: string; national: string } {
  const p = phone.normalize('NFKC').trim();
  if (!p.startsWith('+')) return { cc: '', national: normaliseDigits(p) };
  const separated = /^\+(\d{1,3})[\s-]+(.*)$/.exec(p);
  if (separated) return { cc: `+${separated[1]}`, national: normaliseDigits(separated[2] ?? '') };
  const digits = normaliseDigits(p);
  const cc = COUNTRY_CODES.find((c) => digits.startsWith(c) && digits.length > c.length + 4) ?? '';
  return { cc: cc ? `+${cc}` : '+', national: digits.slice(cc.length) };
}

/** 138****5678; short numbers keep the last 2; a leading +86 / +1 stays readable */
export function maskPhone(phone: string): string {
  const { cc, national } = splitCountryCode(phone);
  let masked: string;
  if (national.length >= 8) masked = national.slice(0, 3) + '*'.repeat(national.length - 7) + national.slice(-4);
  else if (national.length > 2) masked = '*'.repeat(national.length - 2) + national.slice(-2);
  else masked = '*'.repeat(national.length);
  return cc ? `${cc} ${masked}` : masked;
}

/** z***@example.com */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskWechat(email);
  return `${[...email][0]}***${email.slice(at)}`;
}

/** first char + *** + last char; too short to show both ends shows only the first */
export function maskWechat(id: string): string {
  const chars = [...id];
  if (chars.length === 0) return '';
  if (chars.length <= 2) return `${chars[0]}***`;
  return `${chars[0]}***${chars[chars.length - 1]}`;
}

export function maskContact(c: Contact): Contact {
  const out: Contact = { ...c };
  if (c.phone) out.phone = maskPhone(c.phone);
  if (c.email) out.email = maskEmail(c.email);
  if (c.wechat) out.wechat = maskWechat(c.wechat);
  return out;
}

// A mistyped ID number is still an ID number, so no checksum: 18 = 17 digits
// + digit/X with YYYYMMDD at 7–14; 15 = all digits with YYMMDD at 7–12.
// Digit runs are taken whole so an 11-digit phone inside a longer run of
// digits, or a customer code, never lines up by accident.
const ID_RUNS = [
  /(?<!\d)(\d{17}[\dXx])(?![\dXx])/g,
  /(?<!\d)(\d{15})(?![\dXx])/g,
  // written in groups: 110101 19900307 1234, 110101 1990 0307 123X
  /(?<!\d)(\d{6}[\s-]\d{8}[\s-]\d{3}[\dXx])(?![\dXx])/g,
  /(?<!\d)(\d{6}[\s-]\d{4}[\s-]\d{4}[\s-]\d{3}[\dXx])(?![\dXx])/g,
];

export function looksLikeIdNumber(text: string): boolean {
  const t = text.normalize('NFKC');
  for (const re of ID_RUNS) {
    for (const m of t.matchAll(re)) {
      const id = (m[1] ?? '').replace(/[\s-]/g, '');
      if (id.length === 18) {
        const y = Number(id.slice(6, 10));
        if (y >= 1900 && y <= 2099 && isValidYmd(y, Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return true;
      } else if (id.length === 15) {
        if (isValidYmd(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)))) return true;
      }
    }
  }
  return false;
}

// Home addresses: conservative on purpose. A region (杭州, 北京市朝阳区,
// Zhejiang) and an office (…大厦, …园区 without a flat number) are normal data.
const HOME_MARKERS = /(家庭住址|家庭地址|居住地址|现住址|住址|家住|home\s+address|residential\s+address|i\s+live\s+at|lives\s+at)/iu;
const OFFICE_MARKERS = /(大厦|园区|写字楼|产业园|科技园|商务|中心|广场|办公|工业区|孵化器)/u;
const CN_FLAT = [
  /\d+\s*(号楼|栋|幢|座)\s*\d+\s*(单元|室|号|层)/u,
  /\d+\s*单元\s*\d+/u,
  /\d+\s*(号楼|栋|幢)?\s*\d*\s*单元/u,
  /\d+\s*号.{0,12}?\d+\s*室/u,
  /\d+\s*室/u,
];
const CN_COMPOUND = /小区(?:\s*\d|\s*$|.{0,6}(号楼|栋|幢|单元|室))/u;
const EN_FLAT = [
  /\b(apt|apartment)\b\.?\s*(no\.?\s*)?#?\s*\d+/iu,
  /\b\d+[a-z]?\s+([a-z][a-z'.-]*\s+){1,4}(street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|court|ct|place|pl|way|terrace|close)\b\.?,?\s*(apt|unit|flat|#)\.?\s*#?\s*\d+/iu,
];

export function looksLikeHomeAddress(text: string): boolean {
  const t = text.normalize('NFKC');
  if (HOME_MARKERS.test(t)) return true;
  if (CN_COMPOUND.test(t)) return true;
  if (EN_FLAT.some((re) => re.test(t))) return true;
  if (OFFICE_MARKERS.test(t)) return false;
  return CN_FLAT.some((re) => re.test(t));
}

export function assertNoSensitive(text: string, field: string): void {
  if (looksLikeIdNumber(text)) throw new UserError('domain.idNumber', { field }, field);
  if (looksLikeHomeAddress(text)) throw new UserError('domain.homeAddress', { field }, field);
}

// Chinese mobiles, landlines with an area code (and an extension), international.
const PHONE_PATTERNS: { re: RegExp; tidy: (m: string) => string }[] = [
  { re: /\+\d{1,3}(?:[\s-]?\d){6,14}/u, tidy: tidyInternational },
  { re: /(?<![\d+])1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/u, tidy: normaliseDigits },
  { re: /(?<![\d+])\(?0\d{2,3}\)?[\s-]?\d{7,8}(?:\s*(?:-|ext\.?|转)\s*\d{1,5})?(?!\d)/iu, tidy: tidyLandline },
];

function tidyInternational(m: string): string {
  const { cc, national } = splitCountryCode(m);
  return cc === '+' ? `+${national}` : `${cc} ${national}`;
}

function tidyLandline(m: string): string {
  const main = /^\(?(0\d{2,3})\)?[\s-]?(\d{7,8})/.exec(m);
  const ext = /(?:-|ext\.?|转)\s*(\d{1,5})$/iu.exec(m.slice(main?.[0].length ?? 0));
  return main ? `${main[1]}-${main[2]}${ext ? ` ext ${ext[1]}` : ''}` : m;
}

const EMAIL_SHAPE = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const WECHAT = /(?:wx|wechat|weixin|微信号?|vx)\s*[:：]\s*([A-Za-z0-9_-]{2,40})/iu;
const LABELS = /(?:^|\s)(?:name|姓名|title|职位|职务|phone|tel|mobile|电话|手机|email|e-mail|邮箱)\s*[:：]\s*/giu;

/**
 * "张三 经理 13812345678 zhang@example.com wx:zhang_san" → a Contact.
 * Refuses ID numbers and home addresses first, so they never reach storage.
 */
export function parseContact(text: string): Contact {
  assertNoSensitive(text, 'contact');
  let rest = ` ${text.normalize('NFKC')} `;
  const contact: Contact = {};

  const wx = WECHAT.exec(rest);
  if (wx) {
    contact.wechat = wx[1];
    rest = rest.replace(wx[0], ' ');
  }
  rest = rest.replace(LABELS, ' ');

  const emailLike = /[^\s@,;，；、<>()（）]+@[^\s@,;，；、<>()（）]+/u.exec(rest);
  if (emailLike) {
    const email = emailLike[0].replace(/[.。]+$/u, '');
    if (!EMAIL_SHAPE.test(email)) throw new UserError('domain.badEmail', { value: email }, 'email');
    contact.email = email;
    rest = rest.replace(emailLike[0], ' ');
  }

  for (const { re, tidy } of PHONE_PATTERNS) {
    const m = re.exec(rest);
    if (!m) continue;
    contact.phone = tidy(m[0]);
    rest = rest.replace(m[0], ' ');
    break;
  }

  const words = rest.split(/[\s,;，；、|/]+/u).filter(Boolean);
  const stray = words.find((w) => /^[+\d()-]{5,}$/.test(w));
  if (stray) {
    throw new UserError(contact.phone ? 'domain.twoPhones' : 'domain.badPhone', { value: stray }, 'phone');
  }
  const [name, ...title] = words;
  if (name) contact.name = name;
  if (title.length) contact.title = title.join(' ');

  if (!contact.name && !contact.phone && !contact.email && !contact.wechat) {
    throw new UserError('domain.contactEmpty', {}, 'contact');
  }
  for (const [field, value] of Object.entries(contact)) {
    const length = [...value].length;
    if (length > 100) throw new UserError('error.tooLong', { field, length, max: 100 }, field);
  }
  return contact;
}
