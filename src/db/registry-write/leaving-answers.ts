// The answers of a period that stops being a household's answers_period (docs/decisions/0034,
// addendum). The answers of the answers_period leave each member's name, citizen ID, birth date,
// sex and relation to the member rows; a write that replaces the members for another period first
// stores that period's members back in full, read with the rows it left them to. Every write path
// calls it before it deletes the members.
import type { Executor } from '../repositories/executor.js';
import { answersNeedMembers, inlineMembers, type MemberColumns } from '../../domain/survey/compact.js';

/** What the write path knows of the household before the write. */
export interface LeavingHousehold {
  id: number;
  household_key: string;
  answers_period: number | null;
}

/** The period whose answers must be written back whole before this write, or null. */
export function leavingPeriod(h: LeavingHousehold, period: number): number | null {
  return h.answers_period !== null && h.answers_period !== period ? h.answers_period : null;
}

/** Member rows (any order, the database's columns) as the answers read them, by ordinal. */
export function memberColumnsOf(
  rows: readonly {
    ordinal: number;
    name: string;
    id_number: string | null;
    birth_date: string;
    sex: string;
    relation: string;
  }[],
): MemberColumns[] {
  const out: MemberColumns[] = [];
  for (const m of rows)
    out[m.ordinal - 1] = {
      name: m.name,
      idNumber: m.id_number,
      birthDate: m.birth_date,
      sex: m.sex,
      relation: m.relation,
    };
  return out;
}

/** The stored answers with their members whole, or null when they hold them already. */
export function inlinedAnswers(
  result: { answers: string; unit_code: string; survey_date: string },
  householdKey: string,
  members: MemberColumns[],
): string | null {
  if (!answersNeedMembers(result.answers)) return null;
  return inlineMembers(result.answers, {
    householdKey,
    unitCode: result.unit_code,
    surveyDate: result.survey_date,
    members,
  });
}

/** The portable form (both engines): one household, before its members are deleted. */
export async function keepLeavingAnswers(
  db: Executor,
  provinceCode: string,
  h: LeavingHousehold,
  period: number,
): Promise<void> {
  const leaving = leavingPeriod(h, period);
  if (leaving === null) return;
  const result = await db
    .selectFrom('review_result')
    .select(['id', 'answers', 'unit_code', 'survey_date'])
    .where('province_code', '=', provinceCode)
    .where('household_id', '=', h.id)
    .where('period', '=', leaving)
    .executeTakeFirst();
  if (!result || !answersNeedMembers(result.answers)) return;
  const members = await db
    .selectFrom('household_member')
    .select(['ordinal', 'name', 'id_number', 'birth_date', 'sex', 'relation'])
    .where('province_code', '=', provinceCode)
    .where('household_id', '=', h.id)
    .execute();
  const answers = inlinedAnswers(result, h.household_key, memberColumnsOf(members));
  if (answers !== null) await setAnswers(db, provinceCode, result.id, answers);
}

/** Writes a result's answers back (the members stored whole). */
export async function setAnswers(db: Executor, provinceCode: string, resultId: number, answers: string) {
  await db
    .updateTable('review_result')
    .set({ answers })
    .where('province_code', '=', provinceCode)
    .where('id', '=', resultId)
    .execute();
}
