// The program catalogue as data: Decision 90/QĐ-TTg's 2021–2025 program with its projects and
// sub-projects, and the merged 2026–2035 program whose components are edited as its structure
// is published. No project name lives in code: screens and reports read it from here.
import { AppError } from '../../errors.js';
import {
  findComponent,
  findProgramByCode,
  findProgramForYear,
  insertComponent,
  listComponentRows,
  listProgramRows,
  nextComponentOrdinal,
  updateComponentRow,
  type ComponentRecord,
  type ProgramRecord,
} from '../../db/repositories/finance.repository.js';
import type { Executor } from '../../db/repositories/executor.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import { requirePermission } from '../access.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { optText, reqEnum, reqText } from './common.js';

export interface ComponentView {
  id: number;
  code: string;
  parentCode: string | null;
  kind: string;
  name: string;
  nameEn: string;
  beneficiaries: string;
  beneficiariesEn: string;
  needsPoorDistrict: boolean;
  needsCoastalCommune: boolean;
  provisional: boolean;
  active: boolean;
}

export interface ProgramView {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  legalBasis: string;
  yearFrom: number;
  yearTo: number;
  provisional: boolean;
  components: ComponentView[];
}

export function componentView(c: ComponentRecord): ComponentView {
  return {
    id: c.id,
    code: c.code,
    parentCode: c.parent_code,
    kind: c.kind,
    name: c.name,
    nameEn: c.name_en,
    beneficiaries: c.beneficiaries,
    beneficiariesEn: c.beneficiaries_en,
    needsPoorDistrict: c.needs_poor_district === 1,
    needsCoastalCommune: c.needs_coastal_commune === 1,
    provisional: c.provisional === 1,
    active: c.active === 1,
  };
}

async function programView(db: Executor, p: ProgramRecord): Promise<ProgramView> {
  const components = await listComponentRows(db, Number(p.id));
  return {
    id: Number(p.id),
    code: p.code,
    name: p.name,
    nameEn: p.name_en,
    legalBasis: p.legal_basis,
    yearFrom: p.year_from,
    yearTo: p.year_to,
    provisional: p.provisional === 1,
    components: components.map(componentView),
  };
}

export async function listPrograms(deps: Deps): Promise<ProgramView[]> {
  const db = deps.db.kysely;
  const rows = await listProgramRows(db);
  return Promise.all(rows.map((p) => programView(db, p)));
}

export async function showProgram(deps: Deps, code: string): Promise<ProgramView> {
  const p = await findProgramByCode(deps.db.kysely, code);
  if (!p) throw new AppError('PROGRAM_NOT_FOUND', { code, year: '—' }, { field: 'code' });
  return programView(deps.db.kysely, p);
}

/** The program of a year (or the one named) and its component `code`; PROJECT_UNKNOWN names the field. */
export async function resolveComponent(
  db: Executor,
  input: { programCode?: string | null; componentCode: unknown; year: number },
  field = 'componentCode',
): Promise<{ program: ProgramRecord; component: ComponentRecord }> {
  const program = input.programCode
    ? await findProgramByCode(db, input.programCode)
    : await findProgramForYear(db, input.year);
  if (!program) {
    throw new AppError(
      'PROGRAM_NOT_FOUND',
      { code: input.programCode ?? '—', year: input.year },
      { field: input.programCode ? 'programCode' : 'year' },
    );
  }
  const code = typeof input.componentCode === 'string' ? input.componentCode.trim().toUpperCase() : '';
  const component = code ? await findComponent(db, Number(program.id), code) : undefined;
  if (!component || component.active !== 1)
    throw new AppError('PROJECT_UNKNOWN', { code: String(input.componentCode ?? '') }, { field });
  return { program, component };
}

export interface ComponentInput {
  code?: unknown;
  parentCode?: unknown;
  kind?: unknown;
  name?: unknown;
  nameEn?: unknown;
  beneficiaries?: unknown;
  beneficiariesEn?: unknown;
  needsPoorDistrict?: unknown;
  needsCoastalCommune?: unknown;
  provisional?: unknown;
  active?: unknown;
}

const flag = (v: unknown, dflt: 0 | 1): 0 | 1 =>
  v === undefined ? dflt : v === true || v === 1 || v === '1' ? 1 : 0;

