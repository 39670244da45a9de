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

// ── answers (response schemas) ──────────────────────────────────────────────
// Every field the service sends is listed; additionalProperties false keeps the derived types
// closed, and fast-json-stringify drops anything a service might add without saying so here.
export const componentViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    code: { type: 'string' },
    parentCode: { type: ['string', 'null'] },
    kind: { type: 'string' },
    name: { type: 'string' },
    nameEn: { type: 'string' },
    beneficiaries: { type: 'string' },
    beneficiariesEn: { type: 'string' },
    needsPoorDistrict: { type: 'boolean' },
    needsCoastalCommune: { type: 'boolean' },
    provisional: { type: 'boolean' },
    active: { type: 'boolean' },
  },
  required: [
    'id',
    'code',
    'parentCode',
    'kind',
    'name',
    'nameEn',
    'beneficiaries',
    'beneficiariesEn',
    'needsPoorDistrict',
    'needsCoastalCommune',
    'provisional',
    'active',
  ],
  additionalProperties: false,
} as const;
export const programViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    code: { type: 'string' },
    name: { type: 'string' },
    nameEn: { type: 'string' },
    legalBasis: { type: 'string' },
    yearFrom: { type: 'number' },
    yearTo: { type: 'number' },
    provisional: { type: 'boolean' },
    components: { type: 'array', items: componentViewSchema },
  },
  required: ['id', 'code', 'name', 'nameEn', 'legalBasis', 'yearFrom', 'yearTo', 'provisional', 'components'],
  additionalProperties: false,
} as const;
export const programListResponse = {
  type: 'object',
  properties: { items: { type: 'array', items: programViewSchema } },
  required: ['items'],
  additionalProperties: false,
} as const;
export const riskAssessmentSchema = {
  type: 'object',
  properties: {
    state: { type: 'string', enum: ['completed', 'starting', 'on-track', 'at-risk', 'lapsed'] },
    atRisk: { type: 'boolean' },
    daysLeft: { type: 'number' },
    daysOverdue: { type: 'number' },
    amountLeft: { type: 'number' },
    pacePerDay: { type: 'number' },
    requiredPerDay: { type: 'number' },
    projectedAtDeadline: { type: 'number' },
  },
  required: [
    'state',
    'atRisk',
    'daysLeft',
    'daysOverdue',
    'amountLeft',
    'pacePerDay',
    'requiredPerDay',
    'projectedAtDeadline',
  ],
  additionalProperties: false,
} as const;
export const allocationViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    year: { type: 'number' },
    unitCode: { type: 'string' },
    programCode: { type: 'string' },
    componentCode: { type: 'string' },
    projectCode: { type: 'string' },
    componentName: { type: 'string' },
    componentNameEn: { type: 'string' },
    projectName: { type: 'string' },
    projectNameEn: { type: 'string' },
    capitalType: { type: 'string', enum: ['development', 'recurrent'] },
    source: { type: 'string', enum: ['other', 'central', 'province', 'commune'] },
    amount: { type: 'number' },
    adjusted: { type: 'number' },
    planned: { type: 'number' },
    disbursed: { type: 'number' },
    available: { type: 'number' },
    rate: { type: 'number' },
    disbursementCount: { type: 'number' },
    lastDisbursedOn: { type: ['string', 'null'] },
    decisionNo: { type: 'string' },
    decisionDate: { type: 'string' },
    deadline: { type: 'string' },
    note: { type: ['string', 'null'] },
    risk: riskAssessmentSchema,
    amountInWords: { type: 'string' },
    version: { type: 'number' },
  },
  required: [
    'id',
    'year',
    'unitCode',
    'programCode',
    'componentCode',
    'projectCode',
    'componentName',
    'componentNameEn',
    'projectName',
    'projectNameEn',
    'capitalType',
    'source',
    'amount',
    'adjusted',
    'planned',
    'disbursed',
    'available',
    'rate',
    'disbursementCount',
    'lastDisbursedOn',
    'decisionNo',
    'decisionDate',
    'deadline',
    'note',
    'risk',
    'amountInWords',
    'version',
  ],
  additionalProperties: false,
} as const;
export const allocationListResponse = {
  type: 'object',
  properties: { items: { type: 'array', items: allocationViewSchema } },
  required: ['items'],
  additionalProperties: false,
} as const;
export const allocationDetailSchema = {
  type: 'object',
  properties: {
    entries: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'number' },
          province_code: { type: 'string' },
          allocation_id: { type: 'number' },
          kind: { type: 'string' },
          delta: { type: 'number' },
          entry_date: { type: 'string' },
          decision_no: { type: ['string', 'null'] },
          reason: { type: ['string', 'null'] },
          counterpart_allocation_id: { type: ['number', 'null'] },
          created_at: { type: 'string' },
          created_by: { type: 'string' },
        },
        required: [
          'id',
          'province_code',
          'allocation_id',
          'kind',
          'delta',
          'entry_date',
          'decision_no',
          'reason',
          'counterpart_allocation_id',
          'created_at',
          'created_by',
        ],
        additionalProperties: false,
      },
    },
    disbursements: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'number' },
          province_code: { type: 'string' },
          allocation_id: { type: 'number' },
          created_at: { type: 'string' },
          created_by: { type: 'string' },
          disbursed_on: { type: 'string' },
          amount: { type: 'number' },
          voucher_no: { type: 'string' },
          activity: { type: 'string' },
          beneficiary_households: { type: 'number' },
        },
        required: [
          'id',
          'province_code',
          'allocation_id',
          'created_at',
          'created_by',
          'disbursed_on',
          'amount',
          'voucher_no',
          'activity',
          'beneficiary_households',
        ],
        additionalProperties: false,
      },
    },
    issues: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'number' },
          province_code: { type: 'string' },
          allocation_id: { type: 'number' },
          reason: { type: 'string' },
          created_at: { type: 'string' },
          created_by: { type: 'string' },
          amount: { type: 'number' },
          detail: { type: 'string' },
          proposal: { type: 'string' },
          target_component_id: { type: ['number', 'null'] },
          recorded_on: { type: 'string' },
        },
        required: [
          'id',
          'province_code',
          'allocation_id',
          'reason',
          'created_at',
          'created_by',
          'amount',
          'detail',
          'proposal',
          'target_component_id',
          'recorded_on',
        ],
        additionalProperties: false,
      },
    },
    ...allocationViewSchema.properties,
  },
  required: ['entries', 'disbursements', 'issues', ...allocationViewSchema.required],
  additionalProperties: false,
} as const;
export const adjustmentResultSchema = {
  type: 'object',
  properties: {
    allocation: allocationViewSchema,
    entries: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'number' },
          province_code: { type: 'string' },
          allocation_id: { type: 'number' },
          kind: { type: 'string' },
          delta: { type: 'number' },
          entry_date: { type: 'string' },
          decision_no: { type: ['string', 'null'] },
          reason: { type: ['string', 'null'] },
          counterpart_allocation_id: { type: ['number', 'null'] },
          created_at: { type: 'string' },
          created_by: { type: 'string' },
        },
        required: [
          'id',
          'province_code',
          'allocation_id',
          'kind',
          'delta',
          'entry_date',
          'decision_no',
          'reason',
          'counterpart_allocation_id',
          'created_at',
          'created_by',
        ],
        additionalProperties: false,
      },
    },
    counterpart: allocationViewSchema,
  },
  required: ['allocation', 'entries'],
  additionalProperties: false,
} as const;
export const disbursementResultSchema = {
  type: 'object',
  properties: {
    disbursement: {
      type: 'object',
      properties: {
        id: { type: 'number' },
        province_code: { type: 'string' },
        allocation_id: { type: 'number' },
        created_at: { type: 'string' },
        created_by: { type: 'string' },
        disbursed_on: { type: 'string' },
        amount: { type: 'number' },
        voucher_no: { type: 'string' },
        activity: { type: 'string' },
        beneficiary_households: { type: 'number' },
      },
      required: [
        'id',
        'province_code',
        'allocation_id',
        'created_at',
        'created_by',
        'disbursed_on',
        'amount',
        'voucher_no',
        'activity',
        'beneficiary_households',
      ],
      additionalProperties: false,
    },
    allocation: allocationViewSchema,
  },
  required: ['disbursement', 'allocation'],
  additionalProperties: false,
} as const;
export const allocationIssueResponse = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    province_code: { type: 'string' },
    allocation_id: { type: 'number' },
    reason: { type: 'string' },
    created_at: { type: 'string' },
    created_by: { type: 'string' },
    amount: { type: 'number' },
    detail: { type: 'string' },
    proposal: { type: 'string' },
    target_component_id: { type: ['number', 'null'] },
    recorded_on: { type: 'string' },
  },
  required: [
    'id',
    'province_code',
    'allocation_id',
    'reason',
    'created_at',
    'created_by',
    'amount',
    'detail',
    'proposal',
    'target_component_id',
    'recorded_on',
  ],
  additionalProperties: false,
} as const;
export const financeRowSchema = {
  type: 'object',
  properties: {
    projectCode: { type: 'string' },
    projectName: { type: 'string' },
    projectNameEn: { type: 'string' },
    source: { type: 'string', enum: ['other', 'central', 'province', 'commune'] },
    allocated: { type: 'number' },
    adjusted: { type: 'number' },
    planned: { type: 'number' },
    disbursed: { type: 'number' },
    available: { type: 'number' },
    rate: { type: 'number' },
    deadline: { type: 'string' },
    atRisk: { type: 'boolean' },
    riskState: { type: 'string', enum: ['completed', 'starting', 'on-track', 'at-risk', 'lapsed'] },
    allocations: { type: 'number' },
  },
  required: [
    'projectCode',
    'projectName',
    'projectNameEn',
    'source',
    'allocated',
    'adjusted',
    'planned',
    'disbursed',
    'available',
    'rate',
    'deadline',
    'atRisk',
    'riskState',
    'allocations',
  ],
  additionalProperties: false,
} as const;
export const projectRowSchema = {
  type: 'object',
  properties: {
    projectCode: { type: 'string' },
    projectName: { type: 'string' },
    projectNameEn: { type: 'string' },
    allocated: { type: 'number' },
    adjusted: { type: 'number' },
    planned: { type: 'number' },
    disbursed: { type: 'number' },
    available: { type: 'number' },
    rate: { type: 'number' },
    deadline: { type: 'string' },
    atRisk: { type: 'boolean' },
    riskState: { type: 'string', enum: ['completed', 'starting', 'on-track', 'at-risk', 'lapsed'] },
    allocations: { type: 'number' },
  },
  required: [
    'projectCode',
    'projectName',
    'projectNameEn',
    'allocated',
    'adjusted',
    'planned',
    'disbursed',
    'available',
    'rate',
    'deadline',
    'atRisk',
    'riskState',
    'allocations',
  ],
  additionalProperties: false,
} as const;
export const financeTotalSchema = {
  type: 'object',
  properties: {
    allocated: { type: 'number' },
    adjusted: { type: 'number' },
    planned: { type: 'number' },
    disbursed: { type: 'number' },
    available: { type: 'number' },
    rate: { type: 'number' },
    deadline: { type: 'string' },
    atRisk: { type: 'boolean' },
    riskState: { type: 'string', enum: ['completed', 'starting', 'on-track', 'at-risk', 'lapsed'] },
    allocations: { type: 'number' },
  },
  required: [
    'allocated',
    'adjusted',
    'planned',
    'disbursed',
    'available',
    'rate',
    'deadline',
    'atRisk',
    'riskState',
    'allocations',
  ],
  additionalProperties: false,
} as const;
export const financeReportSchema = {
  type: 'object',
  properties: {
    unit: {
      type: 'object',
      properties: { code: { type: 'string' }, name: { type: 'string' } },
      required: ['code', 'name'],
      additionalProperties: false,
    },
    year: { type: 'number' },
    asOf: { type: 'string' },
    rows: { type: 'array', items: financeRowSchema },
    projects: { type: 'array', items: projectRowSchema },
    units: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          unitCode: { type: 'string' },
          planned: { type: 'number' },
          disbursed: { type: 'number' },
          rate: { type: 'number' },
          allocations: { type: 'number' },
        },
        required: ['unitCode', 'planned', 'disbursed', 'rate', 'allocations'],
        additionalProperties: false,
      },
    },
    total: financeTotalSchema,
  },
  required: ['unit', 'year', 'asOf', 'rows', 'projects', 'units', 'total'],
  additionalProperties: false,
} as const;
export const costReportSchema = {
  type: 'object',
  properties: {
    unitCode: { type: 'string' },
    year: { type: 'number' },
    disbursed: { type: 'number' },
    supportTotal: { type: 'number' },
    householdsSupported: { type: 'number' },
    costPerHouseholdSupported: { type: ['number', 'null'] },
    householdsExited: { type: 'number' },
    exitedSupported: { type: 'number' },
    supportToExited: { type: 'number' },
    costPerExitedSupported: { type: ['number', 'null'] },
    disbursedPerHouseholdExited: { type: ['number', 'null'] },
    byProject: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          projectCode: { type: 'string' },
          supportTotal: { type: 'number' },
          householdsSupported: { type: 'number' },
          costPerHouseholdSupported: { type: 'number' },
        },
        required: ['projectCode', 'supportTotal', 'householdsSupported', 'costPerHouseholdSupported'],
        additionalProperties: false,
      },
    },
  },
  required: [
    'unitCode',
    'year',
    'disbursed',
    'supportTotal',
    'householdsSupported',
    'costPerHouseholdSupported',
    'householdsExited',
    'exitedSupported',
    'supportToExited',
    'costPerExitedSupported',
    'disbursedPerHouseholdExited',
    'byProject',
  ],
  additionalProperties: false,
} as const;
export const importRowErrorSchema = {
  type: 'object',
  properties: {
    row: { type: 'number' },
    code: { type: 'string' },
    field: { type: ['string', 'null'] },
    message: { type: 'string' },
    messageEn: { type: 'string' },
  },
  required: ['row', 'code', 'field', 'message', 'messageEn'],
  additionalProperties: false,
} as const;
export const financeImportReportSchema = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['allocations', 'disbursements'] },
    read: { type: 'number' },
    imported: { type: 'number' },
    errors: { type: 'array', items: importRowErrorSchema },
  },
  required: ['kind', 'read', 'imported', 'errors'],
  additionalProperties: false,
} as const;
export const targetProgressSchema = {
  type: 'object',
  properties: {
    achieved: { type: ['number', 'null'] },
    share: { type: ['number', 'null'] },
    status: { type: 'string', enum: ['met', 'not-met', 'no-data', 'not-measured', 'no-residents'] },
  },
  required: ['achieved', 'share', 'status'],
  additionalProperties: false,
} as const;
export const unitStandingSchema = {
  type: 'object',
  properties: {
    unitCode: { type: 'string' },
    unitName: { type: 'string' },
    baseline: {
      type: ['object', 'null'],
      properties: { households: { type: 'number' }, poor: { type: 'number' }, nearPoor: { type: 'number' } },
      required: ['households', 'poor', 'nearPoor'],
      additionalProperties: false,
    },
    recognised: {
      type: ['object', 'null'],
      properties: { households: { type: 'number' }, poor: { type: 'number' }, nearPoor: { type: 'number' } },
      required: ['households', 'poor', 'nearPoor'],
      additionalProperties: false,
    },
    review: {
      type: ['object', 'null'],
      properties: { households: { type: 'number' }, poor: { type: 'number' }, nearPoor: { type: 'number' } },
      required: ['households', 'poor', 'nearPoor'],
      additionalProperties: false,
    },
    baselineResidentHouseholds: { type: ['number', 'null'] },
    residentHouseholds: { type: ['number', 'null'] },
    baselineRate: { type: ['number', 'null'] },
    recognisedRate: { type: ['number', 'null'] },
    reviewRate: { type: ['number', 'null'] },
    outcome: {
      type: ['object', 'null'],
      properties: { households: { type: 'number' }, poor: { type: 'number' }, nearPoor: { type: 'number' } },
      required: ['households', 'poor', 'nearPoor'],
      additionalProperties: false,
    },
    outcomeKind: { type: ['string', 'null'], enum: ['recognised', 'forecast', null] },
    poorReduced: { type: ['number', 'null'] },
    poorReductionTarget: { type: ['number', 'null'] },
  },
  required: [
    'unitCode',
    'unitName',
    'baseline',
    'recognised',
    'review',
    'baselineResidentHouseholds',
    'residentHouseholds',
    'baselineRate',
    'recognisedRate',
    'reviewRate',
    'outcome',
    'outcomeKind',
    'poorReduced',
    'poorReductionTarget',
  ],
  additionalProperties: false,
} as const;
export const targetsReportSchema = {
  type: 'object',
  properties: {
    unitCode: { type: 'string' },
    year: { type: 'number' },
    targets: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'number' },
          unitCode: { type: 'string' },
          year: { type: 'number' },
          kind: {
            type: 'string',
            enum: ['poor-reduction', 'poor-rate-reduction', 'near-poor-reduction', 'free'],
          },
          kindLabel: { type: 'string' },
          value: { type: 'number' },
          label: { type: ['string', 'null'] },
          note: { type: ['string', 'null'] },
          progress: targetProgressSchema,
          forecast: targetProgressSchema,
        },
        required: [
          'id',
          'unitCode',
          'year',
          'kind',
          'kindLabel',
          'value',
          'label',
          'note',
          'progress',
          'forecast',
        ],
        additionalProperties: false,
      },
    },
    total: unitStandingSchema,
    children: { type: 'array', items: unitStandingSchema },
    rest: {
      type: ['object', 'null'],
      properties: {
        unitCode: { type: 'string' },
        unitName: { type: 'string' },
        baseline: {
          type: ['object', 'null'],
          properties: {
            households: { type: 'number' },
            poor: { type: 'number' },
            nearPoor: { type: 'number' },
          },
          required: ['households', 'poor', 'nearPoor'],
          additionalProperties: false,
        },
        recognised: {
          type: ['object', 'null'],
          properties: {
            households: { type: 'number' },
            poor: { type: 'number' },
            nearPoor: { type: 'number' },
          },
          required: ['households', 'poor', 'nearPoor'],
          additionalProperties: false,
        },
        review: {
          type: ['object', 'null'],
          properties: {
            households: { type: 'number' },
            poor: { type: 'number' },
            nearPoor: { type: 'number' },
          },
          required: ['households', 'poor', 'nearPoor'],
          additionalProperties: false,
        },
        baselineResidentHouseholds: { type: ['number', 'null'] },
        residentHouseholds: { type: ['number', 'null'] },
        baselineRate: { type: ['number', 'null'] },
        recognisedRate: { type: ['number', 'null'] },
        reviewRate: { type: ['number', 'null'] },
        outcome: {
          type: ['object', 'null'],
          properties: {
            households: { type: 'number' },
            poor: { type: 'number' },
            nearPoor: { type: 'number' },
          },
          required: ['households', 'poor', 'nearPoor'],
          additionalProperties: false,
        },
        outcomeKind: { type: ['string', 'null'], enum: ['recognised', 'forecast', null] },
        poorReduced: { type: ['number', 'null'] },
        poorReductionTarget: { type: ['number', 'null'] },
      },
      required: [
        'unitCode',
        'unitName',
        'baseline',
        'recognised',
        'review',
        'baselineResidentHouseholds',
        'residentHouseholds',
        'baselineRate',
        'recognisedRate',
        'reviewRate',
        'outcome',
        'outcomeKind',
        'poorReduced',
        'poorReductionTarget',
      ],
      additionalProperties: false,
    },
    totalRow: {
      type: 'object',
      properties: {
        baseline: {
          type: ['object', 'null'],
          properties: {
            households: { type: 'number' },
            poor: { type: 'number' },
            nearPoor: { type: 'number' },
          },
          required: ['households', 'poor', 'nearPoor'],
          additionalProperties: false,
        },
        outcome: {
          type: ['object', 'null'],
          properties: {
            households: { type: 'number' },
            poor: { type: 'number' },
            nearPoor: { type: 'number' },
          },
          required: ['households', 'poor', 'nearPoor'],
          additionalProperties: false,
        },
        outcomeKind: { type: ['string', 'null'], enum: ['recognised', 'forecast', null] },
        poorReduced: { type: ['number', 'null'] },
        forecastRows: { type: 'number' },
      },
      required: ['baseline', 'outcome', 'outcomeKind', 'poorReduced', 'forecastRows'],
      additionalProperties: false,
    },
  },
  required: ['unitCode', 'year', 'targets', 'total', 'children', 'rest', 'totalRow'],
  additionalProperties: false,
} as const;
export const targetViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    unitCode: { type: 'string' },
    year: { type: 'number' },
    kind: { type: 'string', enum: ['poor-reduction', 'poor-rate-reduction', 'near-poor-reduction', 'free'] },
    kindLabel: { type: 'string' },
    value: { type: 'number' },
    label: { type: ['string', 'null'] },
    note: { type: ['string', 'null'] },
  },
  required: ['id', 'unitCode', 'year', 'kind', 'kindLabel', 'value', 'label', 'note'],
  additionalProperties: false,
} as const;
export const conditionSchema = {
  type: 'object',
  properties: {
    fact: {
      type: 'string',
      enum: [
        'status',
        'membersWithLabourCapacity',
        'workingAgeWithoutStableWork',
        'workingAgeWithoutTraining',
        'childrenUnder16',
        'pregnantOrBreastfeeding',
        'nutritionDeprived',
        'informationDeprived',
        'housingDeprived',
        'hasFarmland',
        'livestockCapacity',
        'hasProductionCapacity',
        'inPoorDistrict',
        'inCoastalCommune',
      ],
    },
    op: { type: 'string', enum: ['eq', 'ne', 'gte', 'lte', 'in'] },
    value: {
      anyOf: [
        { type: 'boolean' },
        { type: 'string' },
        { type: 'number' },
        { type: 'array', items: { type: 'string' } },
      ],
    },
  },
  required: ['fact', 'op', 'value'],
  additionalProperties: false,
} as const;
export const matchRuleSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    effect: { type: 'string', enum: ['suggest', 'exclude'] },
    target: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    score: { type: 'number' },
    when: { type: 'array', items: conditionSchema },
    reason: {
      type: 'object',
      properties: { vi: { type: 'string' }, en: { type: 'string' } },
      required: ['vi', 'en'],
      additionalProperties: false,
    },
  },
  required: ['id', 'effect', 'target', 'score', 'when', 'reason'],
  additionalProperties: false,
} as const;
export const ruleProblemSchema = {
  type: 'object',
  properties: { ruleId: { type: 'string' }, field: { type: 'string' }, detail: { type: 'string' } },
  required: ['ruleId', 'field', 'detail'],
  additionalProperties: false,
} as const;
export const rulesViewSchema = {
  type: 'object',
  properties: {
    programCode: { type: 'string' },
    rules: { type: 'array', items: matchRuleSchema },
    problems: { type: 'array', items: ruleProblemSchema },
  },
  required: ['programCode', 'rules', 'problems'],
  additionalProperties: false,
} as const;
export const factsSchema = {
  type: 'object',
  properties: {
    status: { type: ['boolean', 'string', 'number'] },
    membersWithLabourCapacity: { type: ['boolean', 'string', 'number'] },
    workingAgeWithoutStableWork: { type: ['boolean', 'string', 'number'] },
    workingAgeWithoutTraining: { type: ['boolean', 'string', 'number'] },
    childrenUnder16: { type: ['boolean', 'string', 'number'] },
    pregnantOrBreastfeeding: { type: ['boolean', 'string', 'number'] },
    nutritionDeprived: { type: ['boolean', 'string', 'number'] },
    informationDeprived: { type: ['boolean', 'string', 'number'] },
    housingDeprived: { type: ['boolean', 'string', 'number'] },
    hasFarmland: { type: ['boolean', 'string', 'number'] },
    livestockCapacity: { type: ['boolean', 'string', 'number'] },
    hasProductionCapacity: { type: ['boolean', 'string', 'number'] },
    inPoorDistrict: { type: ['boolean', 'string', 'number'] },
    inCoastalCommune: { type: ['boolean', 'string', 'number'] },
  },
  required: [
    'status',
    'membersWithLabourCapacity',
    'workingAgeWithoutStableWork',
    'workingAgeWithoutTraining',
    'childrenUnder16',
    'pregnantOrBreastfeeding',
    'nutritionDeprived',
    'informationDeprived',
    'housingDeprived',
    'hasFarmland',
    'livestockCapacity',
    'hasProductionCapacity',
    'inPoorDistrict',
    'inCoastalCommune',
  ],
  additionalProperties: false,
} as const;
export const reasonSchema = {
  type: 'object',
  properties: { ruleId: { type: 'string' }, vi: { type: 'string' }, en: { type: 'string' } },
  required: ['ruleId', 'vi', 'en'],
  additionalProperties: false,
} as const;
export const suggestionSchema = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    projectCode: { type: ['string', 'null'] },
    name: { type: 'string' },
    nameEn: { type: 'string' },
    score: { type: 'number' },
    reasons: { type: 'array', items: reasonSchema },
  },
  required: ['code', 'projectCode', 'name', 'nameEn', 'score', 'reasons'],
  additionalProperties: false,
} as const;
export const matchResultSchema = {
  type: 'object',
  properties: {
    householdKey: { type: 'string' },
    facts: factsSchema,
    eligible: { type: 'array', items: { type: 'string' } },
    suggestions: { type: 'array', items: suggestionSchema },
    excluded: {
      type: 'array',
      items: {
        type: 'object',
        properties: { code: { type: 'string' }, reasons: { type: 'array', items: reasonSchema } },
        required: ['code', 'reasons'],
        additionalProperties: false,
      },
    },
  },
  required: ['householdKey', 'facts', 'eligible', 'suggestions', 'excluded'],
  additionalProperties: false,
} as const;
export const householdMatchSchema = {
  type: 'object',
  properties: {
    period: { type: 'number' },
    unitCode: { type: 'string' },
    headName: { type: 'string' },
    classification: { type: 'string' },
    movement: { type: 'string' },
    householdKey: { type: 'string' },
    facts: factsSchema,
    eligible: { type: 'array', items: { type: 'string' } },
    suggestions: { type: 'array', items: suggestionSchema },
    excluded: {
      type: 'array',
      items: {
        type: 'object',
        properties: { code: { type: 'string' }, reasons: { type: 'array', items: reasonSchema } },
        required: ['code', 'reasons'],
        additionalProperties: false,
      },
    },
  },
  required: [
    'period',
    'unitCode',
    'headName',
    'classification',
    'movement',
    'householdKey',
    'facts',
    'eligible',
    'suggestions',
    'excluded',
  ],
  additionalProperties: false,
} as const;
export const unitMatchSummarySchema = {
  type: 'object',
  properties: {
    unitCode: { type: 'string' },
    period: { type: 'number' },
    households: { type: 'number' },
    firstChoice: { type: 'object', additionalProperties: { type: 'number' } },
    suggested: { type: 'object', additionalProperties: { type: 'number' } },
    items: { type: 'array', items: householdMatchSchema },
  },
  required: ['unitCode', 'period', 'households', 'firstChoice', 'suggested', 'items'],
  additionalProperties: false,
} as const;
export const supportRecordResponse = {
  type: 'object',
  properties: {
    description: { type: 'string' },
    id: { type: 'number' },
    province_code: { type: 'string' },
    created_at: { type: 'string' },
    created_by: { type: 'string' },
    amount: { type: 'number' },
    household_key: { type: 'string' },
    unit_code: { type: 'string' },
    component_id: { type: 'number' },
    disbursement_id: { type: ['number', 'null'] },
    supported_on: { type: 'string' },
  },
  required: [
    'description',
    'id',
    'province_code',
    'created_at',
    'created_by',
    'amount',
    'household_key',
    'unit_code',
    'component_id',
    'disbursement_id',
    'supported_on',
  ],
  additionalProperties: false,
} as const;
export const householdSupportResponse = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'number' },
          componentCode: { type: 'string' },
          componentName: { type: 'string' },
          date: { type: 'string' },
          amount: { type: 'number' },
          description: { type: 'string' },
          disbursementId: { type: ['number', 'null'] },
          unitCode: { type: 'string' },
        },
        required: [
          'id',
          'componentCode',
          'componentName',
          'date',
          'amount',
          'description',
          'disbursementId',
          'unitCode',
        ],
        additionalProperties: false,
      },
    },
  },
  required: ['items'],
  additionalProperties: false,
} as const;
export const taskViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    meetingId: { type: ['number', 'null'] },
    unitCode: { type: 'string' },
    assigneeKind: { type: 'string' },
    assignee: { type: 'string' },
    assigneeUnitCode: { type: ['string', 'null'] },
    title: { type: 'string' },
    detail: { type: ['string', 'null'] },
    deadline: { type: 'string' },
    status: { type: 'string', enum: ['open', 'in-progress', 'done', 'cancelled'] },
    completedOn: { type: ['string', 'null'] },
    overdue: { type: 'boolean' },
    dueSoon: { type: 'boolean' },
    daysLeft: { type: 'number' },
  },
  required: [
    'id',
    'meetingId',
    'unitCode',
    'assigneeKind',
    'assignee',
    'assigneeUnitCode',
    'title',
    'detail',
    'deadline',
    'status',
    'completedOn',
    'overdue',
    'dueSoon',
    'daysLeft',
  ],
  additionalProperties: false,
} as const;
export const meetingViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    unitCode: { type: 'string' },
    date: { type: 'string' },
    title: { type: 'string' },
    chair: { type: 'string' },
    conclusions: { type: 'string' },
    tasks: { type: 'array', items: taskViewSchema },
  },
  required: ['id', 'unitCode', 'date', 'title', 'chair', 'conclusions', 'tasks'],
  additionalProperties: false,
} as const;
export const meetingListResponse = {
  type: 'object',
  properties: { items: { type: 'array', items: meetingViewSchema } },
  required: ['items'],
  additionalProperties: false,
} as const;
export const taskBoardSchema = {
  type: 'object',
  properties: {
    unitCode: { type: 'string' },
    asOf: { type: 'string' },
    overdue: { type: 'array', items: taskViewSchema },
    dueSoon: { type: 'array', items: taskViewSchema },
    open: { type: 'array', items: taskViewSchema },
    done: { type: 'array', items: taskViewSchema },
    byAssignee: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          assignee: { type: 'string' },
          overdue: { type: 'number' },
          dueSoon: { type: 'number' },
          open: { type: 'number' },
          done: { type: 'number' },
        },
        required: ['assignee', 'overdue', 'dueSoon', 'open', 'done'],
        additionalProperties: false,
      },
    },
  },
  required: ['unitCode', 'asOf', 'overdue', 'dueSoon', 'open', 'done', 'byAssignee'],
  additionalProperties: false,
} as const;
export const taskDetailResponse = {
  type: 'object',
  properties: {
    updates: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'number' },
          at: { type: 'string' },
          actor: { type: 'string' },
          status: { type: 'string' },
          note: { type: 'string' },
          attachments: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'number' },
                fileName: { type: 'string' },
                size: { type: 'number' },
                contentType: { type: 'string' },
              },
              required: ['id', 'fileName', 'size', 'contentType'],
              additionalProperties: false,
            },
          },
        },
        required: ['id', 'at', 'actor', 'status', 'note', 'attachments'],
        additionalProperties: false,
      },
    },
    ...taskViewSchema.properties,
  },
  required: ['updates', ...taskViewSchema.required],
  additionalProperties: false,
} as const;
export const taskUpdateResponse = {
  type: 'object',
  properties: {
    task: taskViewSchema,
    update: {
      type: 'object',
      properties: {
        attachments: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'number' },
              fileName: { type: 'string' },
              size: { type: 'number' },
              contentType: { type: 'string' },
            },
            required: ['id', 'fileName', 'size', 'contentType'],
            additionalProperties: false,
          },
        },
        at: { type: 'string' },
        id: { type: 'number' },
        status: { type: 'string' },
        actor: { type: 'string' },
        province_code: { type: 'string' },
        task_id: { type: 'number' },
        note: { type: 'string' },
      },
      required: ['attachments', 'at', 'id', 'status', 'actor', 'province_code', 'task_id', 'note'],
      additionalProperties: false,
    },
  },
  required: ['task', 'update'],
  additionalProperties: false,
} as const;

