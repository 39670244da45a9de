// Payloads of classification and poverty standards (src/http/routes/classification.routes.ts),
// defined once: Fastify validates and serialises with them, /api/docs publishes them.
import type { FromSchema } from 'json-schema-to-ts';
import { DIMENSIONS, INDICATOR_KEYS } from '../../domain/standards/standard.js';

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

export const standardSchema = {
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
    indicators: {
      type: 'array',
      items: {
        type: 'object',
        description:
          'Chỉ số thiếu hụt; ngưỡng riêng theo từng chỉ số (key) / A deprivation indicator; its own thresholds depend on its key',
        required: ['key', 'dimension', 'name', 'legalReference'],
        properties: {
          key: { type: 'string', enum: INDICATOR_KEYS },
          dimension: { type: 'string', enum: DIMENSIONS },
          name: text,
          legalReference: text,
        },
        // The thresholds differ per indicator (validated by the standards service, as data).
        additionalProperties: true,
      },
    },
    version: { type: 'integer' },
  },
} as const;

export const resultSchema = {
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
    explanations: {
      type: 'object',
      required: ['income', 'indicators'],
      additionalProperties: false,
      properties: {
        income: text,
        indicators: {
          type: 'array',
          items: {
            type: 'object',
            required: ['indicator', 'deprived', 'member', 'memberName', 'value', 'threshold', 'vi', 'en'],
            additionalProperties: false,
            properties: {
              indicator: { type: 'string', enum: INDICATOR_KEYS },
              deprived: { type: 'boolean' },
              member: { type: ['integer', 'null'] },
              memberName: { type: ['string', 'null'] },
              value: { type: ['boolean', 'string', 'number', 'null'] },
              threshold: { type: ['string', 'number', 'null'] },
              vi: { type: 'string' },
              en: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;

export const classifyQuery = { type: 'object', properties: { standard: { type: 'string' } } } as const;
export type ClassifyQuery = FromSchema<typeof classifyQuery>;

/** One survey record (contracts/survey-record.md §1); the classifier checks it field by field. */
export const classifyBody = { type: 'object', additionalProperties: true } as const;

export const standardsListResponse = {
  type: 'object',
  properties: { items: { type: 'array', items: standardSchema } },
} as const;

export const standardParams = {
  type: 'object',
  required: ['code'],
  properties: { code: { type: 'string' } },
} as const;
export type StandardParams = FromSchema<typeof standardParams>;

export const localStandardBody = {
  type: 'object',
  required: ['code', 'provinceCode', 'baseCode', 'name', 'legalBasis', 'validFrom', 'validTo', 'incomeLines'],
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
} as const;
