// SQL of the household search: list a unit's households with filters, and find them by words of
// the head's name, the members' names, the householdId or the address, accents ignored.
//
// Contract (both dialects, every path):
// - The query is folded into words (searchTokens). A household matches when its folded search key
//   contains every word as a whole word, the last one as a word prefix ("nguyen van hu" finds
//   Nguyễn Văn Hùng while the user types).
// - Rows are ranked: head name equal to the query, head name starting with it, head name
//   containing it from one of its later words, the others; then by folded head name and id, so
//   pages are stable.
// - The total is counted up to the cap (SEARCH_COUNT_CAP); above it, `totalCapped` is set.
// - It relies on what every write stores (toWrite): search_key starts with head_key, so a
//   household whose head name equals or starts with the query always matches the words.
//
// How the words are found (docs/decisions/0006-registry-storage.md):
// - SQLite, province-wide: the FTS5 word index `household_search` (migration 0620), read first;
// - SQLite, within up to 8 communes: the (province, commune, head) index and the same word test
//   written with LIKE on ' ' || search_key || ' ' (a commune holds fewer households than a common
//   name has matches in the province);
// - PostgreSQL: to_tsvector('simple', search_key) @@ to_tsquery, served by its GIN index.
// A few matches are read once and ranked here (SQLite) or by one ORDER BY (PostgreSQL); more, and
// above the cap always, are read tier by tier in rank order, each tier stopped at the page, the
// third through the index of the head names' later words (migration 2026-12-04T1300):
// rankedAboveCap, measured in docs/decisions/0035-national-run.md (addendum of 04/12/2026).
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../database.js';
import type { Executor } from './executor.js';

/** Totals above this are reported as "more than" (counting every match of a common name is slow). */
export const SEARCH_COUNT_CAP = 10_000;

export interface HouseholdFilter {
  dialect: 'sqlite' | 'postgres';
  provinceCode?: string;
  communeCodes?: string[];
  villageId?: number;
  period?: number;
  classification?: string;
  movement?: string;
  /** Folded words ([a-z0-9]+, from searchTokens): every one must match, the last as a prefix. */
  tokens?: string[];
  limit: number;
  offset: number;
  /** Defaults to SEARCH_COUNT_CAP (tests lower it to exercise the path above the cap). */
  countCap?: number;
  /** Matches from which the last tier walks with the word test on each row (tests lower it); see denseFrom. */
  denseFrom?: number;
  /** Matches from which a province-wide search on SQLite reads tier by tier (tests lower it); see TIERED_FROM. */
  tieredFrom?: number;
  /** Head names from which the third tier walks the head-name index (tests lower it); see HEAD_WORDS_SORTED. */
  headWordsFrom?: number;
}

const WORD = /^[a-z0-9]+$/;

/** Up to this many communes, SQLite reads them by the commune index rather than the word index. */
const COMMUNES_BY_INDEX = 8;

/** What follows a first letter in a folded word: the second letters of the prefix index. */
const SECOND = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The FTS5 query of the words: each a quoted term, the last a prefix; AND of them. A one-letter
 * last word is written as that word or its two-letter prefixes ("0" OR "00"* OR … "0z"*): the
 * same rows, read from the prefix index (prefix='2 …'), where "0"* merges every term starting
 * with 0 — a million householdIds, 80 ms of CPU on 1,000,000 households against 6 ms.
 */
export function fts5Query(tokens: string[]): string {
  return tokens
    .map((t, i) => {
      if (i < tokens.length - 1) return `"${t}"`;
      if (t.length > 1) return `"${t}"*`;
      return `("${t}" OR ${[...SECOND].map((c) => `"${t}${c}"*`).join(' OR ')})`;
    })
    .join(' AND ');
}

/** The to_tsquery text of the words: AND of lexemes, the last a prefix. */
export function tsQuery(tokens: string[]): string {
  return tokens.map((t, i) => `${t}${i === tokens.length - 1 ? ':*' : ''}`).join(' & ');
}

