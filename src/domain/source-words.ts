// 客户来源 as people write it (SPEC §5): 线上广告投放, 伙伴转介绍, 朋友介绍,
// 百度推广… Each maps to the closest source; a wording that names no source
// is 其他 (other). The person's words are kept beside it (Customer.sourceNote),
// so nothing they wrote is lost by the mapping.
import { fold, parseSource, sourceLabel } from './labels.js';
import { SOURCES, type Source } from './types.js';

export interface SourceReading {
  source: Source;
  /** true when the text is the source's own id or label: nothing to keep or report */
  exact: boolean;
  /** false when no word matched and the source is 'other' */
  known: boolean;
}

/** most specific first: 电话咨询 is a call before it is an inquiry */
const KEYWORDS: readonly [Source, RegExp][] = [
  ['referral', /转介绍|介绍|推荐|伙伴|合作方|渠道商|代理商|referr|partner/u],
  ['online_ads', /广告|投放|推广|竞价|信息流|advert|\bads?\b/u],
  ['exhibition', /展会|展览|博览|展销|\bexpo\b|trade ?show|\bfair\b/u],
  ['telemarketing', /电销|电话|外呼|cold ?call|telemarket/u],
  ['visit', /拜访|上门|地推|扫街|陌拜|\bvisit/u],
  ['search', /搜索|百度|谷歌|\bseo\b|\bsem\b|google|bing/u],
  ['social', /微信|公众号|朋友圈|抖音|快手|小红书|微博|社交|社群|社媒|直播|social|linkedin|wechat/u],
  ['email', /邮件|邮箱|e-?mail|\bedm\b/u],
  ['inbound', /官网|咨询|来电|询盘|网站|留言|inbound|inquir|website/u],
];

const EXACT = new Map<string, Source>();
for (const s of SOURCES) for (const w of [s, sourceLabel(s, 'en'), sourceLabel(s, 'zh')]) EXACT.set(fold(w), s);

export function readSource(text: string): SourceReading {
  const exact = EXACT.get(fold(text));
  if (exact) return { source: exact, exact: true, known: true };
  const alias = parseSource(text);
  if (alias) return { source: alias, exact: false, known: true };
  const lower = text.normalize('NFKC').toLowerCase();
  for (const [source, re] of KEYWORDS) if (re.test(lower)) return { source, exact: false, known: true };
  return { source: 'other', exact: false, known: false };
}
