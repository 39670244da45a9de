// Payloads of the offline survey routes (src/http/routes/offline.routes.ts), defined once; the web
// app's offline module reads the same types (docs/decisions/0036-offline-survey.md).
import type { FromSchema } from 'json-schema-to-ts';

const text = { type: 'string' } as const;
const textOrNull = { type: ['string', 'null'] } as const;

export const offlinePackageQuery = {
  type: 'object',
  required: ['unit'],
  properties: {
    unit: { type: 'string', pattern: '^[0-9]{5}$' },
    period: { type: 'integer' },
  },
  additionalProperties: false,
} as const;
export type OfflinePackageQuery = FromSchema<typeof offlinePackageQuery>;

/** A survey record as stored (contracts/survey-record.md): its keys are the survey field catalogue's. */
const surveyAnswers = {
  type: 'object',
  properties: { householdId: text, unitCode: text, surveyDate: text, members: { type: 'array' } },
  additionalProperties: true,
} as const;

const packageHousehold = {
  type: 'object',
  required: ['householdId', 'communeCode', 'villageId', 'headName', 'address', 'version', 'members', 'last'],
  properties: {
    householdId: text,
    communeCode: text,
    villageId: { type: ['integer', 'null'] },
    headName: text,
    address: textOrNull,
    version: { type: 'integer' },
    members: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'idNumber', 'birthDate', 'sex', 'relation'],
        properties: { name: text, idNumber: textOrNull, birthDate: text, sex: text, relation: text },
        additionalProperties: false,
      },
    },
    last: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['period', 'classification', 'deprivations', 'status', 'frozen', 'answers'],
          properties: {
            period: { type: 'integer' },
            classification: text,
            deprivations: { type: 'array', items: text },
            status: text,
            frozen: { type: 'boolean' },
            answers: surveyAnswers,
          },
          additionalProperties: false,
        },
      ],
    },
  },
  additionalProperties: false,
} as const;

/** A standard as src/domain/standards/standard.ts defines it (the engine reads every key). */
const standardSchema = {
  type: 'object',
  required: ['code', 'scope', 'validFrom', 'validTo', 'indicators'],
  properties: {
    code: text,
    scope: text,
    provinceCode: textOrNull,
    baseCode: textOrNull,
    validFrom: text,
    validTo: text,
    indicators: {
      type: 'array',
      items: { type: 'object', properties: { key: text }, additionalProperties: true },
    },
  },
  additionalProperties: true,
} as const;

/**
 * The assignment package: sent gzip-compressed as prepared JSON (a commune of 5,000 households is
 * about 1 MB on the wire), so this schema documents the body rather than serialising it.
 */
export const offlinePackageResponse = {
  type: 'object',
  required: [
    'assignment',
    'periodStandard',
    'standards',
    'fieldsVersion',
    'fields',
    'units',
    'villages',
    'households',
  ],
  properties: {
    assignment: {
      type: 'object',
      required: ['id', 'token', 'unitCode', 'unitName', 'provinceCode', 'period', 'createdAt', 'username'],
      properties: {
        id: { type: 'integer' },
        /** The device's secret for /offline/status and /offline/sync; only its hash is stored. */
        token: text,
        unitCode: text,
        unitName: text,
        provinceCode: text,
        period: { type: 'integer' },
        createdAt: text,
        username: text,
      },
      additionalProperties: false,
    },
    periodStandard: text,
    standards: { type: 'array', items: standardSchema },
    fieldsVersion: text,
    fields: {
      type: 'array',
      items: { type: 'object', properties: { path: text, type: text }, additionalProperties: true },
    },
    units: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'name', 'provinceCode', 'area', 'validFrom', 'validTo'],
        properties: {
          code: text,
          name: text,
          provinceCode: text,
          area: textOrNull,
          validFrom: textOrNull,
          validTo: textOrNull,
        },
        additionalProperties: false,
      },
    },
    villages: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'communeCode', 'name'],
        properties: { id: { type: 'integer' }, communeCode: text, name: text },
        additionalProperties: false,
      },
    },
    households: { type: 'array', items: packageHousehold },
  },
  additionalProperties: false,
} as const;
export type OfflinePackage = FromSchema<typeof offlinePackageResponse>;
export type OfflinePackageHousehold = FromSchema<typeof packageHousehold>;

export const offlineStatusBody = {
  type: 'object',
  required: ['assignment'],
  properties: { assignment: { type: 'string', minLength: 1, maxLength: 100 } },
  additionalProperties: false,
} as const;
export type OfflineStatusBody = FromSchema<typeof offlineStatusBody>;

