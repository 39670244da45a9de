// The offline survey (issue 15, docs/decisions/0036-offline-survey.md): the assignment package a
// tablet downloads, the device's status check at each contact, the sync of its queued surveys, and
// the administrator's revocation of an account's devices.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import {
  assignmentPackage,
  assignmentStatus,
  revokeUserAssignments,
  syncSurveys,
} from '../../services/offline.service.js';
import {
  offlinePackageQuery,
  offlinePackageResponse,
  offlineRevokeBody,
  offlineRevokeResponse,
  offlineStatusBody,
  offlineStatusResponse,
  offlineSyncBody,
  offlineSyncResponse,
  type OfflinePackageQuery,
  type OfflineRevokeBody,
  type OfflineStatusBody,
  type OfflineSyncBody,
} from '../schemas/offline.js';

const gzip = promisify(zlib.gzip);

export async function offlineRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: OfflinePackageQuery }>(
    '/offline/assignment',
    {
      config: { access: { permission: 'offline.survey', scope: 'unit' } },
      schema: {
        tags: ['offline'],
        summary: 'Gói khảo sát ngoại tuyến của một xã / Offline survey package of a commune',
        querystring: offlinePackageQuery,
        response: { 200: offlinePackageResponse },
      },
    },
    async (req, reply) => {
      const pkg = await assignmentPackage(req.deps, req.actor!, {
        unitCode: req.query.unit,
        ...(req.query.period !== undefined ? { period: req.query.period } : {}),
      });
      // Prepared JSON, compressed once off the event loop: thousands of households would cost the
      // schema serialiser seconds, and gzip brings the package to about a tenth on the wire.
      const json = JSON.stringify(pkg);
      reply.header('cache-control', 'no-store').type('application/json; charset=utf-8');
      if (!/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.send(json);
      reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding');
      return reply.send(await gzip(json, { level: 6 }));
    },
  );

  app.post<{ Body: OfflineStatusBody }>(
    '/offline/status',
    {
      // A device asks before signing in too: a disabled account has no session left to ask with.
      config: { access: 'public' },
      schema: {
        tags: ['offline'],
        summary:
          'Máy còn được giữ dữ liệu ngoại tuyến không (410 OFFLINE_WIPE: xoá) / Whether a device keeps its offline data',
        body: offlineStatusBody,
        response: { 200: offlineStatusResponse },
      },
    },
    async (req) => assignmentStatus(req.deps, req.body.assignment),
  );

  app.post<{ Body: OfflineSyncBody }>(
    '/offline/sync',
    {
      config: { access: { permission: 'offline.survey' } },
      schema: {
        tags: ['offline'],
        summary: 'Gửi các phiếu khảo sát đã nhập ngoại tuyến / Send the surveys entered offline',
        body: offlineSyncBody,
        response: { 200: offlineSyncResponse },
      },
    },
    async (req) => syncSurveys(req.deps, req.actor!, req.body),
  );

  app.post<{ Body: OfflineRevokeBody }>(
    '/offline/revoke',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags: ['offline'],
        summary: 'Thu hồi các gói ngoại tuyến của một tài khoản / Revoke the offline packages of an account',
        body: offlineRevokeBody,
        response: { 200: offlineRevokeResponse },
      },
    },
    async (req) => revokeUserAssignments(req.deps, req.actor!, req.body.userId),
  );
}
