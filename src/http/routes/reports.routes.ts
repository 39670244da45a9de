// Official reports (issue 12): resident households per commune × year, and the year's balance.
// Thin: each handler calls one service; the permission and unit scope are declared per route and checked
// again in the services (scope on the row's own unit).
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import multipart from '@fastify/multipart';
import { withUpload } from '../uploads.js';
import { AppError } from '../../errors.js';
import {
  getResidentHouseholds,
  importResidentHouseholds,
  setResidentHouseholds,
} from '../../services/registry/residents.service.js';
import { reportBalance } from '../../services/registry/balance.service.js';
import { balancePdf, balanceXlsx } from '../../services/registry/balance-documents.service.js';
import { reportAnnex7 } from '../../services/registry/annex7.service.js';
import { annex7Pdf, annex7Xlsx } from '../../services/registry/annex7-documents.service.js';
import {
  annex7DocumentQuery,
  annex7Query,
  annex7Response,
  type Annex7DocumentQuery,
  type Annex7Query,
} from '../schemas/reports.js';
import {
  balanceQuery,
  balanceResponse,
  residentBody,
  residentImportQuery,
  residentQuery,
  residentView,
  type BalanceQuery,
  type ResidentBody,
  type ResidentImportQuery,
  type ResidentQuery,
  residentImportReportSchema,
} from '../schemas/reports.js';

const balanceInput = (q: BalanceQuery) => ({
  period: q.period,
  unitCode: q.unit,
  ...(q.unitsOn ? { unitsOn: q.unitsOn } : {}),
});

/** A table of commune code × households is small: 10 MB is far more than it needs. */
const MAX_IMPORT_MB = 10;

export async function reportsRoutes(app: FastifyInstance): Promise<void> {
  // File sizes are limited per route (withUpload, src/http/uploads.ts).
  await app.register(multipart, { limits: { files: 1, fields: 10 } });

  app.get<{ Querystring: ResidentQuery }>(
    '/registry/resident-households',
    {
      config: { access: { permission: 'registry.read', scope: 'unit' } },
      schema: {
        tags: ['reports'],
        summary: 'Tổng số hộ dân cư của xã trong năm / Resident households of a commune in a year',
        querystring: residentQuery,
        response: { 200: residentView },
      },
    },
    async (req) =>
      getResidentHouseholds(req.deps, req.actor!, { unitCode: req.query.unit, year: req.query.year }),
  );

  app.put<{ Querystring: ResidentQuery; Body: ResidentBody }>(
    '/registry/resident-households',
    {
      config: { access: { permission: 'registry.write', scope: 'unit' } },
      schema: {
        tags: ['reports'],
        summary: 'Nhập số hộ dân cư (nguồn, ngày số liệu) / Enter the resident households (source, date)',
        querystring: residentQuery,
        body: residentBody,
        response: { 200: residentView },
      },
    },
    async (req) =>
      setResidentHouseholds(req.deps, req.actor!, {
        unitCode: req.query.unit,
        year: req.query.year,
        households: req.body.households,
        source: req.body.source,
        sourceDate: req.body.sourceDate,
      }),
  );

  app.post<{ Querystring: ResidentImportQuery }>(
    '/registry/resident-households/import',
    {
      config: { access: { permission: 'registry.write' } },
      schema: {
        response: { 200: residentImportReportSchema },
        tags: ['reports'],
        summary:
          'Nhập Excel mã xã × số hộ dân cư (multipart, trường file) / Excel import of commune code × resident households',
        querystring: residentImportQuery,
      },
    },
    async (req) =>
      withUpload(req, { maxMb: MAX_IMPORT_MB }, async (upload) => {
        const file = upload.files[0];
        if (!file) throw new AppError('FIELD_REQUIRED', { field: 'file' }, { field: 'file' });
        // Read whole only once it is known to be under the limit; the XLSX guard bounds the rest.
        const data = await fs.promises.readFile(file.path);
        return importResidentHouseholds(req.deps, req.actor!, data, {
          year: req.query.year,
          ...(req.query.source ? { source: req.query.source } : {}),
          ...(req.query.sourceDate ? { sourceDate: req.query.sourceDate } : {}),
        });
      }),
  );

  app.get<{ Querystring: BalanceQuery }>(
    '/reports/balance',
    {
      config: { access: { permission: 'registry.read', scope: 'unit' } },
      schema: {
        tags: ['reports'],
        summary:
          'Cân đối hộ nghèo, cận nghèo trong năm theo đơn vị (số liệu đã công nhận) / The year’s balance per unit (recognised figures)',
        querystring: balanceQuery,
        response: { 200: balanceResponse },
      },
    },
    async (req) => reportBalance(req.deps, req.actor!, balanceInput(req.query)),
  );

  for (const format of ['xlsx', 'pdf'] as const)
    app.get<{ Querystring: BalanceQuery }>(
      `/reports/balance.${format}`,
      {
        config: { access: { permission: 'registry.read', scope: 'unit' } },
        schema: {
          tags: ['reports'],
          summary: `Cân đối hộ nghèo, cận nghèo (${format.toUpperCase()}) / The year’s balance as ${format.toUpperCase()}`,
          querystring: balanceQuery,
        },
      },
      async (req, reply) => {
        const b = await reportBalance(req.deps, req.actor!, balanceInput(req.query));
        const name = `can-doi-ho-ngheo-${b.unit.code}-${b.period}.${format}`;
        reply.header('content-disposition', `attachment; filename="${name}"`);
        if (format === 'xlsx')
          return reply
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .send(await balanceXlsx(req.deps, b));
        return reply.type('application/pdf').send(await balancePdf(req.deps, b));
      },
    );

  // ── the Annex VII tables (docs/decisions/0025-ethnicity-groups-annex7.md) ──
  const annex7Input = (q: Annex7Query) => ({
    period: q.period,
    unitCode: q.unit,
    ...(q.unitsOn ? { unitsOn: q.unitsOn } : {}),
  });
  app.get<{ Querystring: Annex7Query }>(
    '/reports/annex7',
    {
      config: { access: { permission: 'registry.read', scope: 'unit' } },
      schema: {
        tags: ['reports'],
        summary:
          'Biểu Phụ lục VII: hộ nghèo, cận nghèo theo khu vực, DTTS, nhóm hộ, chỉ số thiếu hụt (đã công nhận) / The Annex VII tables (recognised figures)',
        querystring: annex7Query,
        response: { 200: annex7Response },
      },
    },
    async (req) => reportAnnex7(req.deps, req.actor!, annex7Input(req.query)),
  );

  for (const format of ['xlsx', 'pdf'] as const)
    app.get<{ Querystring: Annex7DocumentQuery }>(
      `/reports/annex7.${format}`,
      {
        config: { access: { permission: 'registry.read', scope: 'unit' } },
        schema: {
          tags: ['reports'],
          summary: `Biểu Phụ lục VII (${format.toUpperCase()}), một biểu mỗi tệp / One Annex VII table as ${format.toUpperCase()}`,
          querystring: annex7DocumentQuery,
        },
      },
      async (req, reply) => {
        const table = req.query.table ?? 'area';
        const a = await reportAnnex7(req.deps, req.actor!, annex7Input(req.query));
        const name = `phu-luc-vii-${table}-${a.unit.code}-${a.period}.${format}`;
        reply.header('content-disposition', `attachment; filename="${name}"`);
        if (format === 'xlsx')
          return reply
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .send(await annex7Xlsx(req.deps, a, table));
        return reply.type('application/pdf').send(await annex7Pdf(req.deps, a, table));
      },
    );
}
