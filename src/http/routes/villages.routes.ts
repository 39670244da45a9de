// Villages (thôn, tổ dân phố) of a commune: listed by anyone whose scope covers the commune,
// added by province and commune officers.
import type { FastifyInstance } from 'fastify';
import {
  addVillage,
  listVillages,
  VILLAGE_KINDS,
  type VillageKind,
} from '../../services/villages.service.js';
import { vnDateOf } from '../../domain/dates.js';
import { checkDate } from '../../services/units.service.js';

const village = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    communeCode: { type: 'string' },
    communeValidFrom: { type: ['string', 'null'] },
    name: { type: 'string' },
    kind: { type: 'string' },
  },
} as const;

export async function villagesRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { code: string }; Querystring: { on?: string } }>(
    '/units/:code/villages',
    {
      config: { access: { permission: 'units.read', scope: 'code' } },
      schema: {
        tags: ['units'],
        summary: 'Thôn, tổ dân phố của một xã/phường / Villages of a commune',
        params: { type: 'object', properties: { code: { type: 'string', pattern: '^[0-9]{5}$' } } },
        querystring: { type: 'object', properties: { on: { type: 'string' } } },
        response: { 200: { type: 'object', properties: { items: { type: 'array', items: village } } } },
      },
    },
    async (req) => {
      const on = req.query.on ? checkDate(req.query.on, 'on') : vnDateOf(req.deps.now());
      return { items: await listVillages(req.deps, req.actor!, req.params.code, on) };
    },
  );

  app.post<{ Params: { code: string }; Body: { name: string; kind: VillageKind; on?: string } }>(
    '/units/:code/villages',
    {
      config: { access: { permission: 'villages.write', scope: 'code' } },
      schema: {
        tags: ['units'],
        summary: 'Thêm thôn/tổ dân phố / Add a village',
        params: { type: 'object', properties: { code: { type: 'string', pattern: '^[0-9]{5}$' } } },
        body: {
          type: 'object',
          required: ['name', 'kind'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 120 },
            kind: { type: 'string', enum: [...VILLAGE_KINDS] },
            on: { type: 'string' },
          },
        },
        response: { 200: village },
      },
    },
    async (req) => {
      const on = req.body.on ? checkDate(req.body.on, 'on') : vnDateOf(req.deps.now());
      return addVillage(req.deps, req.actor!, {
        communeCode: req.params.code,
        on,
        name: req.body.name,
        kind: req.body.kind,
      });
    },
  );
}