export const offlineStatusResponse = {
  type: 'object',
  required: ['active', 'unitCode', 'period'],
  properties: { active: { type: 'boolean', const: true }, unitCode: text, period: { type: 'integer' } },
  additionalProperties: false,
} as const;
export type OfflineStatus = FromSchema<typeof offlineStatusResponse>;

const syncItem = {
  type: 'object',
  required: ['clientId', 'householdId', 'baseVersion', 'survey'],
  properties: {
    clientId: {
      type: 'string',
      pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
    },
    householdId: { type: 'string', minLength: 1, maxLength: 64 },
    baseVersion: { type: ['integer', 'null'], minimum: 1 },
    survey: surveyAnswers,
    address: { type: ['string', 'null'], maxLength: 300 },
    villageId: { type: ['integer', 'null'] },
    confirmDuplicates: { type: 'boolean' },
    /** The house photo, resized on the device: a JPEG data URL of at most about 450 kB. */
    photo: { type: 'string', pattern: '^data:image/jpeg;base64,[A-Za-z0-9+/=]+$', maxLength: 600_000 },
    position: {
      type: 'object',
      required: ['lat', 'lon', 'accuracy'],
      properties: {
        lat: { type: 'number', minimum: -90, maximum: 90 },
        lon: { type: 'number', minimum: -180, maximum: 180 },
        accuracy: { type: 'number', minimum: 0 },
        /** When the device took the position (its own clock), an ISO instant. */
        at: {
          type: 'string',
          pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$',
          maxLength: 40,
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;
export type OfflineSyncItem = FromSchema<typeof syncItem>;

export const offlineSyncBody = {
  type: 'object',
  required: ['assignment', 'items'],
  properties: {
    assignment: { type: 'string', minLength: 1, maxLength: 100 },
    items: { type: 'array', items: syncItem },
  },
  additionalProperties: false,
} as const;
export type OfflineSyncBody = FromSchema<typeof offlineSyncBody>;

const errorOf = {
  type: 'object',
  required: ['code', 'field', 'message', 'messageEn'],
  properties: {
    code: text,
    field: textOrNull,
    message: text,
    messageEn: text,
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { code: text, field: textOrNull, message: text, messageEn: text },
        additionalProperties: true,
      },
    },
    duplicates: {
      type: 'array',
      items: {
        type: 'object',
        properties: { householdId: textOrNull, detail: text, detailEn: text },
        additionalProperties: true,
      },
    },
  },
  additionalProperties: false,
} as const;

/** The server's household when a survey conflicts: what the household page shows of it. */
const serverHousehold = {
  type: ['object', 'null'],
  properties: {
    householdId: text,
    version: { type: 'integer' },
    updatedAt: text,
    headName: text,
    address: textOrNull,
    members: {
      type: 'array',
      items: { type: 'object', properties: { name: text }, additionalProperties: true },
    },
  },
  additionalProperties: true,
} as const;

const syncResult = {
  type: 'object',
  required: ['clientId', 'status', 'householdId'],
  properties: {
    clientId: text,
    status: { type: 'string', enum: ['applied', 'duplicate', 'conflict', 'rejected'] },
    householdId: text,
    version: { type: ['integer', 'null'] },
    classification: textOrNull,
    deprivations: { type: 'array', items: text },
    regularReview: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['communeCode', 'period', 'caseKey'],
          properties: { communeCode: text, period: { type: 'integer' }, caseKey: text },
          additionalProperties: false,
        },
      ],
    },
    server: serverHousehold,
    error: errorOf,
  },
  additionalProperties: false,
} as const;
export type OfflineSyncResult = FromSchema<typeof syncResult>;

export const offlineSyncResponse = {
  type: 'object',
  required: ['results'],
  properties: { results: { type: 'array', items: syncResult } },
  additionalProperties: false,
} as const;
export type OfflineSyncResponse = FromSchema<typeof offlineSyncResponse>;

export const offlineRevokeBody = {
  type: 'object',
  required: ['userId'],
  properties: { userId: { type: 'integer', minimum: 1 } },
  additionalProperties: false,
} as const;
export type OfflineRevokeBody = FromSchema<typeof offlineRevokeBody>;

export const offlineRevokeResponse = {
  type: 'object',
  required: ['revoked'],
  properties: { revoked: { type: 'integer' } },
  additionalProperties: false,
} as const;
