// The review year's paperwork (issue 12 part 2, decision 0026): the papers of a commune's review
// (JSON, XLSX, PDF), the applications register of regular review, and the reporting round (submit,
// download a submitted version, the board). Thin: each handler calls one service; permissions and
// unit scope are declared per route and checked again in the services.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { paperFile, paperFileName, reviewPaper } from '../../services/registry/review-papers.service.js';
import {
  applicationRegister,
  decideApplication,
  receiveApplication,
  registerFile,
} from '../../services/registry/applications.service.js';
import {
  boardTable,
  getSubmission,
  reportingBoard,
  submitReport,
} from '../../services/registry/round.service.js';
import { paperUnits } from '../../services/registry/paper-units.service.js';
import { documentPdf, documentXlsx } from '../../services/documents/official.js';
import {
  applicationBody,
  applicationIdParams,
  applicationView,
  boardQuery,
  boardView,
  decisionBody,
  paperParams,
  paperQuery,
  paperView,
  paperUnitsQuery,
  paperUnitsView,
  registerQuery,
  registerView,
  submissionParams,
  submissionView,
  submitBody,
  type ApplicationBody,
  type ApplicationIdParams,
  type BoardQuery,
  type DecisionBody,
  type PaperParams,
  type PaperQuery,
  type PaperUnitsQuery,
  type RegisterQuery,
  type SubmitBody,
} from '../schemas/papers.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function send(reply: FastifyReply, name: string, format: 'xlsx' | 'pdf', bytes: Buffer) {
  reply.header('content-disposition', `attachment; filename="${name}"`);
  return reply.type(format === 'xlsx' ? XLSX : 'application/pdf').send(bytes);
}