// The answers' types, derived: the web app imports these (type-only) instead of restating them.
export type ProgramView = FromSchema<typeof programViewSchema>;
export type AllocationView = FromSchema<typeof allocationViewSchema>;
export type AllocationDetail = FromSchema<typeof allocationDetailSchema>;
export type FinanceReport = FromSchema<typeof financeReportSchema>;
export type TargetsReport = FromSchema<typeof targetsReportSchema>;
export type UnitStanding = FromSchema<typeof unitStandingSchema>;
export type TargetProgress = FromSchema<typeof targetProgressSchema>;
export type TaskView = FromSchema<typeof taskViewSchema>;
export type TaskBoard = FromSchema<typeof taskBoardSchema>;
export type TaskDetail = FromSchema<typeof taskDetailResponse>;
export type HouseholdMatch = FromSchema<typeof householdMatchSchema>;
export type FinanceImportReport = FromSchema<typeof financeImportReportSchema>;
export type ImportRowError = FromSchema<typeof importRowErrorSchema>;

// ── program monitoring (issue 13) ───────────────────────────────────────────
const monitoringWord = {
  type: 'object',
  properties: { vi: { type: 'string' }, en: { type: 'string' } },
  required: ['vi', 'en'],
  additionalProperties: false,
} as const;
const monitoringStatus = {
  type: 'string',
  enum: ['below', 'within', 'above', 'no-data', 'no-residents', 'no-denominator', 'no-area-list'],
} as const;
const nullableNumber = { type: ['number', 'null'] } as const;
export const programMonitoringSchema = {
  type: 'object',
  properties: {
    unit: {
      type: 'object',
      properties: { code: { type: 'string' }, name: { type: 'string' } },
      required: ['code', 'name'],
      additionalProperties: false,
    },
    year: { type: 'number' },
    targets: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: {
            type: 'string',
            enum: [
              'multidimensional-rate-reduction',
              'poor-district-rate-reduction',
              'ethnic-minority-rate-reduction',
            ],
          },
          label: monitoringWord,
          baselineRate: nullableNumber,
          recognisedRate: nullableNumber,
          forecastRate: nullableNumber,
          achieved: nullableNumber,
          forecast: nullableNumber,
          status: monitoringStatus,
          forecastStatus: monitoringStatus,
          statusLabel: monitoringWord,
          forecastStatusLabel: monitoringWord,
          band: {
            type: 'object',
            properties: {
              min: { type: 'number' },
              max: nullableNumber,
              minExclusive: { type: 'boolean' },
              source: { type: 'string' },
            },
            required: ['min', 'max', 'minExclusive', 'source'],
            additionalProperties: false,
          },
          figures: {
            type: 'object',
            properties: {
              baselinePoor: nullableNumber,
              recognisedPoor: nullableNumber,
              forecastPoor: nullableNumber,
              baselineResidents: nullableNumber,
              residents: nullableNumber,
            },
            required: ['baselinePoor', 'recognisedPoor', 'forecastPoor', 'baselineResidents', 'residents'],
            additionalProperties: false,
          },
        },
        required: [
          'kind',
          'label',
          'baselineRate',
          'recognisedRate',
          'forecastRate',
          'achieved',
          'forecast',
          'status',
          'forecastStatus',
          'statusLabel',
          'forecastStatusLabel',
          'band',
          'figures',
        ],
        additionalProperties: false,
      },
    },
    projects: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          projectCode: { type: 'string' },
          projectName: { type: 'string' },
          projectNameEn: { type: 'string' },
          disbursed: { type: 'number' },
          supportTotal: { type: 'number' },
          householdsSupported: { type: 'number' },
          costPerHouseholdSupported: nullableNumber,
          householdsExited: { type: 'number' },
          supportToExited: { type: 'number' },
          costPerHouseholdExited: nullableNumber,
        },
        required: [
          'projectCode',
          'projectName',
          'projectNameEn',
          'disbursed',
          'supportTotal',
          'householdsSupported',
          'costPerHouseholdSupported',
          'householdsExited',
          'supportToExited',
          'costPerHouseholdExited',
        ],
        additionalProperties: false,
      },
    },
  },
  required: ['unit', 'year', 'targets', 'projects'],
  additionalProperties: false,
} as const;
export type ProgramMonitoringPayload = FromSchema<typeof programMonitoringSchema>;
