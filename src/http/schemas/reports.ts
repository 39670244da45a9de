// Payloads of the official reports' routes (resident households, the year's balance): one
// definition gives Fastify's validation, the OpenAPI document and the TypeScript types
// (docs/decisions/0022-api-payload-schemas.md).
import type { FromSchema } from 'json-schema-to-ts';

const unitCode = { type: 'string', pattern: '^[0-9]{2,5}$' } as const;
const unitRef = {
  type: 'object',
  properties: { code: { type: 'string' }, name: { type: 'string' } },
  required: ['code', 'name'],
  additionalProperties: false,
} as const;
const terms = {
  type: 'object',
  properties: {
    start: { type: 'integer' },
    exited: { type: 'integer' },
    new: { type: 'integer' },
    returned: { type: 'integer' },
    movedIn: { type: 'integer' },
    movedOut: { type: 'integer' },
    end: { type: 'integer' },
  },
  required: ['start', 'exited', 'new', 'returned', 'movedIn', 'movedOut', 'end'],
  additionalProperties: false,
} as const;
const balanceRow = {
  type: 'object',
  properties: {
    unit: unitRef,
    residentHouseholds: { type: ['integer', 'null'] },
    poor: terms,
    nearPoor: terms,
  },
  required: ['unit', 'residentHouseholds', 'poor', 'nearPoor'],
  additionalProperties: false,
} as const;

export const residentView = {
  type: 'object',
  properties: {
    unit: unitRef,
    year: { type: 'integer' },
    households: { type: ['integer', 'null'] },
    source: { type: ['string', 'null'] },
    sourceDate: { type: ['string', 'null'] },
    updatedAt: { type: ['string', 'null'] },
    updatedBy: { type: ['string', 'null'] },
  },
} as const;

export const residentQuery = {
  type: 'object',
  required: ['unit', 'year'],
  properties: { unit: unitCode, year: { type: 'integer' } },
} as const;
export type ResidentQuery = FromSchema<typeof residentQuery>;

export const residentBody = {
  type: 'object',
  required: ['households', 'source', 'sourceDate'],
  properties: {
    households: { type: 'integer' },
    source: { type: 'string' },
    sourceDate: { type: 'string' },
  },
} as const;
export type ResidentBody = FromSchema<typeof residentBody>;

export const residentImportQuery = {
  type: 'object',
  required: ['year'],
  properties: {
    year: { type: 'integer' },
    source: { type: 'string' },
    sourceDate: { type: 'string' },
  },
} as const;
export type ResidentImportQuery = FromSchema<typeof residentImportQuery>;

export const balanceQuery = {
  type: 'object',
  required: ['period', 'unit'],
  properties: {
    period: { type: 'integer' },
    unit: unitCode,
    unitsOn: { type: 'string', format: 'date' },
  },
} as const;
export type BalanceQuery = FromSchema<typeof balanceQuery>;

/** `report balance --json` (docs/cli.md): end = start − exited + new + returned + movedIn − movedOut. */
export const balanceResponse = {
  type: 'object',
  properties: {
    unit: unitRef,
    period: { type: 'integer' },
    rows: { type: 'array', items: balanceRow },
    total: {
      type: 'object',
      properties: {
        residentHouseholds: { type: ['integer', 'null'] },
        poor: terms,
        nearPoor: terms,
      },
      required: ['residentHouseholds', 'poor', 'nearPoor'],
      additionalProperties: false,
    },
  },
  required: ['unit', 'period', 'rows', 'total'],
  additionalProperties: false,
} as const;
export type Balance = FromSchema<typeof balanceResponse>;

// ── answers (response schemas) ──────────────────────────────────────────────
// Every field the service sends is listed; additionalProperties false keeps the derived types
// closed, and fast-json-stringify drops anything a service might add without saying so here.
export const importRowErrorSchema = {
  type: 'object',
  properties: {
    row: { type: 'number' },
    code: { type: 'string' },
    field: { type: ['string', 'null'] },
    message: { type: 'string' },
    messageEn: { type: 'string' },
  },
  required: ['row', 'code', 'field', 'message', 'messageEn'],
  additionalProperties: false,
} as const;
export const residentImportReportSchema = {
  type: 'object',
  properties: {
    read: { type: 'number' },
    imported: { type: 'number' },
    errors: { type: 'array', items: importRowErrorSchema },
  },
  required: ['read', 'imported', 'errors'],
  additionalProperties: false,
} as const;

// ── the Annex VII tables (docs/decisions/0025-ethnicity-groups-annex7.md) ─────────────────────
const poorNear = {
  type: 'object',
  properties: { poor: { type: 'integer' }, nearPoor: { type: 'integer' } },
  required: ['poor', 'nearPoor'],
  additionalProperties: false,
} as const;
const annex7Figures = {
  residentHouseholds: { type: ['integer', 'null'] },
  poor: { type: 'integer' },
  nearPoor: { type: 'integer' },
  /** Households of each group among the poor / near-poor (keys: householdGroup words). */
  groups: { type: 'object', additionalProperties: poorNear },
  /** Households deprived of each indicator among the poor / near-poor (keys: indicator words). */
  deprivations: { type: 'object', additionalProperties: poorNear },
} as const;
const annex7Area = { type: 'string', enum: ['urban', 'rural', 'special'] } as const;
const annex7FiguresRequired = ['residentHouseholds', 'poor', 'nearPoor', 'groups', 'deprivations'] as const;

export const annex7Query = {
  type: 'object',
  required: ['period', 'unit'],
  properties: {
    period: { type: 'integer' },
    unit: unitCode,
    unitsOn: { type: 'string', format: 'date' },
  },
} as const;
export type Annex7Query = FromSchema<typeof annex7Query>;

/** The documents: one table each (default: by area). */
export const annex7DocumentQuery = {
  type: 'object',
  required: ['period', 'unit'],
  properties: {
    ...annex7Query.properties,
    table: { type: 'string', enum: ['area', 'ethnic', 'groups', 'deprivation'] },
  },
} as const;
export type Annex7DocumentQuery = FromSchema<typeof annex7DocumentQuery>;

/** `report annex7 --json` (docs/cli.md). */
export const annex7Response = {
  type: 'object',
  properties: {
    unit: unitRef,
    period: { type: 'integer' },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        properties: { unit: unitRef, area: { anyOf: [annex7Area, { type: 'null' }] }, ...annex7Figures },
        required: ['unit', 'area', ...annex7FiguresRequired],
        additionalProperties: false,
      },
    },
    /** The unit's communes summed by area (only the areas it has). */
    areas: {
      type: 'array',
      items: {
        type: 'object',
        properties: { area: annex7Area, ...annex7Figures },
        required: ['area', ...annex7FiguresRequired],
        additionalProperties: false,
      },
    },
    total: {
      type: 'object',
      properties: annex7Figures,
      required: annex7FiguresRequired,
      additionalProperties: false,
    },
  },
  required: ['unit', 'period', 'rows', 'areas', 'total'],
  additionalProperties: false,
} as const;
export type Annex7 = FromSchema<typeof annex7Response>;
