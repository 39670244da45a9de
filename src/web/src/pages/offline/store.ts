// The device's copy of an assignment in IndexedDB (issue 15, decision 0036), every value sealed
// with the vault's key (./vault.ts): the rules (assignment, standards, villages), the index the
// list is searched in, one record per household (so opening one reads and decrypts one record),
// and the queue of surveys not yet accepted by the server, one per household. Keys are numbers
// with no meaning; only the vault header (salt, iteration count, sealed check value) is plain.
import { openDB, deleteDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OfflinePackage, OfflinePackageHousehold } from '../../../../http/schemas/offline';
import { createVault, openVault, seal, unseal, type Sealed, type VaultHeader } from './vault';
import type { QueueItem } from './queue';

export const DB_NAME = 'giamngheo-offline';

export type Rules = Omit<OfflinePackage, 'households' | 'fields'>;

/** What the list shows and searches, for every household of the assignment and every added one. */
export interface IndexEntry {
  n: number;
  householdId: string;
  headName: string;
  communeCode: string;
  villageId: number | null;
  address: string | null;
  /** The server's version the device holds; null for a household added on the device. */
  version: number | null;
  lastClass: string | null;
}

export type StoredHousehold = OfflinePackageHousehold;

interface Schema extends DBSchema {
  meta: { key: string; value: VaultHeader | Sealed };
  households: { key: number; value: Sealed };
  queue: { key: number; value: Sealed };
}

export interface Contents {
  rules: Rules;
  index: IndexEntry[];
}

function entryOf(n: number, h: StoredHousehold): IndexEntry {
  return {
    n,
    householdId: h.householdId,
    headName: h.headName,
    communeCode: h.communeCode,
    villageId: h.villageId,
    address: h.address,
    version: h.version,
    lastClass: h.last?.classification ?? null,
  };
}

export class OfflineStore {
  private key: CryptoKey | null = null;

  private constructor(private readonly db: IDBPDatabase<Schema>) {}

  static async open(): Promise<OfflineStore> {
    const db = await openDB<Schema>(DB_NAME, 1, {
      upgrade(d) {
        d.createObjectStore('meta');
        d.createObjectStore('households');
        d.createObjectStore('queue');
      },
    });
    return new OfflineStore(db);
  }

  async hasVault(): Promise<boolean> {
    return (await this.db.get('meta', 'vault')) !== undefined;
  }

  get unlocked(): boolean {
    return this.key !== null;
  }

  /** Opens the vault; WrongPassword (./vault.ts) when the password is not the one it was made with. */
  async unlock(password: string): Promise<void> {
    const header = (await this.db.get('meta', 'vault')) as VaultHeader | undefined;
    if (!header) throw new Error('no vault');
    this.key = await openVault(header, password);
  }

  lock(): void {
    this.key = null;
  }

  private need(): CryptoKey {
    if (!this.key) throw new Error('locked');
    return this.key;
  }

  /**
   * Replaces what the device holds by a package, under a new vault of `password`. Everything is
   * sealed first, then written in one transaction: an interrupted download leaves the old copy.
   * Surveys still queued are kept (sealed again with the new key).
   */
  async install(pkg: OfflinePackage, password: string): Promise<Contents> {
    const queued = this.key ? await this.queue() : [];
    const { header, key } = await createVault(password);
    const { households, fields: _fields, ...rules } = pkg;
    void _fields; // the form is the app's own (bundled); the package's copy is its version stamp
    const index = households.map((h, n) => entryOf(n, h));
    const sealedHouseholds = await Promise.all(households.map((h) => seal(key, h)));
    const sealedRules = await seal(key, rules);
    const sealedIndex = await seal(key, index);
    const sealedQueue = await Promise.all(queued.map((q) => seal(key, q)));
    const tx = this.db.transaction(['meta', 'households', 'queue'], 'readwrite');
    await tx.objectStore('meta').clear();
    await tx.objectStore('households').clear();
    await tx.objectStore('queue').clear();
    await tx.objectStore('meta').put(header, 'vault');
    await tx.objectStore('meta').put(sealedRules, 'rules');
    await tx.objectStore('meta').put(sealedIndex, 'index');
    for (const [n, s] of sealedHouseholds.entries()) await tx.objectStore('households').put(s, n);
    for (const [i, s] of sealedQueue.entries()) await tx.objectStore('queue').put(s, queued[i]!.n);
    await tx.done;
    this.key = key;
    return { rules, index };
  }

  async contents(): Promise<Contents> {
    const key = this.need();
    const [rules, index] = await Promise.all([
      this.db.get('meta', 'rules').then((s) => unseal<Rules>(key, s as Sealed)),
      this.db.get('meta', 'index').then((s) => unseal<IndexEntry[]>(key, s as Sealed)),
    ]);
    return { rules, index };
  }

  async household(n: number): Promise<StoredHousehold | null> {
    const s = await this.db.get('households', n);
    return s ? unseal<StoredHousehold>(this.need(), s) : null;
  }

  /** Stores a household (new, or as the server now has it) and its line of the index. */
  async putHousehold(n: number, h: StoredHousehold, index: IndexEntry[]): Promise<IndexEntry[]> {
    const key = this.need();
    const next = [...index.filter((e) => e.n !== n), entryOf(n, h)].sort((a, b) => a.n - b.n);
    const [sh, si] = await Promise.all([seal(key, h), seal(key, next)]);
    const tx = this.db.transaction(['meta', 'households'], 'readwrite');
    await tx.objectStore('households').put(sh, n);
    await tx.objectStore('meta').put(si, 'index');
    await tx.done;
    return next;
  }

  /** The queued surveys, oldest first. */
  async queue(): Promise<QueueItem[]> {
    const key = this.need();
    const all = await this.db.getAll('queue');
    const items = await Promise.all(all.map((s) => unseal<QueueItem>(key, s)));
    return items.sort((a, b) => a.seq - b.seq);
  }

  async putQueued(item: QueueItem): Promise<void> {
    await this.db.put('queue', await seal(this.need(), item), item.n);
  }

  async dropQueued(n: number): Promise<void> {
    await this.db.delete('queue', n);
  }

  /** Erases everything the device holds of the assignment (a revoked assignment, a disabled account). */
  async wipe(): Promise<void> {
    this.key = null;
    this.db.close();
    await deleteDB(DB_NAME);
  }

  close(): void {
    this.db.close();
  }
}
