// The columns of the customer classification table (SPEC §5) and the English
// field names (STYLE.md rule 3), in the table's order. Import accepts either
// header set (and a few spellings people actually type); export writes one.
// 客户类型 and 客户分布 are not in the paper table but are customer fields, so
// they travel after it: without them an export → import would lose them.
import type { Lang } from '../domain/types.js';

export const COLUMNS = [
  'code', 'name', 'industry', 'source', 'contact', 'contactDetails', 'tier', 'valueLevel',
  'frequency', 'lastInteractionAt', 'followUp', 'needs', 'status', 'owner', 'notes', 'type', 'region',
] as const;
export type ColumnId = (typeof COLUMNS)[number];

const HEADERS: Record<ColumnId, { zh: string; en: string; aliases: string[] }> = {
  code: { zh: '客户编号', en: 'code', aliases: ['customercode', '编号'] },
  name: { zh: '客户名称', en: 'name', aliases: ['customername', 'customer', '客户名', '名称', '客户'] },
  industry: { zh: '所属行业', en: 'industry', aliases: ['行业'] },
  source: { zh: '客户来源', en: 'source', aliases: ['来源'] },
  contact: { zh: '联系人', en: 'contact', aliases: ['contacts', 'contactname'] },
  contactDetails: { zh: '联系方式', en: 'contactDetails', aliases: ['contactinfo', 'phone', '联系电话', '电话'] },
  tier: { zh: '关系分类', en: 'tier', aliases: ['客户分类', '分类'] },
  valueLevel: { zh: '价值等级', en: 'valueLevel', aliases: ['value'] },
  frequency: { zh: '互动频率', en: 'frequency', aliases: [] },
  lastInteractionAt: { zh: '最近跟进时间', en: 'lastInteractionAt', aliases: ['lastfollowup', 'lastfollowupat', '最近跟进日期', '最后跟进时间'] },
  followUp: { zh: '跟进内容', en: 'followUp', aliases: ['followupcontent', 'lastinteraction'] },
  needs: { zh: '需求特征', en: 'needs', aliases: ['需求'] },
  status: { zh: '状态标签', en: 'status', aliases: ['状态'] },
  owner: { zh: '负责人', en: 'owner', aliases: ['ownerid', '跟进人'] },
  notes: { zh: '备注', en: 'notes', aliases: ['note', 'remarks'] },
  type: { zh: '客户类型', en: 'type', aliases: ['customertype'] },
  region: { zh: '客户分布', en: 'region', aliases: ['地区', '区域'] },
};

/** header text → comparable key: case, width, spaces, separators and "(hints)" do not matter */
function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\(.*?\)/g, '')
    .replace(/[\s_\-*:：]/g, '')
    .toLowerCase();
}

const BY_KEY = new Map<string, ColumnId>();
for (const id of COLUMNS) {
  const h = HEADERS[id];
  for (const text of [h.zh, h.en, ...h.aliases]) BY_KEY.set(headerKey(text), id);
}

export function columnOf(header: string): ColumnId | undefined {
  return BY_KEY.get(headerKey(header));
}

export function headerOf(id: ColumnId, lang: Lang): string {
  return HEADERS[id][lang];
}

export interface HeaderMap {
  /** column id → index in the record */
  index: Partial<Record<ColumnId, number>>;
  /** headers nobody knows: ignored, reported once */
  unknown: string[];
  /** a column given twice: the first wins */
  repeated: string[];
}

/** how far down a title block may push the header */
export const HEADER_SEARCH_ROWS = 10;

export function mapHeader(record: string[]): HeaderMap {
  const index: Partial<Record<ColumnId, number>> = {};
  const unknown: string[] = [];
  const repeated: string[] = [];
  record.forEach((raw, i) => {
    const header = raw.trim();
    if (!header) return;
    const id = columnOf(header);
    if (!id) unknown.push(header);
    else if (index[id] !== undefined) repeated.push(header);
    else index[id] = i;
  });
  return { index, unknown, repeated };
}
