// The device's encryption (decision 0036): a value sealed with the password's key opens with it
// and with nothing else, a wrong password is told apart, the same value never seals the same way
// twice, and nothing of it is readable in the sealed bytes.
import { describe, expect, it } from 'vitest';
import { createVault, openVault, seal, unseal, WrongPassword, PBKDF2_ITERATIONS } from './vault';

// A low count keeps the test fast; the product's is PBKDF2_ITERATIONS.
const FAST = 1_000;

describe('the offline vault', () => {
  it('opens with the password it was made with, and refuses another', async () => {
    const { header, key } = await createVault('mat-khau-xa-2024', FAST);
    expect(header.iterations).toBe(FAST);
    expect(header.salt).toHaveLength(16);
    const again = await openVault(header, 'mat-khau-xa-2024');
    const sealed = await seal(key, { headName: 'Nguyễn Văn Hùng' });
    expect(await unseal(again, sealed)).toEqual({ headName: 'Nguyễn Văn Hùng' });
    await expect(openVault(header, 'mat-khau-sai')).rejects.toBeInstanceOf(WrongPassword);
  });

  it('seals with a fresh IV each time, and leaves no plain text', async () => {
    const { key } = await createVault('pw', FAST);
    const a = await seal(key, 'Nguyễn Văn Hùng 038080001234');
    const b = await seal(key, 'Nguyễn Văn Hùng 038080001234');
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    const bytes = Buffer.from(a.data);
    expect(bytes.includes(Buffer.from('Hùng'))).toBe(false);
    expect(bytes.includes(Buffer.from('038080001234'))).toBe(false);
    // Tampered ciphertext does not open (AES-GCM's tag).
    const tampered = new Uint8Array(a.data.slice(0));
    tampered[0] = tampered[0]! ^ 1;
    await expect(unseal(key, { iv: a.iv, data: tampered.buffer })).rejects.toThrow();
  });

  it('derives with a high iteration count by default', () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });
});