/**
 * The rank tier of a folded head name for a folded query (the ORDER BY of the SQL paths): equal,
 * starting with it, containing it from one of its later words on ("van hung" in "nguyen van
 * hung", not "hung" in "phung": words are whole, as in the match), the others.
 */
export function headTier(headKey: string, folded: string): number {
  if (!folded) return 0;
  if (headKey === folded) return 0;
  if (headKey.startsWith(folded)) return 1;
  if (` ${headKey}`.includes(` ${folded}`)) return 2;
  return 3;
}

/**
 * PostgreSQL: the words of the head name after the first, as its GIN index holds them (migration
 * 2026-12-04T1300, same expression, so that the planner uses the index).
 */
const PG_HEAD_WORDS = `to_tsvector('simple'::regconfig, CASE WHEN strpos(h.head_key, ' ') > 0 THEN substr(h.head_key, strpos(h.head_key, ' ') + 1) ELSE '' END)`;

/** The SQL of headTier's third tier (true also for the first two: they are tested before it). */
const headContains = (folded: string) => sql`(' ' || h.head_key) LIKE ${`% ${folded}%`}`;

const and = (conds: RawBuilder<unknown>[]) => (conds.length ? sql.join(conds, sql` AND `) : sql`1 = 1`);

/**
 * How a query reads the households: 'words' through the word condition (the FTS5 join on SQLite
 * province-wide), 'none' without it (head-name tiers), 'walk' along the (province, head) index in
 * order with the word test on each row (SQLite, very common words), 'head' through the index of
 * the head names' later words with the word test on each row (SQLite, the third tier), 'set'
 * along the (province, head) index with the word index's matches read once as a set of ids (SQLite,
 * the last tier: no household row is read for the test).
 */
type Mode = 'words' | 'none' | 'walk' | 'head' | 'set';

interface Plan {
  /** SQLite, province-wide, with words: the FTS5 index drives the query. */
  fts: boolean;
  /** FROM … (with the review_result join when a filter needs it). */
  from: (mode: Mode) => RawBuilder<unknown>;
  /** Unit, village and result filters (not the words). */
  filters: RawBuilder<unknown>[];
  /** The word condition of a mode, when it is not part of FROM. */
  words: (mode: Mode) => RawBuilder<unknown> | undefined;
}

function plan(f: HouseholdFilter, tokens: string[]): Plan {
  const filters: RawBuilder<unknown>[] = [];
  if (f.provinceCode) filters.push(sql`h.province_code = ${f.provinceCode}`);
  if (f.communeCodes)
    filters.push(sql`h.commune_code IN (${sql.join(f.communeCodes.length ? f.communeCodes : [''])})`);
  if (f.villageId !== undefined) filters.push(sql`h.village_id = ${f.villageId}`);
  if (f.classification) filters.push(sql`r.classification = ${f.classification}`);
  if (f.movement) filters.push(sql`r.movement = ${f.movement}`);
  const result =
    f.classification || f.movement
      ? sql` JOIN review_result r ON r.household_id = h.id AND r.province_code = h.province_code AND r.period = ${f.period ?? -1}`
      : sql``;
  // Within a few communes the commune index is the shorter path; a province or a (pre-2025)
  // district of many communes goes through the word index.
  const fts =
    f.dialect === 'sqlite' &&
    tokens.length > 0 &&
    (!f.communeCodes || f.communeCodes.length > COMMUNES_BY_INDEX);
  let like: RawBuilder<unknown> | undefined;
  if (tokens.length > 0 && f.dialect === 'sqlite') {
    // Words are [a-z0-9]+: no LIKE wildcard can reach the pattern.
    const padded = sql`(' ' || h.search_key || ' ')`;
    like = sql`(${sql.join(
      tokens.map((t, i) => sql`${padded} LIKE ${i === tokens.length - 1 ? `% ${t}%` : `% ${t} %`}`),
      sql` AND `,
    )})`;
  }
  const ts =
    tokens.length > 0 && f.dialect === 'postgres'
      ? sql`to_tsvector('simple'::regconfig, h.search_key) @@ to_tsquery('simple'::regconfig, ${tsQuery(tokens)})`
      : undefined;
  return {
    fts,
    // The word index drives the join: without CROSS JOIN the planner walks the province's
    // head-name index and probes the whole match set for each household.
    from: (mode) =>
      mode === 'words' && fts
        ? sql`household_search s CROSS JOIN household h ON h.id = s.rowid AND s.household_search MATCH ${fts5Query(tokens)}${result}`
        : mode === 'head'
          ? sql`household_head_words w CROSS JOIN household h ON h.id = w.rowid AND w.household_head_words MATCH ${fts5Query(tokens)}${result}`
          : mode === 'walk' || mode === 'set'
            ? sql`household h INDEXED BY household_head${result}`
            : sql`household h${result}`,
    filters,
    words: (mode) =>
      mode === 'set'
        ? sql`h.id IN (SELECT rowid FROM household_search WHERE household_search MATCH ${fts5Query(tokens)})`
        : mode === 'none' || (mode === 'words' && fts)
          ? undefined
          : (ts ?? like),
  };
}

