// Reads of the household registry: households, members, change history, review results and the
// aggregates kept beside them. Every write of the registry (households, members, history,
// results, movements, aggregate cells) goes through src/db/registry-write/.
import type { Executor } from './executor.js';
import {
  AggregateDeltas,
  storedPeriod,
  transitionCellOf,
  type AggregateKey,
  storedCellsOf,
} from '../../domain/registry/aggregates.js';
import {
  answersNeedMembers,
  decodeAnswers,
  memberDataOf,
  type AnswersContext,
  type MemberColumns,
} from '../../domain/survey/compact.js';
import { HISTORY_COLUMNS } from '../registry-write/types.js';
import type { SurveyRecord } from '../../domain/survey/record.js';

export async function findHouseholdByKey(db: Executor, provinceCode: string, key: string) {
  return db
    .selectFrom('household')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('household_key', '=', key)
    .executeTakeFirst();
}

export async function findHouseholdsByKey(db: Executor, key: string) {
  return db.selectFrom('household').selectAll().where('household_key', '=', key).execute();
}

export async function listMembers(db: Executor, provinceCode: string, householdId: number) {
  const rows = await db
    .selectFrom('household_member')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('household_id', '=', householdId)
    .orderBy('ordinal')
    .execute();
  return withMemberData(db, rows);
}

/**
 * Member rows with `data`, each member's answers besides its row's columns, read from the result
 * of its household's answers_period (the members are stored once: docs/decisions/0034).
 */
export async function withMemberData<
  M extends { province_code: string; household_id: number | string; ordinal: number },
>(db: Executor, rows: M[]): Promise<(M & { data: Record<string, unknown> })[]> {
  const byProvince = new Map<string, Set<number>>();
  for (const m of rows) {
    const ids = byProvince.get(m.province_code) ?? new Set<number>();
    ids.add(Number(m.household_id));
    byProvince.set(m.province_code, ids);
  }
  const dataOf = new Map<string, Record<string, unknown>[]>();
  for (const [provinceCode, set] of byProvince) {
    const ids = [...set];
    for (let i = 0; i < ids.length; i += 500) {
      const answers = await db
        .selectFrom('review_result as r')
        .innerJoin('household as h', (j) =>
          j
            .onRef('h.id', '=', 'r.household_id')
            .onRef('h.province_code', '=', 'r.province_code')
            .onRef('h.answers_period', '=', 'r.period'),
        )
        .select(['r.household_id', 'r.answers'])
        .where('r.province_code', '=', provinceCode)
        .where('r.household_id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const a of answers)
        dataOf.set(
          `${provinceCode}|${Number(a.household_id)}`,
          memberDataOf(decodeAnswers(a.answers, 'without-rows')),
        );
    }
  }
  return rows.map((m) => ({
    ...m,
    data: dataOf.get(`${m.province_code}|${Number(m.household_id)}`)?.[m.ordinal - 1] ?? {},
  }));
}

/** A stored result's answers and the columns of its row that layout v2 leaves them to. */
export interface StoredAnswers {
  province_code: string;
  household_id: number | string | bigint;
  unit_code: string;
  survey_date: string;
  answers: string;
}

/**
 * The survey records of stored results, in the order given: each read with what its row leaves to
 * the registry (docs/decisions/0034, addendum): the household's key and, for the answers of its
 * answers_period, its member rows. One look-up of keys and one of members per 500 households.
 */
export async function readAnswers(db: Executor, rows: readonly StoredAnswers[]): Promise<SurveyRecord[]> {
  const keyOf = new Map<string, string>();
  const membersOf = new Map<string, MemberColumns[]>();
  const wanted = new Map<string, { keys: Set<number>; members: Set<number> }>();
  for (const r of rows) {
    if (!r.answers.startsWith('[2,')) continue;
    const w = wanted.get(r.province_code) ?? { keys: new Set<number>(), members: new Set<number>() };
    w.keys.add(Number(r.household_id));
    if (answersNeedMembers(r.answers)) w.members.add(Number(r.household_id));
    wanted.set(r.province_code, w);
  }
  for (const [provinceCode, w] of wanted) {
    const ids = [...w.keys];
    for (let i = 0; i < ids.length; i += 500) {
      const found = await db
        .selectFrom('household')
        .select(['id', 'household_key'])
        .where('province_code', '=', provinceCode)
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const h of found) keyOf.set(`${provinceCode}|${Number(h.id)}`, h.household_key);
    }
    const withMembers = [...w.members];
    for (let i = 0; i < withMembers.length; i += 500) {
      const found = await db
        .selectFrom('household_member')
        .select(['household_id', 'ordinal', 'name', 'id_number', 'birth_date', 'sex', 'relation'])
        .where('province_code', '=', provinceCode)
        .where('household_id', 'in', withMembers.slice(i, i + 500))
        .execute();
      for (const m of found) {
        const k = `${provinceCode}|${Number(m.household_id)}`;
        const list = membersOf.get(k) ?? [];
        list[m.ordinal - 1] = {
          name: m.name,
          idNumber: m.id_number,
          birthDate: m.birth_date,
          sex: m.sex,
          relation: m.relation,
        };
        membersOf.set(k, list);
      }
    }
  }
  return rows.map((r) => {
    const k = `${r.province_code}|${Number(r.household_id)}`;
    const householdKey = keyOf.get(k);
    const context: AnswersContext | undefined =
      householdKey === undefined
        ? undefined
        : { householdKey, unitCode: r.unit_code, surveyDate: r.survey_date, members: membersOf.get(k) };
    return decodeAnswers(r.answers, context);
  });
}

export async function listResults(db: Executor, provinceCode: string, householdId: number) {
  return db
    .selectFrom('review_result')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('household_id', '=', householdId)
    .orderBy('period')
    .execute();
}

