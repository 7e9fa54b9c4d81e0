// Which messages are commands, and what text reaches the engine.
import { describe, expect, it } from 'vitest';
import { readCommand, type ReceivedMessage } from '../../../adapters/feishu/message-text.js';
import { detectLang as langOf } from '../../../src/i18n/index.js';

const BOT = 'ou_bot';

function msg(text: string, chatType: 'p2p' | 'group', mentions: { key: string; openId: string; name: string }[] = []): ReceivedMessage {
  return {
    message_id: 'om_1', chat_id: 'oc_1', chat_type: chatType, message_type: 'text',
    content: JSON.stringify({ text }),
    mentions: mentions.map((m) => ({ key: m.key, id: { open_id: m.openId }, name: m.name })),
  };
}

describe('Feishu message text', () => {
  it('takes any text in a direct chat', () => {
    expect(readCommand(msg('客户 列表', 'p2p'), BOT)).toEqual({ text: '客户 列表', addressed: true, people: [] });
  });

  it('takes a group message only when it mentions the bot, without the placeholder', () => {
    const mentioned = readCommand(msg('@_user_1 customer show ACME', 'group', [{ key: '@_user_1', openId: BOT, name: 'CRM' }]), BOT);
    expect(mentioned).toEqual({ text: 'customer show ACME', addressed: true, people: [] });
    const other = readCommand(msg('@_user_1 lunch?', 'group', [{ key: '@_user_1', openId: 'ou_x', name: 'Xu' }]), BOT);
    expect(other?.addressed).toBe(false);
    expect(readCommand(msg('客户 列表', 'group'), BOT)?.addressed).toBe(false);
  });

  it('turns the mention of a person into their open id (assign to @someone)', () => {
    const line = readCommand(msg('@_user_1 客户 分配 C20261122001 @_user_2', 'group', [
      { key: '@_user_1', openId: BOT, name: 'CRM' }, { key: '@_user_2', openId: 'ou_li', name: '李四' },
    ]), BOT);
    expect(line).toEqual({ text: '客户 分配 C20261122001 ou_li', addressed: true, people: [{ openId: 'ou_li', name: '李四' }] });
  });

  it('does not confuse @_user_1 with @_user_10', () => {
    const mentions = Array.from({ length: 10 }, (_, i) => ({ key: `@_user_${i + 1}`, openId: i === 0 ? BOT : `ou_${i + 1}`, name: `p${i + 1}` }));
    const line = readCommand(msg('@_user_1 assign C1 @_user_10', 'group', mentions), BOT);
    expect(line?.text).toBe('assign C1 ou_10');
  });

  it('without the bot id, takes the first mention for the bot', () => {
    const line = readCommand(msg('@_user_1 assign C1 @_user_2', 'group', [
      { key: '@_user_1', openId: 'ou_botx', name: 'CRM' }, { key: '@_user_2', openId: 'ou_li', name: 'Li' },
    ]), undefined);
    expect(line).toMatchObject({ text: 'assign C1 ou_li', addressed: true });
  });

  it('is not a command when the message is not text', () => {
    expect(readCommand({ ...msg('', 'p2p'), message_type: 'image', content: '{"image_key":"img"}' }, BOT)).toBeUndefined();
  });

  it('says Chinese for Han text and leaves the rest to the engine', () => {
    expect(langOf('客户 list')).toBe('zh');
    expect(langOf('customer list')).toBeUndefined();
  });
});
