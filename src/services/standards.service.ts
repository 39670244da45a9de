// Use cases on poverty standards: the national standards are seeded from their shipped definitions
// on first use (and refreshed, with an audit entry, when a release corrects them); a province
// registers a local standard (same indicators, higher lines) validated as a whole. The engine
// takes every standard from the database through loadStandards().
import { AppError } from '../errors.js';
import { isIsoDate } from '../domain/dates.js';
import { NATIONAL_STANDARDS } from '../domain/standards/national.js';
import type { Standard, Text } from '../domain/standards/standard.js';
import { validateStandard, type StandardProblem } from '../domain/standards/validate.js';
import { AREAS, type Area } from '../domain/survey/record.js';
import {
  findStandardRow,
  insertStandard,
  listStandardRows,
  overlappingLocalStandards,
  updateStandardDefinition,
  type StandardRow,
  type StandardWrite,
} from '../db/repositories/standards.repository.js';
import { findUnitVersions } from '../db/repositories/units.repository.js';
import { insertAudit } from '../db/repositories/audit.repository.js';
import type { Executor } from '../db/repositories/executor.js';
import { requirePermission, requireUnitAccess } from './access.js';
import { actorId, actorName, nowIso, SYSTEM, type Actor, type Deps } from './deps.js';

export interface StandardView extends Standard {
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

function toWrite(s: Standard): StandardWrite {
  return {
    code: s.code,
    scope: s.scope,
    provinceCode: s.provinceCode,
    baseCode: s.baseCode,
    validFrom: s.validFrom,
    validTo: s.validTo,
    provisional: s.provisional,
    definitionJson: JSON.stringify(s),
  };
}

function invalid(code: string, problems: StandardProblem[]): AppError {
  const detail = problems
    .slice(0, 5)
    .map((p) => `${p.path || code}: ${p.message} (${p.code})`)
    .join('; ');
  return new AppError('STANDARD_INVALID', { detail: `${code} — ${detail}` }, { data: { problems } });
}

/** A stored row as a validated Standard (a row that fails validation is refused, never half-used). */
function fromRow(row: StandardRow): StandardView {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.definition_json);
  } catch {
    throw invalid(row.code, [{ code: 'TYPE', path: '', message: 'stored definition is not JSON' }]);
  }
  const problems = validateStandard(parsed);
  if (problems.length) throw invalid(row.code, problems);
  return {
    ...(parsed as Standard),
    version: Number(row.version),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

/**
 * Writes the shipped national standards into the database when absent, and replaces a stored
 * national definition that differs from the shipped one (a release that corrects a threshold).
 * Idempotent; returns the codes written.
 */
export async function ensureNationalStandards(deps: Deps): Promise<string[]> {
  const db = deps.db.kysely;
  const rows = await listStandardRows(db);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const pending = NATIONAL_STANDARDS.filter((s) => byCode.get(s.code)?.definition_json !== JSON.stringify(s));
  if (pending.length === 0) return [];
  const at = nowIso(deps);
  await db.transaction().execute(async (trx) => {
    for (const s of pending) {
      const existing = await findStandardRow(trx, s.code);
      if (existing?.definition_json === JSON.stringify(s)) continue;
      if (existing) await updateStandardDefinition(trx, toWrite(s), at);
      else await insertStandard(trx, toWrite(s), at, actorName(SYSTEM), true);
      await insertAudit(trx, {
        at,
        actorId: null,
        actor: actorName(SYSTEM),
        action: existing ? 'standard.update' : 'standard.seed',
        entity: 'poverty_standard',
        entityId: s.code,
        before: existing ? JSON.parse(existing.definition_json) : undefined,
        after: s,
      });
    }
  });
  return pending.map((s) => s.code);
}

/** Every standard in the database (national ones seeded first), validated. */
export async function loadStandards(deps: Deps): Promise<StandardView[]> {
  await ensureNationalStandards(deps);
  return (await listStandardRows(deps.db.kysely)).map(fromRow);
}

export async function listStandards(deps: Deps, actor: Actor): Promise<StandardView[]> {
  void actor; // any signed-in user may read the standards (they are public law or public decisions)
  return loadStandards(deps);
}

export async function getStandard(deps: Deps, actor: Actor, code: string): Promise<StandardView> {
  void actor;
  await ensureNationalStandards(deps);
  const row = await findStandardRow(deps.db.kysely, code);
  if (!row) throw new AppError('STANDARD_UNKNOWN', { code }, { field: 'code' });
  return fromRow(row);
}

export interface LocalStandardInput {
  code: string;
  provinceCode: string;
  baseCode: string;
  name: Text;
  legalBasis: Text;
  validFrom: string;
  validTo: string;
  incomeLines: Record<Area, number>;
  /** Omitted: the base standard's band, which must then stay above the new lines. */
  averageUpperBounds?: Record<Area, number | null>;
  notes?: Text | null;
}

async function provinceExists(db: Executor, code: string): Promise<boolean> {
  return (await findUnitVersions(db, code)).some((u) => u.level === 'province');
}

/**
 * Registers a province's local standard: the indicators, thresholds and deprivation count of the
 * national standard it raises, with income lines at least as high in every area and higher in one,
 * within the base's period and overlapping no other local standard of the province.
 */
export async function registerLocalStandard(
  deps: Deps,
  actor: Actor,
  input: LocalStandardInput,
): Promise<StandardView> {
  requirePermission(actor, 'standards.manage');
  const db = deps.db.kysely;
  if (typeof input.provinceCode !== 'string' || !/^\d{2}$/.test(input.provinceCode)) {
    throw new AppError(
      'FIELD_INVALID',
      { field: 'provinceCode', detail: input.provinceCode },
      { field: 'provinceCode' },
    );
  }
  await requireUnitAccess(db, actor, input.provinceCode);
  if (!(await provinceExists(db, input.provinceCode))) {
    throw new AppError(
      'UNIT_NOT_FOUND',
      { code: input.provinceCode, date: input.validFrom },
      { field: 'provinceCode' },
    );
  }
  const standards = await loadStandards(deps);
  const base = standards.find((s) => s.code === input.baseCode && s.scope === 'national');
  if (!base) throw new AppError('STANDARD_UNKNOWN', { code: input.baseCode }, { field: 'baseCode' });

  const candidate: Standard = {
    code: input.code,
    name: input.name,
    legalBasis: input.legalBasis,
    scope: 'local',
    provinceCode: input.provinceCode,
    baseCode: base.code,
    validFrom: input.validFrom,
    validTo: input.validTo,
    provisional: base.provisional,
    incomeLines: input.incomeLines,
    averageUpperBounds: input.averageUpperBounds ?? base.averageUpperBounds,
    poorMinDeprivations: base.poorMinDeprivations,
    indicators: base.indicators,
    notes: input.notes ?? null,
  };
  const problems = validateStandard(candidate);
  // Rules of a local standard beyond the shape of any standard.
  if (isIsoDate(input.validFrom) && input.validFrom < base.validFrom) {
    problems.push({
      code: 'RANGE',
      path: 'validFrom',
      message: `must not be before ${base.validFrom} (${base.code})`,
    });
  }
  if (isIsoDate(input.validTo) && input.validTo > base.validTo) {
    problems.push({
      code: 'RANGE',
      path: 'validTo',
      message: `must not be after ${base.validTo} (${base.code})`,
    });
  }
  const lines = input.incomeLines as Partial<Record<Area, unknown>> | undefined;
  if (lines && AREAS.every((a) => typeof lines[a] === 'number')) {
    for (const a of AREAS) {
      if ((lines[a] as number) < base.incomeLines[a]) {
        problems.push({
          code: 'RANGE',
          path: `incomeLines.${a}`,
          message: `must not be below the national ${base.incomeLines[a]}`,
        });
      }
    }
    if (AREAS.every((a) => lines[a] === base.incomeLines[a])) {
      problems.push({
        code: 'RANGE',
        path: 'incomeLines',
        message: 'a local standard raises at least one line',
      });
    }
  }
  if (problems.length) throw invalid(String(input.code), problems);
  if (standards.some((s) => s.code === candidate.code)) {
    throw new AppError(
      'DUPLICATE',
      { what: 'Chuẩn nghèo / Standard', value: candidate.code },
      { field: 'code' },
    );
  }

  const at = nowIso(deps);
  await db.transaction().execute(async (trx) => {
    const overlapping = await overlappingLocalStandards(
      trx,
      candidate.provinceCode!,
      candidate.validFrom,
      candidate.validTo,
    );
    if (overlapping.length) {
      throw invalid(candidate.code, [
        {
          code: 'DATE_ORDER',
          path: 'validFrom',
          message: `overlaps the local standard ${overlapping[0]!.code} (${overlapping[0]!.valid_from}…${overlapping[0]!.valid_to})`,
        },
      ]);
    }
    await insertStandard(trx, toWrite(candidate), at, actorName(actor));
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'standard.register-local',
      entity: 'poverty_standard',
      entityId: candidate.code,
      provinceCode: candidate.provinceCode,
      after: candidate,
    });
  });
  return getStandard(deps, actor, candidate.code);
}
