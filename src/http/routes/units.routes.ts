// Administrative units: look-up by code and date, lists for unit pickers.
import type { FastifyInstance } from 'fastify';
import { listUnits, searchUnits, showUnit } from '../../services/units.service.js';
import { vnDateOf } from '../../domain/dates.js';
import {
  unitDetailSchema,
  unitParams,
  unitQuery,
  unitsListResponse,
  unitsQuery,
  unitSearchQuery,
  type UnitParams,
  type UnitSearchQuery,
  type UnitQuery,
  type UnitsQuery,
  unitSearchResponse,
} from '../schemas/units.js';

export async function unitsRoutes(app: FastifyInstance): Promise<void> {
  // Registered before /units/:code; its path has no digits, so the two never compete anyway.
  app.get<{ Querystring: UnitSearchQuery }>(
    '/units/search',
    {
      config: { access: { permission: 'units.read' } },
      schema: {
        response: { 200: unitSearchResponse },
        tags: ['units'],
        summary:
          'Tìm đơn vị theo tên (không cần dấu) hoặc đầu mã / Find units by name (accents optional) or code prefix',
        querystring: unitSearchQuery,
      },
    },
    async (req) => {
      const q = req.query;
      const items = await searchUnits(req.deps, {
        q: q.q,
        ...(q.on ? { on: q.on } : {}),
        ...(q.level ? { level: q.level } : {}),
        ...(q.within ? { within: q.within } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      });
      return { items };
    },
  );

  app.get<{ Params: UnitParams; Querystring: UnitQuery }>(
    '/units/:code',
    {
      config: { access: { permission: 'units.read' } },
      schema: {
        tags: ['units'],
        summary: 'Đơn vị hành chính giữ mã CODE vào ngày / The unit holding CODE on a date',
        params: unitParams,
        querystring: unitQuery,
        response: { 200: unitDetailSchema },
      },
    },
    async (req) => showUnit(req.deps, req.params.code, req.query.on),
  );

  app.get<{ Querystring: UnitsQuery }>(
    '/units',
    {
      config: { access: { permission: 'units.read' } },
      schema: {
        tags: ['units'],
        summary: 'Danh sách đơn vị vào một ngày / Units in force on a date',
        querystring: unitsQuery,
        response: { 200: unitsListResponse },
      },
    },
    async (req) => {
      const q = req.query;
      const items = await listUnits(req.deps, {
        date: q.on ?? vnDateOf(req.deps.now()),
        ...(q.parent ? { parentCode: q.parent } : {}),
        ...(q.level ? { level: q.level } : {}),
        ...(q.province ? { provinceCode: q.province } : {}),
      });
      return { items };
    },
  );
}
