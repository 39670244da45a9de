// Villages (thôn, tổ dân phố…) under a commune version. Households belong to a village.
import { AppError } from '../errors.js';
import { cleanText } from '../domain/input.js';
import { findUnitOn } from '../db/repositories/units.repository.js';
import { insertVillage, listVillagesOfCommune } from '../db/repositories/villages.repository.js';
import { insertAudit } from '../db/repositories/audit.repository.js';
import { requirePermission, requireUnitAccess } from './access.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from './deps.js';

import { VILLAGE_KINDS, type VillageKind } from '../domain/units/village-kinds.js';
export { VILLAGE_KINDS, type VillageKind };

export interface VillageView {
  id: number;
  communeCode: string;
  communeValidFrom: string | null;
  name: string;
  kind: string;
}

export async function addVillage(
  deps: Deps,
  actor: Actor,
  input: { communeCode: string; on: string; name: string; kind: VillageKind },
): Promise<VillageView> {
  requirePermission(actor, 'villages.write');
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, input.communeCode);
  const commune = await findUnitOn(db, input.communeCode, input.on);
  if (!commune)
    throw new AppError(
      'UNIT_NOT_FOUND',
      { code: input.communeCode, date: input.on },
      { field: 'communeCode' },
    );
  if (commune.level !== 'commune')
    throw new AppError('UNIT_NOT_COMMUNE', { code: input.communeCode }, { field: 'communeCode' });
  const name = cleanText(input.name, 'name', 120);
  if (!(VILLAGE_KINDS as readonly string[]).includes(input.kind)) {
    throw new AppError(
      'ENUM_INVALID',
      { field: 'kind', value: input.kind, allowed: VILLAGE_KINDS.join(', ') },
      { field: 'kind' },
    );
  }
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const existing = await listVillagesOfCommune(trx, commune.code, commune.valid_from ?? '');
    if (existing.some((v) => v.name.toLowerCase() === name.toLowerCase())) {
      throw new AppError('DUPLICATE', { what: 'Thôn/tổ dân phố / Village', value: name }, { field: 'name' });
    }
    const row = await insertVillage(trx, {
      commune_code: commune.code,
      commune_valid_from: commune.valid_from ?? '',
      province_code: commune.province_code,
      name,
      kind: input.kind,
      created_at: at,
    });
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'create',
      entity: 'village',
      entityId: String(row.id),
      unitCode: commune.code,
      provinceCode: commune.province_code,
      after: row,
    });
    return {
      id: row.id,
      communeCode: row.commune_code,
      communeValidFrom: row.commune_valid_from || null,
      name: row.name,
      kind: row.kind,
    };
  });
}

export async function listVillages(
  deps: Deps,
  actor: Actor,
  communeCode: string,
  on: string,
): Promise<VillageView[]> {
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, communeCode);
  const commune = await findUnitOn(db, communeCode, on);
  if (!commune)
    throw new AppError('UNIT_NOT_FOUND', { code: communeCode, date: on }, { field: 'communeCode' });
  const rows = await listVillagesOfCommune(db, commune.code, commune.valid_from ?? '');
  return rows.map((r) => ({
    id: r.id,
    communeCode: r.commune_code,
    communeValidFrom: r.commune_valid_from || null,
    name: r.name,
    kind: r.kind,
  }));
}
