// SQL of follow-up: meetings, the tasks they assign, status updates and their attachments.
import type { Insertable, Selectable } from 'kysely';
import type { MeetingTable, TaskAttachmentTable, TaskTable, TaskUpdateTable } from '../schema-finance.js';
import type { Executor } from './executor.js';

export type MeetingRecord = Selectable<MeetingTable>;
export type TaskRecord = Selectable<TaskTable>;
export type TaskUpdateRecord = Selectable<TaskUpdateTable>;
export type AttachmentRecord = Selectable<TaskAttachmentTable>;

const num = (v: unknown): number => Number(v);
const normTask = (t: TaskRecord): TaskRecord => ({
  ...t,
  id: num(t.id),
  meeting_id: t.meeting_id === null ? null : num(t.meeting_id),
});

export async function insertMeeting(db: Executor, row: Insertable<MeetingTable>): Promise<MeetingRecord> {
  const r = await db.insertInto('meeting').values(row).returningAll().executeTakeFirstOrThrow();
  return { ...r, id: num(r.id) };
}

export async function findMeeting(db: Executor, id: number): Promise<MeetingRecord | undefined> {
  const r = await db.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst();
  return r && { ...r, id: num(r.id) };
}

/** Meetings of the units (guard: an empty list yields nothing). */
export async function listMeetingRows(db: Executor, unitCodes: readonly string[]): Promise<MeetingRecord[]> {
  if (unitCodes.length === 0) return [];
  const rows = await db
    .selectFrom('meeting')
    .selectAll()
    .where('unit_code', 'in', [...unitCodes])
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, id: num(r.id) }));
}

export async function insertTask(db: Executor, row: Insertable<TaskTable>): Promise<TaskRecord> {
  return normTask(await db.insertInto('task').values(row).returningAll().executeTakeFirstOrThrow());
}

export async function findTask(db: Executor, id: number): Promise<TaskRecord | undefined> {
  const r = await db.selectFrom('task').selectAll().where('id', '=', id).executeTakeFirst();
  return r && normTask(r);
}

export async function setTaskStatus(
  db: Executor,
  id: number,
  status: string,
  completedOn: string | null,
  at: string,
): Promise<void> {
  await db
    .updateTable('task')
    .set({ status, completed_on: completedOn, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export interface TaskFilter {
  /** Tasks issued by these units, or assigned to them (a ward sees what the city gave it). */
  unitCodes: readonly string[];
  meetingId?: number;
  assignee?: string;
  statuses?: readonly string[];
  deadlineTo?: string;
}

export async function listTaskRows(db: Executor, f: TaskFilter): Promise<TaskRecord[]> {
  if (f.unitCodes.length === 0) return [];
  const codes = [...f.unitCodes];
  let q = db
    .selectFrom('task')
    .selectAll()
    .where((eb) => eb.or([eb('unit_code', 'in', codes), eb('assignee_unit_code', 'in', codes)]));
  if (f.meetingId !== undefined) q = q.where('meeting_id', '=', f.meetingId);
  if (f.assignee) q = q.where('assignee', '=', f.assignee);
  if (f.statuses && f.statuses.length) q = q.where('status', 'in', [...f.statuses]);
  if (f.deadlineTo) q = q.where('deadline', '<=', f.deadlineTo);
  const rows = await q.orderBy('deadline').orderBy('id').execute();
  return rows.map(normTask);
}

export async function insertTaskUpdate(
  db: Executor,
  row: Insertable<TaskUpdateTable>,
): Promise<TaskUpdateRecord> {
  const r = await db.insertInto('task_update').values(row).returningAll().executeTakeFirstOrThrow();
  return { ...r, id: num(r.id), task_id: num(r.task_id) };
}

export async function listTaskUpdates(db: Executor, taskId: number): Promise<TaskUpdateRecord[]> {
  const rows = await db
    .selectFrom('task_update')
    .selectAll()
    .where('task_id', '=', taskId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: num(r.id), task_id: num(r.task_id) }));
}

export async function insertAttachment(
  db: Executor,
  row: Insertable<TaskAttachmentTable>,
): Promise<AttachmentRecord> {
  const r = await db.insertInto('task_attachment').values(row).returningAll().executeTakeFirstOrThrow();
  return { ...r, id: num(r.id), task_update_id: num(r.task_update_id), size: num(r.size) };
}

export async function listAttachmentsOfUpdates(
  db: Executor,
  updateIds: readonly number[],
): Promise<AttachmentRecord[]> {
  if (updateIds.length === 0) return [];
  const rows = await db
    .selectFrom('task_attachment')
    .selectAll()
    .where('task_update_id', 'in', [...updateIds])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: num(r.id), task_update_id: num(r.task_update_id), size: num(r.size) }));
}

export async function findAttachment(db: Executor, id: number) {
  const r = await db
    .selectFrom('task_attachment as a')
    .innerJoin('task_update as u', 'u.id', 'a.task_update_id')
    .innerJoin('task as t', 't.id', 'u.task_id')
    .selectAll('a')
    .select(['t.unit_code', 't.assignee_unit_code'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  return r && { ...r, id: num(r.id), task_update_id: num(r.task_update_id), size: num(r.size) };
}
