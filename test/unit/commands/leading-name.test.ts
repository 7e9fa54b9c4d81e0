// `log <name> <text>` without quotes: the name is the longest run of leading
// words (or, in Chinese, characters) that names a customer; the rest is the
// follow-up. Driven through the engine as the console drives it.
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../../helpers/engine.js';

const NAMES = ['Acme', 'Acme Robotics', 'Acme Robotics Asia', 'Blue Sky Trading Group', '上海云帆物流有限公司', '云帆科技'];

async function book() {
  const h = await makeHarness();
  for (const name of NAMES) await h.say('boss', `new "${name}" --confirm`);
  return h;
}

async function logs(h: Awaited<ReturnType<typeof makeHarness>>): Promise<number> {
  let n = 0;
  for await (const c of h.store.customers.iterate('t1')) n += (await h.store.interactions.recent('t1', c.id, 100)).length;
  return n;
}

async function lastLog(h: Awaited<ReturnType<typeof makeHarness>>, name: string) {
  const c = (await h.store.customers.findByName('t1', name, name))[0]!;
  return (await h.store.interactions.recent('t1', c.id, 1))[0]?.content;
}

describe('log: where the name ends and the follow-up begins', () => {
  const cases: [string, string, string][] = [
    ['log acme Called about renewal pricing, wants 5% off', 'Acme', 'Called about renewal pricing, wants 5% off'],
    ['log acme robotics Called about renewal pricing', 'Acme Robotics', 'Called about renewal pricing'],
    ['log Acme Robotics Asia Called about renewal pricing', 'Acme Robotics Asia', 'Called about renewal pricing'],
    ['log blue sky trading group Called about renewal pricing', 'Blue Sky Trading Group', 'Called about renewal pricing'],
    ['log "Acme Robotics" Called about renewal pricing', 'Acme Robotics', 'Called about renewal pricing'],
    ['log "Acme" robotics team called about the renewal price', 'Acme', 'robotics team called about the renewal price'],
    ['log "Blue Sky Trading Group" Called about renewal pricing', 'Blue Sky Trading Group', 'Called about renewal pricing'],
    ['客户 记录 云帆物流 电话沟通了续约价格，下周二答复', '上海云帆物流有限公司', '电话沟通了续约价格，下周二答复'],
    ['客户 记录 云帆物流电话沟通了续约价格，下周二答复', '上海云帆物流有限公司', '电话沟通了续约价格，下周二答复'],
    ['客户 记录 上海云帆物流有限公司电话沟通了续约价格，下周二答复', '上海云帆物流有限公司', '电话沟通了续约价格，下周二答复'],
    ['客户 记录 云帆科技电话沟通了续约价格，下周二答复', '云帆科技', '电话沟通了续约价格，下周二答复'],
  ];
  for (const [line, name, content] of cases) {
    it(`${line} → ${name}`, async () => {
      const h = await book();
      const { text } = await h.say('boss', line);
      expect(text).toContain(name);
      expect(await lastLog(h, name)).toBe(content);
      expect(await logs(h)).toBe(1);
    });
  }

  it('answers with the pick list when the leading words name several customers equally, and writes nothing', async () => {
    const h = await book();
    await h.say('boss', 'new "Blue Sky Trading Asia" --confirm');
    const { reply, text } = await h.say('boss', 'log blue sky trading Called about renewal pricing');
    expect(text).toContain('Blue Sky Trading Group');
    expect(text).toContain('Blue Sky Trading Asia');
    expect(reply.blocks.some((b) => b.type === 'list' || b.type === 'actions')).toBe(true);
    expect(await logs(h)).toBe(0);
    const chinese = await h.say('boss', '客户 记录 云帆电话沟通了续约价格');
    expect(chinese.text).toContain('上海云帆物流有限公司');
    expect(chinese.text).toContain('云帆科技');
    expect(await logs(h)).toBe(0);
  });

  it('still takes a code, and says so when no leading words name a customer', async () => {
    const h = await book();
    const acme = (await h.store.customers.findByName('t1', 'Acme', 'acme'))[0]!;
    await h.say('boss', `log ${acme.code.toLowerCase()} Called about renewal pricing`);
    expect(await lastLog(h, 'Acme')).toBe('Called about renewal pricing');
    const { reply } = await h.say('boss', 'log Globex Called about renewal pricing');
    expect(reply.blocks[0]).toMatchObject({ tone: 'error' });
    expect(await logs(h)).toBe(1);
  });
});
