// Great Solidarity houses (issue 16): per registry household, new or repair, estimated and actual
// cost, sources, stages approved → under construction → handed over with dates and photos, and the
// report of handed-over houses that lifted their household out of housing deprivation at its next
// survey. Photos are re-encoded (upright, metadata such as GPS positions stripped) and kept private.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { AppError } from '../../errors.js';
import { requireNotAfter } from '../../domain/dates.js';
import { parseAmount } from '../../domain/finance/ledger.js';
import {
  advanceStage,
  HOUSE_KINDS,
  HOUSE_SOURCES,
  housingOutcome,
  type HouseStage,
  type HousingOutcome,
} from '../../domain/front/houses.js';
import { listOf } from '../../domain/input.js';
import type { Executor } from '../../db/repositories/executor.js';
import {
  findFile,
  findHouse,
  householdResultsAround,
  insertFile,
  insertHouse,
  insertHouseSource,
  listFiles,
  listHouses,
  listHouseSources,
  updateHouse,
  type HouseRecord,
} from '../../db/repositories/front.repository.js';
import { communesInScope, inScope, requirePermission, scopeOf, unitWithinScope } from '../access.js';
import { actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { todayVn } from '../input.js';
import { personalDataFor } from '../personal-data.js';
import { optText, reqDate, reqEnum, reqId } from '../finance/common.js';
import { audit, householdInScope, unitAt, unitNameOf } from './common.js';
import { loadRecommendation } from './supervision.service.js';

/** Largest photo or attachment, in MB (the upload route stops there too). */
export const MAX_FRONT_FILE_MB = 15;
const MAX_INPUT_PIXELS = 50_000_000;

export function frontFileDir(deps: Deps): string {
  return path.resolve(deps.config.uploadDir, 'front');
}

export interface UploadedFrontFile {
  path: string;
  fileName: string;
  contentType: string;
}

export interface HouseInput {
  householdKey?: unknown;
  kind?: unknown;
  estimatedCost?: unknown;
  approvedOn?: unknown;
  /** `{ source, amount }` for each source. */
  sources?: unknown;
  note?: unknown;
}

async function loadHouse(db: Executor, actor: Actor, id: unknown, field = 'id'): Promise<HouseRecord> {
  const n = reqId(id, field);
  return inScope(
    db,
    actor,
    await findHouse(db, n),
    (h) => h.commune_code,
    () => new AppError('FRONT_HOUSE_NOT_FOUND', { id: n }, { field }),
  );
}

export async function createHouse(deps: Deps, actor: Actor, input: HouseInput) {
  requirePermission(actor, 'front.write');
  const db = deps.db.kysely;
  const kind = reqEnum(input.kind, HOUSE_KINDS, 'kind');
  const estimatedCost = parseAmount(input.estimatedCost, 'estimatedCost');
  const approvedOn = requireNotAfter(reqDate(input.approvedOn, 'approvedOn'), todayVn(deps), 'approvedOn');
  const note = optText(input.note, 'note', 2000);
  const sources = new Map<string, number>();
  for (const [i, raw] of listOf(input.sources ?? [], 'sources').entries()) {
    const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const source = reqEnum(s.source, HOUSE_SOURCES, `sources[${i}].source`);
    sources.set(source, (sources.get(source) ?? 0) + parseAmount(s.amount, `sources[${i}].amount`));
  }
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const h = await householdInScope(trx, actor, input.householdKey, scopeOf(actor), 'householdKey');
    const row = await insertHouse(trx, {
      province_code: h.province_code,
      commune_code: h.commune_code,
      household_id: h.id,
      household_key: h.household_key,
      kind,
      estimated_cost: estimatedCost,
      actual_cost: null,
      stage: 'approved',
      approved_on: approvedOn,
      started_on: null,
      handed_over_on: null,
      spending_id: null,
      note,
      created_at: at,
      created_by: actorName(actor),
      updated_at: at,
    });
    for (const [source, amount] of sources)
      await insertHouseSource(trx, { province_code: h.province_code, house_id: row.id, source, amount });
    await audit(trx, actor, at, {
      action: 'create',
      entity: 'front_house',
      id: row.id,
      unitCode: row.commune_code,
      provinceCode: row.province_code,
      after: { ...row, sources: Object.fromEntries(sources) },
    });
    return row;
  });
}

