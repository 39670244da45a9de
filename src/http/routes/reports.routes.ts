// Official reports (issue 12): resident households per commune × year, and the year's balance.
// Thin: each handler calls one service; the permission and unit scope are declared per route and checked
// again in the services (scope on the row's own unit).
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { AppError } from '../../errors.js';
import {
  getResidentHouseholds,
  importResidentHouseholds,
  setResidentHouseholds,
} from '../../services/registry/residents.service.js';
import { reportBalance } from '../../services/registry/balance.service.js';
import { balancePdf, balanceXlsx } from '../../services/registry/balance-documents.service.js';

const unitCode = { type: 'string', pattern: '^[0-9]{2,5}$' } as const;
const terms = {
  type: 'object',
  properties: Object.fromEntries(
    ['start', 'exited', 'new', 'returned', 'movedIn', 'movedOut', 'end'].map((k) => [k, { type: 'integer' }]),
  ),
} as const;
const balanceRow = {
  type: 'object',
  properties: {
    unit: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
    residentHouseholds: { type: ['integer', 'null'] },
    poor: terms,
    nearPoor: terms,
  },
} as const;
const residentView = {
  type: 'object',
  properties: {
    unit: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
    year: { type: 'integer' },
    households: { type: ['integer', 'null'] },
    source: { type: ['string', 'null'] },
    sourceDate: { type: ['string', 'null'] },
    updatedAt: { type: ['string', 'null'] },
    updatedBy: { type: ['string', 'null'] },
  },
} as const;
const balanceQuery = {
  type: 'object',
  required: ['period', 'unit'],
  properties: {
    period: { type: 'integer' },
    unit: unitCode,
    unitsOn: { type: 'string', format: 'date' },
  },
} as const;
type BalanceQuery = { period: number; unit: string; unitsOn?: string };
const balanceInput = (q: BalanceQuery) => ({
  period: q.period,
  unitCode: q.unit,
  ...(q.unitsOn ? { unitsOn: q.unitsOn } : {}),
});

export async function reportsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 10 } });

  app.get<{ Querystring: { unit: string; year: number } }>(
    '/registry/resident-households',
    {
      config: { access: { permission: 'registry.read', scope: 'unit' } },
      schema: {
        tags: ['reports'],
        summary: 'Tổng số hộ dân cư của xã trong năm / Resident households of a commune in a year',
        querystring: {
          type: 'object',
          required: ['unit', 'year'],
          properties: { unit: unitCode, year: { type: 'integer' } },
        },
        response: { 200: residentView },
      },
    },
    async (req) =>
      getResidentHouseholds(req.deps, req.actor!, { unitCode: req.query.unit, year: req.query.year }),
  );

  app.put<{
    Querystring: { unit: string; year: number };
    Body: { households: number; source: string; sourceDate: string };
  }>(
    '/registry/resident-households',
    {
      config: { access: { permission: 'registry.write', scope: 'unit' } },
      schema: {
        tags: ['reports'],
        summary: 'Nhập số hộ dân cư (nguồn, ngày số liệu) / Enter the resident households (source, date)',
        querystring: {
          type: 'object',
          required: ['unit', 'year'],
          properties: { unit: unitCode, year: { type: 'integer' } },
        },
        body: {
          type: 'object',
          required: ['households', 'source', 'sourceDate'],
          properties: {
            households: { type: 'integer' },
            source: { type: 'string' },
            sourceDate: { type: 'string' },
          },
        },
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

  app.post<{ Querystring: { year: number; source?: string; sourceDate?: string } }>(
    '/registry/resident-households/import',
    {
      config: { access: { permission: 'registry.write' } },
      schema: {
        tags: ['reports'],
        summary:
          'Nhập Excel mã xã × số hộ dân cư (multipart, trường file) / Excel import of commune code × resident households',
        querystring: {
          type: 'object',
          required: ['year'],
          properties: {
            year: { type: 'integer' },
            source: { type: 'string' },
            sourceDate: { type: 'string' },
          },
        },
      },
    },
    async (req) => {
      const part = req.isMultipart() ? await req.file() : undefined;
      if (!part) throw new AppError('FIELD_REQUIRED', { field: 'file' }, { field: 'file' });
      const data = await part.toBuffer();
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
      return importResidentHouseholds(req.deps, req.actor!, data, {
        year: req.query.year,
        ...(req.query.source ? { source: req.query.source } : {}),
        ...(req.query.sourceDate ? { sourceDate: req.query.sourceDate } : {}),
      });
    },
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
        response: {
          200: {
            type: 'object',
            properties: {
              unit: balanceRow.properties.unit,
              period: { type: 'integer' },
              rows: { type: 'array', items: balanceRow },
              total: {
                type: 'object',
                properties: {
                  residentHouseholds: { type: ['integer', 'null'] },
                  poor: terms,
                  nearPoor: terms,
                },
              },
            },
          },
        },
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
}
