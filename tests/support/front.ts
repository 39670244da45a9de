// Registry households for the Front's tests, loaded through the registry's own import: a ward of
// Sầm Sơn (14830, within the Front of Sầm Sơn, 382) and a commune outside it (16285, Nông Cống).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { SYSTEM, type Deps } from '../../src/services/deps.js';
import { importSurvey } from '../../src/services/registry/import.service.js';

export type FrontKind = 'poor' | 'near-poor' | 'none';

/**
 * A survey record: poor = four deprivations (employment, health insurance, information and, with
 * `badHouse`, housing), near-poor = low income and none, none = a comfortable income.
 */
export function frontRecord(
  id: string,
  unitCode: string,
  kind: FrontKind,
  date: string,
  opts: { badHouse?: boolean } = {},
) {
  const deprived = kind === 'poor';
  const nd = opts.badHouse ? 'non-durable' : 'durable';
  return {
    householdId: id,
    unitCode,
    surveyDate: date,
    incomePerCapitaMonthly: kind === 'none' ? 6_000_000 : 1_000_000,
    housing: { floorAreaM2: opts.badHouse ? 12 : 60, walls: nd, columns: nd, roof: nd },
    waterSource: 'piped',
    latrine: 'septic',
    internetUse: !deprived,
    infoDevices: deprived ? [] : ['phone'],
    loudspeakerAccess: !deprived,
    members: [
      {
        name: `Nguyễn Văn ${id}`,
        idNumber: null,
        birthDate: '1975-03-01',
        sex: 'M',
        relation: 'head',
        employment: deprived ? 'unemployed' : 'self-employed',
        healthInsurance: !deprived,
        schooling: null,
        education: 'upper-secondary',
        inTraining: false,
        stunted: false,
        underweight: false,
        disability: 'none',
        monthlySocialAllowance: false,
      },
      {
        name: `Lê Thị ${id}`,
        idNumber: null,
        birthDate: '1978-03-01',
        sex: 'F',
        relation: 'spouse',
        employment: deprived ? 'unemployed' : 'self-employed',
        healthInsurance: !deprived,
        schooling: null,
        education: 'upper-secondary',
        inTraining: false,
        stunted: false,
        underweight: false,
        disability: 'none',
        monthlySocialAllowance: false,
      },
    ],
  };
}

export async function loadRecords(deps: Deps, records: object[], period: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-front-'));
  const file = path.join(dir, 'records.jsonl');
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n'));
  const r = await importSurvey(deps, SYSTEM, { format: 'jsonl', path: file }, { period, status: 'approved' });
  expect(r.errors).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
}
