// Encryption at rest of the offline survey (issue 15, decision 0036): a lost tablet leaks nothing
// readable. The key is derived from the officer's password with PBKDF2-SHA-256 (a random salt,
// stored; a high iteration count, stored so it can be raised later) into a non-extractable AES-GCM
// key that lives only in memory; every value is sealed with a fresh 96-bit IV. A check value sealed
// with the key tells a wrong password apart from damaged data. Web Crypto only: no library.

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000;

/** What the vault keeps in plain: only what deriving the key needs, and a sealed check value. */
export interface VaultHeader {
  salt: Uint8Array;
  iterations: number;
  check: Sealed;
}

/** A sealed value: the IV and the ciphertext (with its tag), both binary. */
export interface Sealed {
  iv: Uint8Array;
  data: ArrayBuffer;
}

const CHECK = 'giamngheo-offline-vault';

export class WrongPassword extends Error {
  constructor() {
    super('wrong password');
    this.name = 'WrongPassword';
  }
}

function subtle(): SubtleCrypto {
  return globalThis.crypto.subtle;
}

export async function deriveKey(password: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function seal(key: CryptoKey, value: unknown): Promise<Sealed> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const data = await subtle().encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource },
    key,
    new TextEncoder().encode(JSON.stringify(value)),
  );
  return { iv, data };
}

/** The value sealed with `key`; throws when the key is not the one it was sealed with. */
export async function unseal<T>(key: CryptoKey, sealed: Sealed): Promise<T> {
  const plain = await subtle().decrypt({ name: 'AES-GCM', iv: sealed.iv as BufferSource }, key, sealed.data);
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

/** A new vault for a password: its header (to store) and its key (to keep in memory only). */
export async function createVault(
  password: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<{ header: VaultHeader; key: CryptoKey }> {
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const key = await deriveKey(password, salt, iterations);
  return { header: { salt, iterations, check: await seal(key, CHECK) }, key };
}

/** The key of a stored vault; WrongPassword when the password is not the one it was made with. */
export async function openVault(header: VaultHeader, password: string): Promise<CryptoKey> {
  const key = await deriveKey(password, header.salt, header.iterations);
  try {
    if ((await unseal<string>(key, header.check)) === CHECK) return key;
  } catch {
    // AES-GCM's tag does not verify: another key.
  }
  throw new WrongPassword();
}
