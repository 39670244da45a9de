// Payloads of the Fatherland Front's module (src/http/routes/front.routes.ts), defined once:
// Fastify validates with them, /api/docs publishes them. Amounts and ids stay untyped so the
// services answer with their own coded errors naming the field.
import type { FromSchema } from 'json-schema-to-ts';
import { FEEDBACK_KINDS, FEEDBACK_STATUSES } from '../../domain/public/statuses.js';
import { FUND_LEVELS } from '../../domain/front/fund.js';
import { RECOMMENDATION_STATES } from '../../domain/front/supervision.js';
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

/**
 * JSON, or multipart with the same fields and files in `files`: documentation of the answer's
 * fields, not attached to the route (a multipart body is no JSON object); the service checks them.
 */
export const answerBody = {
  type: 'object',
  properties: {
    status: { type: 'string', description: 'accepted | in-progress | not-accepted' },
    text,
    answeredOn: date,
  },
} as const;

// ── answers (response schemas) ──────────────────────────────────────────────
// Derived from the services' return types (src/services/front/*.service.ts). Every field the
// service sends is listed: fast-json-stringify drops what a schema does not name. Names and
// reasons are already masked by the service (personalDataFor), so they stay strings here.
const num = { type: 'number' } as const;
const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const numOrNull = { type: ['number', 'null'] } as const;

export const fundViewSchema = {
  type: 'object',
  properties: {
    id: num,
    unitCode: str,
    unitName: str,
    year: num,
    level: { type: 'string', enum: FUND_LEVELS },
    received: num,
    spent: num,
    transferredIn: num,
    transferredOut: num,
    balance: num,
    version: num,
  },
  required: [
    'id',
    'unitCode',
    'unitName',
    'year',
    'level',
    'received',
    'spent',
    'transferredIn',
    'transferredOut',
    'balance',
    'version',
  ],
  additionalProperties: false,
} as const;
export const fundListResponse = {
  type: 'object',
  properties: { items: { type: 'array', items: fundViewSchema } },
  required: ['items'],
  additionalProperties: false,
} as const;

export const receiptViewSchema = {
  type: 'object',
  properties: {
    id: num,
    receiptNo: str,
    date: str,
    donorName: str,
    donorKind: str,
    anonymous: { type: 'boolean' },
    kind: str,
    goods: strOrNull,
    value: num,
    campaign: str,
    note: strOrNull,
  },
  required: [
    'id',
    'receiptNo',
    'date',
    'donorName',
    'donorKind',
    'anonymous',
    'kind',
    'goods',
    'value',
    'campaign',
    'note',
  ],
  additionalProperties: false,
} as const;

export const spendingHouseholdViewSchema = {
  type: 'object',
  properties: {
    householdKey: str,
    communeCode: str,
    headName: str,
    village: strOrNull,
    classification: strOrNull,
    reason: strOrNull,
  },
  required: ['householdKey', 'communeCode', 'headName', 'village', 'classification', 'reason'],
  additionalProperties: false,
} as const;

export const fundDetailSchema = {
  type: 'object',
  properties: {
    fund: fundViewSchema,
    receipts: { type: 'array', items: receiptViewSchema },
    spending: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: num,
          date: str,
          purpose: str,
          amount: num,
          decisionNo: str,
          decisionDate: str,
          description: strOrNull,
          households: { type: 'array', items: spendingHouseholdViewSchema },
        },
        required: [
          'id',
          'date',
          'purpose',
          'amount',
          'decisionNo',
          'decisionDate',
          'description',
          'households',
        ],
        additionalProperties: false,
      },
    },
    transfers: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: num,
          kind: str,
          direction: { type: 'string', enum: ['in', 'out'] },
          counterpart: str,
          amount: num,
          date: str,
          decisionNo: strOrNull,
          note: strOrNull,
        },
        required: ['id', 'kind', 'direction', 'counterpart', 'amount', 'date', 'decisionNo', 'note'],
        additionalProperties: false,
      },
    },
  },
  required: ['fund', 'receipts', 'spending', 'transfers'],
  additionalProperties: false,
} as const;

export const receiptResultSchema = {
  type: 'object',
  properties: { receipt: receiptViewSchema, fund: fundViewSchema },
  required: ['receipt', 'fund'],
  additionalProperties: false,
} as const;

