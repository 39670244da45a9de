import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildUser } from '../support/builders.js';
import { backup, restore } from '../../src/services/backup.service.js';
import { login } from '../../src/services/users.service.js';
import { AppError } from '../../src/errors.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-backup-'));

for (const source of DIALECTS) {
  for (const target of DIALECTS) {
    describe(`backup from ${source}, restore into ${target}`, () => {
      let from: TestDeps;
      let to: TestDeps;
      beforeAll(async () => {
        from = await makeDeps(source);
        to = await makeDeps(target);
      });
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
        const r = await restore(to, file);
        expect(r.rows).toBe(b.rows);
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
