// The Fatherland Front's module over HTTP (issue 16): the Fund for the Poor's ledger, Great
// Solidarity houses, supervision and its answers, the Front's feedback queue and reports.
// Handlers parse, call one service, present; every rule lives in src/services/front/.
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import multipart from '@fastify/multipart';
import { withUpload, fileOf } from '../uploads.js';
import {
  listFundsFor,
  recordReceipt,
  recordSpending,
  showFund,
  transferFunds,
} from '../../services/front/fund.service.js';
import {
  addHousePhoto,
  advanceHouse,
  createHouse,
  frontFile,
  housesByUnit,
  listHousesFor,
  MAX_FRONT_FILE_MB,
} from '../../services/front/houses.service.js';
import {
  addRecommendation,
  addVisit,
  answerRecommendation,
  createPlan,
  feedbackQueue,
  listPlansFor,
  listRecommendationsFor,
  overdueBoard,
} from '../../services/front/supervision.service.js';
import {
  fundStatement,
  housesReport,
  renderDocument,
  type DocumentFormat,
  type FrontDocument,
} from '../../services/front/reports.service.js';
import {
  frontFeedbackListResponse,
  fundDetailSchema,
  fundListResponse,
  houseListResponse,
  housePhotoResultSchema,
  houseRecordSchema,
  housesByUnitResponse,
  planListResponse,
  planRecordSchema,
  receiptResultSchema,
  recommendationListResponse,
  recommendationViewSchema,
  spendingResultSchema,
  transferResultSchema,
  visitRecordSchema,
  frontDocumentParams,
  frontIdParams,
  frontReportParams,
  frontStateQuery,
  frontUnitQuery,
  frontYearQuery,
  houseBody,
  houseStageBody,
  planBody,
  receiptBody,
  recommendationBody,
  spendingBody,
  transferBody,
  visitBody,
} from '../schemas/front.js';

type Body = Record<string, unknown>;
type Id = { id: string };
const tags = ['front'];

