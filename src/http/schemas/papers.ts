// Payloads of the review year's paperwork (issue 12 part 2, decision 0026): the review papers
// (Mẫu 02 decision, posted lists, minutes, posting notice), the applications register and the
// reporting round. One definition gives validation, the OpenAPI document and the types.
import type { FromSchema } from 'json-schema-to-ts';

const unitCode = { type: 'string', pattern: '^[0-9]{2,5}$' } as const;
const date = { type: 'string', format: 'date' } as const;
const word = {
  type: 'object',
  properties: { vi: { type: 'string' }, en: { type: 'string' } },
  additionalProperties: false,
} as const;
const cell = { type: ['string', 'number', 'null'] } as const;

export const paperParams = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { type: 'string', enum: ['decision', 'posted-lists', 'minutes', 'posting-notice'] } },
} as const;
export type PaperParams = FromSchema<typeof paperParams>;

export const paperQuery = {
  type: 'object',
  required: ['commune', 'period'],
  properties: {
    commune: unitCode,
    period: { type: 'integer' },
    village: { type: 'integer', minimum: 1 },
  },
} as const;
export type PaperQuery = FromSchema<typeof paperQuery>;

const counts = {
  type: 'object',
  properties: {
    poor: { type: 'integer' },
    nearPoor: { type: 'integer' },
    exitedPoor: { type: 'integer' },
    exitedNearPoor: { type: 'integer' },
  },
  additionalProperties: false,
} as const;

export const paperView = {
  type: 'object',
  properties: {
    kind: { type: 'string' },
    commune: {
      type: 'object',
      properties: { code: { type: 'string' }, name: { type: 'string' } },
      additionalProperties: false,
    },
    period: { type: 'integer' },
    header: {
      type: 'object',
      properties: {
        unitName: { type: 'string' },
        date: { type: 'string' },
        number: { type: 'string' },
        title: { type: 'string' },
        subtitle: { type: 'string' },
        signatory: { type: 'string' },
        signer: { type: 'string' },
      },
      additionalProperties: false,
    },
    parts: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          text: { type: 'string' },
          bold: { type: 'boolean' },
          italic: { type: 'boolean' },
          center: { type: 'boolean' },
          heading: { type: 'string' },
          pageBreak: { type: 'boolean' },
          table: {
            type: 'object',
            properties: {
              head: {
                type: 'array',
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { text: { type: 'string' }, span: { type: 'integer' } },
                    additionalProperties: false,
                  },
                },
              },
              rows: { type: 'array', items: { type: 'array', items: cell } },
              /** Rows shown bold (the total). */
              boldRows: { type: 'array', items: { type: 'integer' } },
              /** Column widths in characters (Excel); the PDF uses them as proportions. */
              widths: { type: 'array', items: { type: 'number' } },
              notes: { type: 'array', items: { type: 'string' } },
            },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    },
    counts,
  },
  additionalProperties: false,
} as const;

// --- Applications register ---------------------------------------------------------------------

export const applicationBody = {
  type: 'object',
  required: ['commune', 'form', 'applicantName', 'reason', 'receivedOn'],
  properties: {
    commune: unitCode,
    form: { type: 'string', enum: ['01', '04'] },
    householdKey: { type: 'string', maxLength: 64 },
    applicantName: { type: 'string', maxLength: 200 },
    address: { type: 'string', maxLength: 300 },
    reason: { type: 'string', maxLength: 2000 },
    receivedOn: date,
  },
} as const;
export type ApplicationBody = FromSchema<typeof applicationBody>;

export const applicationIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const;
export type ApplicationIdParams = FromSchema<typeof applicationIdParams>;

export const decisionBody = {
  type: 'object',
  required: ['expectedVersion', 'outcome', 'decidedOn'],
  properties: {
    expectedVersion: { type: 'integer', minimum: 1 },
    outcome: { type: 'string', enum: ['recognised', 'refused'] },
    outcomeClass: { type: 'string', enum: ['POOR', 'NEAR_POOR', 'AVERAGE', 'NONE'] },
    decisionNumber: { type: 'string', maxLength: 60 },
    decidedOn: date,
    refusalReason: { type: 'string', maxLength: 2000 },
  },
} as const;
export type DecisionBody = FromSchema<typeof decisionBody>;

export const registerQuery = {
  type: 'object',
  required: ['unit'],
  properties: {
    unit: unitCode,
    from: date,
    to: date,
    status: { type: 'string', enum: ['received', 'recognised', 'refused'] },
  },
} as const;
export type RegisterQuery = FromSchema<typeof registerQuery>;

export const applicationView = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    communeCode: { type: 'string' },
    form: { type: 'string' },
    formLabel: word,
    householdKey: { type: ['string', 'null'] },
    applicantName: { type: 'string' },
    address: { type: ['string', 'null'] },
    reason: { type: ['string', 'null'] },
    receivedOn: { type: 'string' },
    deadline: { type: 'string' },
    status: { type: 'string' },
    statusLabel: word,
    outcomeClass: { type: ['string', 'null'] },
    decisionNumber: { type: ['string', 'null'] },
    decidedOn: { type: ['string', 'null'] },
    refusalReason: { type: ['string', 'null'] },
    clock: {
      type: 'object',
      properties: {
        kind: { type: 'string' },
        daysLeft: { type: 'integer' },
        daysOver: { type: 'integer' },
        days: { type: 'integer' },
        late: { type: 'boolean' },
      },
      additionalProperties: false,
    },
    clockLabel: word,
    version: { type: 'integer' },
  },
  additionalProperties: false,
} as const;
export type ApplicationViewPayload = FromSchema<typeof applicationView>;

