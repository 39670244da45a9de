import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildUser } from '../support/builders.js';
import { backup, backupInto, restore, verifyBackup } from '../../src/services/backup.service.js';
import { login } from '../../src/services/users.service.js';
import { AppError } from '../../src/errors.js';
import { openDb } from '../../src/db/database.js';
import { sql } from 'kysely';

/** The database's index names: a restore drops the secondary indexes while it loads, then builds them again. */
async function indexNames(d: TestDeps): Promise<string[]> {
  const r =
    d.db.dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name`.execute(d.db.kysely)
      : await sql<{
          name: string;
        }>`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`.execute(
          d.db.kysely,
        );
  return r.rows.map((x) => x.name);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-backup-'));

for (const source of DIALECTS) {
  for (const target of DIALECTS) {
    describe(`backup from ${source}, restore into ${target}`, { timeout: 600_000 }, () => {
      let from: TestDeps;
      let to: TestDeps;
      beforeAll(async () => {
        from = await makeDeps(source);
        to = await makeDeps(target);
      }, 600_000);
      afterAll(async () => {
        await from.cleanup();
        await to.cleanup();
      });

      it('copies every row, and the restored accounts sign in', async () => {
        await buildUser(from, { username: 'sao.luu', password: 'mat-khau-sao-luu' });
        const file = path.join(tmp, `${source}-${target}.jsonl.gz`);
        const b = await backup(from, file);
        expect(b.rows).toBeGreaterThan(24_000);
        await buildUser(to, { username: 'se.bi.thay', password: 'mat-khau-khac-1' });
        const indexesBefore = await indexNames(to);
        expect(indexesBefore.length).toBeGreaterThan(20);
        const r = await restore(to, file);
        expect(r.rows).toBe(b.rows);
        expect(await indexNames(to)).toEqual(indexesBefore);
        const units = await to.db.kysely
          .selectFrom('admin_unit')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(units.n)).toBe(14149);
        const users = await to.db.kysely.selectFrom('app_user').select('username').execute();
        expect(users.map((u) => u.username)).toEqual(['sao.luu']);
        await expect(login(to, 'sao.luu', 'mat-khau-sao-luu')).resolves.toMatchObject({
          user: { username: 'sao.luu' },
        });
        // New rows get fresh ids after a restore (sequences moved on PostgreSQL).
        const { user } = await buildUser(to, { username: 'sau.khoi.phuc' });
        expect(user.id).toBeGreaterThan(0);
      });

      it('refuses a file that is not a giamngheo backup and keeps the data', async () => {
        const notGz = path.join(tmp, 'plain.txt');
        fs.writeFileSync(notGz, 'hello');
        const wrong = path.join(tmp, 'wrong.jsonl.gz');
        fs.writeFileSync(wrong, zlib.gzipSync('{"format":"something-else"}\n'));
        for (const f of [notGz, wrong, path.join(tmp, 'missing.gz')]) {
          const err = (await restore(to, f).catch((e: unknown) => e)) as AppError;
          expect(err).toBeInstanceOf(AppError);
          expect(['BACKUP_INVALID', 'FILE_NOT_FOUND']).toContain(err.code);
        }
        const users = await to.db.kysely.selectFrom('app_user').select('username').execute();
        expect(users.length).toBeGreaterThan(0);
      });
    });
  }
}

// Issue 17: every backup ends with each table's row count and checksum, so a cut or altered file
// is found by `verifyBackup` (no database opened) and refused by `restore` with the data kept.
function rewrite(src: string, dst: string, edit: (lines: string[]) => string[]): void {
  const lines = zlib.gunzipSync(fs.readFileSync(src)).toString('utf8').split('\n');
  fs.writeFileSync(dst, zlib.gzipSync(edit(lines).join('\n')));
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return (err as AppError).code;
}

for (const dialect of DIALECTS) {
  // Whole-database backups of the reference data (24,000 rows) each: minutes on a busy machine.
  describe(`backup checks (${dialect})`, { timeout: 600_000 }, () => {
    let deps: TestDeps;
    let good: string;
    let taken: { rows: number; tables: number };
    beforeAll(async () => {
      deps = await makeDeps(dialect);
      await buildUser(deps, { username: 'kiem.tra', password: 'mat-khau-kiem-tra' });
      good = path.join(tmp, `verify-${dialect}.jsonl.gz`);
      taken = await backup(deps, good);
    }, 600_000);
    afterAll(async () => {
      await deps.cleanup();
    });

    it('verifies a good backup: schema, tables, row counts, checksums', async () => {
      const r = await verifyBackup(good);
      expect(r).toMatchObject({
        dialect,
        schemaCurrent: true,
        tables: taken.tables,
        rows: taken.rows,
        checksums: true,
        createdAt: deps.now().toISOString(),
      });
      expect(r.rowsByTable.admin_unit).toBe(14149);
      expect(r.rowsByTable.app_user).toBe(1);
    });

    it('holds every row of every table, value for value (the bulk read paths: raw SQLite rows, COPY)', async () => {
      const lines = zlib.gunzipSync(fs.readFileSync(good)).toString('utf8').trim().split('\n');
      const inFile = new Map<string, { columns: string[]; rows: string[] }>();
      let current: { columns: string[]; rows: string[] } | undefined;
      for (const line of lines.slice(1, -1)) {
        if (line.startsWith('[')) current!.rows.push(line);
        else {
          const s = JSON.parse(line) as { table: string; columns: string[] };
          current = { columns: s.columns, rows: [] };
          inFile.set(s.table, current);
        }
      }
      expect(inFile.get('admin_unit')?.rows.length).toBe(14149);
      for (const table of JSON.parse(lines[0]!).tables as string[]) {
        const rows = (await deps.db.kysely
          .selectFrom(table as 'app_user')
          .selectAll()
          .execute()) as unknown as Record<string, unknown>[];
        const section = inFile.get(table);
        if (rows.length === 0) {
          expect(section, table).toBeUndefined();
          continue;
        }
        const expected = rows.map((r) => JSON.stringify(section!.columns.map((c) => r[c]))).sort();
        expect([...section!.columns].sort(), table).toEqual(Object.keys(rows[0]!).sort());
        expect([...section!.rows].sort(), table).toEqual(expected);
      }
    });

    it('finds a cut file, a missing trailer, an altered row, a newer schema; restore keeps the data', async () => {
      const bytes = fs.readFileSync(good);
      const cut = path.join(tmp, `cut-${dialect}.jsonl.gz`);
      fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const noTrailer = path.join(tmp, `no-trailer-${dialect}.jsonl.gz`);
      rewrite(good, noTrailer, (l) => l.filter((x) => !x.startsWith('{"end":true')));
      const altered = path.join(tmp, `altered-${dialect}.jsonl.gz`);
      rewrite(good, altered, (l) => l.map((x) => x.replace('"kiem.tra"', '"ke.gian"')));
      const dropped = path.join(tmp, `dropped-${dialect}.jsonl.gz`);
      let droppedOne = false;
      rewrite(good, dropped, (l) =>
        l.filter((x) => {
          if (droppedOne || !x.includes('"kiem.tra"')) return true;
          droppedOne = true;
          return false;
        }),
      );
      const newer = path.join(tmp, `newer-${dialect}.jsonl.gz`);
      rewrite(good, newer, (l) => {
        const header = JSON.parse(l[0]!) as { migrations: string[] };
        header.migrations.push('2099-01-01T0000-from-the-future');
        return [JSON.stringify(header), ...l.slice(1)];
      });
      expect(await codeOf(verifyBackup(cut))).toBe('BACKUP_INCOMPLETE');
      expect(await codeOf(verifyBackup(noTrailer))).toBe('BACKUP_INCOMPLETE');
      expect(await codeOf(verifyBackup(altered))).toBe('BACKUP_DAMAGED');
      expect(await codeOf(verifyBackup(dropped))).toBe('BACKUP_DAMAGED');
      expect(await codeOf(verifyBackup(newer))).toBe('BACKUP_SCHEMA_NEWER');
      const damaged = (await verifyBackup(altered).catch((e: unknown) => e)) as AppError;
      expect(damaged.toJSON('vi').message).toContain('app_user');

      await buildUser(deps, { username: 'van.con.day' });
      const indexesBefore = await indexNames(deps);
      for (const f of [cut, noTrailer, altered, dropped])
        expect(['BACKUP_INCOMPLETE', 'BACKUP_DAMAGED']).toContain(await codeOf(restore(deps, f)));
      // A refused restore leaves every index as it was (the drop is part of the rolled-back transaction).
      expect(await indexNames(deps)).toEqual(indexesBefore);
      const users = await deps.db.kysely
        .selectFrom('app_user')
        .select('username')
        .orderBy('username')
        .execute();
      expect(users.map((u) => u.username)).toEqual(['kiem.tra', 'van.con.day']);
    });

    it('backupInto writes timestamped files and keeps the newest N, nothing else touched', async () => {
      const dir = fs.mkdtempSync(path.join(tmp, `keep-${dialect}-`));
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a backup');
      const made: string[] = [];
      for (let i = 0; i < 3; i++) {
        deps.setNow(new Date(Date.UTC(2026, 11, 3, 1, 30, i)));
        const r = await backupInto(deps, dir, 2);
        made.push(path.basename(r.file));
        expect(r.removed.length).toBe(i < 2 ? 0 : 1);
      }
      expect(made[0]).toBe('giamngheo-2026-12-03T01-30-00-000Z.jsonl.gz');
      expect(fs.readdirSync(dir).sort()).toEqual([made[1], made[2], 'notes.txt']);
      expect((await verifyBackup(path.join(dir, made[2]!))).checksums).toBe(true);
      expect(await codeOf(backupInto(deps, dir, 0))).toBe('BACKUP_KEEP_INVALID');
    });
  });
}

// A SQLite file (as served) is read from a second, read-only connection: the server's own
// connection writes on during the backup, and the backup holds the data as of its start.
describe('backup of a SQLite file while the server writes', { timeout: 600_000 }, () => {
  it('does not block the server connection and keeps to its snapshot', async () => {
    const mem = await makeDeps('sqlite');
    const file = path.join(tmp, 'live.sqlite');
    fs.writeFileSync(file, mem.db.sqlite!.serialize());
    await mem.cleanup();
    const db = openDb(file);
    const live = { ...mem, db };
    try {
      await buildUser(live, { username: 'truoc.sao.luu' });
      const out = path.join(tmp, 'live.jsonl.gz');
      let writes = 0;
      let writesBeforeUsers = -1;
      await backup(live, out, (m) => {
        if (m.startsWith('app_user:')) writesBeforeUsers = writes;
        // A write on the server's connection between two tables: it must not wait for the backup.
        db.sqlite!.prepare('UPDATE app_user SET username = ?').run(`doi.ten.${++writes}`);
      });
      expect(writesBeforeUsers).toBeGreaterThan(0);
      const now = await db.kysely.selectFrom('app_user').select('username').execute();
      expect(now.map((u) => u.username)).toEqual([`doi.ten.${writes}`]);
      const body = zlib.gunzipSync(fs.readFileSync(out)).toString('utf8');
      expect(body).toContain('"truoc.sao.luu"');
      expect(body).not.toContain('doi.ten.');
      expect((await verifyBackup(out)).rowsByTable.app_user).toBe(1);
    } finally {
      await db.close();
    }
  });
});