/** The stored spending row as written (column names), with the fund after it. */
export const spendingResultSchema = {
  type: 'object',
  properties: {
    spending: {
      type: 'object',
      properties: {
        id: num,
        province_code: str,
        fund_id: num,
        spent_on: str,
        purpose: str,
        amount: num,
        decision_no: str,
        decision_date: str,
        description: strOrNull,
        created_at: str,
        created_by: str,
      },
      required: [
        'id',
        'province_code',
        'fund_id',
        'spent_on',
        'purpose',
        'amount',
        'decision_no',
        'decision_date',
        'description',
        'created_at',
        'created_by',
      ],
      additionalProperties: false,
    },
    fund: fundViewSchema,
  },
  required: ['spending', 'fund'],
  additionalProperties: false,
} as const;

/** The stored transfer row as written (column names), with both funds after it. */
export const transferResultSchema = {
  type: 'object',
  properties: {
    transfer: {
      type: 'object',
      properties: {
        id: num,
        province_code: str,
        kind: str,
        from_fund_id: num,
        to_fund_id: num,
        amount: num,
        transferred_on: str,
        decision_no: strOrNull,
        note: strOrNull,
        created_at: str,
        created_by: str,
      },
      required: [
        'id',
        'province_code',
        'kind',
        'from_fund_id',
        'to_fund_id',
        'amount',
        'transferred_on',
        'decision_no',
        'note',
        'created_at',
        'created_by',
      ],
      additionalProperties: false,
    },
    from: fundViewSchema,
    to: fundViewSchema,
  },
  required: ['transfer', 'from', 'to'],
  additionalProperties: false,
} as const;

export const houseViewSchema = {
  type: 'object',
  properties: {
    id: num,
    householdKey: str,
    communeCode: str,
    communeName: str,
    headName: str,
    village: strOrNull,
    kind: str,
    estimatedCost: num,
    actualCost: numOrNull,
    stage: str,
    approvedOn: str,
    startedOn: strOrNull,
    handedOverOn: strOrNull,
    sources: {
      type: 'array',
      items: {
        type: 'object',
        properties: { source: str, amount: num },
        required: ['source', 'amount'],
        additionalProperties: false,
      },
    },
    photos: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: num, stage: strOrNull, fileName: str, caption: strOrNull },
        required: ['id', 'stage', 'fileName', 'caption'],
        additionalProperties: false,
      },
    },
    outcome: {
      type: ['string', 'null'],
      enum: ['lifted', 'still-deprived', 'not-deprived-before', 'not-surveyed-yet', null],
    },
    version: num,
  },
  required: [
    'id',
    'householdKey',
    'communeCode',
    'communeName',
    'headName',
    'village',
    'kind',
    'estimatedCost',
    'actualCost',
    'stage',
    'approvedOn',
    'startedOn',
    'handedOverOn',
    'sources',
    'photos',
    'outcome',
    'version',
  ],
  additionalProperties: false,
} as const;
export const houseListResponse = {
  type: 'object',
  properties: { items: { type: 'array', items: houseViewSchema } },
  required: ['items'],
  additionalProperties: false,
} as const;

const housesUnitRowSchema = {
  type: 'object',
  properties: {
    communeCode: str,
    communeName: str,
    approved: num,
    underConstruction: num,
    handedOver: num,
    estimatedCost: num,
    actualCost: num,
    lifted: num,
    stillDeprived: num,
    notSurveyedYet: num,
  },
  required: [
    'communeCode',
    'communeName',
    'approved',
    'underConstruction',
    'handedOver',
    'estimatedCost',
    'actualCost',
    'lifted',
    'stillDeprived',
    'notSurveyedYet',
  ],
  additionalProperties: false,
} as const;
export const housesByUnitResponse = {
  type: 'object',
  properties: { rows: { type: 'array', items: housesUnitRowSchema }, total: housesUnitRowSchema },
  required: ['rows', 'total'],
  additionalProperties: false,
} as const;

/** The stored house row (column names), as recorded or moved to its next stage. */
export const houseRecordSchema = {
  type: 'object',
  properties: {
    id: num,
    province_code: str,
    commune_code: str,
    household_id: num,
    household_key: str,
    kind: str,
    estimated_cost: num,
    actual_cost: numOrNull,
    stage: str,
    approved_on: str,
    started_on: strOrNull,
    handed_over_on: strOrNull,
    spending_id: numOrNull,
    note: strOrNull,
    version: num,
    created_at: str,
    created_by: str,
    updated_at: str,
  },
  required: [
    'id',
    'province_code',
    'commune_code',
    'household_id',
    'household_key',
    'kind',
    'estimated_cost',
    'actual_cost',
    'stage',
    'approved_on',
    'started_on',
    'handed_over_on',
    'spending_id',
    'note',
    'version',
    'created_at',
    'created_by',
    'updated_at',
  ],
  additionalProperties: false,
} as const;

