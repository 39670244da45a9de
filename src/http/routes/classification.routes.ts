// Classification and poverty standards: classify one survey record (with its explanation), read
// the standards, register a province's local standard. Thin: parse, call one service, present.
import type { FastifyInstance } from 'fastify';
import { statusOf } from '../../errors.js';
import { createClassifier, isFailure } from '../../services/classification.service.js';
import {
  getStandard,
  listStandards,
  registerLocalStandard,
  type LocalStandardInput,
} from '../../services/standards.service.js';
import {
  classifyBody,
  classifyQuery,
  localStandardBody,
  resultSchema,
  standardParams,
  standardSchema,
  standardsListResponse,
  type ClassifyQuery,
  type StandardParams,
} from '../schemas/classification.js';

export async function classificationRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: unknown; Querystring: ClassifyQuery }>(
    '/classify',
    {
      config: { access: { permission: 'classification.run' } },
      schema: {
        tags: ['classification'],
        summary:
          'Phân loại một phiếu khảo sát, có giải thích / Classify one survey record, with explanations',
        description:
          'Body: one survey record (contracts/survey-record.md §1). 200 with the result; 400/404 with `{ householdId, error, errors? }` (coded, vi + en) when the record cannot be classified.',
        querystring: classifyQuery,
        body: classifyBody,
        response: { 200: resultSchema },
      },
    },
    async (req, reply) => {
      const classifier = await createClassifier(req.deps, {
        ...(req.query.standard ? { standard: req.query.standard } : {}),
        explain: true,
      });
      const out = await classifier.classifyRecord(req.body);
      if (isFailure(out)) return reply.status(statusOf(out.error.code)).send(out);
      return out;
    },
  );

  app.get(
    '/standards',
    {
      config: { access: { permission: 'reference.read' } },
      schema: {
        tags: ['classification'],
        summary: 'Các chuẩn nghèo quốc gia và địa phương / National and local poverty standards',
        response: { 200: standardsListResponse },
      },
    },
    async (req) => ({ items: await listStandards(req.deps, req.actor!) }),
  );

  app.get<{ Params: StandardParams }>(
    '/standards/:code',
    {
      config: { access: { permission: 'reference.read' } },
      schema: {
        tags: ['classification'],
        summary: 'Một chuẩn nghèo / One poverty standard',
        params: standardParams,
        response: { 200: standardSchema },
      },
    },
    async (req) => getStandard(req.deps, req.actor!, req.params.code),
  );

  app.post<{ Body: LocalStandardInput }>(
    '/standards',
    {
      config: { access: { permission: 'standards.manage', scope: 'provinceCode' } },
      schema: {
        tags: ['classification'],
        summary: 'Đăng ký chuẩn nghèo địa phương / Register a local (province) poverty standard',
        description:
          'Same indicators, thresholds and deprivation count as the national standard `baseCode`; income lines at least as high in both areas and higher in one; within the base period. Every problem is listed at once (STANDARD_INVALID, `problems`).',
        body: localStandardBody,
        response: { 201: standardSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await registerLocalStandard(req.deps, req.actor!, req.body)),
  );
}
