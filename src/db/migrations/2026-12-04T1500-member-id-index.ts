// The citizen-ID index of household members holds only the members who have a citizen ID (issue 14,
// docs/decisions/0034, addendum of 04/12/2026). Children under 14 have none: about a quarter of
// the members, whose NULL entries no query ever looked up — the only reader of the index,
// `findMembersByIdNumbers`, asks `id_number IN (…)`, which both engines know implies
// `id_number IS NOT NULL`, so they use the partial index as before. About 20 bytes a household.
// Both engines; on PostgreSQL the index is created on the partitioned table (one per partition).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX household_member_id_number`.execute(db);
  await sql`CREATE INDEX household_member_id_number ON household_member (province_code, id_number) WHERE id_number IS NOT NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX household_member_id_number`.execute(db);
  await sql`CREATE INDEX household_member_id_number ON household_member (province_code, id_number)`.execute(
    db,
  );
}
