// Every user-facing string lives in a catalogue under ./catalog, one file per
// area, each with the same keys in English and 简体中文. t() fills {params}.
import { boundedMemo } from '../memo.js';
import type { Lang } from '../domain/types.js';
import { core } from './catalog/core.js';
import { domain } from './catalog/domain.js';
import { commands } from './catalog/commands.js';
import { slack } from './catalog/slack.js';
import { feishu } from './catalog/feishu.js';
import { consoleChat } from './catalog/console.js';
import { jobs } from './catalog/jobs.js';
import { selectPlurals } from './plural.js';
import { imports } from './catalog/imports.js';
import { pool } from './catalog/pool.js';
import { me } from './catalog/me.js';

const en = { ...core.en, ...domain.en, ...commands.en, ...slack.en, ...feishu.en, ...consoleChat.en, ...jobs.en, ...imports.en, ...pool.en, ...me.en };
const zh = { ...core.zh, ...domain.zh, ...commands.zh, ...slack.zh, ...feishu.zh, ...consoleChat.zh, ...jobs.zh, ...imports.zh, ...pool.zh, ...me.zh };

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;

// A catalogue that misses a key in one language fails the type check here.
const catalogues: Record<Lang, Catalogue> = { en, zh: zh satisfies Catalogue };

export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template: string = catalogues[lang][key] ?? catalogues.en[key] ?? key;
  // most labels have no parameters: skip the regular expression (a card renders dozens)
  if (!template.includes('{')) return template;
  // a plural form has its number written in: one string per count, not worth keeping
  const parts = template.includes(', plural,') ? selectPlurals(lang, template, params).split(PLACEHOLDER) : partsOf(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    out += (name in params ? String(params[name]) : `{${name}}`) + parts[i + 1]!;
  }
  return out;
}

const PLACEHOLDER = /\{(\w+)\}/g;
// a catalogue template split once at its {placeholders}: text, name, text, name, …, text (a reply
// fills dozens; the catalogues hold about a thousand templates)
const partsOf = boundedMemo(10_000, (template: string) => template.split(PLACEHOLDER));

/** Chinese when the text contains Han characters, else undefined (no opinion) */
export function detectLang(text: string): Lang | undefined {
  return /\p{Script=Han}/u.test(text) ? 'zh' : undefined;
}