export const housePhotoResultSchema = {
  type: 'object',
  properties: { id: num, stage: strOrNull, fileName: str, caption: strOrNull, size: num },
  required: ['id', 'stage', 'fileName', 'caption', 'size'],
  additionalProperties: false,
} as const;

export const recommendationViewSchema = {
  type: 'object',
  properties: {
    id: num,
    planId: num,
    frontUnitCode: str,
    addresseeUnitCode: str,
    addresseeName: str,
    successorName: strOrNull,
    content: str,
    issuedOn: str,
    deadline: str,
    state: { type: 'string', enum: RECOMMENDATION_STATES },
    daysOverdue: num,
    answeredOn: strOrNull,
    answerStatus: strOrNull,
    answerText: strOrNull,
    answeredBy: strOrNull,
    attachments: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: num, fileName: str, size: num },
        required: ['id', 'fileName', 'size'],
        additionalProperties: false,
      },
    },
    version: num,
  },
  required: [
    'id',
    'planId',
    'frontUnitCode',
    'addresseeUnitCode',
    'addresseeName',
    'successorName',
    'content',
    'issuedOn',
    'deadline',
    'state',
    'daysOverdue',
    'answeredOn',
    'answerStatus',
    'answerText',
    'answeredBy',
    'attachments',
    'version',
  ],
  additionalProperties: false,
} as const;
export const recommendationListResponse = {
  type: 'object',
  properties: { items: { type: 'array', items: recommendationViewSchema } },
  required: ['items'],
  additionalProperties: false,
} as const;

export const planViewSchema = {
  type: 'object',
  properties: {
    id: num,
    unitCode: str,
    unitName: str,
    topic: str,
    startDate: str,
    endDate: str,
    units: {
      type: 'array',
      items: {
        type: 'object',
        properties: { code: str, name: str },
        required: ['code', 'name'],
        additionalProperties: false,
      },
    },
    visits: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: num, unitCode: str, date: str, findings: str },
        required: ['id', 'unitCode', 'date', 'findings'],
        additionalProperties: false,
      },
    },
    recommendations: { type: 'array', items: recommendationViewSchema },
  },
  required: [
    'id',
    'unitCode',
    'unitName',
    'topic',
    'startDate',
    'endDate',
    'units',
    'visits',
    'recommendations',
  ],
  additionalProperties: false,
} as const;
export const planListResponse = {
  type: 'object',
  properties: { items: { type: 'array', items: planViewSchema } },
  required: ['items'],
  additionalProperties: false,
} as const;

/** The stored plan row (column names); `units_json` is the JSON text of the units' codes. */
export const planRecordSchema = {
  type: 'object',
  properties: {
    id: num,
    province_code: str,
    unit_code: str,
    topic: str,
    start_date: str,
    end_date: str,
    units_json: str,
    created_at: str,
    created_by: str,
  },
  required: [
    'id',
    'province_code',
    'unit_code',
    'topic',
    'start_date',
    'end_date',
    'units_json',
    'created_at',
    'created_by',
  ],
  additionalProperties: false,
} as const;

/** The stored visit row (column names). */
export const visitRecordSchema = {
  type: 'object',
  properties: {
    id: num,
    province_code: str,
    plan_id: num,
    unit_code: str,
    visit_date: str,
    findings: str,
    created_at: str,
    created_by: str,
  },
  required: [
    'id',
    'province_code',
    'plan_id',
    'unit_code',
    'visit_date',
    'findings',
    'created_at',
    'created_by',
  ],
  additionalProperties: false,
} as const;

export const frontFeedbackListResponse = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: num,
          code: str,
          kind: { type: 'string', enum: FEEDBACK_KINDS },
          communeCode: strOrNull,
          routedToFront: { type: 'boolean' },
          name: str,
          contact: strOrNull,
          subject: str,
          status: { type: 'string', enum: FEEDBACK_STATUSES },
          createdAt: str,
        },
        required: [
          'id',
          'code',
          'kind',
          'communeCode',
          'routedToFront',
          'name',
          'contact',
          'subject',
          'status',
          'createdAt',
        ],
        additionalProperties: false,
      },
    },
  },
  required: ['items'],
  additionalProperties: false,
} as const;

export type FundView = FromSchema<typeof fundViewSchema>;
export type FundDetail = FromSchema<typeof fundDetailSchema>;
export type HouseView = FromSchema<typeof houseViewSchema>;
export type RecommendationView = FromSchema<typeof recommendationViewSchema>;
export type PlanView = FromSchema<typeof planViewSchema>;
