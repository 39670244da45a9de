// The accent-free search key of every administrative unit's name ("Phường Đông Hải" →
// "phuong dong hai"), so a unit can be found by a name typed without accents on SQLite and
// PostgreSQL alike with a plain LIKE (docs/decisions/0019-names-not-codes.md). 14,000 rows: a
// scan per search is well under a millisecond's worth of work per hundred rows, no index needed.
// Rows loaded later get their key from insertUnits; this fills the rows already stored.
import { sql, type Kysely } from 'kysely';

// Frozen copy of the folding rule (src/domain/registry/fold.ts): migrations never import
// application code, and the keys they write must not change when that code does.
function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('admin_unit').addColumn('name_key', 'text').execute();
  const rows = await db.selectFrom('admin_unit').select(['id', 'name']).execute();
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows
      .slice(i, i + 500)
      .map((r) => sql`(${sql`CAST(${Number(r.id)} AS bigint)`}, ${fold(String(r.name))})`);
    // VALUES columns are column1, column2 on both engines.
    await sql`UPDATE admin_unit SET name_key = v.column2 FROM (VALUES ${sql.join(values)}) AS v WHERE admin_unit.id = v.column1`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('admin_unit').dropColumn('name_key').execute();
}
