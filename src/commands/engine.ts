// The command engine: text, a click or a form in; a neutral Reply out.
// It identifies the person, picks the language and time zone, runs the one
// use-case of the verb, and turns mistakes into messages (STYLE.md rule 4).
import { randomUUID } from 'node:crypto';
import { detectLang } from '../i18n/index.js';
import { langOf, zoneOf } from '../domain/prefs.js';
import type { Lang, Person } from '../domain/types.js';
import { isUserError, UserError } from '../errors.js';
import { VersionConflictError } from '../store/ports.js';
import type { ActionRef, FieldErrors, Reply } from '../views/model.js';
import { reply, textReply } from '../views/reply.js';
import { makeT, type Ctx, type EngineDeps } from './context.js';
import { assignForm, editForm, logForm, lostForm, tierForm } from './forms.js';
import type { Input } from './input.js';
import { parseCommand, type ParsedCommand } from './parse.js';
import { requireEdit, requireRole } from './permissions.js';
import { PickListNeeded, resolveCustomer } from './resolve.js';
import { toCommandText } from './serialize.js';
import type { Caller, Engine } from './types.js';
import { checkFlags, inputOf, RUN, type Runner } from './dispatch.js';
import { customerItems } from './verbs/find.js';
import { runReveal, runShow } from './verbs/show.js';
import { runSnooze, runTier } from './verbs/change.js';
import { exportFile, importFile } from './verbs/transfer.js';
import { runMe } from './verbs/me.js';

export type { EngineDeps } from './context.js';