/** Households matching a filter, ranked (exact head name, head prefix, head contains, other), paginated. */
export async function searchHouseholds(db: Executor, f: HouseholdFilter) {
  const tokens = (f.tokens ?? []).filter((t) => WORD.test(t));
  const folded = tokens.join(' ');
  const cap = f.countCap ?? SEARCH_COUNT_CAP;
  const p = plan(f, tokens);
  const matching = (extra: RawBuilder<unknown>[] = [], mode: Mode = 'words') => {
    const words = p.words(mode);
    return sql`FROM ${p.from(mode)} WHERE ${and([...p.filters, ...(words ? [words] : []), ...extra])}`;
  };

  let ids: number[];
  let total: number;
  let capped: boolean;
  if (f.dialect === 'postgres') {
    const n = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM (SELECT 1 ${matching()} LIMIT ${cap + 1}) c`.execute(db);
    total = Number(n.rows[0]!.n);
    capped = total > cap;
    let found: { id: number; province_code: string }[];
    if (capped && folded) {
      // Tier by tier, each read in order and stopped at the page (as on SQLite): ordering every
      // match by tier read them all ("nguyen van hu": 659 ms on 628,179 households).
      found = await rankedAboveCap(db, f, tokens, false, matching, async () => false);
    } else {
      const tier = folded
        ? sql`CASE WHEN h.head_key = ${folded} THEN 0 WHEN h.head_key LIKE ${`${folded}%`} THEN 1 WHEN ${headContains(folded)} THEN 2 ELSE 3 END, `
        : sql``;
      const r = await sql<{
        id: number;
        province_code: string;
      }>`SELECT h.id, h.province_code ${matching()} ORDER BY ${tier}h.head_key, h.id LIMIT ${f.limit} OFFSET ${f.offset}`.execute(
        db,
      );
      found = r.rows;
    }
    ids = found.map((x) => Number(x.id));
    const provinces = [...new Set(found.map((x) => x.province_code))];
    const rows = ids.length ? await pageRows(db, ids, f.period, provinces) : [];
    return { total: Math.min(total, cap), totalCapped: capped, rows };
  } else {
    // When nothing but the province filters and the file holds that province alone, the word
    // index alone gives the matches: a common name is "more than the cap" without reading a
    // household row for each match, and fewer are read once, by id, without a second index pass.
    let candidates: { rows: { id: number; head_key: string }[] } | undefined;
    if (p.fts && f.provinceCode && p.filters.length === 1 && (await holdsOnlyProvince(db, f.provinceCode))) {
      const m = await sql<{
        id: number;
      }>`SELECT rowid AS id FROM household_search WHERE household_search MATCH ${fts5Query(tokens)} LIMIT ${cap + 1}`.execute(
        db,
      );
      // Many matches: tier by tier, each read in order and stopped at the page; few: read once.
      if (m.rows.length >= (f.tieredFrom ?? TIERED_FROM)) {
        ids = (
          await rankedAboveCap(db, f, tokens, true, matching, () => isDense(db, tokens, f.denseFrom))
        ).map((x) => Number(x.id));
        const rows = ids.length ? await pageRows(db, ids, f.period) : [];
        const above = m.rows.length > cap;
        return { total: above ? cap : m.rows.length, totalCapped: above, rows };
      }
      candidates = await sql<{
        id: number;
        head_key: string;
      }>`SELECT h.id, h.head_key FROM household h WHERE h.id IN (SELECT value FROM json_each(${JSON.stringify(m.rows.map((r) => r.id))}))`.execute(
        db,
      );
    }
    candidates ??= await sql<{
      id: number;
      head_key: string;
    }>`SELECT h.id, h.head_key ${matching()} LIMIT ${cap + 1}`.execute(db);
    total = candidates.rows.length;
    capped = total > cap;
    if (!capped) {
      const ranked = candidates.rows
        .map((c) => ({ id: Number(c.id), key: c.head_key, tier: headTier(c.head_key, folded) }))
        .sort((a, b) => a.tier - b.tier || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id));
      ids = ranked.slice(f.offset, f.offset + f.limit).map((c) => c.id);
    } else {
      ids = (
        await rankedAboveCap(db, f, tokens, p.fts, matching, async () =>
          p.fts ? isDense(db, tokens, f.denseFrom) : false,
        )
      ).map((x) => Number(x.id));
    }
  }
  const rows = ids.length ? await pageRows(db, ids, f.period) : [];
  return { total: Math.min(total, cap), totalCapped: capped, rows };
}

/**
 * The last tier of a ranking (the households whose head name neither starts with nor contains
 * the query) is read along the head-name index in order, stopping at the page. When the words
 * match at least this share of the households (and DENSE_MIN), with the word test on each row the
 * walk meets (`walk`: 50 / share rows, 5,000 at 1 %); below it, each index entry is tested
 * against the word index's matches read once as a set of ids (`set`: no household row read, but
 * the set is built from every match). Measured on 1,000,000 households (CPU): "thôn đông", about
 * 40,000 matches, 10 ms walked against 26 ms with the set; "đặng quỳnh", 4,384 matches, 17 ms with
 * the set against 21 ms reading every match's row to rank them. Sorting every match took 104 ms
 * for the 76,000 matches of "hung".
 */
const DENSE_SHARE = 0.01;
const DENSE_MIN = 10_000;
const denseFrom = (households: number) => Math.max(DENSE_MIN, Math.floor(households * DENSE_SHARE));

/** Below this many matches (and the cap), they are read once and ranked here rather than tier by tier. */
const TIERED_FROM = 1_000;

/**
 * Below this many head names whose later words match, the third tier is read through that index
 * and sorted; from it, along the head-name index (the tier is then at least this dense in the
 * households: 2,000 in 1,000,000 meets a page within about 25,000 index entries, 2 ms).
 */
const HEAD_WORDS_SORTED = 2_000;

/** Whether the words are that common (the word index alone; counting stops at the threshold). */
async function isDense(db: Executor, tokens: string[], from?: number): Promise<boolean> {
  let threshold = from;
  if (threshold === undefined) {
    // Ids are never reused: the largest is the number of households ever stored, in O(1).
    const r = await sql<{ n: number | null }>`SELECT max(id) AS n FROM household`.execute(db);
    threshold = denseFrom(Number(r.rows[0]!.n ?? 0));
  }
  return (await countUpTo(db, 'household_search', tokens, threshold)) >= threshold;
}

/** The entries of an FTS5 index matching the words, counted up to `limit`. */
async function countUpTo(
  db: Executor,
  table: 'household_search' | 'household_head_words',
  tokens: string[],
  limit: number,
): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${sql.table(table)} WHERE ${sql.table(table)} MATCH ${fts5Query(tokens)} LIMIT ${limit}) c`.execute(
    db,
  );
  return Number(r.rows[0]!.n);
}

/**
 * SQLite, more matches than the cap: the page in rank order, tier by tier, each read in order
 * and stopped at the page. The head-name tiers (equal, starts with) are read from the (province,
 * head) index without the word index (they always match the words). The third (the head name
 * contains the query from a later word) is read through the index of the heads' later words when
 * few heads have them, else along the head-name index with the containment tested on the index
 * entry and the words on the row. The last is read along the head-name index with the word test
 * on each row when the words are common (`dense`), else matched by the word index and sorted.
 * Outside the word index's path (a few communes) the two last tiers are one sorted read.
 */
async function rankedAboveCap(
  db: Executor,
  f: HouseholdFilter,
  tokens: string[],
  fts: boolean,
  matching: (extra?: RawBuilder<unknown>[], mode?: Mode) => RawBuilder<unknown>,
  dense: () => Promise<boolean>,
): Promise<{ id: number; province_code: string }[]> {
  const folded = tokens.join(' ');
  const upper = `${folded}{`; // '{' sorts after every character of a folded key
  const notStarting = sql`NOT (h.head_key >= ${folded} AND h.head_key < ${upper})`;
  const contains = headContains(folded);
  const byName = sql`h.head_key, h.id`;
  type Tier = { where: RawBuilder<unknown>[]; mode: Mode; order: RawBuilder<unknown> };
  const sortedBelow = f.headWordsFrom ?? HEAD_WORDS_SORTED;
  const third = async (): Promise<Tier[]> =>
    (await countUpTo(db, 'household_head_words', tokens, sortedBelow)) < sortedBelow
      ? [{ where: [notStarting, contains], mode: 'head', order: byName }]
      : [{ where: [notStarting, contains], mode: 'walk', order: byName }];
  const last = async (): Promise<Tier[]> => [
    { where: [notStarting, sql`NOT ${contains}`], mode: (await dense()) ? 'walk' : 'set', order: byName },
  ];
  const headTiers: Tier[] = [
    { where: [sql`h.head_key = ${folded}`], mode: 'none', order: sql`h.id` },
    { where: [sql`h.head_key > ${folded}`, sql`h.head_key < ${upper}`], mode: 'none', order: byName },
  ];
  // PostgreSQL: the third tier through the GIN index of the head names' later words (a condition
  // every household of the tier meets), the last through the word index; its planner chooses
  // between reading the matches and walking the head-name index in order.
  const postgresTiers: Tier[] = [
    {
      where: [
        notStarting,
        contains,
        sql`${sql.raw(PG_HEAD_WORDS)} @@ to_tsquery('simple'::regconfig, ${tsQuery(tokens)})`,
      ],
      mode: 'words',
      order: byName,
    },
    { where: [notStarting, sql`NOT ${contains}`], mode: 'words', order: byName },
  ];
  const tiers: (Tier | 'third' | 'last')[] = !folded
    ? [{ where: [], mode: 'words', order: byName }]
    : f.dialect === 'postgres'
      ? [...headTiers, ...postgresTiers]
      : [
          ...headTiers,
          ...(fts
            ? (['third', 'last'] as const)
            : [
                {
                  where: [notStarting],
                  mode: 'words' as const,
                  order: sql`CASE WHEN ${contains} THEN 2 ELSE 3 END, h.head_key, h.id`,
                },
              ]),
        ];
  const ids: { id: number; province_code: string }[] = [];
  let skip = f.offset;
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i]!;
    if (tier === 'third' || tier === 'last') {
      // Decided only when the tiers before do not fill the page.
      if (ids.length < f.limit) tiers.splice(i + 1, 0, ...(await (tier === 'third' ? third() : last())));
      continue;
    }
    const t = tier;
    const want = f.limit - ids.length;
    if (want <= 0) break;
    if (skip > 0) {
      const c = await sql<{
        n: number;
      }>`SELECT count(*) AS n FROM (SELECT 1 ${matching(t.where, t.mode)} LIMIT ${skip}) c`.execute(db);
      const n = Number(c.rows[0]!.n);
      if (n < skip) {
        skip -= n;
        continue;
      }
    }
    const r = await sql<{
      id: number;
      province_code: string;
    }>`SELECT h.id, h.province_code ${matching(t.where, t.mode)} ORDER BY ${t.order} LIMIT ${want} OFFSET ${skip}`.execute(
      db,
    );
    skip = 0;
    ids.push(...r.rows);
  }
  return ids;
}

