// Personal-data protection over HTTP (issue 17; docs/decisions/0027-personal-data.md): the access
// record (who read or exported which household or list), with its export, and a household's own
// data report as JSON or PDF. Thin: the services check permission and scope again and record.
import type { FastifyInstance } from 'fastify';
import { exportAccess, listAccess, type AccessQuery } from '../../services/privacy/access-record.service.js';
import { householdReport, householdReportPdf } from '../../services/privacy/household-report.service.js';
import { XLSX_TYPE } from '../../services/registry/exports.service.js';
import {
  accessLogExportQuery,
  accessLogQuery,
  accessLogResponse,
  householdReportParams,
  householdReportResponse,
  type AccessLogExportQuery,
  type AccessLogQuery,
  type HouseholdReportParams,
} from '../schemas/privacy.js';

function queryOf(q: AccessLogQuery): AccessQuery {
  return {
    ...(q.unit ? { unitCode: q.unit } : {}),
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.household ? { householdId: q.household } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.limit !== undefined ? { limit: q.limit } : {}),
    ...(q.before !== undefined ? { before: q.before } : {}),
  };
}

export async function privacyRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: AccessLogQuery }>(
    '/access-log',
    {
      config: { access: { permission: 'access-log.read' } },
      schema: {
        tags: ['privacy'],
        summary:
          'Nhật ký truy cập dữ liệu cá nhân: ai đã xem, xuất hộ nào, danh sách nào / Access record: who read or exported which household or list',
        querystring: accessLogQuery,
        response: { 200: accessLogResponse },
      },
    },
    async (req) => listAccess(req.deps, req.actor!, queryOf(req.query)),
  );

  app.get<{ Querystring: AccessLogExportQuery }>(
    '/access-log/export',
    {
      config: { access: { permission: 'access-log.read' } },
      schema: {
        tags: ['privacy'],
        summary: 'Xuất nhật ký truy cập (XLSX hoặc CSV) / Access record as XLSX or CSV',
        querystring: accessLogExportQuery,
      },
    },
    async (req, reply) => {
      const format = req.query.format ?? 'xlsx';
      const bytes = await exportAccess(req.deps, req.actor!, queryOf(req.query), format);
      reply.header('content-disposition', `attachment; filename="nhat-ky-truy-cap.${format}"`);
      return reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE).send(bytes);
    },
  );

  app.get<{ Params: HouseholdReportParams }>(
    '/registry/households/:householdId/report.:format',
    {
      config: { access: { permission: 'registry.personal-data' } },
      schema: {
        tags: ['privacy'],
        summary:
          'Toàn bộ dữ liệu của một hộ (thành viên, câu trả lời, kết quả, giấy chứng nhận, hỗ trợ, ai đã truy cập), JSON hoặc PDF / Everything held about a household, as JSON or PDF',
        params: householdReportParams,
        // The JSON form; the PDF form is sent as bytes, which the serialiser leaves alone.
        response: { 200: householdReportResponse },
      },
    },
    async (req, reply) => {
      const report = await householdReport(req.deps, req.actor!, req.params.householdId);
      if (req.params.format === 'json') return report;
      const name = `du-lieu-ho-${report.household.householdId}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_');
      reply.header('content-disposition', `attachment; filename="${name}"`);
      return reply.type('application/pdf').send(await householdReportPdf(report));
    },
  );
}
