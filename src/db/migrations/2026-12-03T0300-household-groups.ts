// Household groups of the Annex VII tables (issue 12; docs/decisions/0025-ethnicity-groups-annex7.md):
// - `review_result.groups`: the groups of the household in that result, comma-separated, in the
//   order ethnic-minority, merit, social-protection, female-head (src/domain/registry/groups.ts);
// - their aggregate cells `group:<code>` in `review_aggregate`, written here for the results
//   already stored, so the tables read counts from the first day.
// Members' ethnicity, merit, and the household's causes of poverty and support needs live in the
// stored answers (review_result.answers_json, household_member.data_json) like every other answer:
// no column. Results stored before they were collected have no ethnicity and no merit, so their
// groups come from the allowance and the head's sex only. This is a frozen copy of the rules
// (migrations import nothing from the application): the 1979 list's code of the Kinh is 01.
import type { Kysely } from 'kysely';

const KINH = '01';

interface StoredMember {
  relation?: unknown;
  sex?: unknown;
  ethnicity?: unknown;
  merit?: unknown;
  monthlySocialAllowance?: unknown;
}

function groupsOf(answersJson: string): string[] {
  let members: StoredMember[] = [];
  try {
    const a = JSON.parse(answersJson) as { members?: unknown };
    if (Array.isArray(a.members)) members = a.members as StoredMember[];
  } catch {
    return [];
  }
  const out: string[] = [];
  if (
    members.some(
      (m) => typeof m.ethnicity === 'string' && /^\d{2}$/.test(m.ethnicity) && m.ethnicity !== KINH,
    )
  )
    out.push('ethnic-minority');
  if (members.some((m) => m.merit === true)) out.push('merit');
  if (members.some((m) => m.monthlySocialAllowance === true)) out.push('social-protection');
  if ((members.find((m) => m.relation === 'head') ?? members[0])?.sex === 'F') out.push('female-head');
  return out;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('review_result')
    .addColumn('groups', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  let after = 0;
  for (;;) {
    const page = (await db
      .selectFrom('review_result')
      .select([
        'id',
        'province_code',
        'period',
        'unit_code',
        'unit_valid_from',
        'status',
        'classification',
        'answers_json',
      ])
      .where('id', '>', after)
      .orderBy('id')
      .limit(5000)
      .execute()) as {
      id: number;
      province_code: string;
      period: number;
      unit_code: string;
      unit_valid_from: string;
      status: string;
      classification: string;
      answers_json: string;
    }[];
    if (page.length === 0) break;
    after = Number(page[page.length - 1]!.id);
    const byGroups = new Map<string, number[]>();
    const cells = new Map<string, { key: Record<string, unknown>; n: number }>();
    for (const r of page) {
      const groups = groupsOf(r.answers_json);
      if (groups.length === 0) continue;
      const joined = groups.join(',');
      const ids = byGroups.get(joined) ?? [];
      ids.push(Number(r.id));
      byGroups.set(joined, ids);
      for (const g of groups) {
        const key = {
          province_code: r.province_code,
          period: Number(r.period),
          unit_code: r.unit_code,
          unit_valid_from: r.unit_valid_from,
          status: r.status,
          classification: r.classification,
          indicator: `group:${g}`,
        };
        const id = Object.values(key).join('|');
        const cur = cells.get(id);
        if (cur) cur.n += 1;
        else cells.set(id, { key, n: 1 });
      }
    }
    // One statement per distinct group set (at most 16), whatever the number of results.
    for (const [joined, ids] of byGroups)
      for (let c = 0; c < ids.length; c += 500)
        await db
          .updateTable('review_result')
          .set({ groups: joined })
          .where('id', 'in', ids.slice(c, c + 500))
          .execute();
    const values = [...cells.values()].map((c) => ({ ...c.key, n: c.n }));
    for (let c = 0; c < values.length; c += 400)
      await db
        .insertInto('review_aggregate')
        .values(values.slice(c, c + 400))
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

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('review_aggregate').where('indicator', 'like', 'group:%').execute();
  await db.schema.alterTable('review_result').dropColumn('groups').execute();
}
