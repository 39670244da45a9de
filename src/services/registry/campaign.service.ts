// Use cases of the review campaign of a commune × period (and of regular-review cases for one
// household): read the state with its timeline and next allowed steps, and apply one transition.
// The rules are the pure state machine of src/domain/campaign; this service adds what needs the
// database: the villages with reviewed households, the holiday calendar, the re-surveys and the
// complaint re-checks that change results (classified by the engine), and the recognition that
// approves and freezes the results. One transaction per transition, audited, shown as a timeline.
import { campaignProgress, eventDateOf, type CampaignProgress } from '../../domain/campaign/timeline.js';
import { periodOf } from '../input.js';
import { optionalCleanText } from '../../domain/input.js';
import { AppError } from '../../errors.js';
import { WorkingCalendar, type CalendarDay } from '../../domain/campaign/calendar.js';
import {
  allowedActions,
  applyAction,
  newCampaign,
  nextStepOf,
  STEP_LABELS,
  type Action,
  type CampaignState,
} from '../../domain/campaign/campaign.js';
import { findUnitOn } from '../../db/repositories/units.repository.js';
import { findVillage, listVillagesOfCommune } from '../../db/repositories/villages.repository.js';
import {
  findCampaign,
  freezeResults,
  insertCampaign,
  insertCampaignEvent,
  listCalendarDays,
  listCampaignEvents,
  listCampaignsOfCommune,
  surveyProgress,
  updateCampaign,
  villagesWithResults,
  type CampaignKey,
} from '../../db/repositories/campaign.repository.js';
import { findHouseholdByKey, getResult } from '../../db/repositories/registry.repository.js';
import {
  applyAggregateDeltas,
  recountUnitAggregates,
  setResultFrozen,
  writeHousehold,
} from '../../db/registry-write/index.js';
import type { Executor } from '../../db/repositories/executor.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import { communesInScope, isWithinScope, requirePermission, requireUnitAccess } from '../access.js';
import { recordAccess } from '../privacy/access-record.service.js';
import { wordOfCode } from '../../domain/words/catalogue.js';
import { personalDataFor, type PersonalData } from '../personal-data.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { toWrite } from './import.service.js';
import { prepareSurvey, type Prepared } from './households.service.js';
import { issueCertificates } from './certificates.service.js';

export interface CampaignRef {
  communeCode: string;
  period: number;
  /** A regular-review case: the household id; absent for the periodic campaign. */
  caseKey?: string;
}

async function keyOf(deps: Deps, db: Executor, ref: CampaignRef): Promise<CampaignKey> {
  // A period outside the declared range is a typing error, never a campaign to make up.
  const period = periodOf(deps, ref.period);
  const caseKey = optionalCleanText(ref.caseKey, 'caseKey', 64);
  // The commune version in force during the review season of the period.
  const on = `${period}-10-15`;
  const unit =
    (await findUnitOn(db, ref.communeCode, on)) ?? (await findUnitOn(db, ref.communeCode, `${period}-06-30`));
  if (!unit)
    throw new AppError('UNIT_NOT_FOUND', { code: ref.communeCode, date: on }, { field: 'communeCode' });
  if (unit.level !== 'commune')
    throw new AppError('UNIT_NOT_COMMUNE', { code: unit.code }, { field: 'communeCode' });
  return {
    provinceCode: unit.province_code,
    communeCode: unit.code,
    communeValidFrom: unit.valid_from ?? '',
    period,
    kind: caseKey ? 'regular' : 'periodic',
    caseKey: caseKey ?? '',
  };
}

async function calendarOf(db: Executor): Promise<WorkingCalendar> {
  const days = await listCalendarDays(db);
  return new WorkingCalendar(
    days.map((d) => ({ date: d.date, kind: d.kind as CalendarDay['kind'], name: d.name })),
  );
}

export interface CampaignView {
  id: number | null;
  communeCode: string;
  period: number;
  kind: 'periodic' | 'regular';
  caseKey: string | null;
  version: number;
  step: string;
  stepLabel: { vi: string; en: string };
  nextStep: string | null;
  allowedActions: string[];
  state: CampaignState;
  pending: unknown;
  /** `on`: the event's own date (meeting day, posting start, decision date…), null when it has none. */
  timeline: {
    at: string;
    on: string | null;
    actor: string;
    action: string;
    from: string;
    to: string;
    payload: unknown;
  }[];
  /** Surveyed households against the registry, meetings held, complaints open. */
  progress: CampaignProgress;
}

