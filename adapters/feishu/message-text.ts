// A received message as a command line. Feishu has no slash commands: in a
// direct chat any text is a command, in a group only text that mentions the
// bot. Mentions arrive as "@_user_N" placeholders plus a `mentions` array.

export interface Mention {
  key: string;
  id?: { open_id?: string | null };
  name?: string;
}

export interface ReceivedMessage {
  message_id: string;
  chat_id: string;
  chat_type: string;
  message_type: string;
  content: string;
  mentions?: Mention[];
}

export interface CommandLine {
  text: string;
  /** is this message meant for us? (direct chat, or the bot is mentioned) */
  addressed: boolean;
  /** other people mentioned: their placeholders became their open ids */
  people: { openId: string; name: string }[];
}

function textOf(message: ReceivedMessage): string | undefined {
  if (message.message_type !== 'text') return undefined;
  try {
    const content = JSON.parse(message.content) as { text?: unknown };
    return typeof content.text === 'string' ? content.text : undefined;
  } catch {
    return undefined;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * undefined when the message is not text. `botOpenId` unknown (the bot info
 * call failed): the first mention is taken for the bot, as people write
 * "@bot customer …" and Feishu only delivers group messages that mention the
 * bot unless the app asked for all of them.
 */
export function readCommand(message: ReceivedMessage, botOpenId: string | undefined): CommandLine | undefined {
  const raw = textOf(message);
  if (raw === undefined) return undefined;
  const mentions = message.mentions ?? [];
  const isBot = (m: Mention) => (botOpenId ? m.id?.open_id === botOpenId : m.key === mentions[0]?.key);
  let text = raw;
  let botMentioned = false;
  const people: CommandLine['people'] = [];
  // longest keys first, so "@_user_1" does not eat the front of "@_user_10"
  for (const m of [...mentions].sort((a, b) => b.key.length - a.key.length)) {
    const openId = m.id?.open_id ?? undefined;
    let replacement = '';
    if (isBot(m)) {
      botMentioned = true;
    } else if (openId) {
      replacement = openId;
      people.push({ openId, name: m.name ?? openId });
    }
    text = text.replace(new RegExp(`${escapeRegExp(m.key)}(?!\\d)`, 'g'), ` ${replacement} `);
  }
  text = text.replace(/@_all\b/g, ' ').replace(/[\s\u3000]+/gu, ' ').trim();
  const addressed = message.chat_type === 'p2p' || botMentioned;
  return { text, addressed, people: people.reverse() };
}
