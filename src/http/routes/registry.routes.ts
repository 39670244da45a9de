// Household registry, review campaigns, survey import and summary counts. Thin: each handler calls
// one service; the permission and unit scope are declared per route (config.access) and checked again in
// the services.
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { AppError } from '../../errors.js';
import { fileOf, readUpload, removeUpload } from '../uploads.js';
import type { Action } from '../../domain/campaign/campaign.js';
import {
  checkDuplicates,
  getHousehold,
  householdPhoto,
  listHouseholds,
  rebuildAggregates,
  saveHousehold,
} from '../../services/registry/households.service.js';
import { getCampaign, listCampaigns, transition } from '../../services/registry/campaign.service.js';
import { failureOf, findImportJob, startImportJob } from '../../services/registry/import-jobs.js';
import { checkImportFile, formatOfName, sourceOf } from '../../services/registry/import.service.js';
import { reportSummary } from '../../services/registry/summary.service.js';
import {
  campaignParams,
  campaignQuery,
  checkDuplicatesBody,
  communeParams,
  errorResponse,
  householdListQuery,
  householdListResponse,
  householdParams,
  householdPhotoParams,
  importJobParams,
  importQuery,
  saveHouseholdBody,
  summaryQuery,
  summaryResponse,
  transitionBody,
  updateHouseholdBody,
  type CampaignParams,
  type CampaignQuery,
  type CheckDuplicatesBody,
  type CommuneParams,
  type HouseholdListQuery,
  type HouseholdParams,
  type HouseholdPhotoParams,
  type ImportJobParams,
  type ImportQuery,
  type SaveHouseholdBody,
  type SummaryQuery,
  type UpdateHouseholdBody,
  householdPageResponse,
  duplicatesResponse,
  saveOutcomeResponse,
  campaignListResponse,
  campaignViewSchema,
  importJobSchema,
  aggregatesRebuildResponse,
} from '../schemas/registry.js';