/** Moves a house one stage on, on a date; the hand-over states the actual cost. */
export async function advanceHouse(
  deps: Deps,
  actor: Actor,
  id: unknown,
  input: { stage?: unknown; date?: unknown; actualCost?: unknown; version?: unknown },
) {
  requirePermission(actor, 'front.write');
  const db = deps.db.kysely;
  const date = requireNotAfter(reqDate(input.date, 'date'), todayVn(deps), 'date');
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const h = await loadHouse(trx, actor, id);
    const last = h.handed_over_on ?? h.started_on ?? h.approved_on;
    const stage = advanceStage(h.stage as HouseStage, input.stage, date, last);
    const actualCost = stage === 'handed-over' ? parseAmount(input.actualCost, 'actualCost') : h.actual_cost;
    const set = {
      stage,
      updated_at: at,
      actual_cost: actualCost,
      ...(stage === 'under-construction' ? { started_on: date } : {}),
      ...(stage === 'handed-over' ? { handed_over_on: date } : {}),
    };
    if (!(await updateHouse(trx, h.id, h.version, set)))
      throw new AppError('CONFLICT', { expected: h.version, actual: h.version + 1 });
    const after = (await findHouse(trx, h.id))!;
    await audit(trx, actor, at, {
      action: `stage:${stage}`,
      entity: 'front_house',
      id: h.id,
      unitCode: h.commune_code,
      provinceCode: h.province_code,
      before: h,
      after,
    });
    return after;
  });
}

/** Stores a photo of a house at its current stage (JPEG, upright, without metadata, at most 1600 px). */
export async function addHousePhoto(
  deps: Deps,
  actor: Actor,
  id: unknown,
  file: UploadedFrontFile | undefined,
  input: { caption?: unknown } = {},
) {
  requirePermission(actor, 'front.write');
  if (!file) throw new AppError('FIELD_REQUIRED', { field: 'file' }, { field: 'file' });
  const caption = optText(input.caption, 'caption', 300);
  const db = deps.db.kysely;
  const h = await loadHouse(db, actor, id);
  let bytes: Buffer;
  try {
    bytes = await sharp(file.path, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82 })
      .toBuffer();
  } catch (err) {
    throw new AppError(
      'FIELD_INVALID',
      { field: 'file', detail: 'không phải ảnh JPEG/PNG/WebP / not a JPEG, PNG or WebP image' },
      { field: 'file', cause: err },
    );
  }
  const stored = `${crypto.randomBytes(16).toString('hex')}.jpg`;
  await fs.mkdir(frontFileDir(deps), { recursive: true });
  await fs.writeFile(path.join(frontFileDir(deps), stored), bytes);
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const row = await insertFile(trx, {
      province_code: h.province_code,
      owner: 'house',
      owner_id: h.id,
      stage: h.stage,
      file_name: path.basename(file.fileName).replace(/\.[^.]*$/, '') + '.jpg',
      caption,
      stored_name: stored,
      content_type: 'image/jpeg',
      size: bytes.length,
      created_at: at,
      created_by: actorName(actor),
    });
    await audit(trx, actor, at, {
      action: 'photo',
      entity: 'front_house',
      id: h.id,
      unitCode: h.commune_code,
      provinceCode: h.province_code,
      after: row,
    });
    return {
      id: row.id,
      stage: row.stage,
      fileName: row.file_name,
      caption: row.caption ?? null,
      size: row.size,
    };
  });
}

/** A stored photo or attachment, when its owner (a house, a recommendation) is within the actor's scope. */
export async function frontFile(deps: Deps, actor: Actor, id: unknown) {
  requirePermission(actor, 'front.read');
  const db = deps.db.kysely;
  const n = reqId(id, 'id');
  const notFound = () => new AppError('FRONT_ATTACHMENT_NOT_FOUND', { id: n }, { field: 'id' });
  const f = await findFile(db, n);
  if (!f) throw notFound();
  if (f.owner === 'house') await loadHouse(db, actor, f.owner_id).catch(() => Promise.reject(notFound()));
  else {
    await loadRecommendation(db, actor, f.owner_id, todayVn(deps)).catch(() => Promise.reject(notFound()));
  }
  return {
    path: path.join(frontFileDir(deps), f.stored_name),
    fileName: f.file_name,
    contentType: f.content_type,
  };
}

export interface HouseView {
  id: number;
  householdKey: string;
  communeCode: string;
  communeName: string;
  headName: string;
  village: string | null;
  kind: string;
  estimatedCost: number;
  actualCost: number | null;
  stage: string;
  approvedOn: string;
  startedOn: string | null;
  handedOverOn: string | null;
  sources: { source: string; amount: number }[];
  /** `caption`: the Front's words under the photo (the demo's drawings say "Ảnh minh họa"). */
  photos: { id: number; stage: string | null; fileName: string; caption: string | null }[];
  /** For a handed-over house: what the next survey says of the household's housing. */
  outcome: HousingOutcome | null;
  version: number;
}

async function outcomeOf(db: Executor, h: HouseRecord): Promise<HousingOutcome | null> {
  if (h.handed_over_on === null) return null;
  const results = await householdResultsAround(db, h.province_code, h.household_id);
  const split = (d: string) => (d ? d.split(',') : []);
  const before = results.filter((r) => r.survey_date <= h.handed_over_on!).pop();
  const after = results.find((r) => r.survey_date > h.handed_over_on!);
  return housingOutcome(before ? split(before.deprivations) : null, after ? split(after.deprivations) : null);
}