/** Adds a component (project, sub-project, component) to a program as its structure is published. */
export async function addComponent(
  deps: Deps,
  actor: Actor,
  programCode: string,
  input: ComponentInput,
): Promise<ComponentView> {
  requirePermission(actor, 'programs.manage');
  const db = deps.db.kysely;
  const program = await findProgramByCode(db, programCode);
  if (!program)
    throw new AppError('PROGRAM_NOT_FOUND', { code: programCode, year: '—' }, { field: 'programCode' });
  const code = reqText(input.code, 'code', 20).toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9.-]*$/.test(code))
    throw new AppError('FIELD_INVALID', { field: 'code', detail: 'A-Z 0-9 . -' }, { field: 'code' });
  const parentCode = optText(input.parentCode, 'parentCode', 20)?.toUpperCase() ?? null;
  const kind = reqEnum(
    input.kind ?? (parentCode ? 'subproject' : 'project'),
    ['project', 'subproject', 'component'] as const,
    'kind',
  );
  const name = reqText(input.name, 'name', 500);
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const pid = Number(program.id);
    if (await findComponent(trx, pid, code))
      throw new AppError('DUPLICATE', { what: 'Dự án / Project', value: code }, { field: 'code' });
    if (parentCode && !(await findComponent(trx, pid, parentCode)))
      throw new AppError('PROJECT_UNKNOWN', { code: parentCode }, { field: 'parentCode' });
    const row = await insertComponent(trx, {
      program_id: pid,
      code,
      parent_code: parentCode,
      kind,
      ordinal: await nextComponentOrdinal(trx, pid),
      name,
      name_en: optText(input.nameEn, 'nameEn', 500) ?? name,
      beneficiaries: optText(input.beneficiaries, 'beneficiaries') ?? '',
      beneficiaries_en: optText(input.beneficiariesEn, 'beneficiariesEn') ?? '',
      needs_poor_district: flag(input.needsPoorDistrict, 0),
      needs_coastal_commune: flag(input.needsCoastalCommune, 0),
      provisional: flag(input.provisional, 1),
      active: 1,
      created_at: at,
      updated_at: at,
    });
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'create',
      entity: 'program_component',
      entityId: String(row.id),
      after: row,
    });
    return componentView(row);
  });
}

/** Edits a component's names, beneficiaries and flags (its code stays: allocations refer to it). */
export async function updateComponent(
  deps: Deps,
  actor: Actor,
  programCode: string,
  code: string,
  input: ComponentInput,
): Promise<ComponentView> {
  requirePermission(actor, 'programs.manage');
  const db = deps.db.kysely;
  const program = await findProgramByCode(db, programCode);
  if (!program)
    throw new AppError('PROGRAM_NOT_FOUND', { code: programCode, year: '—' }, { field: 'programCode' });
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const before = await findComponent(trx, Number(program.id), code.toUpperCase());
    if (!before) throw new AppError('PROJECT_UNKNOWN', { code }, { field: 'code' });
    const patch = {
      ...(input.name !== undefined ? { name: reqText(input.name, 'name', 500) } : {}),
      ...(input.nameEn !== undefined ? { name_en: reqText(input.nameEn, 'nameEn', 500) } : {}),
      ...(input.beneficiaries !== undefined
        ? { beneficiaries: optText(input.beneficiaries, 'beneficiaries') ?? '' }
        : {}),
      ...(input.beneficiariesEn !== undefined
        ? { beneficiaries_en: optText(input.beneficiariesEn, 'beneficiariesEn') ?? '' }
        : {}),
      ...(input.needsPoorDistrict !== undefined
        ? { needs_poor_district: flag(input.needsPoorDistrict, 0) }
        : {}),
      ...(input.needsCoastalCommune !== undefined
        ? { needs_coastal_commune: flag(input.needsCoastalCommune, 0) }
        : {}),
      ...(input.provisional !== undefined ? { provisional: flag(input.provisional, 1) } : {}),
      ...(input.active !== undefined ? { active: flag(input.active, 1) } : {}),
      updated_at: at,
    };
    await updateComponentRow(trx, before.id, patch);
    const after = (await findComponent(trx, Number(program.id), before.code))!;
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'update',
      entity: 'program_component',
      entityId: String(before.id),
      before,
      after,
    });
    return componentView(after);
  });
}
