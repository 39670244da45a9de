// Explanations become facts (docs/decisions/0018-words-and-survey-fields.md): review_result.
// explanation_json held, per deprived indicator, the facts and two sentences
// ({"indicators":[{indicator, deprived, member, memberName, value, threshold, vi, en}]}), about
// 2.8 KB a household-period. From now on it holds the facts only, as an array
// ([{indicator, member, value, threshold}], deprived implied), and the sentences are rendered in
// the reader's language when read. This rewrites the rows stored before, in batches by id.
// Frozen: it reads and writes plain JSON, not the domain's types.
import type { Kysely } from 'kysely';

const BATCH = 2000;

type Old = { indicator?: unknown; member?: unknown; value?: unknown; threshold?: unknown };

async function rewrite(db: Kysely<any>, convert: (json: string) => string | null): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = (await db
      .selectFrom('review_result')
      .select(['id', 'explanation_json'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute()) as { id: number | string; explanation_json: string }[];
    if (rows.length === 0) return;
    for (const r of rows) {
      const next = convert(r.explanation_json);
      if (next !== null && next !== r.explanation_json)
        await db
          .updateTable('review_result')
          .set({ explanation_json: next })
          .where('id', '=', r.id)
          .execute();
    }
    after = Number(rows[rows.length - 1]!.id);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await rewrite(db, (json) => {
    if (!json.startsWith('{')) return null;
    const parsed = JSON.parse(json) as { indicators?: Old[] };
    return JSON.stringify(
      (parsed.indicators ?? []).map((e) => ({
        indicator: e.indicator,
        member: e.member ?? null,
        value: e.value ?? null,
        threshold: e.threshold ?? null,
      })),
    );
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  // The sentences cannot be rebuilt here; the earlier shape is restored with the facts only.
  await rewrite(db, (json) => {
    if (!json.startsWith('[')) return null;
    const facts = JSON.parse(json) as Old[];
    return JSON.stringify({ indicators: facts.map((f) => ({ ...f, deprived: true })) });
  });
}
