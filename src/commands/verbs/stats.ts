// stats (统计): counts by tier (default), status, owner, source or industry,
// posted for the team with a chart where the platform can draw one.
import { sourceLabel, statusLabel, tierLabel } from '../../domain/labels.js';
import { SOURCES, STATUSES, TIERS } from '../../domain/types.js';
import { UserError } from '../../errors.js';
import type { CountField } from '../../store/ports.js';
import type { Reply } from '../../views/model.js';
import { reply } from '../../views/reply.js';
import type { Ctx } from '../context.js';
import type { Input } from '../input.js';
import { requireRole } from '../permissions.js';
import { namesOf } from '../shared.js';

const BY: Record<string, CountField> = {
  tier: 'tier', 分类: 'tier', 关系分类: 'tier', status: 'status', 状态: 'status', owner: 'ownerId', 负责人: 'ownerId',
  source: 'source', 来源: 'source', industry: 'industry', 行业: 'industry',
};

export async function runStats(ctx: Ctx, input: Input): Promise<Reply> {
  const byText = (input.by ?? 'tier').trim().toLowerCase();
  const field = BY[byText];
  if (!field) throw new UserError('error.badValue', { field: ctx.t('field.by'), value: byText.slice(0, 40), allowed: 'tier, status, owner, source, industry' });
  if (field === 'ownerId') requireRole(ctx, 'manager');
  const counts = await ctx.store.customers.countBy(ctx.tenantId, field);
  if (field === 'source' || field === 'industry') {
    // countBy leaves out customers without the field; every customer has a tier, so the rest are "not set"
    const all = Object.values(await ctx.store.customers.countBy(ctx.tenantId, 'tier')).reduce((a, b) => a + b, 0);
    const unset = all - Object.values(counts).reduce((a, b) => a + b, 0);
    if (unset > 0) counts[''] = unset;
  }
  const data = await labelled(ctx, field, counts);
  const total = data.reduce((sum, d) => sum + d.value, 0);
  const title = ctx.t('stats.title', { by: ctx.t(`stats.by.${field}` as Parameters<Ctx['t']>[0]), total });
  if (!total) return reply(ctx.lang, [{ type: 'text', text: ctx.t('stats.empty') }], undefined, 'channel');
  const lines = data.map((d) => `${d.label}: ${d.value}`).join(' · ');
  return reply(ctx.lang, [
    { type: 'chart', chart: field === 'tier' || field === 'status' ? 'bar' : 'pie', title, data },
    { type: 'text', text: lines },
  ], `${title} — ${lines}`, 'channel');
}

async function labelled(ctx: Ctx, field: CountField, counts: Record<string, number>) {
  const l = ctx.lang;
  if (field === 'tier') return TIERS.map((k) => ({ label: tierLabel(k, l), value: counts[k] ?? 0 }));
  if (field === 'status') return STATUSES.map((k) => ({ label: statusLabel(k, l), value: counts[k] ?? 0 }));
  const keys = Object.keys(counts).sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0));
  if (field === 'source') {
    return keys.map((k) => ({ label: (SOURCES as readonly string[]).includes(k) ? sourceLabel(k as (typeof SOURCES)[number], l) : ctx.t('stats.unset'), value: counts[k] ?? 0 }));
  }
  if (field === 'ownerId') {
    const names = await namesOf(ctx, keys);
    return keys.map((k) => ({ label: names.get(k) ?? k, value: counts[k] ?? 0 }));
  }
  return keys.map((k) => ({ label: k || ctx.t('stats.unset'), value: counts[k] ?? 0 }));
}
