// Payloads of the village routes (src/http/routes/villages.routes.ts), defined once.
import type { FromSchema } from 'json-schema-to-ts';
import { VILLAGE_KINDS } from '../../domain/units/village-kinds.js';

export const villageSchema = {
  type: 'object',
  required: ['id', 'communeCode', 'communeValidFrom', 'name', 'kind'],
  properties: {
    id: { type: 'integer' },
    communeCode: { type: 'string' },
    communeValidFrom: { type: ['string', 'null'] },
    name: { type: 'string' },
    kind: { type: 'string', enum: VILLAGE_KINDS },
  },
  additionalProperties: false,
} as const;
export type Village = FromSchema<typeof villageSchema>;

export const communeParams = {
  type: 'object',
  required: ['code'],
  properties: { code: { type: 'string', pattern: '^[0-9]{5}$' } },
} as const;
export type CommuneParams = FromSchema<typeof communeParams>;

export const villagesQuery = {
  type: 'object',
  properties: { on: { type: 'string' } },
} as const;
export type VillagesQuery = FromSchema<typeof villagesQuery>;

export const villagesListResponse = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: villageSchema } },
  additionalProperties: false,
} as const;
export type VillagesList = FromSchema<typeof villagesListResponse>;

export const addVillageBody = {
  type: 'object',
  required: ['name', 'kind'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 120 },
    kind: { type: 'string', enum: VILLAGE_KINDS },
    on: { type: 'string' },
  },
} as const;
export type AddVillageBody = FromSchema<typeof addVillageBody>;
