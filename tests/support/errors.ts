// The coded error a promise ends with, or 'no error': tests compare codes, not messages.
import { isAppError } from '../../src/errors.js';

export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return isAppError(err) ? err.code : String(err);
  }
  return 'no error';
}