/** Whether every household stored belongs to this province (two seeks on the head-name index). */
async function holdsOnlyProvince(db: Executor, provinceCode: string): Promise<boolean> {
  const r = await sql<{
    lo: string | null;
    hi: string | null;
  }>`SELECT (SELECT province_code FROM household ORDER BY province_code LIMIT 1) AS lo, (SELECT province_code FROM household ORDER BY province_code DESC LIMIT 1) AS hi`.execute(
    db,
  );
  return r.rows[0]!.lo === provinceCode && r.rows[0]!.hi === provinceCode;
}

/**
 * The listed columns of these households with their result of `period`, in the order given.
 * `provinces` (when known: the provinces the ids belong to) lets PostgreSQL read the households
 * by their primary key (province_code, id) in their partitions: by id alone it scans every
 * partition (490 ms against 0.2 ms for a page of a 5,000,000-household registry). SQLite is given
 * none: with the province beside `id IN (…)` its planner (no statistics) reads the province's
 * village index instead of the ids, 47 ms of CPU for a page of a 1,000,000-household province
 * against 0.1 ms.
 */
async function pageRows(db: Executor, ids: number[], period: number | undefined, provinces?: string[]) {
  let q = db
    .selectFrom('household as h')
    .leftJoin('review_result as r', (j) =>
      j
        .onRef('r.household_id', '=', 'h.id')
        .onRef('r.province_code', '=', 'h.province_code')
        .on('r.period', '=', period ?? -1),
    )
    .select([
      'h.id',
      'h.province_code',
      'h.household_key',
      'h.commune_code',
      'h.village_id',
      'h.head_name',
      'h.head_birth_date',
      'h.address',
      'h.member_count',
      'h.version',
      'r.classification',
      'r.movement',
      'r.status',
      'r.deprivation_count',
      'r.no_labour',
    ])
    .where('h.id', 'in', ids);
  if (provinces?.length) q = q.where('h.province_code', 'in', provinces);
  const rows = await q.execute();
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.map((id) => byId.get(id)!);
}

