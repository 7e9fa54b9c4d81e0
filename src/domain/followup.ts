// Follow-up content must say something (SPEC §1): "followed up" / "已跟进"
// tells the next person nothing, so such entries are refused with a hint.
import { UserError } from '../errors.js';

export const MAX_CONTENT = 2000;
const MIN_MEANINGFUL = 4;

// Compared after fillers are removed, so "已经跟进了一下" and "Called them." match too.
const EMPTY_ZH = new Set([
  '跟进', '联系', '打电话', '电话', '沟通', '回访', '无', '好', '嗯', '对', '是', '没有', '暂无',
  '电话联系', '电话沟通', '微信联系', '微信沟通', '发邮件', '邮件', '拜访', '见面', '跟进中',
  '正常跟进', '持续跟进', '继续跟进', '待跟进', '完成', '已完成', '搞定',
]);
const EMPTY_EN = new Set([
  'ok', 'okay', 'done', 'followed up', 'follow up', 'follow up done', 'followup', 'followup done',
  'called', 'call', 'emailed', 'email sent', 'sent email', 'contacted', 'checked in', 'touched base',
  'n a', 'na', 'none', 'nothing', 'no', 'yes', 'fine', 'good', 'talked', 'spoke', 'met', 'visited',
  'messaged', 'pinged', 'followed up done', 'in progress',
]);
const ZH_FILLERS = /已经|已|一下|了|过|个|客户|和|与|同|跟(?!进)|给|的|啦|吧|呢|呀/gu;
const EN_FILLERS = new Set([
  'already', 'just', 'i', 'we', 'have', 'has', 'had', 'the', 'a', 'an', 'customer', 'client', 'them',
  'him', 'her', 'with', 'again', 'today', 'yesterday', 'all', 'it', 'is', 'was',
]);

function meaningful(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export function isEmptyFollowUp(content: string): boolean {
  const core = meaningful(content);
  // one CJK character counts as one, like one Latin letter
  if ([...core].length < MIN_MEANINGFUL) return true;
  const zh = core.replace(ZH_FILLERS, '');
  if (EMPTY_ZH.has(zh) || zh === '') return true;
  const words = content.normalize('NFKC').toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !EN_FILLERS.has(w));
  return EMPTY_EN.has(words.join(' '));
}

/** trimmed content, or a UserError that says what is missing */
export function assertSpecificContent(content: string, field = 'content'): string {
  const text = content.trim();
  const length = [...text].length;
  if (length > MAX_CONTENT) throw new UserError('error.tooLong', { field, length, max: MAX_CONTENT }, field);
  if (isEmptyFollowUp(text)) throw new UserError('domain.emptyFollowUp', { text }, field);
  return text;
}
