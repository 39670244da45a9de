import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.js';
import { delayAfter, LoginThrottle, MAX_DELAY_MS } from './login-throttle.js';

const code = (password: string, username = 'can.bo') => passwordProblem(password, username)?.code ?? null;

describe('password policy', () => {
  it('refuses what the issue found accepted: 12345678, eight spaces, the username', () => {
    expect(code('12345678')).toBe('PASSWORD_WEAK');
    expect(code(' '.repeat(8))).toBe('PASSWORD_BLANK');
    expect(code('can.bo.xa.16516', 'can.bo.xa.16516')).toBe('PASSWORD_IS_USERNAME');
  });

  it('counts characters, not UTF-16 units, and ignores case and spaces when comparing with the username', () => {
    expect(code('mật khẩu 1')).toBeNull();
    expect(code('mậtkhẩu12')).toBe('PASSWORD_WEAK');
    expect(code('Can Bo Xa 16516', 'can.bo.xa.16516')).toBeNull();
    expect(code('CANBOXA16516', 'canboxa16516')).toBe('PASSWORD_IS_USERNAME');
    expect(code('can bo xa 16516', 'canboxa16516')).toBe('PASSWORD_IS_USERNAME');
  });

  it('refuses the common passwords of the shipped list, whatever their case', () => {
    for (const p of ['1234567890', 'qwertyuiop', 'Password123', 'IloveYou12'])
      expect(code(p), p).toBe('PASSWORD_COMMON');
    expect(code('rau muống xào tỏi')).toBeNull();
  });

  it('accepts the demo and test passwords', () => {
    for (const p of ['giamngheo-xa', 'giamngheo-admin', 'correct horse battery', 'mat-khau-xa-2024'])
      expect(code(p), p).toBeNull();
  });
});

describe('login throttle', () => {
  it('lets five failures go, then doubles from 1 s up to 15 minutes', () => {
    expect([1, 4, 5, 6, 7, 8].map(delayAfter)).toEqual([0, 0, 1_000, 2_000, 4_000, 8_000]);
    expect(delayAfter(15)).toBe(MAX_DELAY_MS);
    expect(delayAfter(1_000)).toBe(MAX_DELAY_MS);
  });

  it('makes a key wait its longest delay, and a success clears it', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 4; i++) expect(t.fail(['user:a', 'addr:x'], 0)).toBe(0);
    expect(t.waitMs(['user:a'], 0)).toBe(0);
    expect(t.fail(['user:a', 'addr:x'], 10)).toBe(1_000);
    expect(t.waitMs(['user:a'], 500)).toBe(510);
    expect(t.waitMs(['user:b', 'addr:x'], 500)).toBe(510);
    expect(t.waitMs(['user:b', 'addr:y'], 500)).toBe(0);
    expect(t.waitMs(['user:a'], 1_010)).toBe(0);
    t.succeed(['user:a', 'addr:x']);
    expect(t.fail(['user:a'], 2_000)).toBe(0);
  });
});
