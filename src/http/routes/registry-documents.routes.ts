// Registry documents over HTTP: the certificates Mẫu số 03 (per household and period, and the
// batch of a commune's recognised campaign) as PDF, and the Excel exports (the household list with
// the list screen's filters, and the recognised lists of a commune × period). Thin: each handler
// calls the services, which check permission, scope and personal-data rights again and audit.
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  certificatesPdf,
  communeCertificates,
  householdCertificate,
} from '../../services/registry/certificates.service.js';
import {
  prepareHouseholdExport,
  prepareRecognisedExport,
  writeHouseholdExport,
  writeRecognisedExport,
  XLSX_TYPE,
} from '../../services/registry/exports.service.js';

import {
  campaignDocumentParams,
  householdCertificateParams,
  householdExportQuery,
  type CampaignDocumentParams,
  type HouseholdCertificateParams,
  type HouseholdExportQuery,
} from '../schemas/registry-documents.js';

/**
 * Sends a streamed workbook: the response starts at once and the rows follow page by page. A
 * failure after the first byte can only cut the download (logged); every refusal happened before.
 */
function streamXlsx(
  req: FastifyRequest,
  reply: FastifyReply,
  fileName: string,
  write: (out: PassThrough) => Promise<unknown>,
) {
  const out = new PassThrough();
  write(out).catch((err: unknown) => {
    req.log.error({ err }, 'xlsx export failed');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  reply.header('content-disposition', `attachment; filename="${fileName}"`);
  return reply.type(XLSX_TYPE).send(out);
}

export async function registryDocumentRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: HouseholdCertificateParams }>(
    '/registry/households/:householdId/periods/:period/certificate.pdf',
    {
      config: { access: { permission: 'registry.personal-data' } },
      schema: {
        tags: ['registry'],
        summary:
          'Giấy chứng nhận hộ nghèo, hộ cận nghèo (Mẫu số 03) của hộ trong kỳ rà soát, PDF / Certificate of a poor or near-poor household (PDF)',
        params: householdCertificateParams,
      },
    },
    async (req, reply) => {
      const view = await householdCertificate(req.deps, req.actor!, {
        householdId: req.params.householdId,
        period: req.params.period,
      });
      const name = `giay-chung-nhan-${view.householdId}-${view.period}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_');
      reply.header('content-disposition', `attachment; filename="${name}"`);
      return reply.type('application/pdf').send(await certificatesPdf([view]));
    },
  );

  app.get<{ Params: CampaignDocumentParams }>(
    '/registry/campaigns/:communeCode/:period/certificates.pdf',
    {
      config: { access: { permission: 'registry.personal-data', scope: 'communeCode' } },
      schema: {
        tags: ['registry'],
        summary:
          'Giấy chứng nhận (Mẫu số 03) của mọi hộ nghèo, cận nghèo được công nhận trong kỳ, mỗi hộ một trang / All certificates of a recognised campaign, one page each',
        params: campaignDocumentParams,
      },
    },
    async (req, reply) => {
      const views = await communeCertificates(req.deps, req.actor!, {
        communeCode: req.params.communeCode,
        period: req.params.period,
      });
      const name = `giay-chung-nhan-${req.params.communeCode}-${req.params.period}.pdf`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      return reply.type('application/pdf').send(await certificatesPdf(views));
    },
  );

  app.get<{ Querystring: HouseholdExportQuery }>(
    '/registry/households/export.xlsx',
    {
      config: { access: { permission: 'registry.read', scope: 'unit' } },
      schema: {
        tags: ['registry'],
        summary:
          'Xuất Excel danh sách hộ theo bộ lọc của màn hình danh sách / Household list as XLSX with the list filters',
        querystring: householdExportQuery,
      },
    },
    async (req, reply) => {
      const q = req.query;
      const prepared = await prepareHouseholdExport(req.deps, req.actor!, {
        unitCode: q.unit,
        ...(q.period !== undefined ? { period: q.period } : {}),
        ...(q.village !== undefined ? { villageId: q.village } : {}),
        ...(q.class ? { classification: q.class } : {}),
        ...(q.movement ? { movement: q.movement } : {}),
        ...(q.q ? { q: q.q } : {}),
      });
      return streamXlsx(req, reply, prepared.fileName, (out) =>
        writeHouseholdExport(req.deps, req.actor!, prepared, out),
      );
    },
  );

  app.get<{ Params: CampaignDocumentParams }>(
    '/registry/campaigns/:communeCode/:period/recognised.xlsx',
    {
      config: { access: { permission: 'registry.read', scope: 'communeCode' } },
      schema: {
        tags: ['registry'],
        summary:
          'Danh sách hộ nghèo, hộ cận nghèo được công nhận (Excel, mỗi loại một trang tính) / Recognised poor and near-poor lists (XLSX)',
        params: campaignDocumentParams,
      },
    },
    async (req, reply) => {
      const prepared = await prepareRecognisedExport(req.deps, req.actor!, {
        communeCode: req.params.communeCode,
        period: req.params.period,
      });
      return streamXlsx(req, reply, prepared.fileName, (out) =>
        writeRecognisedExport(req.deps, req.actor!, prepared, out),
      );
    },
  );
}
