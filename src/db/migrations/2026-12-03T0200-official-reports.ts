// Official reports (issue 12; docs/decisions/0021-official-reports.md):
// - `resident_household`: the number of resident households (tổng số hộ dân cư) of a commune
//   version in a year, entered or imported with its source and date: the denominator of every rate.
// - `review_period_standard`: which poverty standard the review of a period uses. The review carried
//   out from 1/9 of year N sets the lists of year N+1, so it uses the standard in force for N+1
//   (Decree 351/2025 keeps the 2022–2025 standard until 31/12/2026; the autumn-2026 review is the
//   first for 2027–2030). Data, so that a later decree is a row, not code.
// - The balance's transition cells in `review_aggregate` (indicator `from:<class>|<unit>|<valid
//   from>|<flags>`): written here for the results already stored. This is a frozen copy of the rule
//   in src/domain/registry/balance.ts (migrations import nothing from the application).
import type { Kysely } from 'kysely';
import { notNull } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resident_household')
    .addColumn('province_code', 'text', notNull)
    .addColumn('unit_code', 'text', notNull)
    .addColumn('unit_valid_from', 'text', notNull)
    .addColumn('year', 'integer', notNull)
    .addColumn('households', 'integer', notNull)
    /** Where the figure comes from (a statistics office table, the commune police's residence data…). */
    .addColumn('source', 'text', notNull)
    /** The date of the source (YYYY-MM-DD). */
    .addColumn('source_date', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addColumn('updated_by', 'text', notNull)
    .addPrimaryKeyConstraint('resident_household_pk', [
      'province_code',
      'unit_code',
      'unit_valid_from',
      'year',
    ])
    .execute();

  await db.schema
    .createTable('review_period_standard')
    /** The review period (the year the review is carried out in). */
    .addColumn('period', 'integer', (c) => c.primaryKey())
    /** The year whose lists the review sets (period + 1). */
    .addColumn('list_year', 'integer', notNull)
    /** The national standard code, or '' when the standard for that year is not issued. */
    .addColumn('standard_code', 'text', notNull)
    .addColumn('basis', 'text', notNull)
    .execute();
  const rows = [];
  for (let period = 2021; period <= 2025; period += 1)
    rows.push({
      period,
      list_year: period + 1,
      standard_code: 'ND07_2021',
      basis:
        period === 2025
          ? 'Nghị định 351/2025/NĐ-CP giữ chuẩn nghèo giai đoạn 2022–2025 đến hết 31/12/2026'
          : 'Nghị định 07/2021/NĐ-CP (giai đoạn 2022–2025)',
    });
  for (let period = 2026; period <= 2029; period += 1)
    rows.push({
      period,
      list_year: period + 1,
      standard_code: 'ND351_2025',
      basis: 'Nghị định 351/2025/NĐ-CP (giai đoạn 2027–2030)',
    });
  await db.insertInto('review_period_standard').values(rows).execute();

  // Transition cells of the stored results, household by household.
  const provinces = await db.selectFrom('household').select('province_code').distinct().execute();
  for (const { province_code: provinceCode } of provinces as { province_code: string }[]) {
    let last = 0;
    for (;;) {
      const households = (await db
        .selectFrom('household')
        .select('id')
        .where('province_code', '=', provinceCode)
        .where('id', '>', last)
        .orderBy('id')
        .limit(5000)
        .execute()) as { id: number }[];
      if (households.length === 0) break;
      const first = Number(households[0]!.id);
      last = Number(households[households.length - 1]!.id);
      const results = (await db
        .selectFrom('review_result')
        .select(['household_id', 'period', 'unit_code', 'unit_valid_from', 'status', 'classification'])
        .where('province_code', '=', provinceCode)
        .where('household_id', '>=', first)
        .where('household_id', '<=', last)
        .orderBy('household_id')
        .orderBy('period')
        .execute()) as {
        household_id: number;
        period: number;
        unit_code: string;
        unit_valid_from: string;
        status: string;
        classification: string;
      }[];
      const cells = new Map<string, { key: Record<string, unknown>; n: number }>();
      for (let i = 0; i < results.length;) {
        let j = i;
        while (j < results.length && results[j]!.household_id === results[i]!.household_id) j += 1;
        const history = results.slice(i, j);
        for (const r of history) {
          const prev = history.find((x) => Number(x.period) === Number(r.period) - 1);
          const older = history.filter((x) => Number(x.period) < Number(r.period) - 1);
          const p = older.some((x) => x.classification === 'POOR');
          const n = p || older.some((x) => x.classification === 'NEAR_POOR');
          const flags = `${p ? 'p' : ''}${n ? 'n' : ''}`;
          const indicator = prev
            ? `from:${prev.classification}|${prev.unit_code}|${prev.unit_valid_from}|${flags}`
            : `from:NONE|||${flags}`;
          const key = {
            province_code: provinceCode,
            period: Number(r.period),
            unit_code: r.unit_code,
            unit_valid_from: r.unit_valid_from,
            status: r.status,
            classification: r.classification,
            indicator,
          };
          const id = Object.values(key).join('|');
          const cur = cells.get(id);
          if (cur) cur.n += 1;
          else cells.set(id, { key, n: 1 });
        }
        i = j;
      }
      const values = [...cells.values()].map((c) => ({ ...c.key, n: c.n }));
      for (let c = 0; c < values.length; c += 400) {
        const chunk = values.slice(c, c + 400);
        await db
          .insertInto('review_aggregate')
          .values(chunk)
          .onConflict((oc) =>
            oc
              .columns([
                'province_code',
                'period',
                'unit_code',
                'unit_valid_from',
                'status',
                'classification',
                'indicator',
              ])
              .doUpdateSet((eb) => ({ n: eb('review_aggregate.n', '+', eb.ref('excluded.n')) })),
          )
          .execute();
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('review_aggregate').where('indicator', 'like', 'from:%').execute();
  await db.schema.dropTable('review_period_standard').execute();
  await db.schema.dropTable('resident_household').execute();
}
