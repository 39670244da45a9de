// SQL of the Annex VII tables (issue 12; docs/decisions/0025-ethnicity-groups-annex7.md): the kept
// aggregate cells of the poor and near-poor of a period (households, no labour, household groups,
// deprivations), and the same counts computed from the results by GROUP BY, which only the
// benchmark and the tests use.
import { sql } from 'kysely';
import type { Executor } from './executor.js';

export interface Annex7DbCell {
  unit_code: string;
  unit_valid_from: string;
  classification: string;
  indicator: string;
  n: number;
}

const CLASSES = ['POOR', 'NEAR_POOR'];

/**
 * The approved cells of the poor and near-poor of `period` in a province (a few thousand rows):
 * the households ('') and the cells of `indicators` (no labour, the groups, the deprivations: the
 * ones the tables count), each read as a range of the index by (province, period, indicator).
 */
export async function annex7Cells(
  db: Executor,
  q: { provinceCode: string; period: number; indicators: readonly string[] },
): Promise<Annex7DbCell[]> {
  const rows = await db
    .selectFrom('review_aggregate')
    .select(['unit_code', 'unit_valid_from', 'classification', 'indicator', 'n'])
    .where('province_code', '=', q.provinceCode)
    .where('period', '=', q.period)
    .where('indicator', 'in', ['', ...q.indicators])
    .where('status', '=', 'approved')
    .where('classification', 'in', CLASSES)
    .where('n', '<>', 0)
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/**
 * The same cells counted from review_result: one GROUP BY per unit version and class, summing a
 * CASE per household group and per indicator (the groups and deprivations are comma lists).
 */
export async function annex7CellsFromScratch(
  db: Executor,
  q: { provinceCode: string; period: number; groups: readonly string[]; indicators: readonly string[] },
): Promise<Annex7DbCell[]> {
  const has = (column: 'groups' | 'deprivations', code: string) =>
    sql<number>`SUM(CASE WHEN (',' || ${sql.ref(column)} || ',') LIKE ${`%,${code},%`} THEN 1 ELSE 0 END)`;
  const measures = [
    ...q.groups.map((g) => ({ indicator: `group:${g}`, expr: has('groups', g) })),
    ...q.indicators.map((k) => ({ indicator: k, expr: has('deprivations', k) })),
  ];
  const result = await sql<Record<string, unknown>>`
    SELECT unit_code, unit_valid_from, classification, COUNT(*) AS n, SUM(no_labour) AS no_labour,
           ${sql.join(measures.map((m, i) => sql`${m.expr} AS ${sql.ref(`m${i}`)}`))}
    FROM review_result
    WHERE province_code = ${q.provinceCode} AND period = ${q.period} AND status = 'approved'
      AND classification IN ('POOR', 'NEAR_POOR')
    GROUP BY unit_code, unit_valid_from, classification`.execute(db);
  const out: Annex7DbCell[] = [];
  for (const r of result.rows) {
    const base = {
      unit_code: String(r.unit_code),
      unit_valid_from: String(r.unit_valid_from),
      classification: String(r.classification),
    };
    out.push({ ...base, indicator: '', n: Number(r.n) });
    if (Number(r.no_labour)) out.push({ ...base, indicator: 'no-labour', n: Number(r.no_labour) });
    measures.forEach((m, i) => {
      const n = Number(r[`m${i}`]);
      if (n) out.push({ ...base, indicator: m.indicator, n });
    });
  }
  return out;
}
