// The example rows the template prints (issue 11), contacts masked as in the template itself.
export const TEMPLATE_HEADER = '客户编号,客户名称,所属行业,客户来源,联系人,联系方式,关系分类,价值等级,互动频率,最近跟进时间,跟进内容,需求特征,状态标签,负责人,备注';
export const TEMPLATE_ROWS = [
  'C20240501001,A科技有限公司,互联网,线上广告投放,张*,138****5678,核心客户,高,高频,2024-05-10,沟通Q2季度续约需求，反馈对售后服务满意,需定制化解决方案，注重响应速度,活跃-意向续约,李*,已提交方案，等待客户确认',
  'C20240502002,B商贸集团,零售行业,展会,王经理,1395678****,重点客户,中,中频,2024-05-08,推送618促销活动，客户对新品有兴趣,需求稳定，关注价格折扣,活跃-有采购计划,赵*,安排下周上门演示新品',
  'C20240503003,C制造厂,制造,伙伴转介绍,刘总,1379012****,潜在客户,低,低频,2024-05-05,初次拜访，介绍公司产品优势,有采购设备计划，预算待确认,潜在-需求明确,孙*,发送产品手册，约定下次沟通时间',
  'C20240504004,D文化传媒,服务,主动拜访,陈*,1363456****,普通客户,低,低频,2024-04-20,上次合作后未跟进，客户反馈暂无需求,季节性采购，合作金额小,沉睡-3个月无互动,周*,6月行业旺季前尝试联系',
];

/** the header and rows as Excel writes them in a text format: cells joined by `sep`, CRLF lines */
export const templateText = (sep: string, rows = [TEMPLATE_HEADER, ...TEMPLATE_ROWS]): string => `${rows.map((r) => r.split(',').join(sep)).join('\r\n')}\r\n`;

/** text as Excel's "Save as → Unicode Text" writes it: FF FE, then UTF-16LE; big-endian is every byte pair swapped, the BOM too (FE FF) */
export function unicodeText(text: string, order: 'le' | 'be' = 'le'): Buffer {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return order === 'le' ? le : Buffer.from(le).swap16();
}
