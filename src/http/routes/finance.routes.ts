// Program finance and follow-up over HTTP: programs as data, targets, allocations with their
// ledger, disbursements, matching households to projects, the "cannot be implemented" proposal,
// Excel import, meetings and tasks. Handlers parse, call one service, present; every rule lives
// in the services. Money is written by finance officers; province officers and supervisors read;
// a commune officer sees its own unit (`scope`).
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { AppError } from '../../errors.js';
import { withUpload } from '../uploads.js';
import {
  addComponent,
  listPrograms,
  showProgram,
  updateComponent,
} from '../../services/finance/programs.service.js';
import {
  adjustAllocation,
  createAllocation,
  listAllocations,
  recordDisbursement,
  recordIssue,
  showAllocation,
} from '../../services/finance/allocations.service.js';
import {
  atRiskBoard,
  costReport,
  financeReport,
  financeYears,
} from '../../services/finance/report.service.js';
import { programMonitoring } from '../../services/finance/monitoring.service.js';
import { setTarget, targetsReport } from '../../services/finance/targets.service.js';
import {
  householdSupport,
  matchingRules,
  matchProfile,
  recordSupport,
  suggestForHousehold,
  suggestForUnit,
} from '../../services/finance/support.service.js';
import { buildProposal, proposalPdf, proposalXlsx } from '../../services/finance/documents.service.js';
import { importAllocations, importDisbursements } from '../../services/finance/import.service.js';
import {
  addTask,
  attachmentFile,
  createMeeting,
  listMeetings,
  showTask,
  taskBoard,
  updateTask,
  MAX_ATTACHMENT_MB,
  type AttachmentUpload,
} from '../../services/finance/tasks.service.js';
import {
  adjustmentBody,
  allocationBody,
  disbursementBody,
  householdSuggestionsQuery,
  idParams,
  issueBody,
  matchBody,
  matchingRulesQuery,
  meetingsQuery,
  objectBody,
  proposalParams,
  suggestionsQuery,
  supportBody,
  targetBody,
  tasksBoardQuery,
  unitYearQuery,
  yearsQuery,
  yearsResponse,
  type UnitYear,
  programListResponse,
  programViewSchema,
  componentViewSchema,
  allocationListResponse,
  allocationViewSchema,
  allocationDetailSchema,
  adjustmentResultSchema,
  disbursementResultSchema,
  allocationIssueResponse,
  financeReportSchema,
  costReportSchema,
  financeImportReportSchema,
  targetsReportSchema,
  programMonitoringSchema,
  targetViewSchema,
  rulesViewSchema,
  matchResultSchema,
  householdMatchSchema,
  unitMatchSummarySchema,
  supportRecordResponse,
  householdSupportResponse,
  meetingListResponse,
  meetingViewSchema,
  taskViewSchema,
  taskBoardSchema,
  taskDetailResponse,
  taskUpdateResponse,
} from '../schemas/finance.js';

/** Ceiling of an Excel import upload, in MB (the configured GIAMNGHEO_UPLOAD_MAX_MB applies when lower). */
const MAX_IMPORT_MB = 10;

type Body = Record<string, unknown>;