interface Stored {
  state: CampaignState;
  /** For a regular-review case: the survey that will replace the frozen result when recognised. */
  pending?: unknown;
}

/**
 * The campaign through the masking step: complainants' names as initials and their complaint texts
 * withheld, in the state and in the timeline; a regular-review case's pending survey reduced to
 * who it is about (initials). Officers' names (chairs, secretaries, signers) are not masked: they
 * act in office.
 */
function maskCampaign(v: CampaignView, pd: PersonalData): CampaignView {
  if (pd.reveals) return v;
  return {
    ...v,
    state: {
      ...v.state,
      complaints: v.state.complaints.map((c) => ({
        ...c,
        complainant: pd.name(c.complainant),
        text: pd.text(c.text) ?? '',
      })),
    },
    pending: pd.survey(v.pending),
    timeline: v.timeline.map((e) => {
      const p = e.payload;
      if (!p || typeof p !== 'object') return e;
      const x = p as Record<string, unknown>;
      return {
        ...e,
        payload: {
          ...x,
          ...(typeof x.complainant === 'string' ? { complainant: pd.name(x.complainant) } : {}),
          ...(typeof x.text === 'string' ? { text: pd.text(x.text) } : {}),
        },
      };
    }),
  };
}

async function view(db: Executor, key: CampaignKey, pd: PersonalData): Promise<CampaignView> {
  return maskCampaign(await rawView(db, key), pd);
}

async function rawView(db: Executor, key: CampaignKey): Promise<CampaignView> {
  const row = await findCampaign(db, key);
  const stored: Stored = row
    ? (JSON.parse(row.state_json) as Stored)
    : { state: newCampaign(key.kind, key.period) };
  const events = row ? await listCampaignEvents(db, key.provinceCode, row.id) : [];
  const step = stored.state.step;
  // Villages are shown by their current name (a case opened before this rule stored the id as its name).
  for (const v of stored.state.villages) {
    const found = await findVillage(db, v.villageId);
    if (found) v.name = found.name;
  }
  return {
    id: row?.id ?? null,
    communeCode: key.communeCode,
    period: key.period,
    kind: key.kind,
    caseKey: key.caseKey || null,
    version: row?.version ?? 0,
    step,
    stepLabel: STEP_LABELS[step],
    nextStep: nextStepOf(step),
    allowedActions: allowedActions(stored.state),
    state: stored.state,
    pending: stored.pending ?? null,
    progress: campaignProgress(
      stored.state,
      await surveyProgress(db, key.provinceCode, key.communeCode, key.communeValidFrom, key.period),
    ),
    timeline: events.map((e) => ({
      at: e.at,
      on: eventDateOf(e.action, JSON.parse(e.payload_json) as unknown),
      actor: e.actor,
      action: e.action,
      from: e.from_step,
      to: e.to_step,
      payload: JSON.parse(e.payload_json) as unknown,
    })),
  };
}

/** The key of a commune's campaign of a period (its commune version in force in the review season). */
export async function campaignKeyOf(deps: Deps, db: Executor, ref: CampaignRef): Promise<CampaignKey> {
  return keyOf(deps, db, ref);
}

export async function getCampaign(deps: Deps, actor: Actor, ref: CampaignRef): Promise<CampaignView> {
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, ref.communeCode);
  const key = await keyOf(deps, db, ref);
  const v = await view(db, key, personalDataFor(actor));
  // The screen names households (the meetings' lists, re-surveys, complaints and complainants).
  const households = [
    ...new Set([
      ...(key.caseKey ? [key.caseKey] : []),
      ...v.state.villages.flatMap((g) => [
        ...g.meetings.flatMap((m) => m.agreedHouseholds),
        ...g.resurveys.flatMap((r) => r.households),
      ]),
      ...v.state.complaints.map((c) => c.householdKey),
    ]),
  ];
  if (households.length > 0)
    await recordAccess(deps, actor, {
      action: 'campaign.read',
      provinceCode: key.provinceCode,
      unitCode: key.communeCode,
      households,
      filter: { 'Kỳ rà soát': key.period, Loại: wordOfCode('campaignKind', key.kind, 'vi') },
    });
  return v;
}

