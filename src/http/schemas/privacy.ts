// Payloads of the personal-data routes (src/http/routes/privacy.routes.ts): the access record and
// a household's own data report. Defined once: Fastify validates with them, /api/docs publishes them.
import type { FromSchema } from 'json-schema-to-ts';

const isoDate = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } as const;

/** The access record's filters (the screen, the export and the CLI take the same ones). */
export const accessLogQuery = {
  type: 'object',
  properties: {
    unit: { type: 'string', pattern: '^[0-9]{2,5}$' },
    actor: { type: 'string', maxLength: 64 },
    action: { type: 'string', maxLength: 40 },
    household: { type: 'string', maxLength: 64 },
    from: isoDate,
    to: isoDate,
    limit: { type: 'integer', minimum: 1, maximum: 500 },
    before: { type: 'integer', minimum: 1 },
  },
} as const;
export type AccessLogQuery = FromSchema<typeof accessLogQuery>;

export const accessLogExportQuery = {
  type: 'object',
  properties: {
    ...accessLogQuery.properties,
    format: { type: 'string', enum: ['xlsx', 'csv'] },
  },
} as const;
export type AccessLogExportQuery = FromSchema<typeof accessLogExportQuery>;

export const householdReportParams = {
  type: 'object',
  required: ['householdId', 'format'],
  properties: {
    householdId: { type: 'string', maxLength: 64 },
    format: { type: 'string', enum: ['json', 'pdf'] },
  },
} as const;
export type HouseholdReportParams = FromSchema<typeof householdReportParams>;

// ── answers (response schemas) ──────────────────────────────────────────────
// Every field the services send is listed (fast-json-stringify drops the rest).

const word = {
  type: 'object',
  properties: { vi: { type: 'string' }, en: { type: 'string' } },
  required: ['vi', 'en'],
  additionalProperties: false,
} as const;

/** One line of the access record (src/services/privacy/access-record.service.ts, `AccessItem`). */
const accessItem = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    at: { type: 'string' },
    actor: { type: 'string' },
    role: { type: 'string' },
    action: { type: 'string' },
    actionWord: word,
    route: { type: 'string' },
    provinceCode: { type: ['string', 'null'] },
    unitCode: { type: ['string', 'null'] },
    householdId: { type: ['string', 'null'] },
    households: { type: 'integer' },
    // The list's filter as the reading route received it: its keys are that route's query, so open.
    filter: { type: ['object', 'null'], additionalProperties: {} },
  },
  required: [
    'id',
    'at',
    'actor',
    'role',
    'action',
    'actionWord',
    'route',
    'provinceCode',
    'unitCode',
    'householdId',
    'households',
    'filter',
  ],
  additionalProperties: false,
} as const;

export const accessLogResponse = {
  type: 'object',
  properties: {
    total: { type: 'integer' },
    items: { type: 'array', items: accessItem },
    /** The `before` of the next page; null on the last one. */
    next: { type: ['integer', 'null'] },
  },
  required: ['total', 'items', 'next'],
  additionalProperties: false,
} as const;
export type AccessLog = FromSchema<typeof accessLogResponse>;

/**
 * A household's own data as JSON (`HouseholdReport` of household-report.service.ts); the PDF form
 * of the same route is a file and bypasses the serialiser.
 */
export const householdReportResponse = {
  type: 'object',
  properties: {
    generatedAt: { type: 'string' },
    generatedBy: { type: 'string' },
    household: {
      type: 'object',
      properties: {
        householdId: { type: 'string' },
        provinceCode: { type: 'string' },
        communeCode: { type: 'string' },
        communeName: { type: 'string' },
        village: { type: ['string', 'null'] },
        headName: { type: 'string' },
        headBirthDate: { type: ['string', 'null'] },
        address: { type: ['string', 'null'] },
        createdAt: { type: 'string' },
        updatedAt: { type: 'string' },
      },
      required: [
        'householdId',
        'provinceCode',
        'communeCode',
        'communeName',
        'village',
        'headName',
        'headBirthDate',
        'address',
        'createdAt',
        'updatedAt',
      ],
      additionalProperties: false,
    },
    members: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          idNumber: { type: ['string', 'null'] },
          birthDate: { type: ['string', 'null'] },
          sex: { type: ['string', 'null'] },
          relation: { type: ['string', 'null'] },
        },
        // A member carries its survey answers spread beside these (the survey's member fields,
        // src/domain/survey/fields.ts): the report hands over everything stored, so open.
        additionalProperties: true,
      },
    },
    results: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          period: { type: 'integer' },
          surveyDate: { type: 'string' },
          standard: { type: 'string' },
          classification: { type: 'string' },
          classificationWord: { type: 'string' },
          deprivations: { type: 'array', items: { type: 'string' } },
          movement: { type: 'string' },
          status: { type: 'string' },
          recognised: { type: 'boolean' },
          // The stored survey record of the period, whatever its fields were then.
          answers: {},
        },
        required: [
          'period',
          'surveyDate',
          'standard',
          'classification',
          'classificationWord',
          'deprivations',
          'movement',
          'status',
          'recognised',
          'answers',
        ],
        additionalProperties: false,
      },
    },
    certificates: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          number: { type: 'string' },
          period: { type: 'integer' },
          classification: { type: 'string' },
          decisionNumber: { type: 'string' },
          decisionDate: { type: 'string' },
          signer: { type: 'string' },
          status: { type: 'string' },
          issuedAt: { type: 'string' },
          replacedAt: { type: ['string', 'null'] },
        },
        required: [
          'number',
          'period',
          'classification',
          'decisionNumber',
          'decisionDate',
          'signer',
          'status',
          'issuedAt',
          'replacedAt',
        ],
        additionalProperties: false,
      },
    },
    support: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          supportedOn: { type: 'string' },
          component: { type: 'string' },
          amount: { type: 'integer' },
          description: { type: 'string' },
        },
        required: ['supportedOn', 'component', 'amount', 'description'],
        additionalProperties: false,
      },
    },
    history: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: { type: 'string' },
          actor: { type: 'string' },
          action: { type: 'string' },
          // The audited row before and after the change, as stored (any shape, or null).
          before: {},
          after: {},
        },
        required: ['at', 'actor', 'action', 'before', 'after'],
        additionalProperties: false,
      },
    },
    accessRecord: { type: 'array', items: accessItem },
  },
  required: [
    'generatedAt',
    'generatedBy',
    'household',
    'members',
    'results',
    'certificates',
    'support',
    'history',
    'accessRecord',
  ],
  additionalProperties: false,
} as const;
export type HouseholdReportJson = FromSchema<typeof householdReportResponse>;
