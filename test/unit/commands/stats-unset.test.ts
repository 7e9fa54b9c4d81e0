// Issue 11 item 9: unset fields count as unset. A book whose customers have
// no source (or industry) answers `stats --by source` with a "not set" row,
// never "No customers yet".
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../../helpers/engine.js';

describe('stats by a field people leave empty', () => {
  it('counts customers without a source or industry in a "not set" row', async () => {
    const h = await makeHarness();
    await h.say('boss', 'new "Acme Trading Ltd"');
    await h.say('boss', 'new "Globex Industrial" --industry retail');
    const source = await h.say('boss', 'stats --by source');
    expect(source.text).not.toContain('No customers yet');
    expect(source.text).toContain('Customers by source (2)');
    expect(source.text).toContain('(not set): 2');

    const industry = await h.say('boss', '客户 统计 --按 行业');
    expect(industry.text).toContain('按行业统计客户（共 2）');
    expect(industry.text).toContain('retail: 1 · （未填写）: 1');

    const set = await h.say('boss', 'stats --by industry');
    expect(set.reply.blocks.find((b) => b.type === 'chart')).toMatchObject({ data: [{ label: 'retail', value: 1 }, { label: '(not set)', value: 1 }] });
  });

  it('an empty book still says so', async () => {
    const h = await makeHarness();
    expect((await h.say('boss', 'stats --by source')).text).toContain('No customers yet');
  });
});
