// Errors are data (STYLE.md rule 4): a user mistake is a UserError with a
// message key and parameters, rendered in the user's language by i18n.
import type { MessageKey } from './i18n/index.js';

export class UserError extends Error {
  constructor(
    public readonly key: MessageKey,
    public readonly params: Record<string, string | number> = {},
    /** for form submits: which field the error belongs to */
    public readonly field?: string,
  ) {
    super(key);
    this.name = 'UserError';
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
