// The survey field catalogue covers the survey record exactly: one row per field of the record
// (and the import's extra registry columns), each enum tied to the word set that names its values
// and to the closed list the parser accepts, every import alias unambiguous.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  HOUSEHOLD_FIELDS,
  MEMBER_FIELDS,
  SURVEY_FIELDS,
  SURVEY_SECTIONS,
  foldHeader,
  surveyField,
  surveyFieldsMarkdown,
} from '../../src/domain/survey/fields.js';
import {
  AREAS,
  DISABILITIES,
  DURABILITY,
  EDUCATION_LEVELS,
  EMPLOYMENTS,
  INFO_DEVICES,
  LATRINES,
  RELATIONS,
  SCHOOLING,
  SEXES,
  POVERTY_CAUSES,
  SUPPORT_NEEDS,
  WATER_SOURCES,
} from '../../src/domain/survey/record.js';
import { ETHNIC_CODES } from '../../src/domain/reference/ethnic-groups.js';
import { WORDS } from '../../src/domain/words/catalogue.js';
import { buildRecord } from '../support/survey.js';

/** The leaf paths of a record, `members[].x` for member keys. */
function leafPaths(v: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(v).flatMap(([k, x]) => {
    if (k === 'members') return Object.keys((x as object[])[0]!).map((m) => `members[].${m}`);
    if (x && typeof x === 'object' && !Array.isArray(x))
      return leafPaths(x as Record<string, unknown>, `${prefix}${k}.`);
    return [`${prefix}${k}`];
  });
}

const LISTS: Record<string, readonly string[]> = {
  area: AREAS,
  durability: DURABILITY,
  waterSource: WATER_SOURCES,
  latrine: LATRINES,
  infoDevice: INFO_DEVICES,
  sex: SEXES,
  relation: RELATIONS,
  employment: EMPLOYMENTS,
  schooling: SCHOOLING,
  education: EDUCATION_LEVELS,
  disability: DISABILITIES,
  ethnicGroup: ETHNIC_CODES,
  povertyCause: POVERTY_CAUSES,
  supportNeed: SUPPORT_NEEDS,
};

describe('the survey field catalogue', () => {
  it('has one row per field of the survey record, and the registry columns beside it', () => {
    const record = SURVEY_FIELDS.filter((f) => f.inRecord).map((f) => f.path);
    expect([...record].sort()).toEqual(leafPaths(buildRecord() as never).sort());
    expect(SURVEY_FIELDS.filter((f) => !f.inRecord).map((f) => f.path)).toEqual(['village', 'address']);
    expect(new Set(SURVEY_FIELDS.map((f) => f.path)).size).toBe(SURVEY_FIELDS.length);
  });

  it('ties every enum to the word set that names exactly the values the parser accepts', () => {
    for (const f of SURVEY_FIELDS) {
      if (f.type !== 'enum' && f.type !== 'enum-list') {
        expect(f.words, f.path).toBeNull();
        continue;
      }
      expect(f.words, f.path).not.toBeNull();
      // Sorted: digit codes ("10"…"54") come first among an object's keys, whatever the list's order.
      expect(Object.keys(WORDS[f.words!]).sort(), f.path).toEqual([...LISTS[f.words!]!].sort());
    }
  });

  it('labels and explains every field in both languages, in the sections of Phiếu B', () => {
    for (const f of SURVEY_FIELDS) {
      for (const t of [f.label, f.help]) {
        expect(t.vi.trim(), f.path).not.toBe('');
        expect(t.en.trim(), f.path).not.toBe('');
        expect(t.vi, f.path).not.toBe(t.en);
      }
      expect(SURVEY_SECTIONS).toContain(f.section);
      // Not required ⇒ the parser knows what to store when the answer is absent.
      if (f.required) expect(f.whenAbsent, f.path).toBeNull();
    }
    // Form order follows the sections' order.
    const sectionIndex = SURVEY_FIELDS.map((f) => SURVEY_SECTIONS.indexOf(f.section));
    expect(sectionIndex).toEqual([...sectionIndex].sort((a, b) => a - b));
    expect(SURVEY_FIELDS.map((f) => f.order)).toEqual(SURVEY_FIELDS.map((_, i) => i + 1));
    expect(surveyField('members[3].sex')?.words).toBe('sex');
    expect(surveyField('housing.floorAreaM2')?.unit?.vi).toBe('m²');
    expect(surveyField('incomePerCapitaMonthly')?.type).toBe('money');
  });

  it('accepts each import header for one column only, in each table', () => {
    for (const [table, fields] of [
      ['households', HOUSEHOLD_FIELDS],
      ['members', MEMBER_FIELDS],
    ] as const) {
      const seen = new Map<string, string>();
      for (const f of fields) {
        for (const h of [f.column, f.label.vi, ...f.aliases]) {
          const k = foldHeader(h);
          const other = seen.get(k);
          expect(
            other === undefined || other === f.column,
            `${table}: "${h}" names ${other} and ${f.column}`,
          ).toBe(true);
          seen.set(k, f.column);
        }
      }
    }
  });

  it('is the table of docs/survey-fields.md (node bin/run-ts.js scripts/survey-fields-doc.ts rewrites it)', () => {
    const doc = fs.readFileSync(new URL('../../docs/survey-fields.md', import.meta.url), 'utf8');
    expect(doc).toBe(surveyFieldsMarkdown(WORDS));
  });
});
