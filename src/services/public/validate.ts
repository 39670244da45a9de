// Input checks shared by the portal's use cases: every problem becomes a coded error naming the field.
import { AppError } from '../../errors.js';
import { CONTROL_CHARS as CONTROL, MAX_ID } from '../../domain/input.js';

export function requiredText(value: unknown, field: string, max: number): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    throw new AppError('FIELD_REQUIRED', { field }, { field });
  }
  if (typeof value !== 'string') throw new AppError('FIELD_TYPE', { field, expected: 'string' }, { field });
  const text = value.normalize('NFC').replace(CONTROL, '').trim();
  if (text.length > max) {
    throw new AppError(
      'FIELD_INVALID',
      { field, detail: `tối đa ${max} ký tự / at most ${max} characters` },
      { field },
    );
  }
  return text;
}

export function optionalText(value: unknown, field: string, max: number): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
    return null;
  return requiredText(value, field, max);
}

export function positiveId(value: unknown, field: string): number {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1 || n > MAX_ID) {
    throw new AppError(
      'FIELD_INVALID',
      { field, detail: 'không phải mã số hợp lệ / not a valid id' },
      { field },
    );
  }
  return n;
}

export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new AppError(
      'ENUM_INVALID',
      { field, value: String(value), allowed: allowed.join(', ') },
      { field },
    );
  }
  return value as T;
}

export function pageOf(limit: unknown, offset: unknown, maxLimit = 100): { limit: number; offset: number } {
  const l = limit === undefined ? 50 : Number(limit);
  const o = offset === undefined ? 0 : Number(offset);
  if (!Number.isInteger(l) || l < 1 || l > maxLimit) {
    throw new AppError('FIELD_INVALID', { field: 'limit', detail: `1–${maxLimit}` }, { field: 'limit' });
  }
  if (!Number.isInteger(o) || o < 0)
    throw new AppError('FIELD_INVALID', { field: 'offset', detail: '≥ 0' }, { field: 'offset' });
  return { limit: l, offset: o };
}
