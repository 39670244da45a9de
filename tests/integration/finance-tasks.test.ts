import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildUser } from '../support/builders.js';
import { SYSTEM, type Actor, type Deps } from '../../src/services/deps.js';
import {
  attachmentFile,
  createMeeting,
  showTask,
  taskBoard,
  updateTask,
} from '../../src/services/finance/tasks.service.js';
import type { AppError } from '../../src/errors.js';

for (const dialect of DIALECTS) {
  describe(`meetings and tasks (${dialect})`, () => {
    let deps: TestDeps;
    let withUploads: Deps;
    let uploadDir: string;
    beforeAll(async () => {
      deps = await makeDeps(dialect);
      uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-up-'));
      withUploads = { ...deps, config: { ...deps.config, uploadDir } };
    });
    afterAll(async () => {
      fs.rmSync(uploadDir, { recursive: true, force: true });
      await deps.cleanup();
    });

    it('a meeting assigns tasks; the board lists overdue and due-soon per assignee; updates carry attachments', async () => {
      const m = await createMeeting(deps, SYSTEM, {
        unitCode: '382',
        date: '2024-06-07',
        title: 'Hội nghị giảm nghèo',
        chair: 'Phó Chủ tịch UBND thành phố',
        conclusions: 'Đẩy nhanh giải ngân.',
        tasks: [
          {
            assigneeKind: 'department',
            assignee: 'Phòng Tài chính – Kế hoạch',
            title: 'Hướng dẫn thủ tục giải ngân',
            deadline: '2024-06-10',
          },
          {
            assigneeKind: 'department',
            assignee: 'Phòng Văn hóa – Thông tin',
            title: 'Kế hoạch truyền thông',
            deadline: '2024-06-15',
          },
          {
            assigneeKind: 'ward',
            assignee: 'UBND phường Trung Sơn',
            assigneeUnitCode: '14830',
            title: 'Phân loại hộ nghèo, giải ngân',
            deadline: '2024-09-30',
          },
        ],
      });
      expect(m.tasks).toHaveLength(3);
      const board = await taskBoard(deps, SYSTEM, { unitCode: '382', asOf: '2024-06-11' });
      expect(board.overdue.map((t) => t.assignee)).toEqual(['Phòng Tài chính – Kế hoạch']);
      expect(board.dueSoon.map((t) => t.assignee)).toEqual(['Phòng Văn hóa – Thông tin']);
      expect(board.open.map((t) => t.assigneeUnitCode)).toEqual(['14830']);

      // The ward officer sees and updates the task assigned to its ward, with an attachment.
      const { user } = await buildUser(deps, { role: 'commune-officer', unitCode: '14830' });
      const ward: Actor = {
        kind: 'user',
        id: user.id,
        username: user.username,
        role: 'commune-officer',
        unitCode: '14830',
      };
      const wardTask = m.tasks[2]!;
      const pdf = Buffer.from('%PDF-1.4 danh sách hộ');
      const u = await updateTask(withUploads, ward, wardTask.id, {
        status: 'in-progress',
        note: 'Đã phân loại 12 hộ',
        attachments: [{ fileName: 'danh sách hộ.pdf', contentType: 'application/pdf', data: pdf }],
      });
      expect(u.task.status).toBe('in-progress');
      const file = await attachmentFile(withUploads, ward, u.update.attachments[0]!.id);
      expect(fs.readFileSync(file.path)).toEqual(pdf);
      expect(file.path.startsWith(path.resolve(uploadDir))).toBe(true);
      // …but not a department's task of the city: to the ward it is missing, like an unknown id.
      const err = (await updateTask(withUploads, ward, m.tasks[0]!.id, { status: 'done', note: 'x' }).catch(
        (e: unknown) => e,
      )) as AppError;
      expect(err.code).toBe('TASK_NOT_FOUND');
      const missing = (await updateTask(withUploads, ward, 999_999, { status: 'done', note: 'x' }).catch(
        (e: unknown) => e,
      )) as AppError;
      expect(missing.code).toBe('TASK_NOT_FOUND');

      const future = (await updateTask(deps, SYSTEM, m.tasks[0]!.id, {
        status: 'done',
        note: 'x',
        date: '2024-06-12',
      }).catch((e: unknown) => e)) as AppError;
      expect([future.code, future.field]).toEqual(['FIELD_INVALID', 'date']);
      deps.setNow(new Date('2024-06-13T03:00:00Z'));
      await updateTask(deps, SYSTEM, m.tasks[0]!.id, {
        status: 'done',
        note: 'Đã ban hành hướng dẫn',
        date: '2024-06-12',
      });
      const done = await showTask(deps, SYSTEM, m.tasks[0]!.id);
      expect(done).toMatchObject({ status: 'done', completedOn: '2024-06-12', overdue: false });
      expect(done.updates.map((x) => x.note)).toEqual(['Đã ban hành hướng dẫn']);
      // Seen from before it was completed, it was still overdue then.
      const then = await taskBoard(deps, SYSTEM, { unitCode: '382', asOf: '2024-06-11' });
      expect(then.overdue.map((t) => t.id)).toEqual([m.tasks[0]!.id]);
      expect(
        (await taskBoard(deps, SYSTEM, { unitCode: '382', asOf: '2024-06-12' })).done.map((t) => t.id),
      ).toEqual([m.tasks[0]!.id]);
    });

    it('a task without a deadline or with an unknown ward is refused, nothing written', async () => {
      const count = async () =>
        Number(
          (
            await deps.db.kysely
              .selectFrom('meeting')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      const e1 = (await createMeeting(deps, SYSTEM, {
        unitCode: '382',
        date: '2024-06-07',
        title: 't',
        chair: 'c',
        conclusions: 'k',
        tasks: [{ assigneeKind: 'department', assignee: 'A', title: 'x' }],
      }).catch((e: unknown) => e)) as AppError;
      expect([e1.code, e1.field]).toEqual(['FIELD_REQUIRED', 'tasks[0].deadline']);
      const e2 = (await createMeeting(deps, SYSTEM, {
        unitCode: '382',
        date: '2024-06-07',
        title: 't',
        chair: 'c',
        conclusions: 'k',
        tasks: [
          {
            assigneeKind: 'ward',
            assignee: 'A',
            assigneeUnitCode: '99999',
            title: 'x',
            deadline: '2024-07-01',
          },
        ],
      }).catch((e: unknown) => e)) as AppError;
      expect([e2.code, e2.field]).toEqual(['UNIT_NOT_FOUND', 'tasks[0].assigneeUnitCode']);
      expect(await count()).toBe(before);
    });
  });
}
