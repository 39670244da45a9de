// Payloads of program finance, meetings and tasks (src/http/routes/finance.routes.ts), defined
// once: Fastify validates and serialises with them, /api/docs publishes them.
import type { FromSchema } from 'json-schema-to-ts';

export const unitYearQuery = {
  type: 'object',
  required: ['unit', 'year'],
  properties: {
    unit: { type: 'string', description: 'Mã đơn vị / unit code' },
    year: { type: 'string', pattern: '^[0-9]{4}$' },
    asOf: { type: 'string', description: 'YYYY-MM-DD (mặc định hôm nay / default today)' },
  },
} as const;
export const idParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[0-9]{1,12}$' } },
} as const;
// Amounts and ids are left untyped here so the services answer with their own coded errors
// (AMOUNT_INVALID names the field) rather than a generic schema error.
const money = { description: 'Số nguyên đồng / whole đồng (integer)' } as const;
const anyId = { description: 'integer id' } as const;
const date = { type: 'string', description: 'YYYY-MM-DD' } as const;
const text = { type: 'string' } as const;

export const allocationBody = {
  type: 'object',
  properties: {
    year: anyId,
    unitCode: text,
    programCode: text,
    componentCode: {
      type: 'string',
      description: 'DA1…DA7, DA3.2… (danh mục chương trình / program catalogue)',
    },
    capitalType: { type: 'string', enum: ['development', 'recurrent'] },
    source: { type: 'string', description: 'central | province | commune | other' },
    amount: money,
    decisionNo: text,
    decisionDate: date,
    deadline: date,
    note: text,
  },
} as const;

export const disbursementBody = {
  type: 'object',
  properties: {
    allocationId: anyId,
    date,
    amount: money,
    voucherNo: text,
    activity: text,
    beneficiaryHouseholds: anyId,
    support: {
      type: 'array',
      items: {
        type: 'object',
        properties: { householdKey: text, amount: money, description: text, unitCode: text },
      },
    },
  },
} as const;
export type UnitYear = FromSchema<typeof unitYearQuery>;

/** A body the service checks field by field (coded errors naming the field). */
export const objectBody = { type: 'object' } as const;

export const yearsQuery = {
  type: 'object',
  required: ['unit'],
  properties: { unit: { type: 'string' } },
} as const;

export const adjustmentBody = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['increase', 'cut', 'transfer', 'carry-over'] },
    amount: money,
    date,
    decisionNo: text,
    reason: text,
    toAllocationId: anyId,
    nextDeadline: date,
  },
} as const;

export const issueBody = {
  type: 'object',
  properties: {
    reason: text,
    detail: text,
    amount: money,
    proposal: { type: 'string', enum: ['stop', 'move'] },
    targetComponentCode: text,
    date,
  },
} as const;

export const proposalParams = {
  type: 'object',
  properties: { format: { type: 'string', enum: ['xlsx', 'pdf'] } },
} as const;

export const targetBody = {
  type: 'object',
  properties: {
    unitCode: text,
    year: anyId,
    kind: {
      type: 'string',
      enum: ['poor-reduction', 'poor-rate-reduction', 'near-poor-reduction', 'free'],
    },
    value: { description: 'number' },
    label: text,
    note: text,
  },
} as const;

export const matchingRulesQuery = {
  type: 'object',
  required: ['year'],
  properties: { year: { type: 'string' } },
} as const;

export const matchBody = {
  type: 'object',
  required: ['year', 'profile'],
  properties: { year: anyId, profile: { type: 'object' } },
} as const;

/** Without a period: the household's newest period with data. */
export const householdSuggestionsQuery = {
  type: 'object',
  properties: {
    period: { type: 'string' },
    farmland: { type: 'string', enum: ['1', '0'] },
    livestock: { type: 'string', enum: ['1', '0'] },
  },
} as const;

export const suggestionsQuery = {
  type: 'object',
  required: ['unit', 'period'],
  properties: { unit: text, period: { type: 'string' } },
} as const;

export const supportBody = {
  type: 'object',
  properties: {
    householdKey: text,
    unitCode: text,
    componentCode: text,
    disbursementId: anyId,
    date,
    amount: money,
    description: text,
  },
} as const;

export const meetingsQuery = { type: 'object', required: ['unit'], properties: { unit: text } } as const;

export const tasksBoardQuery = {
  type: 'object',
  required: ['unit'],
  properties: { unit: text, asOf: date, assignee: text },
} as const;

export const yearsResponse = {
  type: 'object',
  properties: { years: { type: 'array', items: { type: 'integer' } } },
} as const;
