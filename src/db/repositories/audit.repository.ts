// The audit trail: who changed what, when, with the record before and after.
import type { Executor } from './executor.js';

export interface AuditEntry {
  at: string;
  actorId: number | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  unitCode?: string | null;
  provinceCode?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function insertAudit(db: Executor, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: e.at,
      actor_id: e.actorId,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      unit_code: e.unitCode ?? null,
      province_code: e.provinceCode ?? null,
      before_json: e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute();
}

export async function listAudit(db: Executor, entity: string, entityId: string) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
}
