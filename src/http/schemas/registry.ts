// Payloads of the household registry, review campaigns, import and summary
// (src/http/routes/registry.routes.ts), defined once: Fastify validates and serialises with them,
// /api/docs publishes them, the web app imports the derived types.
import type { FromSchema } from 'json-schema-to-ts';
import { ACTIONS } from '../../domain/campaign/campaign.js';
import { MOVEMENTS } from '../../domain/registry/movement.js';

const unitCode = { type: 'string', pattern: '^[0-9]{2,5}$' } as const;
const classification = { type: 'string', enum: ['POOR', 'NEAR_POOR', 'AVERAGE', 'NONE'] } as const;

/** A coded error (src/errors.ts) as the error handler sends it. */
export const errorResponse = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        field: { type: 'string' },
        message: { type: 'string' },
        messageEn: { type: 'string' },
      },
      additionalProperties: true,
    },
  },
} as const;

const summaryRow = {
  type: 'object',
  properties: {
    unit: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
    period: { type: 'integer' },
    households: { type: 'integer' },
    poor: { type: 'integer' },
    nearPoor: { type: 'integer' },
    average: { type: 'integer' },
    // Rates over the resident households of the year; null without them (decision 0021).
    residentHouseholds: { type: ['integer', 'null'] },
    poorRate: { type: ['number', 'null'] },
    nearPoorRate: { type: ['number', 'null'] },
    multidimensionalRate: { type: ['number', 'null'] },
    shareOfSurveyed: {
      type: 'object',
      properties: {
        poor: { type: 'number' },
        nearPoor: { type: 'number' },
        multidimensional: { type: 'number' },
      },
    },
  },
} as const;

