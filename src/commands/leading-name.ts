// `log acme robotics Called about renewal pricing`: where does the name end?
// The longest run of leading words that names a customer (through the same
// search keys as find), the rest is the content. A Chinese name may run into
// the text without a space (`记录 云帆物流电话沟通了续约价格`): then the
// longest leading run of its characters. Several customers named equally
// well answer with the pick list.
import { isCustomerCode } from '../domain/codes.js';
import type { Customer } from '../domain/types.js';
import { isHan, wordsOf } from '../domain/words.js';
import type { Ctx } from './context.js';
import { PICK_LIMIT, PickListNeeded, resolveCustomer } from './resolve.js';

/** the most leading words a name is looked for in */
const MAX_NAME_WORDS = 8;
/** the candidates one lookup brings (the search's own bound) */
const CANDIDATES = 50;
/** leading Han characters tried, longest first, until one run is found in a name */
const HAN_STEPS = [12, 8, 6, 4, 3, 2];

const compact = (text: string): string => wordsOf(text).join('');
const nameOf = (c: Customer): string => compact(c.name);

interface Split { target: string; rest: string; named: Customer[] }

/** the customer the leading words name, and the text after them */
export async function resolveLeading(ctx: Ctx, text: string): Promise<{ customer: Customer; rest: string }> {
  const words = text.trim().split(/\s+/u).filter(Boolean);
  const first = words[0] ?? '';
  const plain = async () => ({ customer: await resolveCustomer(ctx, first), rest: words.slice(1).join(' ') });
  if (words.length === 0 || isCustomerCode(first)) return plain();
  const split = await byWords(ctx, words) ?? await byHanRun(ctx, words);
  if (!split) return plain();
  const exact = split.named.filter((c) => nameOf(c) === compact(split.target));
  const chosen = split.named.length === 1 ? split.named : exact.length === 1 ? exact : undefined;
  if (!chosen) throw new PickListNeeded(split.target, split.named.slice(0, PICK_LIMIT));
  return { customer: chosen[0]!, rest: split.rest };
}

async function candidates(ctx: Ctx, text: string): Promise<Customer[]> {
  const key = compact(text);
  if (key === '') return [];
  const found = await ctx.store.customers.search(ctx.tenantId, { text, limit: CANDIDATES });
  return found.filter((c) => !c.archived && nameOf(c).includes(key));
}

/** the most whole leading words some customer's name holds */
async function byWords(ctx: Ctx, words: string[]): Promise<Split | undefined> {
  const found = await candidates(ctx, words[0]!);
  if (found.length === 0) return undefined;
  const max = Math.min(words.length, MAX_NAME_WORDS);
  const reach = (c: Customer): number => {
    for (let n = max; n > 1; n -= 1) if (nameOf(c).includes(compact(words.slice(0, n).join(' ')))) return n;
    return 1;
  };
  const reached = found.map((c) => ({ c, n: reach(c) }));
  const best = Math.max(...reached.map((r) => r.n));
  return {
    target: words.slice(0, best).join(' '),
    rest: words.slice(best).join(' '),
    named: reached.filter((r) => r.n === best).map((r) => r.c),
  };
}

/** the most leading characters of a Han run, written without a space before the text, some name holds */
async function byHanRun(ctx: Ctx, words: string[]): Promise<Split | undefined> {
  const first = words[0]!;
  const chars = [...first];
  if (!isHan(first) || chars.length < 3) return undefined;
  for (const step of HAN_STEPS) {
    if (step >= chars.length) continue;
    const found = await candidates(ctx, chars.slice(0, step).join(''));
    if (found.length === 0) continue;
    const reach = (c: Customer): number => {
      for (let k = chars.length - 1; k > step; k -= 1) if (nameOf(c).includes(compact(chars.slice(0, k).join('')))) return k;
      return step;
    };
    const reached = found.map((c) => ({ c, k: reach(c) }));
    const best = Math.max(...reached.map((r) => r.k));
    return {
      target: chars.slice(0, best).join(''),
      rest: [chars.slice(best).join(''), ...words.slice(1)].join(' ').trim(),
      named: reached.filter((r) => r.k === best).map((r) => r.c),
    };
  }
  return undefined;
}
