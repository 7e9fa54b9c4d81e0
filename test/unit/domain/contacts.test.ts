import { describe, expect, it } from 'vitest';
import {
  assertNoSensitive, looksLikeHomeAddress, looksLikeIdNumber, maskContact, maskEmail, maskPhone, maskWechat,
  normaliseDigits, parseContact,
} from '../../../src/domain/contacts.js';
import { userError } from '../../helpers/user-error.js';

describe('masking', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 13812345678', '+86 138****5678'],
    ['+8613812345678', '+86 138****5678'],
    ['+1 415 555 0100', '+1 415***0100'],
    ['0571-88886666', '057*****6666'],
    ['12345678', '123*5678'],
    ['1234567', '*****67'],
    ['10086', '***86'],
  ])('maskPhone(%s) = %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it('never leaves the middle digits of a mobile readable', () => {
    expect(maskPhone('13812345678')).not.toContain('1234');
  });

  it.each([
    ['zhang@example.com', 'z***@example.com'],
    ['z@example.com', 'z***@example.com'],
    ['li.si+crm@mail.example.cn', 'l***@mail.example.cn'],
  ])('maskEmail(%s) = %s', (email, masked) => expect(maskEmail(email)).toBe(masked));

  it.each([
    ['zhang_san', 'z***n'],
    ['ab', 'a***'],
    ['张三微信', '张***信'],
    ['', ''],
  ])('maskWechat(%s) = %s', (id, masked) => expect(maskWechat(id)).toBe(masked));

  it('maskContact masks phone, email and wechat and keeps name and title', () => {
    const c = { name: '张三', title: '经理', phone: '13812345678', email: 'zhang@example.com', wechat: 'zhang_san' };
    expect(maskContact(c)).toEqual({ name: '张三', title: '经理', phone: '138****5678', email: 'z***@example.com', wechat: 'z***n' });
    expect(c.phone).toBe('13812345678'); // the original is untouched
    expect(maskContact({ name: 'Li' })).toEqual({ name: 'Li' });
  });
});

describe('looksLikeIdNumber', () => {
  it.each([
    ['110101199003071234', true], // 18 digits, born 1990-03-07
    ['11010119900307123X', true],
    ['11010119900307123x', true],
    ['身份证 110101199003071234 请备案', true],
    ['ID:110101199003071235', true], // wrong checksum is still an ID number
    ['110101 19900307 1234', true],
    ['110101900307123', true], // 15 digits, born 1990-03-07
    ['110101199013071234', false], // month 13
    ['110101199002301234', false], // 30 February
    ['110101180003071234', false], // born 1800
    ['13812345678', false], // a phone
    ['+86 13812345678', false],
    ['C20261122001', false], // a customer code
    ['C202611221000', false],
    ['1200000', false], // an amount
    ['12,000,000,000.50', false],
    ['0571-88886666', false],
    ['1101011990030712345', false], // 19 digits: not an ID number
    ['订单号 20261122000123456789', false],
    ['13812345678 13912345678', false], // two phones side by side
  ])('%s → %s', (text, expected) => expect(looksLikeIdNumber(text)).toBe(expected));
});

describe('looksLikeHomeAddress', () => {
  it.each([
    ['杭州市西湖区阳光小区3栋2单元501室', true],
    ['文一路88号5号楼1201室', true],
    ['幸福路12号3栋2单元', true],
    ['阳光小区', true],
    ['阳光小区5号楼', true],
    ['家庭住址：杭州市西湖区某路', true],
    ['住址 北京', true],
    ['家住杭州西湖', true],
    ['Home address: 12 Baker Street', true],
    ['Apt 5B, 100 Main St', true],
    ['apartment 12', true],
    ['221 Baker Street Apt 4', true],
    ['12 Elm Road, unit 3', true],
    ['杭州', false],
    ['Zhejiang', false],
    ['北京市朝阳区', false],
    ['浙江省杭州市西湖区', false],
    ['杭州市西湖区文三路90号东部软件园', false],
    ['杭州市滨江区网商路699号阿里巴巴园区', false],
    ['上海市浦东新区世纪大道100号环球金融中心大厦', false],
    ['New York', false],
    ['1 Infinite Loop, Cupertino', false],
    ['flat 20% discount on 3 units', false],
    ['小区物业管理有限公司', false],
  ])('%s → %s', (text, expected) => expect(looksLikeHomeAddress(text)).toBe(expected));
});