export async function registryRoutes(app: FastifyInstance): Promise<void> {
  // The file size limit comes from the configuration, per request (readUpload, src/http/uploads.ts).
  await app.register(multipart, { limits: { files: 2, fields: 10 } });

  app.get<{ Querystring: HouseholdListQuery }>(
    '/registry/households',
    {
      config: { access: { permission: 'registry.read', scope: 'unit' } },
      schema: {
        tags: ['registry'],
        summary:
          'Danh sách hộ: lọc theo thôn, phân loại, biến động; tìm không dấu / Household list with filters and accent-insensitive search',
        querystring: householdListQuery,
        response: {
          200: householdListResponse,
          403: errorResponse,
        },
      },
    },
    async (req) => {
      const q = req.query;
      return listHouseholds(req.deps, req.actor!, {
        unitCode: q.unit,
        ...(q.period !== undefined ? { period: q.period } : {}),
        ...(q.village !== undefined ? { villageId: q.village } : {}),
        ...(q.class ? { classification: q.class } : {}),
        ...(q.movement ? { movement: q.movement } : {}),
        ...(q.q ? { q: q.q } : {}),
        ...(q.page ? { page: q.page } : {}),
        ...(q.pageSize ? { pageSize: q.pageSize } : {}),
      });
    },
  );

  app.get<{ Params: HouseholdParams }>(
    '/registry/households/:householdId',
    {
      config: { access: { permission: 'registry.read' } },
      schema: {
        tags: ['registry'],
        summary: 'Hồ sơ hộ: thành viên, kết quả từng kỳ kèm giải thích, lịch sử thay đổi / Household page',
        params: householdParams,
        response: { 200: householdPageResponse, 404: errorResponse },
      },
    },
    async (req) => getHousehold(req.deps, req.actor!, req.params.householdId, req.lang),
  );

  app.get<{ Params: HouseholdPhotoParams }>(
    '/registry/households/:householdId/photos/:clientId',
    {
      config: { access: { permission: 'registry.read' } },
      schema: {
        tags: ['registry'],
        summary:
          'Ảnh nhà ở chụp khi khảo sát ngoại tuyến (JPEG) / House photo taken by the offline survey (JPEG)',
        params: householdPhotoParams,
      },
    },
    async (req, reply) => {
      const bytes = await householdPhoto(req.deps, req.actor!, req.params.householdId, req.params.clientId);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('cache-control', 'private, no-store');
      return reply.type('image/jpeg').send(bytes);
    },
  );

  app.post<{ Body: CheckDuplicatesBody }>(
    '/registry/households/check-duplicates',
    {
      config: { access: { permission: 'registry.write' } },
      schema: {
        response: { 200: duplicatesResponse },
        tags: ['registry'],
        summary:
          'Kiểm tra trùng trước khi lưu (CCCD; họ tên chủ hộ + ngày sinh) / Duplicates shown before saving',
        body: checkDuplicatesBody,
      },
    },
    async (req) => checkDuplicates(req.deps, req.actor!, req.body.survey),
  );

  app.post<{ Body: SaveHouseholdBody }>(
    '/registry/households',
    {
      config: { access: { permission: 'registry.write' } },
      schema: {
        tags: ['registry'],
        summary:
          'Tạo hộ (hoặc cập nhật với expectedVersion) từ phiếu khảo sát / Create a household from a survey',
        body: saveHouseholdBody,
        response: { 200: saveOutcomeResponse, 409: errorResponse },
      },
    },
    async (req, reply) => {
      const r = await saveHousehold(req.deps, req.actor!, req.body);
      return reply.status(r.saved && r.created ? 201 : 200).send(r);
    },
  );

  app.put<{ Params: HouseholdParams; Body: UpdateHouseholdBody }>(
    '/registry/households/:householdId',
    {
      config: { access: { permission: 'registry.write' } },
      schema: {
        tags: ['registry'],
        summary:
          'Cập nhật hộ; phiên bản cũ → 409 CONFLICT kèm cả hai phiên bản / Update (stale version → CONFLICT with both versions)',
        params: householdParams,
        body: updateHouseholdBody,
        response: { 200: saveOutcomeResponse, 409: errorResponse },
      },
    },
    async (req) => {
      if (req.body.survey.householdId !== req.params.householdId) {
        throw new AppError(
          'FIELD_INVALID',
          { field: 'survey.householdId', detail: String(req.body.survey.householdId) },
          { field: 'survey.householdId' },
        );
      }
      return saveHousehold(req.deps, req.actor!, req.body);
    },
  );

  // ── campaigns ──────────────────────────────────────────────────────────────
  app.get<{ Params: CommuneParams }>(
    '/registry/campaigns/:communeCode',
    {
      config: { access: { permission: 'registry.read', scope: 'communeCode' } },
      schema: {
        response: { 200: campaignListResponse },
        tags: ['registry'],
        summary: 'Các đợt rà soát của xã / Campaigns of a commune',
        params: communeParams,
      },
    },
    async (req) => ({ items: await listCampaigns(req.deps, req.actor!, req.params.communeCode) }),
  );

  app.get<{ Params: CampaignParams; Querystring: CampaignQuery }>(
    '/registry/campaigns/:communeCode/:period',
    {
      config: { access: { permission: 'registry.read', scope: 'communeCode' } },
      schema: {
        response: { 200: campaignViewSchema },
        tags: ['registry'],
        summary:
          'Trạng thái đợt rà soát, dòng thời gian, bước tiếp theo / Campaign state, timeline and allowed next steps',
        params: campaignParams,
        querystring: campaignQuery,
      },
    },
    async (req) =>
      getCampaign(req.deps, req.actor!, {
        communeCode: req.params.communeCode,
        period: req.params.period,
        ...(req.query.case ? { caseKey: req.query.case } : {}),
      }),
  );

  app.post<{
    Params: CampaignParams;
    Body: { action: Action; expectedVersion?: number; surveys?: unknown[]; caseKey?: string };
  }>(
    '/registry/campaigns/:communeCode/:period/transitions',
    {
      config: { access: { permission: 'campaign.decide', scope: 'communeCode' } },
      schema: {
        tags: ['registry'],
        summary:
          'Chuyển bước đợt rà soát (sai thứ tự → 409 CAMPAIGN_STEP_OUT_OF_ORDER) / Apply a campaign step',
        params: campaignParams,
        body: transitionBody,
        response: { 200: campaignViewSchema, 409: errorResponse },
      },
    },
    async (req) =>
      transition(req.deps, req.actor!, {
        communeCode: req.params.communeCode,
        period: req.params.period,
        action: req.body.action,
        ...(req.body.expectedVersion !== undefined ? { expectedVersion: req.body.expectedVersion } : {}),
        ...(req.body.surveys ? { surveys: req.body.surveys } : {}),
        ...(req.body.caseKey ? { caseKey: req.body.caseKey } : {}),
      }),
  );

  // ── import ─────────────────────────────────────────────────────────────────
  app.post<{ Querystring: ImportQuery }>(
    '/registry/imports',
    {
      config: { access: { permission: 'registry.write' } },
      schema: {
        response: { 200: importJobSchema, 202: importJobSchema },
        tags: ['registry'],
        summary:
          'Tải tệp khảo sát lên (multipart: file, members?, mode, status, period) → mã tiến trình / Upload a survey file (JSONL, CSV + members CSV, XLSX); returns a job to poll',
        querystring: importQuery,
      },
    },
    async (req, reply) => {
      // The job takes the upload's folder over and removes it when it ends.
      const upload = await readUpload(req);
      const { dir, fields } = upload;
      let started: ReturnType<typeof startImportJob>;
      try {
        const main = fileOf(upload, 'file');
        if (!main) throw new AppError('FIELD_REQUIRED', { field: 'file' }, { field: 'file' });
        const mode = fields.mode ?? 'atomic';
        const status = fields.status ?? 'approved';
        if (mode !== 'atomic' && mode !== 'valid-rows') {
          throw new AppError(
            'ENUM_INVALID',
            { field: 'mode', value: mode, allowed: 'atomic, valid-rows' },
            { field: 'mode' },
          );
        }
        if (status !== 'draft' && status !== 'approved') {
          throw new AppError(
            'ENUM_INVALID',
            { field: 'status', value: status, allowed: 'draft, approved' },
            { field: 'status' },
          );
        }
        const period = fields.period ? Number(fields.period) : undefined;
        if (period !== undefined && !(Number.isInteger(period) && period >= 2000 && period <= 2100)) {
          throw new AppError(
            'FIELD_INVALID',
            { field: 'period', detail: fields.period },
            { field: 'period' },
          );
        }
        if (!formatOfName(main.fileName))
          throw new AppError(
            'IMPORT_FORMAT_UNKNOWN',
            { file: main.fileName, detail: 'cần .jsonl, .csv hoặc .xlsx / expected .jsonl, .csv or .xlsx' },
            { field: 'file' },
          );
        const source = sourceOf(main.path, fileOf(upload, 'members')?.path);
        // A file that is plainly not what its name says is refused now, not by a failed job.
        checkImportFile(source);
        started = startImportJob(
          req.deps,
          req.actor!,
          { dir, fileName: main.fileName, source },
          { mode, status, ...(period !== undefined ? { period } : {}) },
        );
      } catch (err) {
        await removeUpload(upload);
        throw err;
      }
      const { job, done } = started;
      if (req.query.wait) {
        const finished = await done;
        if (finished.state === 'failed') throw failureOf(finished);
        return reply.status(200).send(finished);
      }
      return reply.status(202).send(job);
    },
  );

  app.get<{ Params: ImportJobParams }>(
    '/registry/imports/:id',
    {
      config: { access: { permission: 'registry.write' } },
      schema: {
        response: { 200: importJobSchema },
        tags: ['registry'],
        summary: 'Tiến độ và kết quả nhập / Import progress and report',
        params: importJobParams,
      },
    },
    async (req) => {
      const job = await findImportJob(req.deps, req.params.id, req.actor!);
      if (!job) throw new AppError('NOT_FOUND', { what: `import ${req.params.id}` });
      return job;
    },
  );

  // ── summary ────────────────────────────────────────────────────────────────
  app.get<{ Querystring: SummaryQuery }>(
    '/registry/summary',
    {
      config: { access: { permission: 'registry.read', scope: 'unit' } },
      schema: {
        tags: ['registry'],
        summary: 'Số hộ nghèo, cận nghèo theo đơn vị (từ số liệu tổng hợp) / Summary counts per unit',
        querystring: summaryQuery,
        response: { 200: summaryResponse },
      },
    },
    async (req) =>
      reportSummary(req.deps, req.actor!, {
        period: req.query.period,
        unitCode: req.query.unit,
        ...(req.query.unitsOn ? { unitsOn: req.query.unitsOn } : {}),
      }),
  );

  app.post(
    '/registry/aggregates/rebuild',
    {
      config: { access: { permission: 'registry.rebuild' } },
      schema: {
        response: { 200: aggregatesRebuildResponse },
        tags: ['registry'],
        summary: 'Tính lại số liệu tổng hợp từ đầu / Rebuild the aggregates from the results',
      },
    },
    async (req) => rebuildAggregates(req.deps, req.actor!),
  );
}
