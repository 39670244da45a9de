// What a password must be: at least 10 characters, not only spaces, not the username (ignoring
// case and spaces), not on the list of common passwords shipped with the product. Length beats
// composition rules (NIST SP 800-63B §5.1.1.2): no "one digit, one capital" requirement.
import type { ErrorCode } from '../../errors.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 10;

const COMMON = new Set(COMMON_PASSWORDS);

const fold = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/gu, '');

export interface PasswordProblem {
  code: Extract<ErrorCode, 'PASSWORD_BLANK' | 'PASSWORD_WEAK' | 'PASSWORD_IS_USERNAME' | 'PASSWORD_COMMON'>;
  params: Record<string, string | number>;
}

/** The first rule `password` breaks for the account `username`, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if (password.trim() === '') return { code: 'PASSWORD_BLANK', params: {} };
  // Characters as a person counts them: "mật khẩu" is 8, not 10 UTF-16 units.
  if ([...password.normalize('NFC')].length < MIN_PASSWORD_LENGTH)
    return { code: 'PASSWORD_WEAK', params: { min: MIN_PASSWORD_LENGTH } };
  const folded = fold(password);
  if (folded === fold(username)) return { code: 'PASSWORD_IS_USERNAME', params: {} };
  const lower = password.normalize('NFC').toLowerCase();
  if (COMMON.has(lower) || COMMON.has(folded) || COMMON.has(lower.trim()))
    return { code: 'PASSWORD_COMMON', params: {} };
  return null;
}