/** The houses within the actor's scope (optionally of one unit and below), names masked by role. */
export async function listHousesFor(
  deps: Deps,
  actor: Actor,
  q: { unitCode?: unknown } = {},
): Promise<HouseView[]> {
  requirePermission(actor, 'front.read');
  const db = deps.db.kysely;
  const codes = await communesInScope(db, actor);
  let rows = await listHouses(db, codes ? [...codes] : null);
  if (q.unitCode !== undefined && q.unitCode !== '') {
    const unit = String(q.unitCode);
    const keep = [];
    for (const r of rows) if (await unitWithinScope(db, unit, r.commune_code)) keep.push(r);
    rows = keep;
  }
  const ids = rows.map((r) => r.id);
  const sources = await listHouseSources(db, ids);
  const photos = await listFiles(db, 'house', ids);
  const pd = personalDataFor(actor);
  const names = new Map<string, string>();
  const out: HouseView[] = [];
  for (const r of rows) {
    if (!names.has(r.commune_code))
      names.set(r.commune_code, await unitNameOf(db, r.commune_code, r.approved_on));
    out.push({
      id: r.id,
      householdKey: r.household_key,
      communeCode: r.commune_code,
      communeName: names.get(r.commune_code)!,
      headName: pd.name(r.head_name),
      village: r.village_name ?? null,
      kind: r.kind,
      estimatedCost: r.estimated_cost,
      actualCost: r.actual_cost,
      stage: r.stage,
      approvedOn: r.approved_on,
      startedOn: r.started_on,
      handedOverOn: r.handed_over_on,
      sources: sources
        .filter((s) => s.house_id === r.id)
        .map((s) => ({ source: s.source, amount: s.amount })),
      photos: photos
        .filter((p) => p.owner_id === r.id)
        .map((p) => ({ id: p.id, stage: p.stage, fileName: p.file_name, caption: p.caption ?? null })),
      outcome: await outcomeOf(db, r),
      version: r.version,
    });
  }
  return out;
}

export interface HousesByUnitRow {
  communeCode: string;
  communeName: string;
  approved: number;
  underConstruction: number;
  handedOver: number;
  estimatedCost: number;
  actualCost: number;
  lifted: number;
  stillDeprived: number;
  notSurveyedYet: number;
}

/** Houses per commune: by stage, cost, and how many lifted their household out of housing deprivation. */
export async function housesByUnit(deps: Deps, actor: Actor, q: { unitCode?: unknown } = {}) {
  const houses = await listHousesFor(deps, actor, q);
  const rows = new Map<string, HousesByUnitRow>();
  for (const h of houses) {
    const r =
      rows.get(h.communeCode) ??
      ({
        communeCode: h.communeCode,
        communeName: h.communeName,
        approved: 0,
        underConstruction: 0,
        handedOver: 0,
        estimatedCost: 0,
        actualCost: 0,
        lifted: 0,
        stillDeprived: 0,
        notSurveyedYet: 0,
      } satisfies HousesByUnitRow);
    if (h.stage === 'approved') r.approved += 1;
    else if (h.stage === 'under-construction') r.underConstruction += 1;
    else r.handedOver += 1;
    r.estimatedCost += h.estimatedCost;
    r.actualCost += h.actualCost ?? 0;
    if (h.outcome === 'lifted') r.lifted += 1;
    if (h.outcome === 'still-deprived') r.stillDeprived += 1;
    if (h.outcome === 'not-surveyed-yet') r.notSurveyedYet += 1;
    rows.set(h.communeCode, r);
  }
  const list = [...rows.values()].sort((a, b) => a.communeName.localeCompare(b.communeName, 'vi'));
  const total: HousesByUnitRow = list.reduce(
    (t, r) => ({
      ...t,
      approved: t.approved + r.approved,
      underConstruction: t.underConstruction + r.underConstruction,
      handedOver: t.handedOver + r.handedOver,
      estimatedCost: t.estimatedCost + r.estimatedCost,
      actualCost: t.actualCost + r.actualCost,
      lifted: t.lifted + r.lifted,
      stillDeprived: t.stillDeprived + r.stillDeprived,
      notSurveyedYet: t.notSurveyedYet + r.notSurveyedYet,
    }),
    {
      communeCode: '',
      communeName: '',
      approved: 0,
      underConstruction: 0,
      handedOver: 0,
      estimatedCost: 0,
      actualCost: 0,
      lifted: 0,
      stillDeprived: 0,
      notSurveyedYet: 0,
    },
  );
  return { rows: list, total };
}

export { unitAt };