/** One row of the household list (names masked for readers without personal-data rights). */
export const householdItemSchema = {
  type: 'object',
  required: [
    'householdId',
    'communeCode',
    'villageId',
    'headName',
    'headBirthDate',
    'address',
    'memberCount',
    'version',
    'classification',
    'movement',
    'status',
    'deprivationCount',
    'noLabourCapacity',
  ],
  properties: {
    householdId: { type: 'string' },
    communeCode: { type: 'string' },
    villageId: { type: ['integer', 'null'] },
    headName: { type: 'string' },
    headBirthDate: { type: ['string', 'null'] },
    address: { type: ['string', 'null'] },
    memberCount: { type: 'integer' },
    version: { type: 'integer' },
    classification: { type: ['string', 'null'] },
    movement: { type: ['string', 'null'] },
    status: { type: ['string', 'null'] },
    deprivationCount: { type: ['integer', 'null'] },
    noLabourCapacity: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;
export type HouseholdItem = FromSchema<typeof householdItemSchema>;

export const householdListQuery = {
  type: 'object',
  required: ['unit'],
  properties: {
    unit: unitCode,
    period: { type: 'integer' },
    village: { type: 'integer' },
    class: classification,
    movement: { type: 'string', enum: MOVEMENTS },
    q: { type: 'string', maxLength: 100 },
    page: { type: 'integer', minimum: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200 },
  },
} as const;
export type HouseholdListQuery = FromSchema<typeof householdListQuery>;

export const householdListResponse = {
  type: 'object',
  required: ['total', 'page', 'pageSize', 'items'],
  properties: {
    total: { type: 'integer' },
    /** More matches than `total`: counting stops at 10,000. */
    totalCapped: { type: 'boolean' },
    page: { type: 'integer' },
    pageSize: { type: 'integer' },
    items: { type: 'array', items: householdItemSchema },
  },
  additionalProperties: false,
} as const;
export type HouseholdList = FromSchema<typeof householdListResponse>;

export const householdParams = {
  type: 'object',
  required: ['householdId'],
  properties: { householdId: { type: 'string', maxLength: 64 } },
} as const;
export type HouseholdParams = FromSchema<typeof householdParams>;

export const householdPhotoParams = {
  type: 'object',
  required: ['householdId', 'clientId'],
  properties: {
    householdId: { type: 'string', maxLength: 64 },
    clientId: { type: 'string', maxLength: 64 },
  },
} as const;
export type HouseholdPhotoParams = FromSchema<typeof householdPhotoParams>;

export const checkDuplicatesBody = {
  type: 'object',
  required: ['survey'],
  properties: { survey: { type: 'object', additionalProperties: true } },
} as const;
export type CheckDuplicatesBody = FromSchema<typeof checkDuplicatesBody>;

export const saveHouseholdBody = {
  type: 'object',
  required: ['survey'],
  properties: {
    survey: {
      type: 'object',
      description: 'Phiếu khảo sát theo contracts/survey-record.md / a survey record',
      additionalProperties: true,
    },
    expectedVersion: { type: 'integer', minimum: 0 },
    period: { type: 'integer', minimum: 2000, maximum: 2100 },
    status: { type: 'string', enum: ['draft', 'approved'] },
    villageId: { type: ['integer', 'null'] },
    address: { type: ['string', 'null'], maxLength: 300 },
    confirmDuplicates: { type: 'boolean' },
  },
} as const;
export type SaveHouseholdBody = FromSchema<typeof saveHouseholdBody>;

/** An update names the version it read (stale → 409 CONFLICT with both versions). */
export const updateHouseholdBody = { ...saveHouseholdBody, required: ['survey', 'expectedVersion'] } as const;
export type UpdateHouseholdBody = FromSchema<typeof updateHouseholdBody>;

export const communeParams = {
  type: 'object',
  required: ['communeCode'],
  properties: { communeCode: unitCode },
} as const;
export type CommuneParams = FromSchema<typeof communeParams>;

export const campaignParams = {
  type: 'object',
  required: ['communeCode', 'period'],
  properties: { communeCode: unitCode, period: { type: 'integer' } },
} as const;
export type CampaignParams = FromSchema<typeof campaignParams>;

export const campaignQuery = {
  type: 'object',
  properties: { case: { type: 'string', maxLength: 64 } },
} as const;
export type CampaignQuery = FromSchema<typeof campaignQuery>;

export const transitionBody = {
  type: 'object',
  required: ['action'],
  properties: {
    action: {
      type: 'object',
      required: ['type'],
      properties: { type: { type: 'string', enum: ACTIONS } },
      additionalProperties: true,
    },
    expectedVersion: { type: 'integer' },
    surveys: { type: 'array', items: { type: 'object', additionalProperties: true }, maxItems: 500 },
    caseKey: { type: 'string', maxLength: 64 },
  },
} as const;

export const importQuery = { type: 'object', properties: { wait: { type: 'boolean' } } } as const;
export type ImportQuery = FromSchema<typeof importQuery>;

export const importJobParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;
export type ImportJobParams = FromSchema<typeof importJobParams>;

export const summaryQuery = {
  type: 'object',
  required: ['period', 'unit'],
  properties: {
    period: { type: 'integer' },
    unit: unitCode,
    unitsOn: { type: 'string', format: 'date' },
  },
} as const;
export type SummaryQuery = FromSchema<typeof summaryQuery>;

/** A unit's counts with its children's. */
export const summaryResponse = {
  ...summaryRow,
  properties: { ...summaryRow.properties, children: { type: 'array', items: summaryRow } },
} as const;

// ── answers (response schemas) ──────────────────────────────────────────────
// Every field the service sends is listed; additionalProperties false keeps the derived types
// closed, and fast-json-stringify drops anything a service might add without saying so here.
export const renderedIndicatorSchema = {
  type: 'object',
  properties: {
    memberName: { type: ['string', 'null'] },
    text: { type: 'string' },
    indicator: {
      type: 'string',
      enum: [
        'employment',
        'dependants',
        'nutrition',
        'healthInsurance',
        'adultEducation',
        'childSchooling',
        'housingQuality',
        'housingArea',
        'waterSource',
        'latrine',
        'telecom',
        'infoAccess',
      ],
    },
    deprived: { type: 'boolean' },
    member: { type: ['number', 'null'] },
    value: { type: ['boolean', 'string', 'number', 'null'] },
    threshold: { type: ['string', 'number', 'null'] },
  },
  required: ['memberName', 'text', 'indicator', 'deprived', 'member', 'value', 'threshold'],
  additionalProperties: false,
} as const;
export const renderedExplanationSchema = {
  type: 'object',
  properties: { income: { type: 'string' }, indicators: { type: 'array', items: renderedIndicatorSchema } },
  required: ['income', 'indicators'],
  additionalProperties: false,
} as const;
export const wordSchema = {
  type: 'object',
  properties: { vi: { type: 'string' }, en: { type: 'string' } },
  required: ['vi', 'en'],
  additionalProperties: false,
} as const;
export const fieldChangeSchema = {
  type: 'object',
  properties: {
    label: wordSchema,
    before: {
      type: ['object', 'null'],
      properties: { vi: { type: 'string' }, en: { type: 'string' } },
      required: ['vi', 'en'],
      additionalProperties: false,
    },
    after: {
      type: ['object', 'null'],
      properties: { vi: { type: 'string' }, en: { type: 'string' } },
      required: ['vi', 'en'],
      additionalProperties: false,
    },
    personal: { type: 'boolean' },
  },
  required: ['label', 'before', 'after'],
  additionalProperties: false,
} as const;
export const historyEntrySchema = {
  type: 'object',
  properties: {
    at: { type: 'string' },
    action: { type: 'string' },
    actionWord: wordSchema,
    actor: wordSchema,
    changes: { type: 'array', items: fieldChangeSchema },
    answers: {
      type: ['object', 'null'],
      properties: { comparedWith: { type: 'number' }, changes: { type: 'array', items: fieldChangeSchema } },
      required: ['comparedWith', 'changes'],
      additionalProperties: false,
    },
  },
  required: ['at', 'action', 'actionWord', 'actor', 'changes', 'answers'],
  additionalProperties: false,
} as const;
export const householdPageResponse = {
  type: 'object',
  properties: {
    village: {
      type: ['object', 'null'],
      properties: { id: { type: 'number' }, name: { type: 'string' } },
      required: ['id', 'name'],
      additionalProperties: false,
    },
    results: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          period: { type: 'number' },
          surveyDate: { type: 'string' },
          unitCode: { type: 'string' },
          standard: { type: 'string' },
          area: { type: 'string' },
          incomeLine: { type: 'number' },
          classification: { type: 'string' },
          deprivations: { type: 'array', items: { type: 'string' } },
          deprivationCount: { type: 'number' },
          movement: { type: 'string' },
          noLabourCapacity: { type: 'boolean' },
          status: { type: 'string' },
          frozen: { type: 'boolean' },
          explanation: renderedExplanationSchema,
          // The survey record as answered (contracts/survey-record.md), keyed by the field catalogue;
          // null for a reader without personal-data rights.
          answers: {
            type: ['object', 'null'],
            properties: { householdId: { type: 'string' } },
            additionalProperties: true,
          },
        },
        required: [
          'period',
          'surveyDate',
          'unitCode',
          'standard',
          'area',
          'incomeLine',
          'classification',
          'deprivations',
          'deprivationCount',
          'movement',
          'noLabourCapacity',
          'status',
          'frozen',
          'explanation',
          'answers',
        ],
        additionalProperties: false,
      },
    },
    history: { type: 'array', items: historyEntrySchema },
    // What the offline survey recorded at the door (issue 15): the house photo (read at
    // …/photos/{id}) and the position; empty for a reader without personal-data rights.
    fieldRecords: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          sentAt: { type: 'string' },
          sentBy: { type: ['string', 'null'] },
          photo: { type: 'boolean' },
          position: {
            type: ['object', 'null'],
            properties: {
              lat: { type: 'number' },
              lon: { type: 'number' },
              accuracy: { type: ['number', 'null'] },
              at: { type: ['string', 'null'] },
            },
            required: ['lat', 'lon', 'accuracy', 'at'],
            additionalProperties: false,
          },
        },
        required: ['id', 'sentAt', 'sentBy', 'photo', 'position'],
        additionalProperties: false,
      },
    },
    householdId: { type: 'string' },
    provinceCode: { type: 'string' },
    communeCode: { type: 'string' },
    villageId: { type: ['number', 'null'] },
    headName: { type: 'string' },
    headBirthDate: { type: ['string', 'null'] },
    address: { type: ['string', 'null'] },
    version: { type: 'number' },
    updatedAt: { type: 'string' },
    members: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          // Null for a reader without personal-data rights (the masking step).
          idNumber: { type: ['string', 'null'] },
          birthDate: { type: ['string', 'null'] },
          sex: { type: 'string' },
          relation: { type: 'string' },
        },
        required: ['name', 'idNumber', 'birthDate', 'sex', 'relation'],
        // The member's own survey answers, keyed by the field catalogue (src/domain/survey/fields.ts).
        additionalProperties: true,
      },
    },
  },
  required: [
    'village',
    'results',
    'history',
    'fieldRecords',
    'householdId',
    'provinceCode',
    'communeCode',
    'villageId',
    'headName',
    'headBirthDate',
    'address',
    'version',
    'updatedAt',
    'members',
  ],
  additionalProperties: false,
} as const;
export const duplicateSchema = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['citizen-id', 'head-birth'] },
    otherCommune: { type: 'boolean' },
    code: { type: ['string', 'null'] },
    householdId: { type: ['string', 'null'] },
    headName: { type: ['string', 'null'] },
    communeCode: { type: ['string', 'null'] },
    detail: { type: 'string' },
    detailEn: { type: 'string' },
  },
  required: ['kind', 'otherCommune', 'code', 'householdId', 'headName', 'communeCode', 'detail', 'detailEn'],
  additionalProperties: false,
} as const;
export const duplicatesResponse = {
  type: 'object',
  properties: { duplicates: { type: 'array', items: duplicateSchema } },
  required: ['duplicates'],
  additionalProperties: false,
} as const;
export const saveOutcomeResponse = {
  anyOf: [
    {
      type: 'object',
      properties: {
        saved: { type: 'boolean', const: true },
        householdId: { type: 'string' },
        version: { type: 'number' },
        created: { type: 'boolean' },
        classification: { type: 'string' },
        movement: { type: 'string' },
        deprivations: { type: 'array', items: { type: 'string' } },
      },
      required: ['saved', 'householdId', 'version', 'created', 'classification', 'movement', 'deprivations'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: {
        saved: { type: 'boolean', const: false },
        regularReview: {
          type: 'object',
          properties: {
            communeCode: { type: 'string' },
            period: { type: 'number' },
            caseKey: { type: 'string' },
          },
          required: ['communeCode', 'period', 'caseKey'],
          additionalProperties: false,
        },
      },
      required: ['saved', 'regularReview'],
      additionalProperties: false,
    },
  ],
} as const;
export const campaignListResponse = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'number' },
          period: { type: 'number' },
          kind: { type: 'string' },
          caseKey: { type: ['string', 'null'] },
          step: { type: 'string' },
          stepLabel: {
            type: 'object',
            properties: { vi: { type: 'string' }, en: { type: 'string' } },
            required: ['vi', 'en'],
            additionalProperties: false,
          },
          headName: { type: ['string', 'null'] },
          village: {
            type: ['object', 'null'],
            properties: { id: { type: 'number' }, name: { type: 'string' } },
            required: ['id', 'name'],
            additionalProperties: false,
          },
          updatedAt: { type: 'string' },
        },
        required: [
          'id',
          'period',
          'kind',
          'caseKey',
          'step',
          'stepLabel',
          'headName',
          'village',
          'updatedAt',
        ],
        additionalProperties: false,
      },
    },
  },
  required: ['items'],
  additionalProperties: false,
} as const;
export const meetingSchema = {
  type: 'object',
  properties: {
    date: { type: 'string' },
    chair: { type: 'string' },
    secretary: { type: ['string', 'null'] },
    supervisor: { type: 'string' },
    present: { type: 'number' },
    agreeing: { type: 'number' },
    minutesCopies: { type: 'number' },
    agreedHouseholds: { type: 'array', items: { type: 'string' } },
    outcome: { type: 'string', enum: ['agreed', 'resurvey'] },
  },
  required: [
    'date',
    'chair',
    'secretary',
    'supervisor',
    'present',
    'agreeing',
    'minutesCopies',
    'agreedHouseholds',
    'outcome',
  ],
  additionalProperties: false,
} as const;
export const villageRoundSchema = {
  type: 'object',
  properties: {
    villageId: { type: 'number' },
    name: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'agreed', 'resurvey'] },
    meetings: { type: 'array', items: meetingSchema },
    resurveys: {
      type: 'array',
      items: {
        type: 'object',
        properties: { date: { type: 'string' }, households: { type: 'array', items: { type: 'string' } } },
        required: ['date', 'households'],
        additionalProperties: false,
      },
    },
  },
  required: ['villageId', 'name', 'status', 'meetings', 'resurveys'],
  additionalProperties: false,
} as const;
export const complaintSchema = {
  type: 'object',
  properties: {
    id: { type: 'number' },
    householdKey: { type: 'string' },
    complainant: { type: 'string' },
    receivedOn: { type: 'string' },
    text: { type: 'string' },
    status: { type: 'string', enum: ['open', 'accepted', 'rejected'] },
    reason: { type: ['string', 'null'] },
    resolvedOn: { type: ['string', 'null'] },
    newClassification: { type: ['string', 'null'] },
  },
  required: [
    'id',
    'householdKey',
    'complainant',
    'receivedOn',
    'text',
    'status',
    'reason',
    'resolvedOn',
    'newClassification',
  ],
  additionalProperties: false,
} as const;
export const campaignStateSchema = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['periodic', 'regular'] },
    period: { type: 'number' },
    step: { type: 'string', enum: ['recognised', 'survey', 'meetings', 'posting', 'complaints', 'reported'] },
    villages: { type: 'array', items: villageRoundSchema },
    posting: {
      type: ['object', 'null'],
      properties: {
        startDate: { type: 'string' },
        workingDays: { type: 'number' },
        deadline: { type: 'string' },
      },
      required: ['startDate', 'workingDays', 'deadline'],
      additionalProperties: false,
    },
    complaints: { type: 'array', items: complaintSchema },
    recognition: {
      type: ['object', 'null'],
      properties: {
        decisionNumber: { type: 'string' },
        decisionDate: { type: 'string' },
        signer: { type: 'string' },
        form: { type: 'string', enum: ['Mẫu số 02'] },
      },
      required: ['decisionNumber', 'decisionDate', 'signer', 'form'],
      additionalProperties: false,
    },
    report: {
      type: ['object', 'null'],
      properties: {
        reportedOn: { type: 'string' },
        to: { type: 'string' },
        deadline: { type: 'string' },
        late: { type: 'boolean' },
      },
      required: ['reportedOn', 'to', 'deadline', 'late'],
      additionalProperties: false,
    },
  },
  required: ['kind', 'period', 'step', 'villages', 'posting', 'complaints', 'recognition', 'report'],
  additionalProperties: false,
} as const;
export const campaignProgressSchema = {
  type: 'object',
  properties: {
    households: { type: 'number' },
    surveyed: { type: 'number' },
    firstSurvey: { type: ['string', 'null'] },
    lastSurvey: { type: ['string', 'null'] },
    villages: { type: 'number' },
    villagesAgreed: { type: 'number' },
    meetingsHeld: { type: 'number' },
    complaints: { type: 'number' },
    complaintsOpen: { type: 'number' },
  },
  required: [
    'households',
    'surveyed',
    'firstSurvey',
    'lastSurvey',
    'villages',
    'villagesAgreed',
    'meetingsHeld',
    'complaints',
    'complaintsOpen',
  ],
  additionalProperties: false,
} as const;
export const campaignViewSchema = {
  type: 'object',
  properties: {
    id: { type: ['number', 'null'] },
    communeCode: { type: 'string' },
    period: { type: 'number' },
    kind: { type: 'string', enum: ['periodic', 'regular'] },
    caseKey: { type: ['string', 'null'] },
    version: { type: 'number' },
    step: { type: 'string' },
    stepLabel: {
      type: 'object',
      properties: { vi: { type: 'string' }, en: { type: 'string' } },
      required: ['vi', 'en'],
      additionalProperties: false,
    },
    nextStep: { type: ['string', 'null'] },
    allowedActions: { type: 'array', items: { type: 'string' } },
    state: campaignStateSchema,
    pending: {},
    timeline: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: { type: 'string' },
          on: { type: ['string', 'null'] },
          actor: { type: 'string' },
          action: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          // The step's own data (meeting, posting, complaint, decision…), as the step recorded it;
          // a recognition lists the surveys it applied.
          payload: {
            type: ['object', 'null'],
            properties: {
              surveys: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { householdId: { type: 'string' }, classification: { type: 'string' } },
                  additionalProperties: true,
                },
              },
            },
            additionalProperties: true,
          },
        },
        required: ['at', 'on', 'actor', 'action', 'from', 'to', 'payload'],
        additionalProperties: false,
      },
    },
    progress: campaignProgressSchema,
  },
  required: [
    'id',
    'communeCode',
    'period',
    'kind',
    'caseKey',
    'version',
    'step',
    'stepLabel',
    'nextStep',
    'allowedActions',
    'state',
    'pending',
    'timeline',
    'progress',
  ],
  additionalProperties: false,
} as const;
export const importErrorSchema = {
  type: 'object',
  properties: {
    line: { type: 'number' },
    householdId: { type: ['string', 'null'] },
    code: { type: 'string' },
    field: { type: 'string' },
    message: { type: 'string' },
  },
  required: ['line', 'householdId', 'code', 'field', 'message'],
  additionalProperties: false,
} as const;
export const importJobSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    owner: { type: 'string' },
    state: { type: 'string', enum: ['done', 'running', 'failed'] },
    fileName: { type: 'string' },
    read: { type: 'number' },
    startedAt: { type: 'string' },
    finishedAt: { type: ['string', 'null'] },
    report: {
      type: ['object', 'null'],
      properties: {
        read: { type: 'number' },
        imported: { type: 'number' },
        rejected: { type: 'number' },
        errors: { type: 'array', items: importErrorSchema },
        created: { type: 'number' },
        updated: { type: 'number' },
        errorReport: { type: 'array', items: { type: 'string' } },
      },
      required: ['read', 'imported', 'rejected', 'errors', 'created', 'updated'],
      additionalProperties: false,
    },
    // The coded error a failed job ended with (the error format's body), null otherwise.
    error: {
      type: ['object', 'null'],
      properties: {
        code: { type: 'string' },
        field: { type: 'string' },
        message: { type: 'string' },
        messageEn: { type: 'string' },
      },
      required: ['code', 'message', 'messageEn'],
      // An error's own data (the rows of IMPORT_ROWS_INVALID…), as in the error format.
      additionalProperties: true,
    },
  },
  required: ['id', 'owner', 'state', 'fileName', 'read', 'startedAt', 'finishedAt', 'report', 'error'],
  additionalProperties: false,
} as const;
export const aggregatesRebuildResponse = {
  type: 'object',
  properties: { cells: { type: 'number' }, differing: { type: 'number' }, movements: { type: 'number' } },
  required: ['cells', 'differing', 'movements'],
  additionalProperties: false,
} as const;

// The answers' types, derived: the web app imports these (type-only) instead of restating them.
export type HouseholdPage = FromSchema<typeof householdPageResponse>;
export type RenderedIndicator = FromSchema<typeof renderedIndicatorSchema>;
export type HistoryEntry = FromSchema<typeof historyEntrySchema>;
export type FieldChange = FromSchema<typeof fieldChangeSchema>;
export type SaveOutcome = FromSchema<typeof saveOutcomeResponse>;
export type CampaignView = FromSchema<typeof campaignViewSchema>;
export type CampaignListItem = FromSchema<typeof campaignListResponse>['items'][number];
export type ImportJob = FromSchema<typeof importJobSchema>;