export async function listCampaigns(deps: Deps, actor: Actor, communeCode: string) {
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, communeCode);
  const unit = await findUnitOn(db, communeCode, '2024-10-15');
  const provinceCode = unit?.province_code ?? communeCode.slice(0, 2);
  const rows = await listCampaignsOfCommune(db, provinceCode, communeCode);
  const pd = personalDataFor(actor);
  const out = [];
  for (const r of rows) {
    // A regular-review case names its household and the household's village (by name), while the
    // household is one the reader may see (it may have moved to a commune out of scope since).
    const found = r.case_key ? await findHouseholdByKey(db, provinceCode, r.case_key) : undefined;
    const household = found && (await isWithinScope(db, actor, found.commune_code)) ? found : undefined;
    const village = household?.village_id ? await findVillage(db, household.village_id) : undefined;
    out.push({
      id: r.id,
      period: r.period,
      kind: r.kind,
      caseKey: r.case_key || null,
      step: r.step,
      stepLabel: STEP_LABELS[r.step as keyof typeof STEP_LABELS] ?? { vi: r.step, en: r.step },
      headName: pd.nameOrNull(household?.head_name),
      village: village ? { id: village.id, name: village.name } : null,
      updatedAt: r.updated_at,
    });
  }
  // The regular-review cases are named by their household's head.
  const named = out.filter((c) => c.caseKey && c.headName).map((c) => c.caseKey!);
  if (named.length > 0)
    await recordAccess(deps, actor, {
      action: 'campaign.read',
      provinceCode,
      unitCode: communeCode,
      households: named,
      filter: { 'Danh sách': 'hồ sơ rà soát' },
    });
  return out;
}

export interface TransitionInput extends CampaignRef {
  action: Action;
  /** Optimistic locking on the campaign (its version when the officer loaded it). */
  expectedVersion?: number;
  /** New survey records: the re-survey of a village, or the re-check of an accepted complaint. */
  surveys?: unknown[];
}

