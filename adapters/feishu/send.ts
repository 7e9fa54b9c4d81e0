// Cards out: create, reply, patch. Each checks the answer's code (api.call)
// and passes a request uuid so that a retried send is delivered once.
import type * as lark from '@larksuiteoapi/node-sdk';
import { DeliveryError } from '../../src/notify.js';
import { call, requestUuid } from './api.js';
import type { Card } from './card.js';

export type ReceiveIdType = 'open_id' | 'chat_id';

export async function createCard(client: lark.Client, idType: ReceiveIdType, receiveId: string, card: Card, key: string): Promise<string> {
  const answer = await call('im.v1.message.create', () => client.im.v1.message.create({
    params: { receive_id_type: idType },
    data: { receive_id: receiveId, msg_type: 'interactive', content: JSON.stringify(card), uuid: requestUuid(key) },
  }));
  const id = answer.data?.message_id;
  if (!id) throw new DeliveryError('im.v1.message.create: no message_id in the answer', 'transient');
  return id;
}

export async function replyCard(client: lark.Client, messageId: string, card: Card, key: string): Promise<string | undefined> {
  const answer = await call('im.v1.message.reply', () => client.im.v1.message.reply({
    path: { message_id: messageId },
    data: { msg_type: 'interactive', content: JSON.stringify(card), uuid: requestUuid(key) },
  }));
  return answer.data?.message_id;
}

export async function patchCard(client: lark.Client, messageId: string, card: Card): Promise<void> {
  await call('im.v1.message.patch', () => client.im.v1.message.patch({
    path: { message_id: messageId },
    data: { content: JSON.stringify(card) },
  }));
}
