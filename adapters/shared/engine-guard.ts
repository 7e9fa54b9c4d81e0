// What every chat adapter does around an engine call (STYLE rule 4): a user's
// mistake comes back as a reply in their language, a bug as a short apology
// with an id to quote, logged by the adapter with its own context.
import { randomUUID } from 'node:crypto';
import type { Lang } from '../../src/domain/types.js';
import { isUserError } from '../../src/errors.js';
import { t } from '../../src/i18n/index.js';
import { textReply } from '../../src/views/reply.js';
import type { Reply } from '../../src/views/model.js';

type Tone = 'info' | 'success' | 'warning' | 'error';

/** a short id the user can quote and the log can be searched for */
export function errorId(): string {
  return randomUUID().slice(0, 8);
}

export interface GuardOptions {
  /** how a user's mistake is shown (each platform has settled on its own) */
  userTone: Tone;
  /** a bug: log it with the adapter's context, under the id the user sees */
  onBug: (error: unknown, id: string) => void;
}

/** the engine's answer, or the user's mistake in their language, or an apology with an id */
export async function guardEngine<T>(lang: Lang, run: () => Promise<T>, options: GuardOptions): Promise<T | Reply> {
  try {
    return await run();
  } catch (error) {
    if (isUserError(error)) return textReply(lang, t(lang, error.key, error.params), options.userTone);
    const id = errorId();
    options.onBug(error, id);
    return textReply(lang, t(lang, 'error.internal', { id }), 'error');
  }
}