export async function transition(deps: Deps, actor: Actor, input: TransitionInput): Promise<CampaignView> {
  requirePermission(actor, 'campaign.decide');
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, input.communeCode);
  // Surveys are validated and classified before the transaction (the engine reads units).
  // Re-surveys and re-checks are classified with the standard of the campaign's period.
  const period = periodOf(deps, input.period);
  const prepared: Prepared[] = [];
  for (const s of input.surveys ?? []) {
    const p = await prepareSurvey(deps, s, period);
    if (p.record.unitCode !== input.communeCode) {
      throw new AppError(
        'FIELD_INVALID',
        { field: 'surveys.unitCode', detail: p.record.unitCode },
        { field: 'surveys' },
      );
    }
    if (input.caseKey && p.record.householdId !== input.caseKey) {
      throw new AppError(
        'FIELD_INVALID',
        { field: 'surveys.householdId', detail: p.record.householdId },
        { field: 'surveys' },
      );
    }
    prepared.push(p);
  }
  // A regular-review case replaces the frozen result with its pending survey on recognition.
  let pending: Prepared | undefined;
  if (input.action.type === 'recognise' && input.caseKey) {
    const row = await findCampaign(db, await keyOf(deps, db, input));
    const stored = row ? (JSON.parse(row.state_json) as Stored) : undefined;
    if (stored?.pending) pending = await prepareSurvey(deps, stored.pending, period);
  }
  const at = nowIso(deps);
  const pd = personalDataFor(actor);
  // Re-surveys write households: one kept by a commune outside the scope is refused.
  const scopeCommunes = await communesInScope(db, actor);
  const write = { actor, scopeCommunes };
  return db.transaction().execute(async (trx) => {
    const key = await keyOf(deps, trx, input);
    let row = await findCampaign(trx, key);
    if (!row) {
      const fresh: Stored = { state: newCampaign(key.kind, key.period) };
      row = await insertCampaign(trx, key, 'survey', JSON.stringify(fresh), at);
    }
    if (
      input.expectedVersion !== undefined &&
      input.expectedVersion !== row.version &&
      !(input.expectedVersion === 0 && row.version === 1)
    ) {
      throw new AppError(
        'CONFLICT',
        { expected: input.expectedVersion, actual: row.version },
        { data: { theirs: await view(trx, key, pd) } },
      );
    }
    const stored = JSON.parse(row.state_json) as Stored;
    let pendingSurvey = stored.pending;
    let action = input.action;
    if (action.type === 'open-meetings' && (!action.villages || action.villages.length === 0)) {
      action = { ...action, villages: await villagesFor(trx, key) };
    }
    // An accepted complaint with a re-check survey changes the result before recognition.
    let newClassification: string | null = null;
    if (action.type === 'resolve-complaint' && action.outcome === 'accepted' && prepared.length > 0) {
      const complaintId = action.complaintId;
      const complaint = stored.state.complaints.find((c) => c.id === complaintId);
      const p = prepared.find((x) => x.record.householdId === complaint?.householdKey) ?? prepared[0]!;
      newClassification = p.result.classification;
      action = { ...action, newClassification };
    }
    const next = applyAction(stored.state, action, {
      calendar: await calendarOf(trx),
      postingWorkingDays: deps.config.postingWorkingDays,
    });
    // Side effects that belong to the transition, in the same transaction.
    if (action.type === 'resolve-complaint' && action.outcome !== 'accepted' && prepared.length > 0) {
      throw new AppError(
        'FIELD_INVALID',
        { field: 'surveys', detail: 'rejected complaint' },
        { field: 'surveys' },
      );
    }
    if (key.kind === 'regular' && prepared.length > 0) {
      // A regular-review case keeps its survey (the one the household asked for, or the re-survey
      // after a failed vote or an accepted complaint) until recognition: the recognised result of
      // the period stays as it is until then.
      if (
        action.type !== 'open-meetings' &&
        action.type !== 'record-resurvey' &&
        action.type !== 'resolve-complaint'
      ) {
        throw new AppError('FIELD_INVALID', { field: 'surveys', detail: action.type }, { field: 'surveys' });
      }
      pendingSurvey = input.surveys![input.surveys!.length - 1];
    } else if (
      (action.type === 'record-resurvey' || action.type === 'resolve-complaint') &&
      prepared.length > 0
    ) {
      for (const p of prepared)
        await writeSurvey(
          trx,
          write,
          p,
          key.period,
          at,
          action.type === 'resolve-complaint' ? 'complaint' : 'resurvey',
        );
    }
    if (action.type === 'recognise') {
      if (key.kind === 'periodic') {
        await freezeResults(trx, key.provinceCode, key.communeCode, key.communeValidFrom, key.period, at);
        await recountUnitAggregates(trx, key.provinceCode, key.period, key.communeCode, key.communeValidFrom);
      } else {
        if (!pending)
          throw new AppError('REGULAR_REVIEW_NO_SURVEY', { id: key.caseKey }, { field: 'surveys' });
        await writeSurvey(trx, write, pending, key.period, at, 'regular-review', true);
        await recountUnitAggregates(trx, key.provinceCode, key.period, key.communeCode, key.communeValidFrom);
      }
      // Mẫu số 03: the certificates of the recognised poor and near-poor households, same transaction.
      const caseHousehold = key.caseKey
        ? await findHouseholdByKey(trx, key.provinceCode, key.caseKey)
        : undefined;
      if (next.recognition && (!key.caseKey || caseHousehold)) {
        await issueCertificates(trx, {
          provinceCode: key.provinceCode,
          communeCode: key.communeCode,
          communeValidFrom: key.communeValidFrom,
          period: key.period,
          campaignId: row.id,
          recognition: next.recognition,
          ...(caseHousehold ? { householdId: caseHousehold.id } : {}),
          at,
          actor,
        });
      }
    }
    const nextStored: Stored = {
      ...stored,
      state: next,
      ...(pendingSurvey !== undefined ? { pending: pendingSurvey } : {}),
    };
    if (
      !(await updateCampaign(
        trx,
        row.id,
        key.provinceCode,
        row.version,
        next.step,
        JSON.stringify(nextStored),
        at,
      ))
    ) {
      throw new AppError('CONFLICT', { expected: row.version, actual: row.version + 1 });
    }
    const payload = {
      ...action,
      ...(input.surveys
        ? {
            surveys: prepared.map((p) => ({
              householdId: p.record.householdId,
              classification: p.result.classification,
            })),
          }
        : {}),
    };
    await insertCampaignEvent(trx, {
      provinceCode: key.provinceCode,
      campaignId: row.id,
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: action.type,
      from: stored.state.step,
      to: next.step,
      payload,
    });
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: `campaign.${action.type}`,
      entity: 'review_campaign',
      entityId: String(row.id),
      unitCode: key.communeCode,
      provinceCode: key.provinceCode,
      before: { step: stored.state.step },
      after: payload,
    });
    return view(trx, key, pd);
  });
}

