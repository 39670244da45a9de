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
