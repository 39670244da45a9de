// The import reads its columns from the survey field catalogue: a table headed with the JSON paths
// and the same table headed with any of the Vietnamese headers of the catalogue (labels and
// aliases, with or without accents) give the same records, which the parser accepts.
import { describe, expect, it } from 'vitest';
import { HOUSEHOLD_FIELDS, MEMBER_FIELDS, type SurveyField } from '../../src/domain/survey/fields.js';
import { parseSurveyRecord } from '../../src/domain/survey/parse.js';
import { HOUSEHOLD_COLUMNS, MEMBER_COLUMNS, readCsvTables } from '../../src/services/registry/tabular.js';
import { buildRecord } from '../support/survey.js';

const record = buildRecord({ householdId: 'HH-ALIAS', area: 'urban' });
const cell = (v: unknown) =>
  Array.isArray(v) ? v.join(';') : v === null || v === undefined ? '' : String(v);
const valueAt = (o: Record<string, unknown>, column: string) => {
  const dot = column.indexOf('.');
  return dot > 0 ? (o[column.slice(0, dot)] as Record<string, unknown>)[column.slice(dot + 1)] : o[column];
};

/** Headers for variant k: the column (k = 0), the Vietnamese label (1), then each alias in turn. */
function header(f: SurveyField | undefined, column: string, k: number, plain: boolean): string {
  if (!f || k === 0) return column;
  const names = [f.label.vi, ...f.aliases];
  const h = names[(k - 1) % names.length]!;
  return plain
    ? h
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/đ/g, 'd')
        .toUpperCase()
    : h;
}

function tables(k: number, plain = false) {
  const hf = HOUSEHOLD_COLUMNS.map((c) => HOUSEHOLD_FIELDS.find((f) => f.column === c));
  const mf = MEMBER_COLUMNS.map((c) =>
    c === 'householdId' ? HOUSEHOLD_FIELDS[0] : MEMBER_FIELDS.find((f) => f.column === c),
  );
  const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\n'));
  const raw = record as unknown as Record<string, unknown>;
  const households = csv([
    HOUSEHOLD_COLUMNS.map((c, i) => header(hf[i], c, k, plain)),
    HOUSEHOLD_COLUMNS.map((c) => cell(valueAt(raw, c))),
  ]);
  const members = csv([
    MEMBER_COLUMNS.map((c, i) => header(mf[i], c, k, plain)),
    ...record.members.map((m) =>
      MEMBER_COLUMNS.map((c) =>
        c === 'householdId' ? record.householdId : cell((m as unknown as Record<string, unknown>)[c]),
      ),
    ),
  ]);
  return readCsvTables(households, members);
}

describe('import columns from the field catalogue', () => {
  const most = Math.max(...[...HOUSEHOLD_FIELDS, ...MEMBER_FIELDS].map((f) => f.aliases.length + 1));
  const canonical = tables(0);

  it('reads the JSON-path headers into a record the parser accepts', () => {
    expect(canonical.errors).toEqual([]);
    const parsed = parseSurveyRecord(structuredClone(canonical.records[0]!.raw));
    expect(parsed.errors).toEqual([]);
    expect(parsed.record).toMatchObject({ householdId: 'HH-ALIAS', infoDevices: ['tv', 'phone'] });
  });

  it.each(Array.from({ length: most }, (_, i) => i + 1))(
    'reads the Vietnamese headers (variant %i) into the same record, with or without accents',
    (k) => {
      for (const plain of [false, true]) {
        const t = tables(k, plain);
        expect(t.errors).toEqual([]);
        expect(t.records[0]!.raw).toEqual(canonical.records[0]!.raw);
      }
    },
  );
});