async function villagesFor(db: Executor, key: CampaignKey): Promise<{ villageId: number; name: string }[]> {
  if (key.kind === 'regular') {
    // A regular-review case is agreed in the meeting of the household's own village.
    const household = await findHouseholdByKey(db, key.provinceCode, key.caseKey);
    const village = household?.village_id ? await findVillage(db, household.village_id) : undefined;
    if (village) return [{ villageId: village.id, name: village.name }];
  }
  const withResults = await villagesWithResults(
    db,
    key.provinceCode,
    key.communeCode,
    key.communeValidFrom,
    key.period,
  );
  if (withResults.length > 0) return withResults.map((v) => ({ villageId: Number(v.id), name: v.name }));
  const all = await listVillagesOfCommune(db, key.communeCode, key.communeValidFrom);
  return all.map((v) => ({ villageId: v.id, name: v.name }));
}

async function writeSurvey(
  db: Executor,
  { actor, scopeCommunes }: { actor: Actor; scopeCommunes: ReadonlySet<string> | null },
  p: Prepared,
  period: number,
  at: string,
  action: string,
  recognise = false,
) {
  const existing = await findHouseholdByKey(db, p.provinceCode, p.record.householdId);
  const w = toWrite(p.record, p.result, {
    provinceCode: p.provinceCode,
    communeValidFrom: p.communeValidFrom,
    villageId: existing?.village_id ?? null,
    address: existing?.address ?? null,
    period,
    status: recognise ? 'approved' : 'draft',
  });
  const outcome = await writeHousehold(db, w, {
    at,
    actorId: actorId(actor),
    actor: actorName(actor),
    action,
    overrideFrozen: recognise,
    scopeCommunes,
  });
  if (!outcome.ok && outcome.code === 'HOUSEHOLD_OUT_OF_SCOPE')
    throw new AppError('HOUSEHOLD_OUT_OF_SCOPE', { id: p.record.householdId }, { field: 'surveys' });
  if (!outcome.ok)
    throw new AppError(outcome.code === 'CONFLICT' ? 'CONFLICT' : 'RESULT_FROZEN', {
      expected: '',
      actual: '',
    });
  await applyAggregateDeltas(db, outcome.deltas);
  if (recognise) {
    const r = await getResult(db, p.provinceCode, outcome.householdId, period);
    if (r) await setResultFrozen(db, r.id, p.provinceCode, at);
  }
}

/**
 * A change to a recognised (frozen) result opens a regular-review case for the household instead
 * of changing the list: the new survey waits in the case and replaces the result when the case is
 * recognised. Called inside the caller's transaction.
 */
export async function openRegularReview(
  deps: Deps,
  trx: Executor,
  actor: Actor,
  input: { prepared: Prepared; period: number; survey: unknown; at: string },
): Promise<string> {
  void deps;
  const p = input.prepared;
  const key: CampaignKey = {
    provinceCode: p.provinceCode,
    communeCode: p.record.unitCode,
    communeValidFrom: p.communeValidFrom,
    period: input.period,
    kind: 'regular',
    caseKey: p.record.householdId,
  };
  const existing = await findCampaign(trx, key);
  const household = await findHouseholdByKey(trx, p.provinceCode, p.record.householdId);
  const village = household?.village_id ? await findVillage(trx, household.village_id) : undefined;
  const villages = village ? [{ villageId: village.id, name: village.name }] : [];
  const stored: Stored = { state: newCampaign('regular', input.period), pending: input.survey };
  if (existing) {
    const prev = JSON.parse(existing.state_json) as Stored;
    if (prev.state.step !== 'survey' && prev.state.step !== 'reported') {
      throw new AppError('CAMPAIGN_STEP_OUT_OF_ORDER', {
        from: prev.state.step,
        to: 'survey',
        allowed: allowedActions(prev.state).join(', '),
      });
    }
    await updateCampaign(
      trx,
      existing.id,
      key.provinceCode,
      existing.version,
      'survey',
      JSON.stringify(stored),
      input.at,
    );
    await insertCampaignEvent(trx, {
      provinceCode: key.provinceCode,
      campaignId: existing.id,
      at: input.at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'open-case',
      from: prev.state.step,
      to: 'survey',
      payload: { villages },
    });
  } else {
    const row = await insertCampaign(trx, key, 'survey', JSON.stringify(stored), input.at);
    await insertCampaignEvent(trx, {
      provinceCode: key.provinceCode,
      campaignId: row.id,
      at: input.at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'open-case',
      from: 'survey',
      to: 'survey',
      payload: { villages },
    });
  }
  return p.record.householdId;
}
