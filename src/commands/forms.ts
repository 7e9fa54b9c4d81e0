// The forms a command opens when it lacks what it needs (Slack modal, Feishu
// form card, console prompts). Field names are the flag names, so a submit
// runs the same use-case as the typed command.
import { channelLabel, sourceLabel, statusLabel, tierLabel, typeLabel } from '../domain/labels.js';
import { TEXT_LIMITS } from '../domain/limits.js';
import { CHANNELS, CUSTOMER_TYPES, SOURCES, TIERS, type Customer } from '../domain/types.js';
import type { Form, FormField, Reply } from '../views/model.js';
import { reply } from '../views/reply.js';
import type { Ctx } from './context.js';

function options<T extends string>(values: readonly T[], label: (v: T) => string) {
  return values.map((value) => ({ value, label: label(value) }));
}

function formReply(ctx: Ctx, form: Form): Reply {
  return reply(ctx.lang, [{ type: 'form', form }], form.title);
}

export function newForm(ctx: Ctx, initial: Record<string, string> = {}): Reply {
  const l = ctx.lang;
  const fields: FormField[] = [
    { name: 'name', label: ctx.t('field.name'), kind: 'text', required: true, maxLength: 100, initial: initial.name },
    { name: 'industry', label: ctx.t('field.industry'), kind: 'text', maxLength: 100, placeholder: ctx.t('form.industryHint') },
    { name: 'type', label: ctx.t('field.type'), kind: 'select', options: options(CUSTOMER_TYPES, (v) => typeLabel(v, l)) },
    { name: 'source', label: ctx.t('field.source'), kind: 'select', options: options(SOURCES, (v) => sourceLabel(v, l)) },
    { name: 'tier', label: ctx.t('field.tier'), kind: 'select', options: options(TIERS, (v) => tierLabel(v, l)), initial: 'potential' },
    { name: 'region', label: ctx.t('field.region'), kind: 'text', maxLength: 100 },
    { name: 'contact', label: ctx.t('field.contact'), kind: 'text', maxLength: 200, placeholder: ctx.t('form.contactHint') },
    { name: 'needs', label: ctx.t('field.needs'), kind: 'text', maxLength: 400, placeholder: ctx.t('form.needsHint') },
    { name: 'note', label: ctx.t('field.note'), kind: 'textarea', maxLength: TEXT_LIMITS.note },
  ];
  return formReply(ctx, { id: 'new', title: ctx.t('form.newTitle'), submitLabel: ctx.t('form.create'), args: {}, fields });
}

export function logForm(ctx: Ctx, customer?: Customer): Reply {
  const fields: FormField[] = [];
  if (!customer) fields.push({ name: 'customer', label: ctx.t('field.customer'), kind: 'text', required: true, placeholder: ctx.t('form.customerHint') });
  fields.push(
    { name: 'content', label: ctx.t('field.content'), kind: 'textarea', required: true, maxLength: 2000, placeholder: ctx.t('form.contentHint') },
    { name: 'via', label: ctx.t('field.via'), kind: 'select', options: options(CHANNELS, (v) => channelLabel(v, ctx.lang)), initial: 'call' },
    { name: 'next', label: ctx.t('field.next'), kind: 'date' },
    { name: 'deal', label: ctx.t('field.deal'), kind: 'number', placeholder: ctx.t('form.dealHint') },
  );
  const title = customer ? ctx.t('form.logTitleFor', { name: customer.name }) : ctx.t('form.logTitle');
  return formReply(ctx, { id: 'log', title, submitLabel: ctx.t('form.save'), args: customer ? { customer: customer.code } : {}, fields });
}

export function editForm(ctx: Ctx, c: Customer): Reply {
  const l = ctx.lang;
  const first = c.contacts[0] ?? {};
  // contact details are prefilled only for someone who may see them
  const own = c.ownerId === ctx.person.id;
  const fields: FormField[] = [
    { name: 'name', label: ctx.t('field.name'), kind: 'text', required: true, maxLength: 100, initial: c.name },
    { name: 'industry', label: ctx.t('field.industry'), kind: 'text', maxLength: 100, initial: c.industry },
    { name: 'type', label: ctx.t('field.type'), kind: 'select', options: options(CUSTOMER_TYPES, (v) => typeLabel(v, l)), initial: c.type },
    { name: 'source', label: ctx.t('field.source'), kind: 'select', options: options(SOURCES, (v) => sourceLabel(v, l)), initial: c.source },
    { name: 'region', label: ctx.t('field.region'), kind: 'text', maxLength: 100, initial: c.region },
    { name: 'contact', label: ctx.t('field.contactName'), kind: 'text', maxLength: 100, initial: first.name },
    { name: 'title', label: ctx.t('field.title'), kind: 'text', maxLength: 60, initial: first.title },
    { name: 'phone', label: ctx.t('field.phone'), kind: 'text', maxLength: 30, initial: own ? first.phone : undefined },
    { name: 'email', label: ctx.t('field.email'), kind: 'text', maxLength: 120, initial: own ? first.email : undefined },
    { name: 'needs', label: ctx.t('field.needs'), kind: 'text', maxLength: 400, initial: c.needs.join(', ') },
    { name: 'note', label: ctx.t('field.note'), kind: 'textarea', maxLength: TEXT_LIMITS.note, initial: c.notes },
  ];
  return formReply(ctx, { id: 'edit', title: ctx.t('form.editTitle', { name: c.name }), submitLabel: ctx.t('form.save'), args: { customer: c.code }, fields });
}

export function tierForm(ctx: Ctx, c: Customer): Reply {
  const fields: FormField[] = [
    { name: 'tier', label: ctx.t('field.tier'), kind: 'select', required: true, options: options(TIERS, (v) => tierLabel(v, ctx.lang)), initial: c.tier },
    { name: 'reason', label: ctx.t('field.reason'), kind: 'text', maxLength: 200 },
  ];
  return formReply(ctx, { id: 'tier', title: ctx.t('form.tierTitle', { name: c.name }), submitLabel: ctx.t('form.save'), args: { customer: c.code }, fields });
}

export function assignForm(ctx: Ctx, c: Customer): Reply {
  const fields: FormField[] = [
    { name: 'owner', label: ctx.t('field.owner'), kind: 'text', required: true, placeholder: ctx.t('form.ownerHint') },
    { name: 'reason', label: ctx.t('field.reason'), kind: 'text', maxLength: 200 },
  ];
  return formReply(ctx, { id: 'assign', title: ctx.t('form.assignTitle', { name: c.name }), submitLabel: ctx.t('form.save'), args: { customer: c.code }, fields });
}

export function lostForm(ctx: Ctx, c: Customer): Reply {
  const fields: FormField[] = [
    { name: 'reason', label: ctx.t('field.reason'), kind: 'textarea', required: true, maxLength: 500, placeholder: ctx.t('form.lostHint') },
  ];
  return formReply(ctx, {
    id: 'status', title: ctx.t('form.lostTitle', { name: c.name, status: statusLabel('lost', ctx.lang) }),
    submitLabel: ctx.t('form.confirm'), args: { customer: c.code, status: 'lost' }, fields,
  });
}