describe('assertNoSensitive', () => {
  it('names the field and the kind of data', () => {
    const id = userError(() => assertNoSensitive('110101199003071234', 'notes'));
    expect(id.key).toBe('domain.idNumber');
    expect(id.params).toEqual({ field: 'notes' });
    const home = userError(() => assertNoSensitive('阳光小区3栋2单元501室', 'region'));
    expect(home.key).toBe('domain.homeAddress');
    expect(home.params).toEqual({ field: 'region' });
  });
  it('lets ordinary data through', () => {
    for (const ok of ['杭州', '13812345678', 'C20261122001', '续约 12000 元', 'zhang@example.com']) {
      expect(() => assertNoSensitive(ok, 'notes')).not.toThrow();
    }
  });
});

describe('parseContact', () => {
  it.each([
    ['张三 经理 13812345678 zhang@example.com wx:zhang_san',
      { name: '张三', title: '经理', phone: '13812345678', email: 'zhang@example.com', wechat: 'zhang_san' }],
    ['李四 13912345678', { name: '李四', phone: '13912345678' }],
    ['王五 销售 总监 0571-88886666', { name: '王五', title: '销售 总监', phone: '0571-88886666' }],
    ['王五 (0571)88886666', { name: '王五', phone: '0571-88886666' }],
    ['王五 010-12345678转123', { name: '王五', phone: '010-12345678 ext 123' }],
    ['Jane Doe CTO +1 415 555 0100 jane@acme.io', { name: 'Jane', title: 'Doe CTO', phone: '+1 4155550100', email: 'jane@acme.io' }],
    ['赵六 +8613812345678', { name: '赵六', phone: '+86 13812345678' }],
    ['赵六 138 1234 5678', { name: '赵六', phone: '13812345678' }],
    ['微信：zhaoliu88 赵六', { name: '赵六', wechat: 'zhaoliu88' }],
    ['wechat: zl_88', { wechat: 'zl_88' }],
    ['电话: 13812345678, 邮箱: a@b.cn', { phone: '13812345678', email: 'a@b.cn' }],
    ['钱七', { name: '钱七' }],
    ['１３８１２３４５６７８', { phone: '13812345678' }], // full-width digits
  ])('%s', (text, contact) => expect(parseContact(text)).toEqual(contact));

  it('refuses an ID number or a home address before reading anything', () => {
    expect(userError(() => parseContact('张三 110101199003071234')).key).toBe('domain.idNumber');
    expect(userError(() => parseContact('张三 13812345678 家住阳光小区3栋')).key).toBe('domain.homeAddress');
  });
  it('refuses a malformed email', () => {
    const e = userError(() => parseContact('张三 zhang@example'));
    expect(e.key).toBe('domain.badEmail');
    expect(e.params).toEqual({ value: 'zhang@example' });
  });
  it('refuses a number that is no phone, and a second phone', () => {
    expect(userError(() => parseContact('张三 12345')).key).toBe('domain.badPhone');
    expect(userError(() => parseContact('张三 13812345678 13912345678')).key).toBe('domain.twoPhones');
  });
  it('refuses an empty contact', () => {
    expect(userError(() => parseContact('  ')).key).toBe('domain.contactEmpty');
  });
});

describe('normaliseDigits', () => {
  it.each([['+86 138-1234-5678', '8613812345678'], ['(0571) 8888 6666', '057188886666'], ['１３８', '138'], ['abc', '']])(
    '%s → %s', (text, digits) => expect(normaliseDigits(text)).toBe(digits));
});
