// Lean storage (issue 14, docs/decisions/0034-lean-registry-storage.md): the survey answers of a
// household-period are stored once and compactly.
// - review_result.answers_json (the record as JSON, about 2.4 KB) becomes review_result.answers,
//   the compact form of src/domain/survey/compact.ts (about 0.4 KB), holding the same record.
// - household_member.data_json (the members' answers, a second copy of those in the result) goes:
//   a member's answers are read from the result of household.answers_period, the period whose
//   write last replaced the members (every write replaces members and answers together).
// Rows are rewritten in batches by id; the file/table space is given back by VACUUM (SQLite) or
// VACUUM FULL (PostgreSQL), left to the operator because it locks the database for its duration.
// Frozen: the v1 encoder is copied here (migrations never import application code); its layout is
// the one compact.ts reads forever.
import { sql, type Kysely } from 'kysely';

const BATCH = 2000;

// ── v1 layout (a frozen copy of src/domain/survey/compact.ts) ─────────────────────────────────
type Slot = { key: string; kind: 'value' | 'boolean' | 'code' | 'codes'; codes?: readonly string[] };
const D = ['durable', 'non-durable'];
const v = (key: string): Slot => ({ key, kind: 'value' });
const b = (key: string): Slot => ({ key, kind: 'boolean' });
const c = (key: string, codes: string[]): Slot => ({ key, kind: 'code', codes });
const l = (key: string, codes: string[]): Slot => ({ key, kind: 'codes', codes });
const HOUSING = [v('floorAreaM2'), c('walls', D), c('columns', D), c('roof', D)];
const BEFORE = [v('householdId'), v('unitCode'), v('surveyDate'), v('incomePerCapitaMonthly')];
const AFTER_HOUSING = [
  c('waterSource', ['piped', 'drilled-well', 'protected-dug-well', 'protected-spring', 'rainwater', 'bottled', 'unprotected-well', 'unprotected-spring', 'surface', 'other']),
  c('latrine', ['septic', 'semi-septic', 'pour-flush', 'double-vault', 'ventilated-pit', 'unhygienic-pit', 'bucket', 'none', 'other']),
  b('internetUse'),
  l('infoDevices', ['tv', 'radio', 'computer', 'phone']),
  b('loudspeakerAccess'),
]; // prettier-ignore
const AFTER_MEMBERS = [
  l('povertyCauses', ['no-land', 'no-capital', 'no-labour', 'no-means', 'no-skills', 'illness', 'many-dependants', 'disaster', 'social-evils', 'unwilling', 'other']),
  l('supportNeeds', ['credit', 'land', 'means', 'seeds-livestock', 'know-how', 'training-jobs', 'labour-export', 'housing', 'water-sanitation', 'health-insurance', 'education', 'social-allowance', 'other']),
  c('area', ['rural', 'urban']),
]; // prettier-ignore
const MEMBER = [
  v('name'), v('idNumber'), v('birthDate'), c('sex', ['M', 'F']),
  c('relation', ['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other']),
  c('employment', ['wage-with-contract', 'wage-no-contract', 'self-employed', 'unemployed', 'not-in-labour-force', 'student']),
  b('healthInsurance'), c('schooling', ['appropriate', 'below-level', 'not-attending']),
  c('education', ['none', 'primary', 'lower-secondary', 'upper-secondary', 'vocational-elementary', 'vocational-intermediate', 'college', 'university']),
  b('inTraining'), b('stunted'), b('underweight'), c('disability', ['none', 'mild', 'severe', 'extremely-severe']),
  b('monthlySocialAllowance'), v('ethnicity'), b('merit'),
]; // prettier-ignore
type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const own = (o: Obj, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function put(s: Slot, x: unknown): unknown {
  if (s.kind === 'value')
    return typeof x === 'string' || x === null || (typeof x === 'number' && Number.isFinite(x))
      ? x
      : undefined;
  if (s.kind === 'boolean') return x === true ? 1 : x === false ? 0 : undefined;
  if (s.kind === 'code') {
    if (x === null) return null;
    if (typeof x !== 'string') return undefined;
    const i = s.codes!.indexOf(x);
    return i >= 0 ? i : x;
  }
  if (!Array.isArray(x)) return undefined;
  const out: number[] = [];
  for (const y of x) {
    const i = typeof y === 'string' ? s.codes!.indexOf(y) : -1;
    if (i < 0) return undefined;
    out.push(i);
  }
  return out;
}
function putSlots(out: unknown[], slots: Slot[], o: Obj, extras: Obj) {
  for (const s of slots) {
    const p = own(o, s.key) ? put(s, o[s.key]) : false;
    if (p === undefined) extras[s.key] = o[s.key];
    out.push(p === undefined ? false : p);
  }
}
function finish(out: unknown[], extras: Obj): unknown[] {
  while (out.length > 0 && out[out.length - 1] === false) out.length -= 1;
  if (Object.keys(extras).length > 0) out.push(extras);
  return out;
}
function encodeMember(m: Obj): unknown[] {
  const extras: Obj = {};
  const out: unknown[] = [];
  putSlots(out, MEMBER, m, extras);
  const known = new Set(MEMBER.map((s) => s.key));
  for (const k of Object.keys(m)) if (!known.has(k)) extras[k] = m[k];
  return finish(out, extras);
}
function encode(r: Obj): string {
  const extras: Obj = {};
  const out: unknown[] = [1];
  putSlots(out, BEFORE, r, extras);
  const h = r.housing;
  const hKnown = new Set(HOUSING.map((s) => s.key));
  let flat = false;
  if (isObject(h) && Object.keys(h).length > 0 && Object.keys(h).every((k) => hKnown.has(k))) {
    const hx: Obj = {};
    const part: unknown[] = [];
    putSlots(part, HOUSING, h, hx);
    if (Object.keys(hx).length === 0) {
      out.push(...part);
      flat = true;
    }
  }
  if (!flat) {
    out.push(false, false, false, false);
    if (own(r, 'housing')) extras.housing = h;
  }
  putSlots(out, AFTER_HOUSING, r, extras);
  if (Array.isArray(r.members) && r.members.every(isObject)) out.push(r.members.map(encodeMember));
  else {
    out.push(false);
    if (own(r, 'members')) extras.members = r.members;
  }
  putSlots(out, AFTER_MEMBERS, r, extras);
  const known = new Set([...BEFORE, ...AFTER_HOUSING, ...AFTER_MEMBERS].map((s) => s.key));
  for (const k of Object.keys(r)) if (!known.has(k) && k !== 'housing' && k !== 'members') extras[k] = r[k];
  return JSON.stringify(finish(out, extras));
}

// ── the rewrite ───────────────────────────────────────────────────────────────────────────────
/** Sets `column` of `table` per id, a batch in one statement (UPDATE … FROM VALUES, both engines). */
async function setById(
  db: Kysely<any>,
  table: string,
  column: string,
  type: 'text' | 'integer',
  rows: [number, unknown][],
) {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map(([id, x]) => sql`(CAST(${id} AS bigint), CAST(${x} AS ${sql.raw(type)}))`),
  );
  await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = v.column2
    FROM (VALUES ${values}) AS v WHERE ${sql.ref(`${table}.id`)} = v.column1`.execute(db);
}

/** The same JSON value with its object keys sorted, to compare records whatever their key order. */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_k, val: unknown) =>
    isObject(val)
      ? Object.fromEntries(
          Object.keys(val)
            .sort()
            .map((k) => [k, val[k]]),
        )
      : val,
  );
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('review_result')
    .addColumn('answers', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('household').addColumn('answers_period', 'integer').execute();

  for (let after = 0; ;) {
    const rows = (await db
      .selectFrom('review_result')
      .select(['id', 'answers_json'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute()) as { id: number | string; answers_json: string }[];
    if (rows.length === 0) break;
    await setById(
      db,
      'review_result',
      'answers',
      'text',
      rows.map((r) => {
        const parsed = JSON.parse(r.answers_json) as unknown;
        return [Number(r.id), isObject(parsed) ? encode(parsed) : r.answers_json];
      }),
    );
    after = Number(rows[rows.length - 1]!.id);
  }

  // The period whose answers hold the members as household_member holds them; the latest such.
  for (let after = 0; ;) {
    const households = (await db
      .selectFrom('household')
      .select(['id', 'province_code'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute()) as { id: number | string; province_code: string }[];
    if (households.length === 0) break;
    const first = Number(households[0]!.id);
    after = Number(households[households.length - 1]!.id);
    const members = (await db
      .selectFrom('household_member')
      .select(['household_id', 'name', 'id_number', 'birth_date', 'sex', 'relation', 'data_json'])
      .where('household_id', '>=', first)
      .where('household_id', '<=', after)
      .orderBy('household_id')
      .orderBy('ordinal')
      .execute()) as {
      household_id: number | string;
      name: string;
      id_number: string | null;
      birth_date: string;
      sex: string;
      relation: string;
      data_json: string;
    }[];
    const results = (await db
      .selectFrom('review_result')
      .select(['household_id', 'period', 'answers_json'])
      .where('household_id', '>=', first)
      .where('household_id', '<=', after)
      .orderBy('household_id')
      .orderBy('period')
      .execute()) as { household_id: number | string; period: number; answers_json: string }[];
    const membersOf = new Map<number, unknown[]>();
    for (const m of members) {
      const list = membersOf.get(Number(m.household_id)) ?? [];
      list.push({
        name: m.name,
        idNumber: m.id_number,
        birthDate: m.birth_date,
        sex: m.sex,
        relation: m.relation,
        ...(JSON.parse(m.data_json) as Obj),
      });
      membersOf.set(Number(m.household_id), list);
    }
    // Results in period order: the latest matching period wins; without any match (not written
    // by this product), the latest period.
    const periodOf = new Map<number, { period: number; matched: boolean }>();
    for (const r of results) {
      const id = Number(r.household_id);
      const answers = JSON.parse(r.answers_json) as { members?: unknown };
      const matched = canonical(answers.members ?? []) === canonical(membersOf.get(id) ?? []);
      if (matched || !periodOf.get(id)?.matched) periodOf.set(id, { period: r.period, matched });
    }
    await setById(
      db,
      'household',
      'answers_period',
      'integer',
      [...periodOf].map(([id, p]) => [id, p.period]),
    );
  }

  await db.schema.alterTable('review_result').dropColumn('answers_json').execute();
  await db.schema.alterTable('household_member').dropColumn('data_json').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // The compact form is not rewritten back here: that needs the decoder of the application
  // (src/domain/survey/compact.ts). Restore the backup taken before the upgrade instead.
  void db;
  throw new Error('2026-12-03T1900-compact-answers cannot be undone: restore the backup taken before it');
}