export function createEngine(deps: EngineDeps): Engine {
  const admins = new Set(deps.adminUsers);

  /** `known`: the person as already read for this request, so it is not read twice */
  async function ensurePerson(caller: Caller, lang?: Lang, known?: { person: Person | null }): Promise<Person> {
    const { store, clock } = deps;
    const existing = known ? known.person : await store.people.get(caller.tenantId, caller.userId);
    const name = caller.name ?? existing?.name ?? caller.userId;
    const timeZone = caller.timeZone ?? existing?.timeZone;
    const nextLang = lang ?? existing?.lang ?? caller.lang;
    let person = existing;
    if (!existing || existing.name !== name || existing.timeZone !== timeZone || existing.lang !== nextLang) {
      person = await store.people.upsert({
        tenantId: caller.tenantId, id: caller.userId, name, timeZone, lang: nextLang, platform: caller.platform,
        ...(existing ? {} : { role: admins.has(caller.userId) ? 'admin' as const : 'member' as const }),
      }, clock.now());
    }
    // ADMIN_USERS bootstraps a tenant that has no admin yet; afterwards roles are managed by command
    if (person!.role !== 'admin' && admins.has(caller.userId) && (await store.people.countByRole(caller.tenantId, 'admin')) === 0) {
      person = await store.people.setRole(caller.tenantId, caller.userId, 'admin', clock.now());
    }
    return person!;
  }

  async function context(caller: Caller, lang: Lang | undefined, known?: { person: Person | null }): Promise<Ctx> {
    const person = await ensurePerson(caller, lang, known);
    const settings = await deps.store.settings.get(caller.tenantId);
    // the command's own language, else what the person chose (`me lang`), else what they last wrote in
    const chosen = lang ?? person.prefs?.lang ?? person.lang ?? caller.lang ?? deps.defaultLang;
    // the person's own zone (`me tz`) wins over the platform profile, which wins over the tenant's
    const timeZone = zoneOf({ prefs: person.prefs, timeZone: caller.timeZone ?? person.timeZone }, settings);
    return {
      deps, store: deps.store, caller, tenantId: caller.tenantId, person, lang: chosen,
      timeZone, settings, now: deps.clock.now(), t: makeT(chosen),
    };
  }

  /** the command's own language: a Chinese verb or prefix, else Han text unless the person reads English */
  function languageOf(parsed: ParsedCommand | undefined, raw: string, caller: Caller, reads?: Lang): Lang | undefined {
    if (parsed?.lang === 'zh') return 'zh';
    if (detectLang(raw) === 'zh' && (reads ?? caller.lang) !== 'en') return 'zh';
    if (parsed?.verb) return 'en';
    return undefined;
  }

  function failure(e: unknown, lang: Lang, where: Record<string, unknown>): Reply {
    const t = makeT(lang);
    if (isUserError(e)) return textReply(lang, t(e.key, e.params), 'error');
    if (e instanceof VersionConflictError) return textReply(lang, t('cmd.conflict'), 'error');
    const id = randomUUID().slice(0, 8);
    deps.logger.error({ err: e, errorId: id, ...where }, 'command failed');
    return textReply(lang, t('error.internal', { id }), 'error');
  }

  async function pickList(ctx: Ctx, e: PickListNeeded, rerun: (code: string) => string): Promise<Reply> {
    const items = await customerItems(ctx, e.candidates);
    for (const [i, item] of items.entries()) {
      item.actions = [{ label: ctx.t('button.pick'), action: { id: 'run', args: { text: rerun(e.candidates[i]!.code) } }, style: 'primary' }];
    }
    const title = ctx.t('cmd.pick', { target: e.target, count: e.candidates.length });
    return reply(ctx.lang, [{ type: 'list', title, items }], title);
  }

  async function run(ctx: Ctx, runner: Runner, input: Input, rerun?: (code: string) => string): Promise<Reply> {
    try {
      return await runner(ctx, input);
    } catch (e) {
      if (e instanceof PickListNeeded && rerun) return pickList(ctx, e, rerun);
      if (e instanceof PickListNeeded) {
        throw new UserError('cmd.ambiguous', { target: e.target, codes: e.candidates.map((c) => `${c.code} ${c.name}`).join('; ') }, 'customer');
      }
      throw e;
    }
  }

  const engine: Engine = {
    async handleText(caller, text) {
      let parsed: ParsedCommand | undefined;
      let lang = languageOf(undefined, text, caller) ?? caller.lang ?? deps.defaultLang;
      try {
        // a line that does not parse is answered in the person's own language;
        // the person read for it is the one context() starts from
        const known = { person: await deps.store.people.get(caller.tenantId, caller.userId) };
        // a person who chose English (`me lang en`) reads English even when a customer name is Chinese
        const chose = known.person?.prefs?.lang;
        const reads = chose === 'en' ? 'en' : caller.lang;
        lang = languageOf(undefined, text, caller, reads) ?? chose ?? caller.lang ?? langOf(known.person) ?? lang;
        parsed = parseCommand(text);
        lang = languageOf(parsed, text, caller, reads) ?? lang;
        const ctx = await context(caller, languageOf(parsed, text, caller, reads), known);
        lang = ctx.lang;
        if (!parsed.verb) return textReply(ctx.lang, ctx.t('cmd.empty'), 'info');
        checkFlags(parsed);
        const verb = parsed.verb;
        const input = inputOf(parsed);
        const p = parsed;
        const rerun = (code: string) => toCommandText(verb, ctx.lang, [code, ...(p.words.length > 1 && !['show', 'reveal', 'claim'].includes(verb) ? p.words.slice(1) : [])], p.flags);
        return await run(ctx, RUN[verb], input, rerun);
      } catch (e) {
        return failure(e, lang, { tenantId: caller.tenantId, userId: caller.userId, verb: parsed?.verb });
      }
    },

    async handleAction(caller, action: ActionRef) {
      let lang = (action.args.lang as Lang | undefined) ?? caller.lang ?? deps.defaultLang;
      try {
        if (action.id === 'run' || action.id === 'confirm-create') return await engine.handleText(caller, action.args.text ?? '');
        const ctx = await context(caller, action.args.lang === 'en' || action.args.lang === 'zh' ? action.args.lang : undefined);
        lang = ctx.lang;
        const code = action.args.code;
        switch (action.id) {
          case 'open': return await runShow(ctx, { customer: code });
          case 'reveal': return await runReveal(ctx, { customer: code });
          case 'snooze': return await runSnooze(ctx, { customer: code, days: action.args.days });
          case 'accept-tier': return await runTier(ctx, { customer: code, tier: action.args.tier, reason: ctx.t('review.accepted') });
          case 'dismiss': return textReply(ctx.lang, ctx.t('action.dismissed'), 'info');
          // in the person's own language, not the English of a typed verb (the Slack Home tab asks this way)
          case 'me': return await runMe(ctx, {});
          // the file's bytes cannot ride on a button: the adapter holds them and calls importCsv
          case 'run-import': return textReply(ctx.lang, ctx.t('transfer.adapterButton'), 'error');
          case 'log': case 'edit': case 'tier': case 'lost': {
            const customer = await resolveCustomer(ctx, code);
            requireEdit(ctx, customer);
            const form = { log: logForm, edit: editForm, tier: tierForm, lost: lostForm }[action.id];
            return form(ctx, customer);
          }
          case 'assign': {
            requireRole(ctx, 'manager');
            return assignForm(ctx, await resolveCustomer(ctx, code));
          }
        }
        return textReply(ctx.lang, ctx.t('action.unknown'), 'error');
      } catch (e) {
        return failure(e, lang, { tenantId: caller.tenantId, userId: caller.userId, action: action.id });
      }
    },

    async submitForm(caller, formId, args, values): Promise<Reply | FieldErrors> {
      let lang = caller.lang ?? deps.defaultLang;
      try {
        const ctx = await context(caller, undefined);
        lang = ctx.lang;
        const runner = RUN[formId as keyof typeof RUN];
        if (!runner || !['new', 'log', 'edit', 'tier', 'assign', 'status', 'deal', 'me'].includes(formId)) {
          return textReply(ctx.lang, ctx.t('action.unknown'), 'error');
        }
        const input: Input = { ...args };
        for (const [k, v] of Object.entries(values)) {
          if (v === undefined) continue;
          input[k] = Array.isArray(v) ? v.join(', ') : v;
        }
        // a form always carries every field; an empty one means "not given"
        if (formId === 'new' || formId === 'log') {
          for (const k of Object.keys(input)) if (!input[k]?.trim()) delete input[k];
        }
        if (formId === 'new' && !input.name) throw new UserError('error.required', { field: ctx.t('field.name') }, 'name');
        if (formId === 'log' && !input.content) throw new UserError('error.required', { field: ctx.t('field.content') }, 'content');
        return await run(ctx, runner, input);
      } catch (e) {
        if (isUserError(e) && e.field) return { fieldErrors: { [e.field]: makeT(lang)(e.key, e.params) }, lang };
        return failure(e, lang, { tenantId: caller.tenantId, userId: caller.userId, form: formId });
      }
    },

    async importCsv(caller, file, options) {
      let lang = options.lang ?? caller.lang ?? deps.defaultLang;
      try {
        const ctx = await context(caller, options.lang);
        lang = ctx.lang;
        return await importFile(ctx, file, options);
      } catch (e) {
        return failure(e, lang, { tenantId: caller.tenantId, userId: caller.userId, action: 'import', dryRun: options.dryRun });
      }
    },

    async exportCsv(caller, options) {
      let lang = caller.lang ?? deps.defaultLang;
      try {
        const ctx = await context(caller, undefined);
        lang = ctx.lang;
        return await exportFile(ctx, options.lang, options.format);
      } catch (e) {
        return { reply: failure(e, lang, { tenantId: caller.tenantId, userId: caller.userId, action: 'export' }) };
      }
    },
  };
  return engine;
}