export async function financeRoutes(app: FastifyInstance): Promise<void> {
  // File sizes are limited per route (withUpload, src/http/uploads.ts).
  await app.register(multipart, { limits: { files: 5, fields: 20 } });

  // ── programs as data ────────────────────────────────────────────────────────
  app.get(
    '/programs',
    {
      config: { access: { permission: 'reference.read' } },
      schema: {
        response: { 200: programListResponse },
        tags: ['finance'],
        summary: 'Các chương trình và dự án / Programs and their projects',
      },
    },
    async (req) => ({
      items: await listPrograms(req.deps),
    }),
  );
  app.get<{ Params: { code: string } }>(
    '/programs/:code',
    {
      config: { access: { permission: 'reference.read' } },
      schema: {
        response: { 200: programViewSchema },
        tags: ['finance'],
        summary: 'Một chương trình / One program',
      },
    },
    async (req) => showProgram(req.deps, req.params.code),
  );
  app.post<{ Params: { code: string }; Body: Body }>(
    '/programs/:code/components',
    {
      config: { access: { permission: 'programs.manage' } },
      schema: {
        response: { 201: componentViewSchema },
        tags: ['finance'],
        summary: 'Thêm dự án/hợp phần (chương trình 2026–2035) / Add a component',
        body: objectBody,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addComponent(req.deps, req.actor!, req.params.code, req.body ?? {})),
  );
  app.patch<{ Params: { code: string; component: string }; Body: Body }>(
    '/programs/:code/components/:component',
    {
      config: { access: { permission: 'programs.manage' } },
      schema: {
        response: { 200: componentViewSchema },
        tags: ['finance'],
        summary: 'Sửa dự án/hợp phần / Edit a component',
        body: objectBody,
      },
    },
    async (req) =>
      updateComponent(req.deps, req.actor!, req.params.code, req.params.component, req.body ?? {}),
  );

  app.get<{ Querystring: { unit: string } }>(
    '/finance/years',
    {
      config: { access: { permission: 'finance.read', scope: 'unit' } },
      schema: {
        tags: ['finance'],
        summary: 'Các năm có phân bổ hoặc chỉ tiêu / Years with allocations or targets',
        querystring: yearsQuery,
        response: {
          200: yearsResponse,
        },
      },
    },
    async (req) => ({ years: await financeYears(req.deps, req.actor!, req.query.unit) }),
  );

  // ── allocations, ledger, disbursements ─────────────────────────────────────
  app.get<{ Querystring: UnitYear }>(
    '/finance/allocations',
    {
      config: { access: { permission: 'finance.read', scope: 'unit' } },
      schema: {
        response: { 200: allocationListResponse },
        tags: ['finance'],
        summary: 'Phân bổ vốn của đơn vị trong năm / Allocations of a unit and year',
        querystring: unitYearQuery,
      },
    },
    async (req) => ({
      items: await listAllocations(req.deps, req.actor!, {
        year: req.query.year,
        unitCode: req.query.unit,
        ...(req.query.asOf ? { asOf: req.query.asOf } : {}),
      }),
    }),
  );
  app.post<{ Body: Body }>(
    '/finance/allocations',
    {
      config: { access: { permission: 'finance.write', scope: 'unitCode' } },
      schema: {
        response: { 201: allocationViewSchema },
        tags: ['finance'],
        summary: 'Giao vốn / Create an allocation',
        body: allocationBody,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createAllocation(req.deps, req.actor!, req.body ?? {})),
  );
  app.get<{ Params: { id: string }; Querystring: { asOf?: string } }>(
    '/finance/allocations/:id',
    {
      config: { access: { permission: 'finance.read' } },
      schema: {
        response: { 200: allocationDetailSchema },
        tags: ['finance'],
        summary: 'Phân bổ và sổ theo dõi / An allocation with its ledger',
        params: idParams,
      },
    },
    async (req) => showAllocation(req.deps, req.actor!, req.params.id, req.query.asOf),
  );
  app.post<{ Params: { id: string }; Body: Body }>(
    '/finance/allocations/:id/adjustments',
    {
      config: { access: { permission: 'finance.write' } },
      schema: {
        response: { 201: adjustmentResultSchema },
        tags: ['finance'],
        summary: 'Điều chỉnh (bổ sung, cắt giảm, điều chuyển, chuyển nguồn) / Adjustment',
        params: idParams,
        body: adjustmentBody,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await adjustAllocation(req.deps, req.actor!, req.params.id, req.body ?? {})),
  );
  app.post<{ Body: Body }>(
    '/finance/disbursements',
    {
      config: { access: { permission: 'finance.write' } },
      schema: {
        response: { 201: disbursementResultSchema },
        tags: ['finance'],
        summary: 'Ghi giải ngân / Record a disbursement',
        body: disbursementBody,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await recordDisbursement(req.deps, req.actor!, req.body ?? {})),
  );
  app.post<{ Params: { id: string }; Body: Body }>(
    '/finance/allocations/:id/issues',
    {
      config: { access: { permission: 'tasks.follow-up' } },
      schema: {
        response: { 201: allocationIssueResponse },
        tags: ['finance'],
        summary: 'Ghi nội dung không thực hiện được / Record why an allocation cannot be implemented',
        params: idParams,
        body: issueBody,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await recordIssue(req.deps, req.actor!, req.params.id, req.body ?? {})),
  );

  // ── reports ─────────────────────────────────────────────────────────────────
  app.get<{ Querystring: UnitYear }>(
    '/finance/report',
    {
      config: { access: { permission: 'finance.read', scope: 'unit' } },
      schema: {
        response: { 200: financeReportSchema },
        tags: ['finance'],
        summary: 'Phân bổ, giải ngân theo dự án và nguồn / Per project and source',
        querystring: unitYearQuery,
      },
    },
    async (req) =>
      financeReport(req.deps, req.actor!, {
        year: req.query.year,
        unitCode: req.query.unit,
        ...(req.query.asOf ? { asOf: req.query.asOf } : {}),
      }),
  );
  app.get<{ Querystring: UnitYear }>(
    '/finance/at-risk',
    {
      config: { access: { permission: 'finance.read', scope: 'unit' } },
      schema: {
        response: { 200: allocationListResponse },
        tags: ['finance'],
        summary: 'Phân bổ có nguy cơ không giải ngân kịp / At-risk board',
        querystring: unitYearQuery,
      },
    },
    async (req) => ({
      items: await atRiskBoard(req.deps, req.actor!, {
        year: req.query.year,
        unitCode: req.query.unit,
        ...(req.query.asOf ? { asOf: req.query.asOf } : {}),
      }),
    }),
  );
  app.get<{ Querystring: UnitYear }>(
    '/finance/cost',
    {
      config: { access: { permission: 'finance.read', scope: 'unit' } },
      schema: {
        response: { 200: costReportSchema },
        tags: ['finance'],
        summary: 'Chi phí bình quân mỗi hộ được hỗ trợ / thoát nghèo / Cost per household',
        querystring: unitYearQuery,
      },
    },
    async (req) => costReport(req.deps, req.actor!, { year: req.query.year, unitCode: req.query.unit }),
  );
  app.get<{ Params: { format: string }; Querystring: UnitYear }>(
    '/finance/proposal.:format',
    {
      config: { access: { permission: 'finance.read', scope: 'unit' } },
      schema: {
        tags: ['finance'],
        summary: 'Đề xuất dừng/điều chuyển vốn (xlsx, pdf) / Proposal to stop or move allocations',
        params: proposalParams,
        querystring: unitYearQuery,
      },
    },
    async (req, reply) => {
      const p = await buildProposal(req.deps, req.actor!, { year: req.query.year, unitCode: req.query.unit });
      const name = `de-xuat-dung-dieu-chuyen-von-${p.unit.code}-${p.year}.${req.params.format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (req.params.format === 'pdf') return reply.type('application/pdf').send(await proposalPdf(p));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await proposalXlsx(p));
    },
  );

  // ── Excel import ─────────────────────────────────────────────────────────────
  for (const kind of ['allocations', 'disbursements'] as const) {
    app.post(
      `/finance/import/${kind}`,
      {
        config: { access: { permission: 'finance.write' } },
        schema: {
          response: { 200: financeImportReportSchema },
          tags: ['finance'],
          summary: `Nhập Excel (${kind}) — multipart, trường file / Excel import (multipart field "file")`,
        },
      },
      async (req) =>
        withUpload(req, { maxMb: MAX_IMPORT_MB }, async (upload) => {
          const file = upload.files[0];
          if (!file) throw new AppError('FIELD_REQUIRED', { field: 'file' }, { field: 'file' });
          // Read whole only once it is known to be under the limit; guardXlsx then bounds what
          // it unzips to.
          const data = await fs.promises.readFile(file.path);
          return kind === 'allocations'
            ? importAllocations(req.deps, req.actor!, data)
            : importDisbursements(req.deps, req.actor!, data);
        }),
    );
  }

  // ── targets ─────────────────────────────────────────────────────────────────
  app.get<{ Querystring: UnitYear }>(
    '/finance/targets',
    {
      config: { access: { permission: 'finance.read', scope: 'unit' } },
      schema: {
        response: { 200: targetsReportSchema },
        tags: ['finance'],
        summary: 'Chỉ tiêu và tiến độ theo phường/xã / Targets and progress by ward',
        querystring: unitYearQuery,
      },
    },
    async (req) => targetsReport(req.deps, req.actor!, { unitCode: req.query.unit, year: req.query.year }),
  );
  app.get<{ Querystring: UnitYear }>(
    '/finance/monitoring',
    {
      config: { access: { permission: 'finance.read', scope: 'unit' } },
      schema: {
        response: { 200: programMonitoringSchema },
        tags: ['finance'],
        summary:
          'Theo dõi chương trình: chỉ tiêu quốc gia, chỉ số theo dự án / Program monitoring: national targets, per-project indicators',
        querystring: unitYearQuery,
      },
    },
    async (req) =>
      programMonitoring(req.deps, req.actor!, { unitCode: req.query.unit, year: req.query.year }),
  );
  app.post<{ Body: Body }>(
    '/finance/targets',
    {
      config: { access: { permission: 'finance.plan', scope: 'unitCode' } },
      schema: {
        response: { 201: targetViewSchema },
        tags: ['finance'],
        summary: 'Đặt chỉ tiêu / Set a target',
        body: targetBody,
      },
    },
    async (req, reply) => reply.status(201).send(await setTarget(req.deps, req.actor!, req.body ?? {})),
  );

  // ── matching and support ────────────────────────────────────────────────────
  app.get<{ Querystring: { year: string } }>(
    '/finance/matching-rules',
    {
      config: { access: { permission: 'reference.read' } },
      schema: {
        response: { 200: rulesViewSchema },
        tags: ['finance'],
        summary: 'Quy tắc gợi ý dự án cho hộ / Matching rules',
        querystring: matchingRulesQuery,
      },
    },
    async (req) => matchingRules(req.deps, req.query.year),
  );
  app.post<{ Body: { year?: unknown; profile?: unknown } }>(
    '/finance/match',
    {
      config: { access: { permission: 'finance.read' } },
      schema: {
        response: { 200: matchResultSchema },
        tags: ['finance'],
        summary: 'Gợi ý dự án cho một hồ sơ hộ / Match a household profile',
        body: matchBody,
      },
    },
    async (req) => matchProfile(req.deps, req.actor!, req.body.year, req.body.profile),
  );
  app.get<{
    Params: { key: string };
    Querystring: { period?: string; farmland?: string; livestock?: string };
  }>(
    '/finance/households/:key/suggestions',
    {
      config: { access: { permission: 'finance.read' } },
      schema: {
        response: { 200: householdMatchSchema },
        tags: ['finance'],
        summary: 'Dự án gợi ý cho hộ / Suggested projects of a household',
        querystring: householdSuggestionsQuery,
      },
    },
    async (req) =>
      suggestForHousehold(req.deps, req.actor!, {
        householdKey: req.params.key,
        period: req.query.period,
        ...(req.query.farmland || req.query.livestock
          ? {
              traits: {
                farmland: req.query.farmland === '1',
                livestockCapacity: req.query.livestock === '1',
              },
            }
          : {}),
      }),
  );
  app.get<{ Querystring: { unit: string; period: string } }>(
    '/finance/suggestions',
    {
      config: { access: { permission: 'finance.read', scope: 'unit' } },
      schema: {
        response: { 200: unitMatchSummarySchema },
        tags: ['finance'],
        summary: 'Gợi ý dự án cho các hộ của đơn vị / Suggestions for a unit',
        querystring: suggestionsQuery,
      },
    },
    async (req) =>
      suggestForUnit(req.deps, req.actor!, { unitCode: req.query.unit, period: req.query.period }),
  );
  app.post<{ Body: Body }>(
    '/finance/support',
    {
      config: { access: { permission: 'finance.support' } },
      schema: {
        response: { 201: supportRecordResponse },
        tags: ['finance'],
        summary: 'Ghi hỗ trợ cho hộ / Record support given to a household',
        body: supportBody,
      },
    },
    async (req, reply) => reply.status(201).send(await recordSupport(req.deps, req.actor!, req.body ?? {})),
  );
  app.get<{ Params: { key: string } }>(
    '/finance/households/:key/support',
    {
      config: { access: { permission: 'finance.read' } },
      schema: {
        response: { 200: householdSupportResponse },
        tags: ['finance'],
        summary: 'Hỗ trợ hộ đã nhận / Support a household received',
      },
    },
    async (req) => ({
      items: await householdSupport(req.deps, req.actor!, { householdKey: req.params.key }),
    }),
  );

  // ── meetings and tasks ──────────────────────────────────────────────────────
  app.get<{ Querystring: { unit: string } }>(
    '/meetings',
    {
      config: { access: { permission: 'finance.read', scope: 'unit' } },
      schema: {
        response: { 200: meetingListResponse },
        tags: ['tasks'],
        summary: 'Các cuộc họp và kết luận / Meetings',
        querystring: meetingsQuery,
      },
    },
    async (req) => ({ items: await listMeetings(req.deps, req.actor!, { unitCode: req.query.unit }) }),
  );
  app.post<{ Body: Body }>(
    '/meetings',
    {
      config: { access: { permission: 'tasks.assign', scope: 'unitCode' } },
      schema: {
        response: { 201: meetingViewSchema },
        tags: ['tasks'],
        summary: 'Ghi cuộc họp và giao nhiệm vụ / Record a meeting and its tasks',
        body: objectBody,
      },
    },
    async (req, reply) => reply.status(201).send(await createMeeting(req.deps, req.actor!, req.body ?? {})),
  );
  app.post<{ Body: Body }>(
    '/tasks',
    {
      config: { access: { permission: 'tasks.assign' } },
      schema: {
        response: { 201: taskViewSchema },
        tags: ['tasks'],
        summary: 'Giao nhiệm vụ / Assign a task',
        body: objectBody,
      },
    },
    async (req, reply) => reply.status(201).send(await addTask(req.deps, req.actor!, req.body ?? {})),
  );
  app.get<{ Querystring: { unit: string; asOf?: string; assignee?: string } }>(
    '/tasks/board',
    {
      config: { access: { permission: 'finance.read', scope: 'unit' } },
      schema: {
        response: { 200: taskBoardSchema },
        tags: ['tasks'],
        summary: 'Nhiệm vụ quá hạn, sắp đến hạn / Overdue and due-soon tasks',
        querystring: tasksBoardQuery,
      },
    },
    async (req) =>
      taskBoard(req.deps, req.actor!, {
        unitCode: req.query.unit,
        ...(req.query.asOf ? { asOf: req.query.asOf } : {}),
        ...(req.query.assignee ? { assignee: req.query.assignee } : {}),
      }),
  );
  app.get<{ Params: { id: string } }>(
    '/tasks/:id',
    {
      config: { access: { permission: 'finance.read' } },
      schema: {
        response: { 200: taskDetailResponse },
        tags: ['tasks'],
        summary: 'Nhiệm vụ và các lần cập nhật / A task and its updates',
        params: idParams,
      },
    },
    async (req) => showTask(req.deps, req.actor!, req.params.id),
  );
  app.post<{ Params: { id: string }; Body: Body }>(
    '/tasks/:id/updates',
    {
      config: { access: { permission: 'tasks.follow-up' } },
      schema: {
        response: { 201: taskUpdateResponse },
        tags: ['tasks'],
        summary: 'Cập nhật tiến độ (JSON hoặc multipart có tệp đính kèm) / Status update, with attachments',
        params: idParams,
      },
    },
    async (req, reply) => {
      const post = (body: Record<string, unknown>, attachments: AttachmentUpload[]) =>
        updateTask(req.deps, req.actor!, req.params.id, {
          status: body.status,
          note: body.note,
          date: body.date,
          attachments,
        });
      if (!req.isMultipart()) return reply.status(201).send(await post(req.body ?? {}, []));
      // The service copies the files out of the temporary folder before withUpload removes it.
      const saved = await withUpload(req, { maxMb: MAX_ATTACHMENT_MB }, (upload) =>
        post(
          upload.fields,
          upload.files.map((f) => ({ fileName: f.fileName, contentType: f.contentType, path: f.path })),
        ),
      );
      return reply.status(201).send(saved);
    },
  );
  app.get<{ Params: { id: string } }>(
    '/tasks/attachments/:id',
    {
      config: { access: { permission: 'finance.read' } },
      schema: { tags: ['tasks'], summary: 'Tải tệp đính kèm / Download an attachment', params: idParams },
    },
    async (req, reply) => {
      const f = await attachmentFile(req.deps, req.actor!, req.params.id);
      // Always a download, never rendered: the uploader chose the file and its declared type, so a
      // text/html "report" must not run in the reader's session (nosniff keeps the browser from
      // guessing a type either; the sandbox policy covers a browser that opens it anyway).
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-security-policy', "default-src 'none'; sandbox");
      return reply.type('application/octet-stream').send(fs.createReadStream(f.path));
    },
  );
}
