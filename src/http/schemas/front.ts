// Payloads of the Fatherland Front's module (src/http/routes/front.routes.ts), defined once:
// Fastify validates with them, /api/docs publishes them. Amounts and ids stay untyped so the
// services answer with their own coded errors naming the field.
export const frontIdParams = {
  type: 'object',
  properties: { id: { type: 'string', pattern: '^[0-9]{1,12}$' } },
} as const;
export const frontDocumentParams = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: '^[0-9]{1,12}$' },
    format: { type: 'string', enum: ['xlsx', 'pdf'] },
  },
} as const;
export const frontReportParams = {
  type: 'object',
  properties: { format: { type: 'string', enum: ['xlsx', 'pdf'] } },
} as const;
export const frontYearQuery = {
  type: 'object',
  properties: { year: { type: 'string', pattern: '^[0-9]{4}$' } },
} as const;
export const frontUnitQuery = {
  type: 'object',
  properties: { unit: { type: 'string', pattern: '^[0-9]{2,5}$' } },
} as const;
export const frontStateQuery = {
  type: 'object',
  properties: { state: { type: 'string', description: 'awaiting | overdue | answered | answered-late' } },
} as const;

const money = { description: 'Số nguyên đồng / whole đồng (integer)' } as const;
const anyId = { description: 'integer id' } as const;
const date = { type: 'string', description: 'YYYY-MM-DD' } as const;
const text = { type: 'string' } as const;

export const receiptBody = {
  type: 'object',
  properties: {
    unitCode: text,
    date,
    receiptNo: text,
    donorName: text,
    donorKind: { type: 'string', description: 'individual | organisation' },
    anonymous: { type: 'boolean' },
    kind: { type: 'string', description: 'cash | in-kind' },
    goods: text,
    value: money,
    campaign: { type: 'string', description: 'peak-month | tet | disaster-relief | regular' },
    note: text,
  },
} as const;

export const spendingBody = {
  type: 'object',
  properties: {
    fundId: anyId,
    date,
    purpose: {
      type: 'string',
      description: 'Danh mục nội dung chi / purpose (words catalogue: fundPurpose)',
    },
    amount: money,
    decisionNo: text,
    decisionDate: date,
    description: text,
    households: {
      type: 'array',
      items: { type: 'object', properties: { householdKey: text, reason: text } },
    },
  },
} as const;

export const transferBody = {
  type: 'object',
  properties: {
    fundId: anyId,
    kind: { type: 'string', description: 'transfer | carry-over' },
    toUnitCode: text,
    amount: money,
    date,
    decisionNo: text,
    note: text,
  },
} as const;

export const houseBody = {
  type: 'object',
  properties: {
    householdKey: text,
    kind: { type: 'string', description: 'new | repair' },
    estimatedCost: money,
    approvedOn: date,
    sources: {
      type: 'array',
      items: { type: 'object', properties: { source: text, amount: money } },
    },
    note: text,
  },
} as const;

export const houseStageBody = {
  type: 'object',
  properties: {
    stage: { type: 'string', description: 'under-construction | handed-over' },
    date,
    actualCost: money,
  },
} as const;

export const planBody = {
  type: 'object',
  properties: {
    unitCode: text,
    topic: text,
    startDate: date,
    endDate: date,
    units: { type: 'array', items: text },
  },
} as const;

export const visitBody = {
  type: 'object',
  properties: { unitCode: text, date, findings: text },
} as const;

export const recommendationBody = {
  type: 'object',
  properties: { addresseeUnitCode: text, content: text, issuedOn: date, deadline: date },
} as const;

/** JSON, or multipart with the same fields and files in `files`. */
export const answerBody = {
  type: 'object',
  properties: {
    status: { type: 'string', description: 'accepted | in-progress | not-accepted' },
    text,
    answeredOn: date,
  },
} as const;
