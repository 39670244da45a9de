// Payloads of the household registry, review campaigns, import and summary
// (src/http/routes/registry.routes.ts), defined once: Fastify validates and serialises with them,
// /api/docs publishes them, the web app imports the derived types.
import type { FromSchema } from 'json-schema-to-ts';
import { ACTIONS } from '../../domain/campaign/campaign.js';
import { MOVEMENTS } from '../../domain/registry/movement.js';

const unitCode = { type: 'string', pattern: '^[0-9]{2,5}$' } as const;
const classification = { type: 'string', enum: ['POOR', 'NEAR_POOR', 'AVERAGE', 'NONE'] } as const;

/** A coded error (src/errors.ts) as the error handler sends it. */
export const errorResponse = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        field: { type: 'string' },
        message: { type: 'string' },
        messageEn: { type: 'string' },
      },
      additionalProperties: true,
    },
  },
} as const;

const summaryRow = {
  type: 'object',
  properties: {
    unit: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
    period: { type: 'integer' },
    households: { type: 'integer' },
    poor: { type: 'integer' },
    nearPoor: { type: 'integer' },
    average: { type: 'integer' },
    // Rates over the resident households of the year; null without them (decision 0021).
    residentHouseholds: { type: ['integer', 'null'] },
    poorRate: { type: ['number', 'null'] },
    nearPoorRate: { type: ['number', 'null'] },
    multidimensionalRate: { type: ['number', 'null'] },
    shareOfSurveyed: {
      type: 'object',
      properties: {
        poor: { type: 'number' },
        nearPoor: { type: 'number' },
        multidimensional: { type: 'number' },
      },
    },
  },
} as const;

/** One row of the household list (names masked for readers without personal-data rights). */
export const householdItemSchema = {
  type: 'object',
  required: [
    'householdId',
    'communeCode',
    'villageId',
    'headName',
    'headBirthDate',
    'address',
    'memberCount',
    'version',
    'classification',
    'movement',
    'status',
    'deprivationCount',
    'noLabourCapacity',
  ],
  properties: {
    householdId: { type: 'string' },
    communeCode: { type: 'string' },
    villageId: { type: ['integer', 'null'] },
    headName: { type: 'string' },
    headBirthDate: { type: ['string', 'null'] },
    address: { type: ['string', 'null'] },
    memberCount: { type: 'integer' },
    version: { type: 'integer' },
    classification: { type: ['string', 'null'] },
    movement: { type: ['string', 'null'] },
    status: { type: ['string', 'null'] },
    deprivationCount: { type: ['integer', 'null'] },
    noLabourCapacity: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;
export type HouseholdItem = FromSchema<typeof householdItemSchema>;

export const householdListQuery = {
  type: 'object',
  required: ['unit'],
  properties: {
    unit: unitCode,
    period: { type: 'integer' },
    village: { type: 'integer' },
    class: classification,
    movement: { type: 'string', enum: MOVEMENTS },
    q: { type: 'string', maxLength: 100 },
    page: { type: 'integer', minimum: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200 },
  },
} as const;
export type HouseholdListQuery = FromSchema<typeof householdListQuery>;

export const householdListResponse = {
  type: 'object',
  required: ['total', 'page', 'pageSize', 'items'],
  properties: {
    total: { type: 'integer' },
    /** More matches than `total`: counting stops at 10,000. */
    totalCapped: { type: 'boolean' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    items: { type: 'array', items: householdItemSchema },
  },
  additionalProperties: false,
} as const;
export type HouseholdList = FromSchema<typeof householdListResponse>;

export const householdParams = {
  type: 'object',
  required: ['householdId'],
  properties: { householdId: { type: 'string', maxLength: 64 } },
} as const;
export type HouseholdParams = FromSchema<typeof householdParams>;

export const checkDuplicatesBody = {
  type: 'object',
  required: ['survey'],
  properties: { survey: { type: 'object', additionalProperties: true } },
} as const;
export type CheckDuplicatesBody = FromSchema<typeof checkDuplicatesBody>;

export const saveHouseholdBody = {
  type: 'object',
  required: ['survey'],
  properties: {
    survey: {
      type: 'object',
      description: 'Phiếu khảo sát theo contracts/survey-record.md / a survey record',
      additionalProperties: true,
    },
    expectedVersion: { type: 'integer', minimum: 0 },
    period: { type: 'integer', minimum: 2000, maximum: 2100 },
    status: { type: 'string', enum: ['draft', 'approved'] },
    villageId: { type: ['integer', 'null'] },
    address: { type: ['string', 'null'], maxLength: 300 },
    confirmDuplicates: { type: 'boolean' },
  },
} as const;
export type SaveHouseholdBody = FromSchema<typeof saveHouseholdBody>;

/** An update names the version it read (stale → 409 CONFLICT with both versions). */
export const updateHouseholdBody = { ...saveHouseholdBody, required: ['survey', 'expectedVersion'] } as const;
export type UpdateHouseholdBody = FromSchema<typeof updateHouseholdBody>;

export const communeParams = {
  type: 'object',
  required: ['communeCode'],
  properties: { communeCode: unitCode },
} as const;
export type CommuneParams = FromSchema<typeof communeParams>;

export const campaignParams = {
  type: 'object',
  required: ['communeCode', 'period'],
  properties: { communeCode: unitCode, period: { type: 'integer' } },
} as const;
export type CampaignParams = FromSchema<typeof campaignParams>;

export const campaignQuery = {
  type: 'object',
  properties: { case: { type: 'string', maxLength: 64 } },
} as const;
export type CampaignQuery = FromSchema<typeof campaignQuery>;

export const transitionBody = {
  type: 'object',
  required: ['action'],
  properties: {
    action: {
      type: 'object',
      required: ['type'],
      properties: { type: { type: 'string', enum: ACTIONS } },
      additionalProperties: true,
    },
    expectedVersion: { type: 'integer' },
    surveys: { type: 'array', items: { type: 'object', additionalProperties: true }, maxItems: 500 },
    caseKey: { type: 'string', maxLength: 64 },
  },
} as const;

export const importQuery = { type: 'object', properties: { wait: { type: 'boolean' } } } as const;
export type ImportQuery = FromSchema<typeof importQuery>;

export const importJobParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;
export type ImportJobParams = FromSchema<typeof importJobParams>;

export const summaryQuery = {
  type: 'object',
  required: ['period', 'unit'],
  properties: {
    period: { type: 'integer' },
    unit: unitCode,
    unitsOn: { type: 'string', format: 'date' },
  },
} as const;
export type SummaryQuery = FromSchema<typeof summaryQuery>;

/** A unit's counts with its children's. */
export const summaryResponse = {
  ...summaryRow,
  properties: { ...summaryRow.properties, children: { type: 'array', items: summaryRow } },
} as const;
