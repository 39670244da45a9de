// Payloads of the dashboard route (issue 13; docs/decisions/0029-dashboard-and-map.md). The answer
// is the dashboard service's own shape (src/services/dashboard.service.ts, which the web app's
// types follow): its sections are the report services' answers, already described by their schemas.
import type { FromSchema } from 'json-schema-to-ts';

export const dashboardQuery = {
  type: 'object',
  properties: {
    unit: { type: 'string', pattern: '^[0-9]{2,5}$' },
    on: { type: 'string', format: 'date' },
  },
  additionalProperties: false,
} as const;
export type DashboardQuery = FromSchema<typeof dashboardQuery>;

const section = { type: ['object', 'null'], additionalProperties: true } as const;

export const dashboardResponse = {
  type: 'object',
  properties: {
    unit: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        name: { type: 'string' },
        level: { type: 'string' },
        provinceCode: { type: 'string' },
      },
    },
    on: { type: 'string' },
    today: { type: 'string' },
    registry: section,
    review: section,
    targets: section,
    money: section,
    tasks: section,
  },
} as const;
