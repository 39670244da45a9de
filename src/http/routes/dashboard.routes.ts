// The dashboard (issue 13): one call for the landing page of every signed-in role. Every role may
// ask (units.read); the unit is checked against the caller's scope here and in the service, and
// each section the role may not read comes back null.
import type { FastifyInstance } from 'fastify';
import { dashboard } from '../../services/dashboard.service.js';
import { dashboardQuery, dashboardResponse, type DashboardQuery } from '../schemas/dashboard.js';

export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: DashboardQuery }>(
    '/dashboard',
    {
      config: { access: { permission: 'units.read', scope: 'unit' } },
      schema: {
        tags: ['reports'],
        summary: 'Bảng điều khiển của đơn vị / The unit dashboard',
        querystring: dashboardQuery,
        response: { 200: dashboardResponse },
      },
    },
    async (req) => dashboard(req.deps, req.actor!, { unit: req.query.unit, on: req.query.on }),
  );
}
