// Tests of rules that refuse input: run it and hand back the UserError.
import { UserError } from '../../src/errors.js';

export function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}
