// Payloads of the registry documents (src/http/routes/registry-documents.routes.ts), defined
// once: Fastify validates with them, /api/docs publishes them. The answers are PDF and XLSX files.
import type { FromSchema } from 'json-schema-to-ts';
import { MOVEMENTS } from '../../domain/registry/movement.js';

const unitCode = { type: 'string', pattern: '^[0-9]{2,5}$' } as const;
const period = { type: 'integer', minimum: 2000, maximum: 2100 } as const;

export const householdCertificateParams = {
  type: 'object',
  required: ['householdId', 'period'],
  properties: { householdId: { type: 'string', maxLength: 64 }, period },
} as const;
export type HouseholdCertificateParams = FromSchema<typeof householdCertificateParams>;

/** A commune's campaign of one period: its certificates and its recognised lists. */
export const campaignDocumentParams = {
  type: 'object',
  required: ['communeCode', 'period'],
  properties: { communeCode: unitCode, period },
} as const;
export type CampaignDocumentParams = FromSchema<typeof campaignDocumentParams>;

/** The list screen's filters. */
export const householdExportQuery = {
  type: 'object',
  required: ['unit'],
  properties: {
    unit: unitCode,
    period,
    village: { type: 'integer' },
    class: { type: 'string', enum: ['POOR', 'NEAR_POOR', 'AVERAGE', 'NONE'] },
    movement: { type: 'string', enum: MOVEMENTS },
    q: { type: 'string', maxLength: 100 },
  },
} as const;
export type HouseholdExportQuery = FromSchema<typeof householdExportQuery>;
