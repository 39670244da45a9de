// Payloads of the administrative-unit routes (src/http/routes/units.routes.ts), defined once:
// Fastify validates and serialises with them, /api/docs publishes them, the web app imports the
// derived types.
import type { FromSchema } from 'json-schema-to-ts';

export const UNIT_LEVELS = ['province', 'district', 'commune'] as const;

/** A unit as it stands in one period (codes were reused after the 2025 mergers). */
export const unitSchema = {
  type: 'object',
  required: ['code', 'name', 'type', 'area', 'level', 'parentCode', 'validFrom', 'validTo'],
  properties: {
    code: { type: 'string' },
    name: { type: 'string' },
    type: { type: 'string' },
    area: { type: ['string', 'null'], enum: ['rural', 'urban', null] },
    level: { type: 'string', enum: UNIT_LEVELS },
    parentCode: { type: ['string', 'null'] },
    validFrom: { type: ['string', 'null'] },
    validTo: { type: ['string', 'null'] },
  },
  additionalProperties: false,
} as const;
export type Unit = FromSchema<typeof unitSchema>;
export type UnitLevel = Unit['level'];

/** A unit with the units it came from and the units it became. */
export const unitDetailSchema = {
  type: 'object',
  required: [...unitSchema.required, 'predecessors', 'successors'],
  properties: {
    ...unitSchema.properties,
    predecessors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'name', 'validTo'],
        properties: { code: { type: 'string' }, name: { type: 'string' }, validTo: { type: 'string' } },
        additionalProperties: false,
      },
    },
    successors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'name', 'validFrom'],
        properties: { code: { type: 'string' }, name: { type: 'string' }, validFrom: { type: 'string' } },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;
export type UnitDetail = FromSchema<typeof unitDetailSchema>;

export const unitParams = {
  type: 'object',
  required: ['code'],
  properties: { code: { type: 'string', pattern: '^[0-9]{2,5}$' } },
} as const;
export type UnitParams = FromSchema<typeof unitParams>;

export const unitQuery = {
  type: 'object',
  properties: { on: { type: 'string' } },
} as const;
export type UnitQuery = FromSchema<typeof unitQuery>;

/** GET /units/search: a name typed with or without accents, or the start of a code. */
export const unitSearchQuery = {
  type: 'object',
  required: ['q'],
  properties: {
    q: { type: 'string', maxLength: 100 },
    on: { type: 'string' },
    level: { type: 'string', enum: UNIT_LEVELS },
    within: { type: 'string', pattern: '^[0-9]{2,5}$' },
    limit: { type: 'integer', minimum: 1, maximum: 100 },
  },
} as const;
export type UnitSearchQuery = FromSchema<typeof unitSearchQuery>;

export const unitsQuery = {
  type: 'object',
  properties: {
    on: { type: 'string' },
    parent: { type: 'string' },
    level: { type: 'string', enum: UNIT_LEVELS },
    province: { type: 'string' },
  },
} as const;
export type UnitsQuery = FromSchema<typeof unitsQuery>;

export const unitsListResponse = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: unitSchema } },
  additionalProperties: false,
} as const;
export type UnitsList = FromSchema<typeof unitsListResponse>;

// ── answers (response schemas) ──────────────────────────────────────────────
// Every field the service sends is listed; additionalProperties false keeps the derived types
// closed, and fast-json-stringify drops anything a service might add without saying so here.
export const unitMatchSchema = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    name: { type: 'string' },
    type: { type: 'string' },
    level: { type: 'string' },
    validFrom: { type: ['string', 'null'] },
    validTo: { type: ['string', 'null'] },
    parentName: { type: ['string', 'null'] },
  },
  required: ['code', 'name', 'type', 'level', 'validFrom', 'validTo', 'parentName'],
  additionalProperties: false,
} as const;
export const unitSearchResponse = {
  type: 'object',
  properties: { items: { type: 'array', items: unitMatchSchema } },
  required: ['items'],
  additionalProperties: false,
} as const;
