// Tasks and directives: a meeting (date, chair, conclusions) assigns tasks to a department or a
// ward with a deadline; assignees post status updates with notes and attachments (kept under
// config.uploadDir); overdue and due-soon lists per assignee.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors.js';
import { WORDS } from '../../domain/words/catalogue.js';
import { addDays, vnDateOf } from '../../domain/dates.js';
import { objectsOf } from '../../domain/input.js';
import {
  findAttachment,
  findMeeting,
  findTask,
  insertAttachment,
  insertMeeting,
  insertTask,
  insertTaskUpdate,
  listAttachmentsOfUpdates,
  listMeetingRows,
  listTaskRows,
  listTaskUpdates,
  setTaskStatus,
  type MeetingRecord,
  type TaskRecord,
} from '../../db/repositories/tasks.repository.js';
import type { Executor } from '../../db/repositories/executor.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import { inScope, requirePermission, requireUnitAccess } from '../access.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { optText, reqDate, reqEnum, reqId, reqText, unitOn, unitsCovered } from './common.js';

export const TASK_STATUSES = ['open', 'in-progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus, { vi: string; en: string }> = WORDS.taskStatus;
export const ASSIGNEE_KINDS = ['department', 'ward'] as const;
/** Days before the deadline from which an open task is "due soon". */
export const DUE_SOON_DAYS = 7;
/** Largest attachment, in MB (the HTTP upload stops there too: UPLOAD_TOO_LARGE). */
export const MAX_ATTACHMENT_MB = 10;
const MAX_ATTACHMENT_BYTES = MAX_ATTACHMENT_MB * 1024 * 1024;

export interface TaskInput {
  assigneeKind?: unknown;
  assignee?: unknown;
  assigneeUnitCode?: unknown;
  title?: unknown;
  detail?: unknown;
  deadline?: unknown;
}

export interface TaskView {
  id: number;
  meetingId: number | null;
  unitCode: string;
  assigneeKind: string;
  assignee: string;
  assigneeUnitCode: string | null;
  title: string;
  detail: string | null;
  deadline: string;
  status: TaskStatus;
  completedOn: string | null;
  overdue: boolean;
  dueSoon: boolean;
  daysLeft: number;
}

function taskView(t: TaskRecord, asOf: string): TaskView {
  // Seen from a past day, a task completed later was still in progress then.
  const status = (
    t.status === 'done' && t.completed_on !== null && t.completed_on > asOf ? 'in-progress' : t.status
  ) as TaskStatus;
  const active = status === 'open' || status === 'in-progress';
  const daysLeft = Math.round(
    (Date.parse(`${t.deadline}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / 86_400_000,
  );
  return {
    id: t.id,
    meetingId: t.meeting_id,
    unitCode: t.unit_code,
    assigneeKind: t.assignee_kind,
    assignee: t.assignee,
    assigneeUnitCode: t.assignee_unit_code,
    title: t.title,
    detail: t.detail,
    deadline: t.deadline,
    status,
    completedOn: status === 'done' ? t.completed_on : null,
    overdue: active && t.deadline < asOf,
    dueSoon: active && t.deadline >= asOf && t.deadline <= addDays(asOf, DUE_SOON_DAYS),
    daysLeft,
  };
}

async function checkTask(db: Executor, actor: Actor, input: TaskInput, on: string, i?: number) {
  const f = (name: string) => (i === undefined ? name : `tasks[${i}].${name}`);
  const assigneeKind = reqEnum(input.assigneeKind, ASSIGNEE_KINDS, f('assigneeKind'));
  const assignee = reqText(input.assignee, f('assignee'), 300);
  let assigneeUnitCode: string | null = null;
  if (
    input.assigneeUnitCode !== undefined &&
    input.assigneeUnitCode !== null &&
    input.assigneeUnitCode !== ''
  ) {
    assigneeUnitCode = (await unitOn(db, input.assigneeUnitCode, on, f('assigneeUnitCode'))).code;
    // The assignee ward sees the task: assigning to a unit needs scope over it.
    await requireUnitAccess(db, actor, assigneeUnitCode);
  }
  if (assigneeKind === 'ward' && !assigneeUnitCode)
    throw new AppError('FIELD_REQUIRED', { field: f('assigneeUnitCode') }, { field: f('assigneeUnitCode') });
  const title = reqText(input.title, f('title'), 500);
  const detail = optText(input.detail, f('detail'));
  const deadline = reqDate(input.deadline, f('deadline'));
  return { assigneeKind, assignee, assigneeUnitCode, title, detail, deadline };
}

export interface MeetingInput {
  unitCode?: unknown;
  date?: unknown;
  title?: unknown;
  chair?: unknown;
  conclusions?: unknown;
  tasks?: unknown;
}

export interface MeetingView {
  id: number;
  unitCode: string;
  date: string;
  title: string;
  chair: string;
  conclusions: string;
  tasks: TaskView[];
}

const meetingView = (m: MeetingRecord, tasks: TaskView[]): MeetingView => ({
  id: m.id,
  unitCode: m.unit_code,
  date: m.held_on,
  title: m.title,
  chair: m.chair,
  conclusions: m.conclusions,
  tasks,
});

/** Records a meeting and the tasks it assigns, in one transaction. */
export async function createMeeting(deps: Deps, actor: Actor, input: MeetingInput): Promise<MeetingView> {
  requirePermission(actor, 'tasks.assign');
  const db = deps.db.kysely;
  const date = reqDate(input.date, 'date');
  const unit = await unitOn(db, input.unitCode, date);
  await requireUnitAccess(db, actor, unit.code);
  const title = reqText(input.title, 'title', 500);
  const chair = reqText(input.chair, 'chair', 300);
  const conclusions = reqText(input.conclusions, 'conclusions', 20_000);
  const tasks: Awaited<ReturnType<typeof checkTask>>[] = [];
  for (const [i, t] of objectsOf(input.tasks, 'tasks').entries())
    tasks.push(await checkTask(db, actor, t, date, i));
  const at = nowIso(deps);
  const asOf = vnDateOf(deps.now());
  return db.transaction().execute(async (trx) => {
    const m = await insertMeeting(trx, {
      province_code: unit.province_code,
      unit_code: unit.code,
      held_on: date,
      title,
      chair,
      conclusions,
      created_at: at,
      created_by: actorName(actor),
    });
    const views: TaskView[] = [];
    for (const t of tasks) {
      const row = await insertTask(trx, {
        province_code: unit.province_code,
        unit_code: unit.code,
        meeting_id: m.id,
        assignee_kind: t.assigneeKind,
        assignee: t.assignee,
        assignee_unit_code: t.assigneeUnitCode,
        title: t.title,
        detail: t.detail,
        deadline: t.deadline,
        status: 'open',
        completed_on: null,
        created_at: at,
        updated_at: at,
        created_by: actorName(actor),
      });
      views.push(taskView(row, asOf));
    }
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'create',
      entity: 'meeting',
      entityId: String(m.id),
      unitCode: unit.code,
      provinceCode: unit.province_code,
      after: { meeting: m, tasks: views },
    });
    return meetingView(m, views);
  });
}

/** Adds a task to a unit (and a meeting when given). */
export async function addTask(
  deps: Deps,
  actor: Actor,
  input: TaskInput & { unitCode?: unknown; meetingId?: unknown },
): Promise<TaskView> {
  requirePermission(actor, 'tasks.assign');
  const db = deps.db.kysely;
  const asOf = vnDateOf(deps.now());
  let meeting: MeetingRecord | undefined;
  if (input.meetingId !== undefined && input.meetingId !== null && input.meetingId !== '') {
    const id = reqId(input.meetingId, 'meetingId');
    meeting = await inScope(
      db,
      actor,
      await findMeeting(db, id),
      (m) => m.unit_code,
      () => new AppError('MEETING_NOT_FOUND', { id }, { field: 'meetingId' }),
    );
  }
  const unit = meeting
    ? await unitOn(db, meeting.unit_code, meeting.held_on)
    : await unitOn(db, input.unitCode, asOf);
  await requireUnitAccess(db, actor, unit.code);
  const t = await checkTask(db, actor, input, meeting?.held_on ?? asOf);
  const at = nowIso(deps);
  return db.transaction().execute(async (trx) => {
    const row = await insertTask(trx, {
      province_code: unit.province_code,
      unit_code: unit.code,
      meeting_id: meeting?.id ?? null,
      assignee_kind: t.assigneeKind,
      assignee: t.assignee,
      assignee_unit_code: t.assigneeUnitCode,
      title: t.title,
      detail: t.detail,
      deadline: t.deadline,
      status: 'open',
      completed_on: null,
      created_at: at,
      updated_at: at,
      created_by: actorName(actor),
    });
    await insertAudit(trx, {
      at,
      actorId: actorId(actor),
      actor: actorName(actor),
      action: 'create',
      entity: 'task',
      entityId: String(row.id),
      unitCode: unit.code,
      provinceCode: unit.province_code,
      after: row,
    });
    return taskView(row, asOf);
  });
}

/**
 * A task is visible to whoever sees its issuing unit or its assignee ward; to anyone else it is
 * missing (the guard of docs/decisions/0015).
 */
function taskInScope<T extends { unit_code: string; assignee_unit_code: string | null }>(
  db: Executor,
  actor: Actor,
  t: T | undefined,
  notFound: () => AppError,
): Promise<T> {
  return inScope(db, actor, t, (x) => [x.unit_code, x.assignee_unit_code], notFound);
}

/** An attachment given as bytes, or as a file on disk (an upload's temporary file, copied from). */
export type AttachmentUpload = { fileName: string; contentType: string } & (
  { data: Buffer } | { path: string }
);

/** Size and SHA-256 of an attachment; a file is read as a stream, never whole. */
async function measure(a: AttachmentUpload): Promise<{ size: number; sha256: string }> {
  if ('data' in a)
    return { size: a.data.length, sha256: crypto.createHash('sha256').update(a.data).digest('hex') };
  const hash = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(a.path) as AsyncIterable<Buffer>) {
    size += chunk.length;
    hash.update(chunk);
  }
  return { size, sha256: hash.digest('hex') };
}

export interface TaskUpdateInput {
  status?: unknown;
  note?: unknown;
  date?: unknown;
  attachments?: AttachmentUpload[];
}

const safeName = (name: string) =>
  path
    .basename(name.normalize('NFC'))
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .slice(-120) || 'tep';

/**
 * Posts a status update with a note and attachments. Files are written under
 * `<uploadDir>/tasks/` named by their hash before the transaction; if it fails they are removed.
 */
export async function updateTask(deps: Deps, actor: Actor, taskId: unknown, input: TaskUpdateInput) {
  requirePermission(actor, 'tasks.follow-up');
  const db = deps.db.kysely;
  const id = reqId(taskId, 'taskId');
  const status = reqEnum(input.status, TASK_STATUSES, 'status');
  const note = reqText(input.note, 'note', 10_000);
  const today = vnDateOf(deps.now());
  const date = input.date === undefined ? today : reqDate(input.date, 'date');
  if (date > today)
    throw new AppError('FIELD_INVALID', { field: 'date', detail: `> ${today}` }, { field: 'date' });
  const files: (AttachmentUpload & { size: number; sha256: string; storedName: string })[] = [];
  for (const [i, a] of (input.attachments ?? []).entries()) {
    const { size, sha256 } = await measure(a);
    if (size === 0 || size > MAX_ATTACHMENT_BYTES) {
      throw new AppError(
        'FIELD_INVALID',
        { field: `attachments[${i}]`, detail: `1 B … ${MAX_ATTACHMENT_MB} MB` },
        { field: `attachments[${i}]` },
      );
    }
    files.push({
      ...a,
      fileName: safeName(a.fileName),
      size,
      sha256,
      storedName: `${sha256.slice(0, 16)}-${safeName(a.fileName)}`,
    });
  }
  const dir = path.resolve(deps.config.uploadDir, 'tasks');
  const written: string[] = [];
  const at = nowIso(deps);
  try {
    if (files.length) fs.mkdirSync(dir, { recursive: true });
    for (const f of files) {
      const target = path.join(dir, f.storedName);
      if (!fs.existsSync(target)) {
        if ('data' in f) fs.writeFileSync(target, f.data);
        else fs.copyFileSync(f.path, target);
        written.push(target);
      }
    }
    return await db.transaction().execute(async (trx) => {
      const t = await taskInScope(
        trx,
        actor,
        await findTask(trx, id),
        () => new AppError('TASK_NOT_FOUND', { id }, { field: 'taskId' }),
      );
      const u = await insertTaskUpdate(trx, {
        province_code: t.province_code,
        task_id: t.id,
        at,
        actor: actorName(actor),
        status,
        note,
      });
      const attachments = [];
      for (const f of files) {
        attachments.push(
          await insertAttachment(trx, {
            province_code: t.province_code,
            task_update_id: u.id,
            file_name: f.fileName,
            stored_name: f.storedName,
            content_type: f.contentType || 'application/octet-stream',
            size: f.size,
            sha256: f.sha256,
          }),
        );
      }
      await setTaskStatus(trx, t.id, status, status === 'done' ? date : null, at);
      await insertAudit(trx, {
        at,
        actorId: actorId(actor),
        actor: actorName(actor),
        action: `status:${status}`,
        entity: 'task',
        entityId: String(t.id),
        unitCode: t.unit_code,
        provinceCode: t.province_code,
        before: t,
        after: { update: u, attachments },
      });
      const fresh = (await findTask(trx, t.id))!;
      return {
        task: taskView(fresh, vnDateOf(deps.now())),
        update: {
          ...u,
          attachments: attachments.map((a) => ({
            id: a.id,
            fileName: a.file_name,
            size: a.size,
            contentType: a.content_type,
          })),
        },
      };
    });
  } catch (err) {
    for (const p of written) fs.rmSync(p, { force: true });
    throw err;
  }
}

export async function showTask(deps: Deps, actor: Actor, taskId: unknown) {
  requirePermission(actor, 'finance.read');
  const db = deps.db.kysely;
  const id = reqId(taskId, 'taskId');
  const t = await taskInScope(
    db,
    actor,
    await findTask(db, id),
    () => new AppError('TASK_NOT_FOUND', { id }, { field: 'taskId' }),
  );
  const updates = await listTaskUpdates(db, t.id);
  const attachments = await listAttachmentsOfUpdates(
    db,
    updates.map((u) => u.id),
  );
  return {
    ...taskView(t, vnDateOf(deps.now())),
    updates: updates.map((u) => ({
      id: u.id,
      at: u.at,
      actor: u.actor,
      status: u.status,
      note: u.note,
      attachments: attachments
        .filter((a) => a.task_update_id === u.id)
        .map((a) => ({ id: a.id, fileName: a.file_name, size: a.size, contentType: a.content_type })),
    })),
  };
}

/** The stored file of an attachment (for download), after the caller's access is checked. */
export async function attachmentFile(deps: Deps, actor: Actor, attachmentId: unknown) {
  requirePermission(actor, 'finance.read');
  const db = deps.db.kysely;
  const id = reqId(attachmentId, 'attachmentId');
  const a = await taskInScope(
    db,
    actor,
    await findAttachment(db, id),
    () => new AppError('NOT_FOUND', { what: `tệp đính kèm / attachment ${id}` }, { field: 'attachmentId' }),
  );
  return {
    path: path.resolve(deps.config.uploadDir, 'tasks', a.stored_name),
    fileName: a.file_name,
    contentType: a.content_type,
    size: a.size,
  };
}

export interface TaskBoard {
  unitCode: string;
  asOf: string;
  overdue: TaskView[];
  dueSoon: TaskView[];
  open: TaskView[];
  done: TaskView[];
  byAssignee: { assignee: string; overdue: number; dueSoon: number; open: number; done: number }[];
}

/** Tasks issued by or assigned to the unit (and the units under it), sorted into lists. */
export async function taskBoard(
  deps: Deps,
  actor: Actor,
  q: { unitCode: unknown; asOf?: string; assignee?: string },
): Promise<TaskBoard> {
  requirePermission(actor, 'finance.read');
  const db = deps.db.kysely;
  const unitCode = reqText(q.unitCode, 'unit', 10);
  const asOf = q.asOf === undefined ? vnDateOf(deps.now()) : reqDate(q.asOf, 'asOf');
  await requireUnitAccess(db, actor, unitCode);
  const { codes } = await unitsCovered(db, unitCode, Number(asOf.slice(0, 4)));
  const assignee = optText(q.assignee, 'assignee', 300);
  const rows = await listTaskRows(db, { unitCodes: codes, ...(assignee ? { assignee } : {}) });
  const views = rows.map((t) => taskView(t, asOf));
  const per = new Map<string, { overdue: number; dueSoon: number; open: number; done: number }>();
  for (const v of views) {
    const e = per.get(v.assignee) ?? { overdue: 0, dueSoon: 0, open: 0, done: 0 };
    if (v.overdue) e.overdue += 1;
    else if (v.dueSoon) e.dueSoon += 1;
    else if (v.status === 'done') e.done += 1;
    else if (v.status !== 'cancelled') e.open += 1;
    per.set(v.assignee, e);
  }
  return {
    unitCode,
    asOf,
    overdue: views.filter((v) => v.overdue),
    dueSoon: views.filter((v) => v.dueSoon),
    open: views.filter(
      (v) => !v.overdue && !v.dueSoon && (v.status === 'open' || v.status === 'in-progress'),
    ),
    done: views.filter((v) => v.status === 'done'),
    byAssignee: [...per.entries()]
      .map(([assignee, e]) => ({ assignee, ...e }))
      .sort((a, b) => b.overdue - a.overdue || a.assignee.localeCompare(b.assignee)),
  };
}

export async function listMeetings(
  deps: Deps,
  actor: Actor,
  q: { unitCode: unknown; year?: number },
): Promise<MeetingView[]> {
  requirePermission(actor, 'finance.read');
  const db = deps.db.kysely;
  const unitCode = reqText(q.unitCode, 'unit', 10);
  await requireUnitAccess(db, actor, unitCode);
  const asOf = vnDateOf(deps.now());
  const { codes } = await unitsCovered(db, unitCode, q.year ?? Number(asOf.slice(0, 4)));
  const meetings = await listMeetingRows(db, codes);
  const out: MeetingView[] = [];
  for (const m of meetings)
    out.push(
      meetingView(
        m,
        (await listTaskRows(db, { unitCodes: [m.unit_code], meetingId: m.id })).map((t) => taskView(t, asOf)),
      ),
    );
  return out;
}
