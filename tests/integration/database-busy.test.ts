// Decision 0016: while another connection (an import's worker) holds SQLite's write lock, the
// server's connection neither blocks its thread nor fails after a few seconds: a write waits
// asynchronously and goes through once the lock is released, reads and other queries go on
// meanwhile, and a write that may be skipped (withWriteWait 0) fails at once with DATABASE_BUSY.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, withWriteWait, type Db } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

describe('SQLite: waiting for another connection’s write lock', () => {
  let dir: string;
  let db: Db;
  let other: SQLite.Database;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-busy-'));
    db = openDb(path.join(dir, 'busy.sqlite'));
    await migrateToLatest(db);
    other = new SQLite(path.join(dir, 'busy.sqlite'));
  });
  afterEach(async () => {
    other.close();
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a write waits for the lock without holding the connection; a skippable one fails at once', async () => {
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO meta (key, value) VALUES ('import', 'open')").run();
    let written = false;
    const write = db.kysely
      .insertInto('meta')
      .values({ key: 'waiting', value: 'x' })
      .execute()
      .then(() => (written = true));
    const transaction = db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('meta').values({ key: 'in-transaction', value: 'y' }).execute();
    });
    // Reads go on while both writes wait (the import's row is not visible: not committed).
    for (let i = 0; i < 5; i++) {
      const keys = (await db.kysely.selectFrom('meta').select('key').execute()).map((r) => r.key);
      expect(keys).not.toContain('import');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(written).toBe(false);
    await expect(
      withWriteWait(0, () => db.kysely.insertInto('meta').values({ key: 'skipped', value: 'z' }).execute()),
    ).rejects.toMatchObject({ code: 'DATABASE_BUSY' });
    other.exec('COMMIT');
    await write;
    await transaction;
    const keys = (await db.kysely.selectFrom('meta').select('key').execute()).map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(['import', 'waiting', 'in-transaction']));
    expect(keys).not.toContain('skipped');
  });
});
