// SQL of the poverty standards. The definition is stored as one JSON document and validated by the
// service before every write; the columns beside it serve selection (scope, province, dates).
import type { Selectable } from 'kysely';
import type { PovertyStandardTable } from '../schema-standards.js';
import type { Executor } from './executor.js';

export type StandardRow = Selectable<PovertyStandardTable>;

export interface StandardWrite {
  code: string;
  scope: 'national' | 'local';
  provinceCode: string | null;
  baseCode: string | null;
  validFrom: string;
  validTo: string;
  provisional: boolean;
  definitionJson: string;
}

export async function listStandardRows(db: Executor): Promise<StandardRow[]> {
  return db
    .selectFrom('poverty_standard')
    .selectAll()
    .orderBy('scope')
    .orderBy('valid_from')
    .orderBy('code')
    .execute();
}

export async function findStandardRow(db: Executor, code: string): Promise<StandardRow | undefined> {
  return db.selectFrom('poverty_standard').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Local standards of a province whose period overlaps [from, to] (inclusive dates). */
export async function overlappingLocalStandards(
  db: Executor,
  provinceCode: string,
  from: string,
  to: string,
): Promise<StandardRow[]> {
  return db
    .selectFrom('poverty_standard')
    .selectAll()
    .where('scope', '=', 'local')
    .where('province_code', '=', provinceCode)
    .where('valid_from', '<=', to)
    .where('valid_to', '>=', from)
    .execute();
}

/** Inserts a standard; when `ifAbsent`, a row with the same code already there is left alone. */
export async function insertStandard(
  db: Executor,
  s: StandardWrite,
  at: string,
  by: string,
  ifAbsent = false,
): Promise<void> {
  const q = db.insertInto('poverty_standard').values({
    code: s.code,
    scope: s.scope,
    province_code: s.provinceCode,
    base_code: s.baseCode,
    valid_from: s.validFrom,
    valid_to: s.validTo,
    provisional: s.provisional ? 1 : 0,
    definition_json: s.definitionJson,
    version: 1,
    created_at: at,
    created_by: by,
    updated_at: at,
  });
  // Two processes starting on a fresh database may seed at the same time: the loser does nothing.
  await (ifAbsent ? q.onConflict((oc) => oc.column('code').doNothing()) : q).execute();
}

/** Replaces the definition of an existing standard and bumps its version. */
export async function updateStandardDefinition(db: Executor, s: StandardWrite, at: string): Promise<void> {
  await db
    .updateTable('poverty_standard')
    .set((eb) => ({
      scope: s.scope,
      province_code: s.provinceCode,
      base_code: s.baseCode,
      valid_from: s.validFrom,
      valid_to: s.validTo,
      provisional: s.provisional ? 1 : 0,
      definition_json: s.definitionJson,
      version: eb('version', '+', 1),
      updated_at: at,
    }))
    .where('code', '=', s.code)
    .execute();
}
