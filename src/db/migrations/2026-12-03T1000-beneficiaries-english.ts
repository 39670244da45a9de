// English beneficiaries without a code-like word (issue 11): the program catalogue seeded by
// 2026-11-26T0300-finance wrote "recently-exited households" — the hyphenated form is the code of a
// household's support status (`recently-exited`), and English writes "recently exited households"
// (no hyphen after an -ly adverb). Only rows still holding the seeded text are corrected: a text
// an officer has since edited through the programs service is theirs and is left as it is.
// Frozen: plain strings, no application code.
import type { Kysely } from 'kysely';

const GENERAL = 'Poor, near-poor and recently-exited households; people and communities of the area';
const SEEDED = [
  GENERAL,
  `${GENERAL}; low-income workers`,
  'Children under 16 of poor, near-poor and recently-exited households; children in poor districts and especially difficult coastal communes; pregnant and breastfeeding women',
  'Workers of poor, near-poor and recently-exited households',
  'Workers, first those of poor, near-poor and recently-exited households',
];

const fixed = (text: string) => text.replace('recently-exited', 'recently exited');

async function rewrite(db: Kysely<any>, from: (seeded: string) => string, to: (seeded: string) => string) {
  for (const text of SEEDED)
    await db
      .updateTable('program_component')
      .set({ beneficiaries_en: to(text) })
      .where('beneficiaries_en', '=', from(text))
      .execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await rewrite(db, (t) => t, fixed);
}

export async function down(db: Kysely<any>): Promise<void> {
  await rewrite(db, fixed, (t) => t);
}
