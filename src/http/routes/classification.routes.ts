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

const text = {
  type: 'object',
  required: ['vi', 'en'],
  properties: { vi: { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
} as const;

const areaAmounts = (nullable: boolean) =>
  ({
    type: 'object',
    required: ['rural', 'urban'],
    properties: {
      rural: { type: nullable ? ['integer', 'null'] : 'integer' },
      urban: { type: nullable ? ['integer', 'null'] : 'integer' },
    },
  }) as const;

const standardSchema = {
  type: 'object',
  description: 'Chuẩn nghèo (dữ liệu có phiên bản) / A poverty standard (versioned data)',
  additionalProperties: true,
  properties: {
    code: { type: 'string' },
    name: text,
    legalBasis: text,
    scope: { type: 'string', enum: ['national', 'local'] },
    provinceCode: { type: ['string', 'null'] },
    baseCode: { type: ['string', 'null'] },
    validFrom: { type: 'string', format: 'date' },
    validTo: { type: 'string', format: 'date' },
    provisional: { type: 'boolean' },
    incomeLines: areaAmounts(false),
    averageUpperBounds: areaAmounts(true),
    poorMinDeprivations: { type: 'integer' },
    indicators: { type: 'array', items: { type: 'object', additionalProperties: true } },
    version: { type: 'integer' },
  },
} as const;

const resultSchema = {
  type: 'object',
  description: 'Kết quả phân loại (contracts/survey-record.md §5) / Classification result',
  additionalProperties: true,
  properties: {
    householdId: { type: 'string' },
    standard: { type: 'string' },
    provisional: { type: 'boolean' },
    unitCode: { type: 'string' },
    unitName: { type: 'string' },
    area: { type: 'string', enum: ['rural', 'urban'] },
    incomeLine: { type: 'integer' },
    classification: { type: 'string', enum: ['POOR', 'NEAR_POOR', 'AVERAGE', 'NONE'] },
    deprivations: { type: 'array', items: { type: 'string' } },
    deprivationCount: { type: 'integer' },
    explanations: { type: 'object', additionalProperties: true },
  },
} as const;

export async function classificationRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: unknown; Querystring: { standard?: string } }>(
    '/classify',
    {
      config: { access: { permission: 'classification.run' } },
      schema: {
        tags: ['classification'],
        summary:
          'Phân loại một phiếu khảo sát, có giải thích / Classify one survey record, with explanations',
        description:
          'Body: one survey record (contracts/survey-record.md §1). 200 with the result; 400/404 with `{ householdId, error, errors? }` (coded, vi + en) when the record cannot be classified.',
        querystring: { type: 'object', properties: { standard: { type: 'string' } } },
        body: { type: 'object', additionalProperties: true },
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
        response: {
          200: { type: 'object', properties: { items: { type: 'array', items: standardSchema } } },
        },
      },
    },
    async (req) => ({ items: await listStandards(req.deps, req.actor!) }),
  );

  app.get<{ Params: { code: string } }>(
    '/standards/:code',
    {
      config: { access: { permission: 'reference.read' } },
      schema: {
        tags: ['classification'],
        summary: 'Một chuẩn nghèo / One poverty standard',
        params: { type: 'object', properties: { code: { type: 'string' } } },
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
        body: {
          type: 'object',
          required: [
            'code',
            'provinceCode',
            'baseCode',
            'name',
            'legalBasis',
            'validFrom',
            'validTo',
            'incomeLines',
          ],
          properties: {
            code: { type: 'string' },
            provinceCode: { type: 'string' },
            baseCode: { type: 'string' },
            name: text,
            legalBasis: text,
            validFrom: { type: 'string' },
            validTo: { type: 'string' },
            incomeLines: areaAmounts(false),
            averageUpperBounds: areaAmounts(true),
            notes: { anyOf: [text, { type: 'null' }] },
          },
        },
        response: { 201: standardSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await registerLocalStandard(req.deps, req.actor!, req.body)),
  );
}