/**
 * Throws when the word index disagrees with the households. SQLite: FTS5 'integrity-check' against
 * its content table (rank = 1). PostgreSQL maintains the GIN index itself: checks that it exists.
 */
export async function checkSearchIndex(db: Executor, dialect: 'sqlite' | 'postgres'): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`INSERT INTO household_search (household_search, rank) VALUES ('integrity-check', 1)`.execute(
      db,
    );
    // Contentless: the check covers its own structure only. Its entries against the households:
    // every head's later words find their household, and no entry outlives one.
    await sql`INSERT INTO household_head_words (household_head_words) VALUES ('integrity-check')`.execute(db);
    const heads = await sql<{ id: number; head_key: string }>`SELECT id, head_key FROM household`.execute(db);
    for (const h of heads.rows) {
      const tail = h.head_key.split(' ').slice(1).filter(Boolean);
      if (tail.length === 0) continue;
      const q = tail.map((w) => `"${w}"`).join(' AND ');
      // The ids read and compared here: FTS5 ignores a bound rowid beside MATCH on this table.
      const r = await sql<{
        id: number;
      }>`SELECT rowid AS id FROM household_head_words WHERE household_head_words MATCH ${q}`.execute(db);
      if (!r.rows.some((x) => Number(x.id) === Number(h.id)))
        throw new Error(`household_head_words: household ${h.id} not indexed`);
    }
    const stale = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM household_head_words WHERE rowid NOT IN (SELECT id FROM household)`.execute(
      db,
    );
    if (Number(stale.rows[0]!.n) !== 0) throw new Error('household_head_words: entries of no household');
    return;
  }
  const r = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'household_search'`.execute(
    db,
  );
  if (Number(r.rows[0]!.n) !== 1) throw new Error('household_search index missing');
}

