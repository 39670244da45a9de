// COPY on PostgreSQL (the import's bulk path): values with tabs, new lines, backslashes, NULLs and
// Vietnamese text arrive intact, on the leased connection's transaction (gone on rollback).
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeDeps } from '../support/db.js';
import { copyText, pgCopier, singleClientKysely } from '../../src/db/repositories/pg-copy.repository.js';

describe('COPY text format', () => {
  it('escapes what COPY reads as separators and writes NULL as \\N', () => {
    expect(copyText('Nguyễn\tVăn\nHùng\r\\')).toBe('Nguyễn\\tVăn\\nHùng\\r\\\\');
    expect(copyText(null)).toBe('\\N');
    expect(copyText(12)).toBe('12');
    expect(() => copyText(Number.NaN)).toThrow();
  });
});

// PostgreSQL only: reported as skipped without GIAMNGHEO_TEST_PG.
const dialect = 'postgres' as const;

describe.skipIf(!process.env.GIAMNGHEO_TEST_PG)(`COPY into ${dialect}`, () => {
  it('writes rows inside the transaction of the leased connection', async () => {
    const deps = await makeDeps(dialect);
    const lease = await singleClientKysely(deps.db.pool!);
    try {
      const copy = pgCopier(lease.client);
      const rows: (string | number | null)[][] = [
        ['38', 'C-1', 'Nguyễn Văn\tHùng', 'a\\b\nc', null],
        ['38', 'C-2', 'Lê Thị Lan', '', 'x'],
      ];
      const cols = ['province_code', 'household_id', 'at', 'actor_id', 'actor', 'action'];
      await expect(
        lease.kysely.transaction().execute(async (trx) => {
          await copy(
            'household_change',
            cols,
            rows.map((r, i) => [r[0]!, i + 1, '2024-06-11T09:12:04.000Z', null, r[2]!, r[3]!]),
          );
          const seen = await sql<{
            actor: string;
            action: string;
          }>`SELECT actor, action FROM household_change ORDER BY household_id`.execute(trx);
          expect(seen.rows).toEqual([
            { actor: 'Nguyễn Văn\tHùng', action: 'a\\b\nc' },
            { actor: 'Lê Thị Lan', action: '' },
          ]);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      const after = await deps.db.kysely
        .selectFrom('household_change')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(0);
    } finally {
      await lease.release();
      await deps.cleanup();
    }
  });
});
