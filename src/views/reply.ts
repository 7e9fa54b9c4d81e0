// Small builders for neutral replies, so use-cases read as what they say.
import type { Lang } from '../domain/types.js';
import type { Block, Button, Reply } from './model.js';

export function reply(lang: Lang, blocks: Block[], summary?: string, audience: Reply['audience'] = 'private'): Reply {
  return { lang, audience, blocks, summary: summary ?? firstText(blocks) };
}

export function textReply(lang: Lang, text: string, tone?: 'info' | 'success' | 'warning' | 'error'): Reply {
  return reply(lang, [{ type: 'text', text, tone }], text);
}

export function button(label: string, id: Button['action']['id'], args: Record<string, string>, style?: Button['style']): Button {
  return { label, action: { id, args }, style };
}

function firstText(blocks: Block[]): string {
  for (const b of blocks) {
    if (b.type === 'heading' || b.type === 'text') return b.text;
    if (b.type === 'form') return b.form.title;
    if (b.type === 'list' && b.title) return b.title;
    if (b.type === 'chart') return b.title;
  }
  return '';
}