/** The words of a folded head name after the first, as the head-words index holds them (migration 1300). */
const HEAD_TAIL = `CASE WHEN instr(head_key, ' ') > 0 THEN substr(head_key, instr(head_key, ' ') + 1) ELSE '' END`;

/**
 * The bulk import on SQLite: pauses the index triggers for the caller's transaction (opened on the
 * same connection) and, at `finish`, indexes with set statements what was written meanwhile: the
 * households added (ids above the largest before) and those whose search key changed (their old
 * keys noted by a connection-local trigger). The bulk path never deletes a household. On a
 * rollback the pause, the note and the index writes all go with the transaction.
 */
export function deferSearchIndex(db: Db, at: string): { finish: () => void } {
  const h = db.sqlite!;
  const maxId = h.prepare('SELECT coalesce(max(id), 0) FROM household').pluck().get() as number;
  h.exec(
    'CREATE TEMP TABLE IF NOT EXISTS household_search_changed (id INTEGER PRIMARY KEY, old_key TEXT NOT NULL)',
  );
  h.exec('DELETE FROM temp.household_search_changed');
  // INSERT OR IGNORE: the first old key is the one in the index. A changed head name is noted
  // too (for the head-words index), even in the rare case where the search key stays the same.
  h.exec(`CREATE TEMP TRIGGER household_search_note AFTER UPDATE OF search_key, head_key ON main.household
    WHEN old.search_key IS NOT new.search_key OR old.head_key IS NOT new.head_key BEGIN
    INSERT OR IGNORE INTO household_search_changed (id, old_key) VALUES (old.id, old.search_key);
  END`);
  h.prepare('INSERT INTO household_search_pause (since) VALUES (?)').run(at);
  return {
    finish() {
      h.prepare(
        `INSERT INTO household_search (household_search, rowid, search_key)
         SELECT 'delete', id, old_key FROM temp.household_search_changed WHERE id <= ?`,
      ).run(maxId);
      h.prepare(
        `INSERT INTO household_search (rowid, search_key)
         SELECT id, search_key FROM household WHERE id > ? OR id IN (SELECT id FROM temp.household_search_changed)`,
      ).run(maxId);
      h.prepare(
        `DELETE FROM household_head_words WHERE rowid IN (SELECT id FROM temp.household_search_changed WHERE id <= ?)`,
      ).run(maxId);
      h.prepare(
        `INSERT INTO household_head_words (rowid, words)
         SELECT id, ${HEAD_TAIL} FROM household WHERE id > ? OR id IN (SELECT id FROM temp.household_search_changed)`,
      ).run(maxId);
      h.exec('DROP TRIGGER temp.household_search_note');
      h.exec('DELETE FROM temp.household_search_changed');
      h.exec('DELETE FROM household_search_pause');
    },
  };
}

/**
 * A restore (or any whole-table load) on SQLite: pauses the index triggers inside the caller's
 * transaction, so that clearing and loading the households writes no index entry row by row.
 * `rebuildSearchIndex` must follow in the same transaction. PostgreSQL keeps its GIN index itself.
 */
export async function pauseSearchIndex(db: Executor, dialect: 'sqlite' | 'postgres', at: string) {
  if (dialect === 'sqlite') await sql`INSERT INTO household_search_pause (since) VALUES (${at})`.execute(db);
}

/** Rebuilds the word indexes from the households and lifts the pause (SQLite; nothing on PostgreSQL). */
export async function rebuildSearchIndex(db: Executor, dialect: 'sqlite' | 'postgres') {
  if (dialect !== 'sqlite') return;
  await sql`INSERT INTO household_search (household_search) VALUES ('rebuild')`.execute(db);
  await sql`INSERT INTO household_head_words (household_head_words) VALUES ('delete-all')`.execute(db);
  await sql`INSERT INTO household_head_words (rowid, words) SELECT id, ${sql.raw(HEAD_TAIL)} FROM household`.execute(
    db,
  );
  await sql`DELETE FROM household_search_pause`.execute(db);
}
