import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { applyDisbursement, applyEntry, balanceOf, parseAmount, replayLedger } from './ledger.js';

const start = { amount: 1_000_000_000, adjusted: 0, disbursed: 0 };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : 'NOT_APP_ERROR';
  }
  return undefined;
}

describe('allocation ledger', () => {
  it('adds increases and subtracts cuts, transfers and carry-overs', () => {
    let f = applyEntry(start, 'increase', 200_000_000);
    f = applyEntry(f, 'cut', 50_000_000);
    f = applyEntry(f, 'transfer-out', 100_000_000);
    f = applyEntry(f, 'transfer-in', 30_000_000);
    expect(balanceOf(f)).toMatchObject({
      planned: 1_080_000_000,
      available: 1_080_000_000,
      adjusted: 80_000_000,
    });
    f = applyDisbursement(f, 1_000_000_000);
    f = applyEntry(f, 'carry-over-out', 80_000_000);
    expect(balanceOf(f)).toMatchObject({
      planned: 1_000_000_000,
      disbursed: 1_000_000_000,
      available: 0,
      rate: 1,
    });
  });

  it('carries the unspent balance to the next year and no more', () => {
    const spent = applyDisbursement(start, 700_000_000);
    expect(codeOf(() => applyEntry(spent, 'carry-over-out', 300_000_001))).toBe('BALANCE_INSUFFICIENT');
    const closed = applyEntry(spent, 'carry-over-out', 300_000_000);
    expect(balanceOf(closed).available).toBe(0);
    const next = applyEntry({ amount: 500_000_000, adjusted: 0, disbursed: 0 }, 'carry-over-in', 300_000_000);
    expect(balanceOf(next).available).toBe(800_000_000);
  });

  it('refuses a disbursement above the available balance with a coded error', () => {
    const f = applyDisbursement(start, 999_999_999);
    let err: unknown;
    try {
      applyDisbursement(f, 2);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('BALANCE_INSUFFICIENT');
    expect((err as AppError).field).toBe('amount');
    expect((err as AppError).toJSON().available).toBe(1);
    expect(balanceOf(applyDisbursement(f, 1)).available).toBe(0);
  });

  it('never lets a cut leave a negative balance', () => {
    const f = applyDisbursement(start, 600_000_000);
    expect(codeOf(() => applyEntry(f, 'cut', 400_000_001))).toBe('BALANCE_INSUFFICIENT');
    expect(codeOf(() => applyEntry(f, 'transfer-out', 400_000_001))).toBe('BALANCE_INSUFFICIENT');
  });

  it('replays a history in date order and finds the event that would overdraw', () => {
    const f = replayLedger(100, [
      { date: '2024-03-01', type: 'disbursement', amount: 150 },
      { date: '2024-03-01', type: 'entry', kind: 'increase', amount: 50 },
    ]);
    expect(balanceOf(f).available).toBe(0);
    expect(() =>
      replayLedger(100, [
        { date: '2024-02-01', type: 'disbursement', amount: 150 },
        { date: '2024-03-01', type: 'entry', kind: 'increase', amount: 50 },
      ]),
    ).toThrow(AppError);
  });

  it.each([
    [-1, true],
    [0, true],
    [1.5, true],
    ['12a', true],
    ['1,5', true],
    [Number.MAX_SAFE_INTEGER + 2, true],
    [1, false],
    ['6412000000', false],
    ['6.412.000.000', false],
  ])('parseAmount(%s) refused: %s', (value, refused) => {
    const code = codeOf(() => parseAmount(value, 'amount'));
    expect(code).toBe(refused ? 'AMOUNT_INVALID' : undefined);
  });

  it.each([null, undefined, '', '  '])(
    'parseAmount(%j) is a missing field, not an invalid amount',
    (value) => {
      expect(codeOf(() => parseAmount(value, 'amount'))).toBe('FIELD_REQUIRED');
    },
  );

  it('reads grouped digits exactly', () => {
    expect(parseAmount('6.412.000.000', 'x')).toBe(6_412_000_000);
  });
});