async function sendDocument(reply: FastifyReply, doc: FrontDocument, format: DocumentFormat) {
  reply.header('content-disposition', `attachment; filename="${doc.fileName}.${format}"`);
  return reply
    .type(
      format === 'pdf'
        ? 'application/pdf'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    .send(await renderDocument(doc, format));
}

export async function frontRoutes(app: FastifyInstance): Promise<void> {
  // File sizes are limited per route (withUpload, src/http/uploads.ts).
  await app.register(multipart, { limits: { files: 5, fields: 20 } });
  const read = { access: { permission: 'front.read' as const } };
  const write = { access: { permission: 'front.write' as const } };

  // ── the fund ────────────────────────────────────────────────────────────────
  app.get<{ Querystring: { year?: string } }>(
    '/front/funds',
    {
      config: read,
      schema: {
        tags,
        summary: 'Các quỹ "Vì người nghèo" trong phạm vi / Funds in scope',
        querystring: frontYearQuery,
        response: { 200: fundListResponse },
      },
    },
    async (req) => ({ items: await listFundsFor(req.deps, req.actor!, { year: req.query.year }) }),
  );
  app.get<{ Params: Id }>(
    '/front/funds/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Sổ quỹ: thu, chi, điều chuyển / A fund’s ledger',
        params: frontIdParams,
        response: { 200: fundDetailSchema },
      },
    },
    async (req) => showFund(req.deps, req.actor!, req.params.id),
  );
  app.get<{ Params: Id & { format: DocumentFormat } }>(
    '/front/funds/:id/statement.:format',
    {
      config: read,
      schema: {
        tags,
        summary: 'Báo cáo thu, chi quỹ của năm (XLSX, PDF) / Yearly statement',
        params: frontDocumentParams,
      },
    },
    async (req, reply) =>
      sendDocument(reply, await fundStatement(req.deps, req.actor!, req.params.id), req.params.format),
  );
  app.post<{ Body: Body }>(
    '/front/receipts',
    {
      config: { access: { permission: 'front.write', scope: 'unitCode' } },
      schema: {
        tags,
        summary: 'Ghi khoản thu của quỹ / Record a receipt',
        body: receiptBody,
        response: { 201: receiptResultSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await recordReceipt(req.deps, req.actor!, req.body ?? {})),
  );
  app.post<{ Body: Body }>(
    '/front/spending',
    {
      config: write,
      schema: {
        tags,
        summary: 'Ghi khoản chi cho hộ / Record spending',
        body: spendingBody,
        response: { 201: spendingResultSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await recordSpending(req.deps, req.actor!, req.body ?? {})),
  );
  app.post<{ Body: Body }>(
    '/front/transfers',
    {
      config: write,
      schema: {
        tags,
        summary: 'Điều chuyển giữa các cấp, chuyển số dư sang năm sau / Transfer or carry over',
        body: transferBody,
        response: { 201: transferResultSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await transferFunds(req.deps, req.actor!, req.body ?? {})),
  );

  // ── Great Solidarity houses ─────────────────────────────────────────────────
  app.get<{ Querystring: { unit?: string } }>(
    '/front/houses',
    {
      config: read,
      schema: {
        tags,
        summary: 'Nhà Đại đoàn kết trong phạm vi / Houses in scope',
        querystring: frontUnitQuery,
        response: { 200: houseListResponse },
      },
    },
    async (req) => ({ items: await listHousesFor(req.deps, req.actor!, { unitCode: req.query.unit }) }),
  );
  app.get<{ Querystring: { unit?: string } }>(
    '/front/houses/by-unit',
    {
      config: read,
      schema: {
        tags,
        summary: 'Nhà Đại đoàn kết theo đơn vị / Houses per unit',
        querystring: frontUnitQuery,
        response: { 200: housesByUnitResponse },
      },
    },
    async (req) => housesByUnit(req.deps, req.actor!, { unitCode: req.query.unit }),
  );
  app.get<{ Params: { format: DocumentFormat }; Querystring: { unit?: string } }>(
    '/front/houses/report.:format',
    {
      config: read,
      schema: {
        tags,
        summary: 'Báo cáo nhà Đại đoàn kết theo đơn vị (XLSX, PDF) / Houses report',
        params: frontReportParams,
        querystring: frontUnitQuery,
      },
    },
    async (req, reply) =>
      sendDocument(
        reply,
        await housesReport(req.deps, req.actor!, { unitCode: req.query.unit }),
        req.params.format,
      ),
  );
  app.post<{ Body: Body }>(
    '/front/houses',
    {
      config: write,
      schema: {
        tags,
        summary: 'Ghi nhà Đại đoàn kết được duyệt / Record an approved house',
        body: houseBody,
        response: { 201: houseRecordSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createHouse(req.deps, req.actor!, req.body ?? {})),
  );
  app.post<{ Params: Id; Body: Body }>(
    '/front/houses/:id/stage',
    {
      config: write,
      schema: {
        tags,
        summary: 'Chuyển bước: khởi công, bàn giao / Next stage',
        params: frontIdParams,
        body: houseStageBody,
        response: { 200: houseRecordSchema },
      },
    },
    async (req) => advanceHouse(req.deps, req.actor!, req.params.id, req.body ?? {}),
  );
  app.post<{ Params: Id }>(
    '/front/houses/:id/photos',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Ảnh nhà (multipart, trường file, chú thích trong trường caption) / A photo (multipart field "file", optional "caption")',
        params: frontIdParams,
        response: { 201: housePhotoResultSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await withUpload(req, { maxMb: MAX_FRONT_FILE_MB }, (u) => {
          const f = fileOf(u, 'file');
          return addHousePhoto(
            req.deps,
            req.actor!,
            req.params.id,
            f && { path: f.path, fileName: f.fileName, contentType: f.contentType },
            { caption: u.fields.caption },
          );
        }),
      ),
  );
  app.get<{ Params: Id }>(
    '/front/files/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Ảnh nhà hoặc tệp trả lời kiến nghị / A photo or an answer’s file',
        params: frontIdParams,
      },
    },
    async (req, reply) => {
      const f = await frontFile(req.deps, req.actor!, req.params.id);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('content-security-policy', "default-src 'none'; sandbox");
      if (f.contentType === 'image/jpeg') return reply.type('image/jpeg').send(fs.createReadStream(f.path));
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
      return reply.type('application/octet-stream').send(fs.createReadStream(f.path));
    },
  );

  // ── supervision ─────────────────────────────────────────────────────────────
  app.get(
    '/front/plans',
    {
      config: read,
      schema: {
        tags,
        summary: 'Kế hoạch giám sát, cuộc giám sát, kiến nghị / Supervision plans',
        response: { 200: planListResponse },
      },
    },
    async (req) => ({ items: await listPlansFor(req.deps, req.actor!) }),
  );
  app.post<{ Body: Body }>(
    '/front/plans',
    {
      config: { access: { permission: 'front.write', scope: 'unitCode' } },
      schema: {
        tags,
        summary: 'Lập kế hoạch giám sát / Plan a supervision',
        body: planBody,
        response: { 201: planRecordSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createPlan(req.deps, req.actor!, req.body ?? {})),
  );
  app.post<{ Params: Id; Body: Body }>(
    '/front/plans/:id/visits',
    {
      config: write,
      schema: {
        tags,
        summary: 'Ghi kết quả giám sát tại đơn vị / Record a visit',
        params: frontIdParams,
        body: visitBody,
        response: { 201: visitRecordSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addVisit(req.deps, req.actor!, req.params.id, req.body ?? {})),
  );
  app.post<{ Params: Id; Body: Body }>(
    '/front/plans/:id/recommendations',
    {
      config: write,
      schema: {
        tags,
        summary: 'Kiến nghị gửi UBND, có hạn trả lời / A recommendation',
        params: frontIdParams,
        body: recommendationBody,
        response: { 201: recommendationViewSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addRecommendation(req.deps, req.actor!, req.params.id, req.body ?? {})),
  );
  app.get<{ Querystring: { state?: string } }>(
    '/front/recommendations',
    {
      config: read,
      schema: {
        tags,
        summary: 'Kiến nghị trong phạm vi / Recommendations in scope',
        querystring: frontStateQuery,
        response: { 200: recommendationListResponse },
      },
    },
    async (req) => ({
      items: await listRecommendationsFor(req.deps, req.actor!, { state: req.query.state }),
    }),
  );
  app.get(
    '/front/recommendations/overdue',
    {
      config: read,
      schema: {
        tags,
        summary: 'Bảng kiến nghị quá hạn trả lời / Overdue answers',
        response: { 200: recommendationListResponse },
      },
    },
    async (req) => ({ items: await overdueBoard(req.deps, req.actor!) }),
  );
  app.post<{ Params: Id; Body: Body }>(
    '/front/recommendations/:id/answer',
    {
      config: { access: { permission: 'front.answer' } },
      schema: {
        tags,
        summary: 'UBND trả lời kiến nghị (JSON, hoặc multipart kèm tệp trong trường files) / Answer',
        params: frontIdParams,
        // No body schema: Fastify would refuse the multipart form (its body is not an object);
        // the fields are those of `answerBody` (schemas/front.ts), checked by the service.
        response: { 201: recommendationViewSchema },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        return reply
          .status(201)
          .send(await answerRecommendation(req.deps, req.actor!, req.params.id, req.body ?? {}));
      const saved = await withUpload(req, { maxMb: MAX_FRONT_FILE_MB }, (u) =>
        answerRecommendation(
          req.deps,
          req.actor!,
          req.params.id,
          u.fields,
          u.files.map((f) => ({ path: f.path, fileName: f.fileName, contentType: f.contentType })),
        ),
      );
      return reply.status(201).send(saved);
    },
  );
  app.get(
    '/front/feedback',
    {
      config: { access: { permission: 'front.read' } },
      schema: {
        tags,
        summary: 'Góp ý, phản ánh của người dân chuyển Mặt trận / Feedback routed to the Front',
        response: { 200: frontFeedbackListResponse },
      },
    },
    async (req) => ({ items: await feedbackQueue(req.deps, req.actor!) }),
  );
}
