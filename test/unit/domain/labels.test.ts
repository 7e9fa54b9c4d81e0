import { describe, expect, it } from 'vitest';
import {
  channelLabel, levelLabel, parseChannel, parseLevel, parseRole, parseSource, parseStatus, parseTier, parseType,
  roleLabel, sourceLabel, statusLabel, tierLabel, typeLabel,
} from '../../../src/domain/labels.js';
import { CHANNELS, CUSTOMER_TYPES, LEVELS, ROLES, SOURCES, STATUSES, TIERS } from '../../../src/domain/types.js';
import { domain } from '../../../src/i18n/catalog/domain.js';

describe('labels', () => {
  it.each([
    [tierLabel('core', 'en'), 'Core'], [tierLabel('core', 'zh'), '核心客户'], [tierLabel('key', 'zh'), '重点客户'],
    [tierLabel('regular', 'zh'), '普通客户'], [tierLabel('potential', 'zh'), '潜在客户'],
    [statusLabel('dormant', 'zh'), '沉睡'], [statusLabel('lost', 'zh'), '流失'], [statusLabel('active', 'en'), 'Active'],
    [typeLabel('government', 'zh'), '政府机构'], [typeLabel('nonprofit', 'zh'), '非营利组织'],
    [sourceLabel('referral', 'zh'), '合作伙伴/转介绍'], [sourceLabel('exhibition', 'zh'), '展会'], [sourceLabel('inbound', 'zh'), '线上咨询'],
    [channelLabel('visit', 'zh'), '拜访'], [channelLabel('call', 'en'), 'Call'],
    [levelLabel('high', 'zh'), '高'], [roleLabel('manager', 'zh'), '经理'], [roleLabel('admin', 'en'), 'Admin'],
  ])('%s = %s', (actual, expected) => expect(actual).toBe(expected));

  it('every enum value has a label in both languages', () => {
    const all = [
      ...TIERS.map((v) => [tierLabel(v, 'en'), tierLabel(v, 'zh')]),
      ...STATUSES.map((v) => [statusLabel(v, 'en'), statusLabel(v, 'zh')]),
      ...CUSTOMER_TYPES.map((v) => [typeLabel(v, 'en'), typeLabel(v, 'zh')]),
      ...SOURCES.map((v) => [sourceLabel(v, 'en'), sourceLabel(v, 'zh')]),
      ...CHANNELS.map((v) => [channelLabel(v, 'en'), channelLabel(v, 'zh')]),
      ...LEVELS.map((v) => [levelLabel(v, 'en'), levelLabel(v, 'zh')]),
      ...ROLES.map((v) => [roleLabel(v, 'en'), roleLabel(v, 'zh')]),
    ];
    for (const [en, zh] of all) {
      expect(en).not.toMatch(/^(tier|status|type|source|channel|level|role)\./);
      expect(zh).toMatch(/\p{Script=Han}/u);
    }
  });

  it('the domain catalogue has the same keys in en and zh', () => {
    expect(Object.keys(domain.zh).sort()).toEqual(Object.keys(domain.en).sort());
  });
});

describe('parse helpers', () => {
  it.each([
    ['核心客户', 'core'], ['核心', 'core'], ['core', 'core'], ['Core', 'core'], [' CORE ', 'core'],
    ['重点客户', 'key'], ['重点', 'key'], ['Key', 'key'], ['普通客户', 'regular'], ['一般', 'regular'],
    ['潜在客户', 'potential'], ['potential', 'potential'],
  ])('parseTier(%s) = %s', (text, v) => expect(parseTier(text)).toBe(v));

  it.each([
    ['沉睡', 'dormant'], ['沉睡-3个月无互动', 'dormant'], ['dormant', 'dormant'], ['Dormant', 'dormant'],
    ['活跃', 'active'], ['流失', 'lost'], ['流失（转向竞品）', 'lost'], ['潜在', 'potential'], ['lost', 'lost'],
  ])('parseStatus(%s) = %s', (text, v) => expect(parseStatus(text)).toBe(v));

  it.each([
    ['展会', 'exhibition'], ['合作伙伴推荐', 'referral'], ['转介绍', 'referral'], ['合作伙伴', 'referral'],
    ['合作伙伴/转介绍', 'referral'], ['referral', 'referral'], ['Partner / referral', 'referral'],
    ['online_ads', 'online_ads'], ['online ads', 'online_ads'], ['线上广告', 'online_ads'], ['搜索引擎', 'search'],
    ['社交媒体', 'social'], ['邮件营销', 'email'], ['电话营销', 'telemarketing'], ['主动拜访', 'visit'],
    ['线上咨询', 'inbound'], ['其他', 'other'], ['其它', 'other'],
  ])('parseSource(%s) = %s', (text, v) => expect(parseSource(text)).toBe(v));

  it.each([
    ['企业', 'enterprise'], ['enterprise', 'enterprise'], ['个人', 'individual'], ['政府机构', 'government'],
    ['政府', 'government'], ['非营利组织', 'nonprofit'], ['Non-profit', 'nonprofit'],
  ])('parseType(%s) = %s', (text, v) => expect(parseType(text)).toBe(v));

  it.each([
    ['电话', 'call'], ['call', 'call'], ['phone', 'call'], ['拜访', 'visit'], ['visit', 'visit'], ['会议', 'meeting'],
    ['邮件', 'email'], ['email', 'email'], ['微信', 'message'], ['消息', 'message'], ['其他', 'other'],
  ])('parseChannel(%s) = %s', (text, v) => expect(parseChannel(text)).toBe(v));

  it.each([['高', 'high'], ['high', 'high'], ['中', 'medium'], ['Medium', 'medium'], ['低', 'low'], ['low', 'low']])(
    'parseLevel(%s) = %s', (text, v) => expect(parseLevel(text)).toBe(v));

  it.each([['经理', 'manager'], ['manager', 'manager'], ['管理员', 'admin'], ['成员', 'member']])(
    'parseRole(%s) = %s', (text, v) => expect(parseRole(text)).toBe(v));

  it('unknown text gives undefined', () => {
    for (const text of ['', 'banana', '香蕉', 'cor']) {
      expect(parseTier(text)).toBeUndefined();
      expect(parseStatus(text)).toBeUndefined();
      expect(parseSource(text)).toBeUndefined();
      expect(parseChannel(text)).toBeUndefined();
    }
    expect(parseTier(undefined)).toBeUndefined();
    expect(parseTier(null)).toBeUndefined();
  });
});
