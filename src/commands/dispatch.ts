// Verb → use-case, and the words and flags of a command line → the named
// fields the use-case (and the same verb's form) reads.
import { UserError } from '../errors.js';
import type { Reply } from '../views/model.js';
import type { Ctx } from './context.js';
import type { Input } from './input.js';
import type { ParsedCommand } from './parse.js';
import type { Flag, Verb } from './verbs.js';
import { runSettings, runRole } from './verbs/admin.js';
import { runAssign, runStatus, runTier } from './verbs/change.js';
import { runDue } from './verbs/due.js';
import { runDeal, runEdit } from './verbs/edit.js';
import { runFind } from './verbs/find.js';
import { runHelp } from './verbs/help.js';
import { runList } from './verbs/list.js';
import { runMe } from './verbs/me.js';
import { runLog } from './verbs/log.js';
import { runNew } from './verbs/new.js';
import { runReveal, runShow } from './verbs/show.js';
import { runStats } from './verbs/stats.js';
import { runClaim, runPool, runRelease } from './verbs/pool.js';
import { runExportHint, runImportHint } from './verbs/transfer.js';

export type Runner = (ctx: Ctx, input: Input) => Promise<Reply>;

export const RUN: Record<Verb, Runner> = {
  new: runNew, log: runLog, show: runShow, find: runFind, list: runList, due: runDue, stats: runStats,
  edit: runEdit, tier: runTier, status: runStatus, assign: runAssign, deal: runDeal, help: runHelp,
  reveal: runReveal, settings: runSettings, role: runRole, import: runImportHint, export: runExportHint,
  pool: runPool, claim: runClaim, release: runRelease, me: runMe,
};

const CONTACT_FLAGS: Flag[] = ['contact', 'phone', 'email', 'wechat', 'title'];
const ALLOWED: Record<Verb, Flag[]> = {
  new: ['industry', 'type', 'source', 'region', 'tier', 'needs', 'note', 'owner', 'confirm', ...CONTACT_FLAGS],
  log: ['via', 'next', 'deal'],
  show: [], reveal: [], find: ['page'], due: [], help: [], settings: [], role: [],
  import: ['strict'], export: ['lang'], me: ['until'],
  list: ['tier', 'status', 'owner', 'due', 'page'],
  stats: ['by'],
  edit: ['name', 'industry', 'type', 'source', 'region', 'needs', 'note', ...CONTACT_FLAGS],
  tier: ['tier', 'reason'],
  status: ['status', 'reason', 'note'],
  assign: ['owner', 'reason'],
  deal: ['deal', 'on', 'note'],
  pool: ['tier', 'status', 'page'],
  claim: [],
  release: ['reason'],
};

/** a flag that does not belong to the verb is a mistake worth saying, not ignoring */
export function checkFlags(parsed: ParsedCommand): void {
  const allowed = ALLOWED[parsed.verb!];
  for (const flag of Object.keys(parsed.flags) as Flag[]) {
    if (!allowed.includes(flag)) {
      throw new UserError('cmd.flagNotHere', { flag, verb: parsed.verb!, allowed: allowed.map((f) => `--${f}`).join(' ') || '—' });
    }
  }
}

function noExtraWords(parsed: ParsedCommand, max: number): void {
  if (parsed.words.length > max) throw new UserError('cmd.extraWords', { words: parsed.words.slice(max).join(' ').slice(0, 60) });
}

export function inputOf(parsed: ParsedCommand): Input {
  const { words, flags } = parsed;
  const all = words.join(' ');
  const rest = words.slice(1).join(' ');
  switch (parsed.verb!) {
    case 'new': return { ...flags, name: all };
    // unquoted, the name may be several words (or run into the text): log finds where it ends
    case 'log': return { ...flags, customer: words[0], content: rest, ...(parsed.firstQuoted || words.length === 0 ? {} : { leading: all }) };
    case 'show': case 'reveal': return { customer: all };
    case 'find': return { text: all, page: flags.page };
    case 'help': case 'settings': case 'role': return { text: all };
    case 'me': return { text: all, until: flags.until };
    case 'import': case 'export': return { ...flags, text: all };
    case 'list': noExtraWords(parsed, 1); return { ...flags, scope: words[0] };
    case 'due': noExtraWords(parsed, 0); return {};
    case 'stats': noExtraWords(parsed, 1); return { by: flags.by ?? words[0] };
    case 'edit': noExtraWords(parsed, 1); return { ...flags, customer: words[0] };
    case 'tier': return { customer: words[0], tier: flags.tier ?? words[1], reason: flags.reason ?? (words.slice(2).join(' ') || undefined) };
    case 'status': return { customer: words[0], status: flags.status ?? words[1], note: flags.note, reason: flags.reason ?? (words.slice(2).join(' ') || undefined) };
    case 'assign': return { customer: words[0], owner: flags.owner ?? (rest || undefined), reason: flags.reason };
    case 'deal': noExtraWords(parsed, 2); return { ...flags, customer: words[0], deal: flags.deal ?? words[1] };
    case 'pool': noExtraWords(parsed, 0); return { ...flags };
    case 'claim': return { customer: all };
    case 'release': return { customer: words[0], reason: flags.reason ?? (rest || undefined) };
  }
}
