// One table: every verb, its English and Chinese aliases (STYLE.md rule 3),
// and every flag with its aliases. The parser and help read only this.

export const VERBS = [
  'new', 'log', 'show', 'find', 'list', 'due', 'stats', 'edit', 'tier', 'status', 'assign',
  'deal', 'help', 'reveal', 'settings', 'role', 'import', 'export', 'pool', 'claim', 'release', 'me',
] as const;
export type Verb = (typeof VERBS)[number];

export const VERB_ALIASES: Record<Verb, { en: string[]; zh: string[] }> = {
  new: { en: ['new', 'create', 'add'], zh: ['新建', '创建', '新增', '添加'] },
  log: { en: ['log', 'followup', 'follow-up'], zh: ['记录', '跟进'] },
  show: { en: ['show', 'view', 'open'], zh: ['查看', '详情'] },
  find: { en: ['find', 'search'], zh: ['搜索', '查找', '查询'] },
  list: { en: ['list', 'ls'], zh: ['列表'] },
  due: { en: ['due', 'todo'], zh: ['待跟进', '待办'] },
  stats: { en: ['stats', 'statistics', 'count'], zh: ['统计'] },
  edit: { en: ['edit', 'update'], zh: ['编辑', '修改'] },
  tier: { en: ['tier'], zh: ['分类', '关系分类', '等级'] },
  status: { en: ['status'], zh: ['状态'] },
  assign: { en: ['assign', 'reassign'], zh: ['分配', '转交', '指派'] },
  deal: { en: ['deal'], zh: ['成交'] },
  help: { en: ['help', '?'], zh: ['帮助', '？'] },
  reveal: { en: ['reveal'], zh: ['显示联系方式', '揭示'] },
  settings: { en: ['settings', 'setting', 'config'], zh: ['设置'] },
  role: { en: ['role', 'roles'], zh: ['角色'] },
  import: { en: ['import'], zh: ['导入'] },
  export: { en: ['export'], zh: ['导出'] },
  pool: { en: ['pool'], zh: ['公海'] },
  claim: { en: ['claim'], zh: ['领取', '认领'] },
  release: { en: ['release'], zh: ['退回公海', '退回', '释放'] },
  me: { en: ['me'], zh: ['我的'] },
};

/** the words that may start a command line */
export const PREFIXES = { en: ['/customer', 'customer', '/customers', 'customers'], zh: ['客户', '/客户'] };

export const FLAGS = [
  'via', 'next', 'deal', 'on', 'tier', 'status', 'owner', 'by', 'industry', 'source', 'type',
  'region', 'phone', 'email', 'contact', 'needs', 'note', 'reason', 'name', 'page', 'due',
  'confirm', 'wechat', 'title', 'strict', 'lang', 'until',
] as const;
export type Flag = (typeof FLAGS)[number];

/** flags that take no value */
export const BOOLEAN_FLAGS: ReadonlySet<Flag> = new Set<Flag>(['due', 'confirm', 'strict']);

/** flags whose value is one word; the rest of the words go back to the text */
export const ONE_WORD_FLAGS: ReadonlySet<Flag> = new Set<Flag>([
  'via', 'deal', 'tier', 'status', 'owner', 'by', 'source', 'type', 'page', 'phone', 'email', 'wechat', 'lang',
]);

export const FLAG_ALIASES: Record<string, Flag> = {
  方式: 'via', 渠道: 'via', 下次: 'next', 下次跟进: 'next', 成交: 'deal', 金额: 'deal', 日期: 'on',
  分类: 'tier', 关系分类: 'tier', 状态: 'status', 负责人: 'owner', 按: 'by', 行业: 'industry',
  来源: 'source', 类型: 'type', 地区: 'region', 电话: 'phone', 手机: 'phone', 邮箱: 'email',
  联系人: 'contact', 需求: 'needs', 备注: 'note', 原因: 'reason', 名称: 'name', 页: 'page',
  待跟进: 'due', 确认: 'confirm', 微信: 'wechat', 职位: 'title', date: 'on', when: 'on',
  严格: 'strict', 语言: 'lang', 直到: 'until', 至: 'until', 到: 'until',
};

const ALIAS_TO_VERB = new Map<string, { verb: Verb; lang: 'en' | 'zh' }>();
for (const verb of VERBS) {
  for (const lang of ['en', 'zh'] as const) {
    for (const alias of VERB_ALIASES[verb][lang]) ALIAS_TO_VERB.set(alias.toLowerCase(), { verb, lang });
  }
}

export function lookupVerb(word: string): { verb: Verb; lang: 'en' | 'zh' } | undefined {
  return ALIAS_TO_VERB.get(word.toLowerCase());
}

export function lookupFlag(name: string): Flag | undefined {
  const lower = name.toLowerCase();
  if ((FLAGS as readonly string[]).includes(lower)) return lower as Flag;
  return FLAG_ALIASES[name] ?? FLAG_ALIASES[lower];
}
