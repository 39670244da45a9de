// Every route plugin of the API and the portal, registered by buildApp. A module adds one line.
import type { FastifyInstance } from 'fastify';
import { authRoutes } from './auth.routes.js';
import { unitsRoutes } from './units.routes.js';
import { registryRoutes } from './registry.routes.js';
import { registryDocumentRoutes } from './registry-documents.routes.js';
import { financeRoutes } from './finance.routes.js';
import { classificationRoutes } from './classification.routes.js';
import { villagesRoutes } from './villages.routes.js';
import { usersRoutes } from './users.routes.js';
import { portalRoutes } from './portal.routes.js';
import { reportsRoutes } from './reports.routes.js';
import { dashboardRoutes } from './dashboard.routes.js';
import { privacyRoutes } from './privacy.routes.js';
import { papersRoutes } from './papers.routes.js';
import { frontRoutes } from './front.routes.js';
import { offlineRoutes } from './offline.routes.js';
import { portalPages } from '../../portal/pages.js';

export const apiRoutes: ((app: FastifyInstance) => Promise<void>)[] = [
  authRoutes,
  unitsRoutes,
  registryRoutes,
  registryDocumentRoutes,
  classificationRoutes,
  villagesRoutes,
  usersRoutes,
  portalRoutes,
  financeRoutes,
  reportsRoutes,
  dashboardRoutes,
  privacyRoutes,
  papersRoutes,
  frontRoutes,
  offlineRoutes,
];

/** Server-rendered pages (the public portal), registered at the root. */
export const pageRoutes: ((app: FastifyInstance) => Promise<void>)[] = [portalPages];