export const registerView = {
  type: 'object',
  properties: {
    unit: {
      type: 'object',
      properties: { code: { type: 'string' }, name: { type: 'string' } },
      additionalProperties: false,
    },
    from: { type: 'string' },
    to: { type: 'string' },
    today: { type: 'string' },
    rows: { type: 'array', items: applicationView },
    totals: {
      type: 'object',
      properties: {
        received: { type: 'integer' },
        recognised: { type: 'integer' },
        refused: { type: 'integer' },
        open: { type: 'integer' },
        overdue: { type: 'integer' },
        decidedLate: { type: 'integer' },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;
export type RegisterPayload = FromSchema<typeof registerView>;

// --- Reporting round ------------------------------------------------------------------------------

export const submitBody = {
  type: 'object',
  required: ['unit', 'round', 'period'],
  properties: {
    unit: unitCode,
    round: { type: 'string', enum: ['monthly', 'commune-periodic', 'preliminary', 'official'] },
    period: { type: 'integer' },
    month: { type: 'integer', minimum: 1, maximum: 12 },
  },
} as const;
export type SubmitBody = FromSchema<typeof submitBody>;

const roundStatus = {
  type: 'object',
  properties: {
    kind: { type: 'string' },
    submittedOn: { type: 'string' },
    daysLate: { type: 'integer' },
  },
  additionalProperties: false,
} as const;

export const submissionView = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    unitCode: { type: 'string' },
    round: { type: 'string' },
    roundLabel: word,
    period: { type: 'integer' },
    month: { type: 'integer' },
    version: { type: 'integer' },
    toUnit: { type: 'string' },
    dueDate: { type: 'string' },
    submittedOn: { type: 'string' },
    submittedAt: { type: 'string' },
    submittedBy: { type: 'string' },
    sha256: { type: 'string' },
    status: roundStatus,
    statusLabel: word,
  },
  additionalProperties: false,
} as const;

export const submissionParams = applicationIdParams;

export const boardQuery = {
  type: 'object',
  required: ['unit', 'period'],
  properties: { unit: unitCode, period: { type: 'integer' } },
} as const;
export type BoardQuery = FromSchema<typeof boardQuery>;

export const boardView = {
  type: 'object',
  properties: {
    unit: {
      type: 'object',
      properties: { code: { type: 'string' }, name: { type: 'string' } },
      additionalProperties: false,
    },
    period: { type: 'integer' },
    today: { type: 'string' },
    reports: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          round: { type: 'string' },
          roundLabel: word,
          month: { type: 'integer' },
          due: { type: 'string' },
          facts: {
            type: 'object',
            properties: {
              dueSource: { type: 'string' },
              due: word,
              layout: { type: 'string' },
              layoutText: word,
            },
            additionalProperties: false,
          },
          totals: {
            type: 'object',
            properties: {
              expected: { type: 'integer' },
              submitted: { type: 'integer' },
              late: { type: 'integer' },
            },
            additionalProperties: false,
          },
          units: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                unit: {
                  type: 'object',
                  properties: {
                    code: { type: 'string' },
                    name: { type: 'string' },
                    level: { type: 'string' },
                  },
                  additionalProperties: false,
                },
                toUnit: { type: 'string' },
                status: roundStatus,
                statusLabel: word,
                versions: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      id: { type: 'integer' },
                      version: { type: 'integer' },
                      submittedOn: { type: 'string' },
                      submittedBy: { type: 'string' },
                    },
                    additionalProperties: false,
                  },
                },
              },
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;
export type BoardPayload = FromSchema<typeof boardView>;

// --- Units offered for a review period --------------------------------------------------------------

export const paperUnitsQuery = {
  type: 'object',
  required: ['period'],
  properties: { period: { type: 'integer' } },
  additionalProperties: false,
} as const;
export type PaperUnitsQuery = FromSchema<typeof paperUnitsQuery>;

const paperUnitProperties = {
  code: { type: 'string' },
  name: { type: 'string' },
  level: { type: 'string' },
  parentName: { type: ['string', 'null'] },
  validFrom: { type: ['string', 'null'] },
  validTo: { type: ['string', 'null'] },
  review: { type: ['string', 'null'], enum: ['campaign', 'results', 'none', null] },
} as const;
const paperUnitRequired = ['code', 'name', 'level', 'parentName', 'validFrom', 'validTo', 'review'] as const;

export const paperUnitsView = {
  type: 'object',
  properties: {
    period: { type: 'integer' },
    on: { type: 'string' },
    own: {
      type: ['object', 'null'],
      properties: { ...paperUnitProperties, inForceOnReview: { type: 'boolean' } },
      required: [...paperUnitRequired, 'inForceOnReview'],
      additionalProperties: false,
    },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: paperUnitProperties,
        required: paperUnitRequired,
        additionalProperties: false,
      },
    },
  },
  required: ['period', 'on', 'own', 'items'],
  additionalProperties: false,
} as const;
export type PaperUnitsPayload = FromSchema<typeof paperUnitsView>;
