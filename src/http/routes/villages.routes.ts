// Villages (thôn, tổ dân phố) of a commune: listed by anyone whose scope covers the commune,
// added by province and commune officers.
import type { FastifyInstance } from 'fastify';
import { addVillage, listVillages } from '../../services/villages.service.js';
import { vnDateOf } from '../../domain/dates.js';
import { checkDate } from '../../services/units.service.js';
import {
  addVillageBody,
  communeParams,
  villageSchema,
  villagesListResponse,
  villagesQuery,
  type AddVillageBody,
  type CommuneParams,
  type VillagesQuery,
} from '../schemas/villages.js';

export async function villagesRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: CommuneParams; Querystring: VillagesQuery }>(
    '/units/:code/villages',
    {
      config: { access: { permission: 'units.read', scope: 'code' } },
      schema: {
        tags: ['units'],
        summary: 'Thôn, tổ dân phố của một xã/phường / Villages of a commune',
        params: communeParams,
        querystring: villagesQuery,
        response: { 200: villagesListResponse },
      },
    },
    async (req) => {
      const on = req.query.on ? checkDate(req.query.on, 'on') : vnDateOf(req.deps.now());
      return { items: await listVillages(req.deps, req.actor!, req.params.code, on) };
    },
  );

  app.post<{ Params: CommuneParams; Body: AddVillageBody }>(
    '/units/:code/villages',
    {
      config: { access: { permission: 'villages.write', scope: 'code' } },
      schema: {
        tags: ['units'],
        summary: 'Thêm thôn/tổ dân phố / Add a village',
        params: communeParams,
        body: addVillageBody,
        response: { 200: villageSchema },
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