export async function papersRoutes(app: FastifyInstance): Promise<void> {
  const paperInput = (p: PaperParams, q: PaperQuery) => ({
    communeCode: q.commune,
    period: q.period,
    kind: p.kind,
    ...(q.village ? { villageId: q.village } : {}),
  });

  app.get<{ Querystring: PaperUnitsQuery }>(
    '/reports/paper-units',
    {
      config: { access: { permission: 'registry.read' } },
      schema: {
        tags: ['reports'],
        summary:
          'Đơn vị có đợt rà soát của kỳ trong phạm vi người dùng / The units holding the review of a period within scope',
        querystring: paperUnitsQuery,
        response: { 200: paperUnitsView },
      },
    },
    async (req) => paperUnits(req.deps, req.actor!, { period: req.query.period }),
  );

  app.get<{ Params: PaperParams; Querystring: PaperQuery }>(
    '/reports/review-papers/:kind',
    {
      config: { access: { permission: 'registry.read' } },
      schema: {
        tags: ['reports'],
        summary:
          'Giấy tờ rà soát của xã: quyết định Mẫu 02, danh sách niêm yết, biên bản họp thôn, thông báo niêm yết / A commune review’s papers',
        params: paperParams,
        querystring: paperQuery,
        response: { 200: paperView },
      },
    },
    async (req) => reviewPaper(req.deps, req.actor!, paperInput(req.params, req.query)),
  );

  for (const format of ['xlsx', 'pdf'] as const)
    app.get<{ Params: PaperParams; Querystring: PaperQuery }>(
      `/reports/review-papers/:kind/${format}`,
      {
        config: { access: { permission: 'registry.read' } },
        schema: {
          tags: ['reports'],
          summary: `Giấy tờ rà soát (${format.toUpperCase()}) / A review paper as ${format.toUpperCase()}`,
          params: paperParams,
          querystring: paperQuery,
        },
      },
      async (req, reply) => {
        const p = await reviewPaper(req.deps, req.actor!, paperInput(req.params, req.query));
        return send(reply, paperFileName(p, format), format, await paperFile(p, format));
      },
    );

  app.post<{ Body: ApplicationBody }>(
    '/reports/applications',
    {
      config: { access: { permission: 'applications.manage' } },
      schema: {
        tags: ['reports'],
        summary: 'Vào sổ đơn đề nghị (Mẫu 01, Mẫu 04) / Enter an application (Form 01, 04)',
        body: applicationBody,
        response: { 200: applicationView },
      },
    },
    async (req) =>
      receiveApplication(req.deps, req.actor!, {
        communeCode: req.body.commune,
        form: req.body.form,
        householdKey: req.body.householdKey,
        applicantName: req.body.applicantName,
        address: req.body.address,
        reason: req.body.reason,
        receivedOn: req.body.receivedOn,
      }),
  );

  app.post<{ Params: ApplicationIdParams; Body: DecisionBody }>(
    '/reports/applications/:id/decision',
    {
      config: { access: { permission: 'applications.manage' } },
      schema: {
        tags: ['reports'],
        summary: 'Ghi quyết định công nhận hoặc từ chối (có lý do) / Record the decision or the refusal',
        params: applicationIdParams,
        body: decisionBody,
        response: { 200: applicationView },
      },
    },
    async (req) => decideApplication(req.deps, req.actor!, { id: req.params.id, ...req.body }),
  );

  app.get<{ Querystring: RegisterQuery }>(
    '/reports/applications',
    {
      config: { access: { permission: 'registry.read', scope: 'unit' } },
      schema: {
        tags: ['reports'],
        summary:
          'Sổ theo dõi đơn đề nghị, thời hạn 15 ngày / The applications register with the 15-day clock',
        querystring: registerQuery,
        response: { 200: registerView },
      },
    },
    async (req) => applicationRegister(req.deps, req.actor!, { unitCode: req.query.unit, ...req.query }),
  );

  for (const format of ['xlsx', 'pdf'] as const)
    app.get<{ Querystring: RegisterQuery }>(
      `/reports/applications.${format}`,
      {
        config: { access: { permission: 'registry.read', scope: 'unit' } },
        schema: {
          tags: ['reports'],
          summary: `Sổ theo dõi đơn (${format.toUpperCase()}) / The applications register as ${format.toUpperCase()}`,
          querystring: registerQuery,
        },
      },
      async (req, reply) => {
        const r = await applicationRegister(req.deps, req.actor!, { unitCode: req.query.unit, ...req.query });
        return send(reply, `so-don-${r.unit.code}.${format}`, format, await registerFile(r, format));
      },
    );

  app.post<{ Body: SubmitBody }>(
    '/reports/round/submissions',
    {
      config: { access: { permission: 'reports.submit' } },
      schema: {
        tags: ['reports'],
        summary:
          'Nộp báo cáo (bản nộp được lưu nguyên, không sửa) / Submit a report (the submitted version is frozen)',
        body: submitBody,
        response: { 200: submissionView },
      },
    },
    async (req) =>
      submitReport(req.deps, req.actor!, {
        unitCode: req.body.unit,
        round: req.body.round,
        period: req.body.period,
        month: req.body.month,
      }),
  );

  app.get<{ Params: ApplicationIdParams }>(
    '/reports/round/submissions/:id/xlsx',
    {
      config: { access: { permission: 'reports.board' } },
      schema: {
        tags: ['reports'],
        summary: 'Tệp Excel của bản đã nộp / The XLSX of a submitted version, as submitted',
        params: submissionParams,
      },
    },
    async (req, reply) => {
      const s = await getSubmission(req.deps, req.actor!, req.params.id);
      const month = s.view.month ? `-thang-${s.view.month}` : '';
      return send(
        reply,
        `bao-cao-${s.view.round}-${s.view.unitCode}-${s.view.period}${month}-v${s.view.version}.xlsx`,
        'xlsx',
        s.xlsx,
      );
    },
  );

  app.get<{ Querystring: BoardQuery }>(
    '/reports/round/board',
    {
      config: { access: { permission: 'reports.board', scope: 'unit' } },
      schema: {
        tags: ['reports'],
        summary: 'Bảng theo dõi nộp báo cáo: đơn vị đã nộp, trễ hạn / The reporting board',
        querystring: boardQuery,
        response: { 200: boardView },
      },
    },
    async (req) =>
      reportingBoard(req.deps, req.actor!, { unitCode: req.query.unit, period: req.query.period }),
  );

  for (const format of ['xlsx', 'pdf'] as const)
    app.get<{ Querystring: BoardQuery }>(
      `/reports/round/board.${format}`,
      {
        config: { access: { permission: 'reports.board', scope: 'unit' } },
        schema: {
          tags: ['reports'],
          summary: `Bảng theo dõi nộp báo cáo (${format.toUpperCase()}) / The reporting board as ${format.toUpperCase()}`,
          querystring: boardQuery,
        },
      },
      async (req, reply) => {
        const b = await reportingBoard(req.deps, req.actor!, {
          unitCode: req.query.unit,
          period: req.query.period,
        });
        const h = {
          unitName: b.unit.name,
          date: b.today,
          title: `THEO DÕI NỘP BÁO CÁO RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM ${b.period}`,
          signatory: 'NGƯỜI LẬP BIỂU',
        };
        const bytes =
          format === 'xlsx'
            ? await documentXlsx(h, boardTable(b), `Nop bao cao ${b.period}`)
            : await documentPdf(h, boardTable(b));
        return send(reply, `theo-doi-nop-bao-cao-${b.unit.code}-${b.period}.${format}`, format, bytes);
      },
    );
}
