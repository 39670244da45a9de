// Administrative units: look-up by code and date, lists for unit pickers.
import type { FastifyInstance } from 'fastify';
import { listUnits, showUnit } from '../../services/units.service.js';
import { vnDateOf } from '../../domain/dates.js';

export async function unitsRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { code: string }; Querystring: { on?: string } }>(
    '/units/:code',
    {
      config: { access: { permission: 'units.read' } },
      schema: {
        tags: ['units'],
        summary: 'Đơn vị hành chính giữ mã CODE vào ngày / The unit holding CODE on a date',
        params: { type: 'object', properties: { code: { type: 'string', pattern: '^[0-9]{2,5}$' } } },
        querystring: { type: 'object', properties: { on: { type: 'string' } } },
      },
    },
    async (req) => showUnit(req.deps, req.params.code, req.query.on),
  );

  app.get<{ Querystring: { on?: string; parent?: string; level?: string; province?: string } }>(
    '/units',
    {
      config: { access: { permission: 'units.read' } },
      schema: {
        tags: ['units'],
        summary: 'Danh sách đơn vị vào một ngày / Units in force on a date',
        querystring: {
          type: 'object',
          properties: {
            on: { type: 'string' },
            parent: { type: 'string' },
            level: { type: 'string', enum: ['province', 'district', 'commune'] },
            province: { type: 'string' },
          },
        },
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
