// Payloads of the dashboard route (issue 13; docs/decisions/0029-dashboard-and-map.md). The answer
// is the dashboard service's own shape (src/services/dashboard.service.ts, which the web app's
// types derive from this schema): its sections are the report services' answers.
import type { FromSchema } from 'json-schema-to-ts';
import { balanceResponse } from './reports.js';

export const dashboardQuery = {
  type: 'object',
  properties: {
    unit: { type: 'string', pattern: '^[0-9]{2,5}$' },
    on: { type: 'string', format: 'date' },
  },
  additionalProperties: false,
} as const;
export type DashboardQuery = FromSchema<typeof dashboardQuery>;

const unitRef = {
  type: 'object',
  properties: { code: { type: 'string' }, name: { type: 'string' } },
  required: ['code', 'name'],
  additionalProperties: false,
} as const;

const rates = {
  residentHouseholds: { type: ['integer', 'null'] },
  poorRate: { type: ['number', 'null'] },
  nearPoorRate: { type: ['number', 'null'] },
  multidimensionalRate: { type: ['number', 'null'] },
} as const;

/** A row of `report summary` (src/services/registry/summary.service.ts, `SummaryRow`). */
const summaryRow = {
  type: 'object',
  properties: {
    unit: unitRef,
    period: { type: 'integer' },
    households: { type: 'integer' },
    poor: { type: 'integer' },
    nearPoor: { type: 'integer' },
    average: { type: 'integer' },
    ...rates,
    shareOfSurveyed: {
      type: 'object',
      properties: {
        poor: { type: 'number' },
        nearPoor: { type: 'number' },
        multidimensional: { type: 'number' },
      },
      required: ['poor', 'nearPoor', 'multidimensional'],
      additionalProperties: false,
    },
  },
  required: [
    'unit',
    'period',
    'households',
    'poor',
    'nearPoor',
    'average',
    'residentHouseholds',
    'poorRate',
    'nearPoorRate',
    'multidimensionalRate',
    'shareOfSurveyed',
  ],
  additionalProperties: false,
} as const;

const trendPoint = {
  type: 'object',
  properties: {
    period: { type: 'integer' },
    households: { type: 'integer' },
    poor: { type: 'integer' },
    nearPoor: { type: 'integer' },
    ...rates,
  },
  required: [
    'period',
    'households',
    'poor',
    'nearPoor',
    'residentHouseholds',
    'poorRate',
    'nearPoorRate',
    'multidimensionalRate',
  ],
  additionalProperties: false,
} as const;

const reviewRow = {
  type: 'object',
  properties: {
    unit: unitRef,
    step: { type: 'string' },
    stepLabel: {
      type: 'object',
      properties: { vi: { type: 'string' }, en: { type: 'string' } },
      required: ['vi', 'en'],
      additionalProperties: false,
    },
    expected: { type: 'integer' },
    surveyed: { type: 'integer' },
    meetingsHeld: { type: 'integer' },
    complaintsOpen: { type: 'integer' },
  },
  required: ['unit', 'step', 'stepLabel', 'expected', 'surveyed', 'meetingsHeld', 'complaintsOpen'],
  additionalProperties: false,
} as const;

// Each section is null for a role that may not read it (never an error).
const registrySection = {
  type: ['object', 'null'],
  properties: {
    /** The latest period with recognised results: the summary and the balance are of it. */
    period: { type: 'integer' },
    summary: {
      type: 'object',
      properties: { ...summaryRow.properties, children: { type: 'array', items: summaryRow } },
      required: [...summaryRow.required, 'children'],
      additionalProperties: false,
    },
    balance: balanceResponse,
    trend: { type: 'array', items: trendPoint },
  },
  required: ['period', 'summary', 'balance', 'trend'],
  additionalProperties: false,
} as const;

const reviewSection = {
  type: ['object', 'null'],
  properties: {
    period: { type: 'integer' },
    deadline: { type: 'string' },
    daysToDeadline: { type: 'integer' },
    communes: { type: 'array', items: reviewRow },
  },
  required: ['period', 'deadline', 'daysToDeadline', 'communes'],
  additionalProperties: false,
} as const;

const targetsSection = {
  type: ['object', 'null'],
  properties: {
    year: { type: 'integer' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string' },
          kindLabel: { type: 'string' },
          value: { type: 'number' },
          achieved: { type: ['number', 'null'] },
          forecast: { type: ['number', 'null'] },
          status: { type: 'string' },
        },
        required: ['kind', 'kindLabel', 'value', 'achieved', 'forecast', 'status'],
        additionalProperties: false,
      },
    },
    /** The rates' denominators (tổng số hộ dân cư of the year before and of the year); null: not entered. */
    baselineResidentHouseholds: { type: ['number', 'null'] },
    residentHouseholds: { type: ['number', 'null'] },
    baselineRate: { type: ['number', 'null'] },
    recognisedRate: { type: ['number', 'null'] },
    forecastRate: { type: ['number', 'null'] },
  },
  required: [
    'year',
    'items',
    'baselineResidentHouseholds',
    'residentHouseholds',
    'baselineRate',
    'recognisedRate',
    'forecastRate',
  ],
  additionalProperties: false,
} as const;

/** Money in integer đồng; `rate` is disbursed / allocated. */
const moneySection = {
  type: ['object', 'null'],
  properties: {
    year: { type: 'integer' },
    allocated: { type: 'integer' },
    disbursed: { type: 'integer' },
    rate: { type: 'number' },
    atRisk: { type: 'integer' },
    atRiskAmount: { type: 'integer' },
  },
  required: ['year', 'allocated', 'disbursed', 'rate', 'atRisk', 'atRiskAmount'],
  additionalProperties: false,
} as const;

const tasksSection = {
  type: ['object', 'null'],
  properties: {
    overdue: { type: 'integer' },
    dueSoon: { type: 'integer' },
    open: { type: 'integer' },
  },
  required: ['overdue', 'dueSoon', 'open'],
  additionalProperties: false,
} as const;

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
      required: ['code', 'name', 'level', 'provinceCode'],
      additionalProperties: false,
    },
    /** Units of this date group the figures; `today` is the day the figures are read. */
    on: { type: 'string' },
    today: { type: 'string' },
    registry: registrySection,
    review: reviewSection,
    targets: targetsSection,
    money: moneySection,
    tasks: tasksSection,
  },
  required: ['unit', 'on', 'today', 'registry', 'review', 'targets', 'money', 'tasks'],
  additionalProperties: false,
} as const;
export type DashboardData = FromSchema<typeof dashboardResponse>;