export async function listChanges(db: Executor, provinceCode: string, householdId: number) {
  return db
    .selectFrom('household_change')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('household_id', '=', householdId)
    .orderBy('id')
    .execute();
}

/** Households of other keys whose members carry one of these citizen IDs. */
export async function findMembersByIdNumbers(db: Executor, provinceCode: string, idNumbers: string[]) {
  if (idNumbers.length === 0) return [];
  return db
    .selectFrom('household_member as m')
    .innerJoin('household as h', (j) =>
      j.onRef('h.id', '=', 'm.household_id').onRef('h.province_code', '=', 'm.province_code'),
    )
    .select(['h.household_key', 'h.head_name', 'h.commune_code', 'm.name', 'm.id_number'])
    .where('m.province_code', '=', provinceCode)
    .where('m.id_number', 'in', idNumbers)
    .execute();
}

/** Households of a commune whose head has this folded name and birth date. */
export async function findHouseholdsByHead(
  db: Executor,
  provinceCode: string,
  communeCode: string,
  headKey: string,
  headBirthDate: string,
) {
  return db
    .selectFrom('household')
    .select(['household_key', 'head_name', 'head_birth_date', 'commune_code', 'address'])
    .where('province_code', '=', provinceCode)
    .where('commune_code', '=', communeCode)
    .where('head_key', '=', headKey)
    .where('head_birth_date', '=', headBirthDate)
    .execute();
}

/** Aggregate cells of a period (households rows only unless `indicator` given). */
export async function readAggregates(
  db: Executor,
  opts: { period: number; status?: string; provinceCode?: string; indicator?: string },
) {
  let q = db
    .selectFrom('review_aggregate')
    .select(['province_code', 'unit_code', 'unit_valid_from', 'classification', 'n'])
    .where('period', '=', opts.period)
    .where('indicator', '=', opts.indicator ?? '');
  if (opts.status) q = q.where('status', '=', opts.status);
  if (opts.provinceCode) q = q.where('province_code', '=', opts.provinceCode);
  return q.execute();
}

export async function readAllAggregates(db: Executor) {
  return db.selectFrom('review_aggregate').selectAll().where('n', '<>', 0).execute();
}

/** The same household counts as readAggregates, computed from the results by GROUP BY. */
export async function countResultsFromScratch(
  db: Executor,
  opts: { period: number; status: string; provinceCode?: string },
) {
  let q = db
    .selectFrom('review_result')
    .select((eb) => [
      'province_code',
      'unit_code',
      'unit_valid_from',
      'classification',
      eb.fn.countAll<number>().as('n'),
    ])
    .where('period', '=', opts.period)
    .where('status', '=', opts.status);
  if (opts.provinceCode) q = q.where('province_code', '=', opts.provinceCode);
  return q.groupBy(['province_code', 'unit_code', 'unit_valid_from', 'classification']).execute();
}

/** Recomputes every aggregate cell from review_result (reads in pages, writes in one go). */
export async function computeAggregatesFromResults(
  db: Executor,
): Promise<Map<string, [AggregateKey, number]>> {
  const out = new Map<string, [AggregateKey, number]>();
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('review_result')
      .select([...HISTORY_COLUMNS, 'province_code'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(20_000)
      .execute();
    if (page.length === 0) break;
    for (const r of page) {
      for (const c of storedCellsOf(r.province_code, r)) {
        const id = AggregateDeltas.keyOf(c);
        const cur = out.get(id);
        if (cur) cur[1] += 1;
        else out.set(id, [c, 1]);
      }
    }
    after = Number(page[page.length - 1]!.id);
  }
  // The transition cells, household by household (each needs the household's earlier results).
  for await (const { provinceCode, first, last } of householdIdPages(db)) {
    const rows = await db
      .selectFrom('review_result')
      .select(['household_id', 'period', 'unit_code', 'unit_valid_from', 'status', 'classification'])
      .where('province_code', '=', provinceCode)
      .where('household_id', '>=', first)
      .where('household_id', '<=', last)
      .orderBy('household_id')
      .orderBy('period')
      .execute();
    for (let i = 0; i < rows.length;) {
      let j = i;
      while (j < rows.length && rows[j]!.household_id === rows[i]!.household_id) j += 1;
      const history = rows.slice(i, j).map(storedPeriod);
      for (const x of history) {
        const c = transitionCellOf(provinceCode, x, history);
        const id = AggregateDeltas.keyOf(c);
        const cur = out.get(id);
        if (cur) cur[1] += 1;
        else out.set(id, [c, 1]);
      }
      i = j;
    }
  }
  return out;
}

/**
 * The registry's households in pages of ids, province by province (the partitioned tables are read
 * one province at a time): the province and the first and last id of each page.
 */
export async function* householdIdPages(
  db: Executor,
  size = 5000,
): AsyncGenerator<{ provinceCode: string; first: number; last: number }> {
  const provinces = await db.selectFrom('household').select('province_code').distinct().execute();
  for (const { province_code: provinceCode } of provinces) {
    let last = 0;
    for (;;) {
      const page = await db
        .selectFrom('household')
        .select('id')
        .where('province_code', '=', provinceCode)
        .where('id', '>', last)
        .orderBy('id')
        .limit(size)
        .execute();
      if (page.length === 0) break;
      const first = Number(page[0]!.id);
      last = Number(page[page.length - 1]!.id);
      yield { provinceCode, first, last };
    }
  }
}

export async function getResult(db: Executor, provinceCode: string, householdId: number, period: number) {
  return db
    .selectFrom('review_result')
    .selectAll()
    .where('province_code', '=', provinceCode)
    .where('household_id', '=', householdId)
    .where('period', '=', period)
    .executeTakeFirst();
}
