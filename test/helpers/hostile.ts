// User text that would act if a renderer passed it through: mentions, links,
// markup. The catalogue and the property test put it everywhere a person can
// type, and these checks say whether any of it survived as markup.

export const HOSTILE = {
  channel: '<!channel>',
  here: '<!here>',
  user: '<@U123>',
  link: '<http://x|label>',
  at: '<at id=all></at>',
  bold: '*bold*',
  italic: '_x_',
  strike: '~x~',
  code: '`code`',
  emoji: '😀👍🏽',
} as const;

/** markup that must never reach a platform from user text */
const ACTING = Object.values(HOSTILE).filter((s) => s !== HOSTILE.emoji);

/** a 100-character Chinese name (MAX_NAME), distinct per seed */
export function longChineseName(seed: string): string {
  const base = `${seed}云栈科技数据智能服务有限公司`;
  return (base + '杭'.repeat(100)).slice(0, 100 - 4) + '有限公司';
}

/** every mrkdwn string and the notification text of a Slack payload */
export function slackMarkupTexts(payload: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key?: string): void => {
    if (Array.isArray(v)) { v.forEach((x) => walk(x)); return; }
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
    for (const [k, x] of Object.entries(o)) {
      if (k === 'text' && typeof x === 'string' && key === undefined && o.type === undefined) out.push(x);
      walk(x, k);
    }
  };
  walk(payload);
  return out;
}

/** every markdown string of a Feishu card */
export function feishuMarkupTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) { v.forEach(walk); return; }
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if ((o.tag === 'markdown' || o.tag === 'lark_md') && typeof o.content === 'string') out.push(o.content);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

/** the hostile strings found verbatim in markup: each would have acted or formatted */
export function actingIn(texts: string[]): string[] {
  const found: string[] = [];
  for (const text of texts) for (const s of ACTING) if (text.includes(s)) found.push(`${JSON.stringify(s)} in ${JSON.stringify(text.slice(0, 120))}`);
  return found;
}
