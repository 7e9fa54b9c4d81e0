// Display labels of the enums, and the reverse: reading an enum from what
// people type or what the spreadsheet holds (English ids, English labels,
// Chinese labels and the usual Chinese variants). CSV import reuses these.
import type { Channel, CustomerType, Lang, Level, Role, Source, Status, Tier } from './types.js';
import { CHANNELS, CUSTOMER_TYPES, LEVELS, ROLES, SOURCES, STATUSES, TIERS } from './types.js';
import { t } from '../i18n/index.js';

export const tierLabel = (v: Tier, lang: Lang): string => t(lang, `tier.${v}`);
export const statusLabel = (v: Status, lang: Lang): string => t(lang, `status.${v}`);
export const typeLabel = (v: CustomerType, lang: Lang): string => t(lang, `type.${v}`);
export const sourceLabel = (v: Source, lang: Lang): string => t(lang, `source.${v}`);
export const channelLabel = (v: Channel, lang: Lang): string => t(lang, `channel.${v}`);
export const levelLabel = (v: Level, lang: Lang): string => t(lang, `level.${v}`);
export const roleLabel = (v: Role, lang: Lang): string => t(lang, `role.${v}`);

/** lower case, full width folded, spaces/underscores/hyphens/slashes dropped */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s_\-/·.]+/gu, '');
}

function makeParser<T extends string>(
  values: readonly T[],
  label: (v: T, lang: Lang) => string,
  extra: Record<T, string[]>,
): (text: string | undefined | null) => T | undefined {
  const table = new Map<string, T>();
  for (const v of values) {
    for (const alias of [v, label(v, 'en'), label(v, 'zh'), ...extra[v]]) {
      const k = fold(alias);
      if (!table.has(k)) table.set(k, v);
    }
  }
  return (text) => {
    if (text == null) return undefined;
    const whole = table.get(fold(text));
    if (whole) return whole;
    // "沉睡-3个月无互动", "流失（转向竞品）": the label before a note
    const head = text.normalize('NFKC').trim().split(/[\s\-—–(（:：,，;；]/u)[0];
    return head ? table.get(fold(head)) : undefined;
  };
}

export const parseTier = makeParser<Tier>(TIERS, tierLabel, {
  core: ['核心', 'core customer', 'a', 'a类', 'vip'],
  key: ['重点', '重要', '重要客户', 'key account', 'key customer', 'b', 'b类'],
  regular: ['普通', '一般', '一般客户', 'regular customer', 'normal', 'c', 'c类'],
  potential: ['潜在', '意向', '意向客户', 'potential customer', 'prospect', 'lead', 'd', 'd类'],
});

export const parseStatus = makeParser<Status>(STATUSES, statusLabel, {
  potential: ['潜在客户', 'prospect', '意向'],
  active: ['活跃客户', '正常', '合作中', '在合作'],
  dormant: ['沉睡客户', '休眠', '不活跃', 'inactive', 'sleeping'],
  lost: ['流失客户', '已流失', '停止合作', 'churned'],
});

export const parseType = makeParser<CustomerType>(CUSTOMER_TYPES, typeLabel, {
  enterprise: ['company', 'business', 'corporate', '公司', '企业客户'],
  individual: ['person', 'personal', '个人客户'],
  government: ['gov', 'govt', '政府', '政府单位', '事业单位'],
  nonprofit: ['non profit', 'ngo', 'npo', '非营利', '非盈利', '非盈利组织', '公益组织'],
});

export const parseSource = makeParser<Source>(SOURCES, sourceLabel, {
  online_ads: ['ads', 'ad', 'online ad', 'advertising', '广告', '网络广告', '线上推广'],
  search: ['seo', 'sem', '搜索', '百度', 'google'],
  social: ['social', 'social network', '社媒', '社交', '微博', '小红书', '抖音'],
  email: ['email marketing', 'edm', '邮件'],
  referral: ['partner', 'partners', 'partner referral', '合作伙伴', '合作伙伴推荐', '转介绍', '推荐', '介绍', '客户介绍', '老客户介绍'],
  exhibition: ['trade show', 'tradeshow', 'expo', 'fair', '展览', '展会获客'],
  telemarketing: ['cold call', 'cold calling', '电销', '电话销售'],
  visit: ['field visit', 'door to door', '拜访', '上门', '上门拜访', '地推'],
  inbound: ['online inquiry', 'inquiry', 'website', '咨询', '官网', '官网咨询', '在线咨询'],
  other: ['其它', 'others', 'misc'],
});

export const parseChannel = makeParser<Channel>(CHANNELS, channelLabel, {
  call: ['phone', 'phone call', 'tel', 'telephone', '打电话', '电话沟通', '通话'],
  visit: ['on site', 'onsite', '上门', '上门拜访', '走访'],
  meeting: ['meet', 'video', 'zoom', '开会', '见面', '面谈', '视频会议'],
  email: ['mail', 'e mail', '电子邮件', '邮箱'],
  message: ['msg', 'chat', 'im', 'wechat', 'sms', 'text', 'slack', 'feishu', 'lark', '微信', '短信', '飞书', '钉钉', '聊天'],
  other: ['其它', 'others'],
});

export const parseLevel = makeParser<Level>(LEVELS, levelLabel, {
  // 高频 / 中频 / 低频: the template's words for 互动频率
  high: ['h', 'hi', '高等', '高级', '高频', '较高', '频繁'],
  medium: ['m', 'mid', 'middle', 'med', '中等', '中级', '中频', '一般'],
  low: ['l', 'lo', '低等', '低级', '低频', '较低', '很少'],
});

export const parseRole = makeParser<Role>(ROLES, roleLabel, {
  member: ['sales', 'salesperson', 'rep', '销售', '业务员', '员工'],
  manager: ['lead', 'supervisor', 'boss', '主管', '销售经理', '负责人'],
  admin: ['administrator', '管理者', '系统管理员'],
});
