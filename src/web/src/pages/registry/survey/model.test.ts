// The survey form built from the field catalogue: every field asked has exactly one control, every
// drop-down offers the catalogue's words (never a code), and the empty form a new household starts
// from fails validation field by field, each error worded for the person beside its input.
import { describe, expect, it } from 'vitest';
import { SURVEY_FIELDS } from '../../../../../domain/survey/fields';
import { WORDS, type WordSet } from '../../../../../domain/words/catalogue';
import { buildRecord } from '../../../../../../tests/support/survey';
import { clientFieldErrors } from '../fieldErrors';
import {
  controlOf,
  emptySurvey,
  errorsBySection,
  sectionOfPath,
  FORM_SECTIONS,
  formPaths,
  pathOf,
  recordOf,
  valueAt,
  withValue,
  type Control,
} from './model';

const controls: Control[] = FORM_SECTIONS.flatMap((s) => [...s.household, ...s.member]);
/** The control answering a form path (`members[0].sex` → the member control `sex`). */
const c = (path: string) =>
  controls.find((x) => x.field.path === path.replace(/^members\[\d+\]\./, 'members[].'));

describe('the survey form model', () => {
  it('has one control per field of the catalogue, in the order of Phiếu B', () => {
    const asked = SURVEY_FIELDS.filter((f) => f.path !== 'area' && f.path !== 'village');
    expect(controls.map((c) => c.field.path).sort()).toEqual(asked.map((f) => f.path).sort());
    // Sections in the paper's order: identification, members, B1 income, then B2.
    expect(FORM_SECTIONS.map((s) => s.id)).toEqual([
      'identification',
      'members',
      'income',
      'employment',
      'health',
      'education',
      'housing',
      'water-sanitation',
      'information',
      'needs',
    ]);
    for (const s of FORM_SECTIONS) {
      const orders = [...s.household, ...s.member].map((c) => c.field.order);
      expect(orders).toEqual([...orders].sort((a, b) => a - b));
    }
  });

  it('offers every allowed answer of a drop-down with the catalogue’s words, never a code', () => {
    const choices = controls.filter((c) => c.kind === 'choice' || c.kind === 'choices');
    expect(choices.length).toBeGreaterThanOrEqual(12);
    for (const c of choices) {
      const set = WORDS[c.field.words!] as WordSet;
      expect(c.options.map((o) => o.value).sort()).toEqual(Object.keys(set).sort());
      for (const o of c.options) {
        expect(o.label).toEqual(set[o.value]);
        expect(o.label.vi).not.toBe(o.value);
        expect(o.label.en).not.toBe(o.value);
      }
    }
    const water = controls.find((c) => c.field.path === 'waterSource')!;
    expect(water.options.slice(0, 2).map((o) => o.label.vi)).toEqual(['Nước máy', 'Giếng khoan']);
    const relation = controls.find((c) => c.field.path === 'members[].relation')!;
    expect(relation.options.slice(0, 3).map((o) => o.label.vi)).toEqual(['Chủ hộ', 'Vợ/chồng', 'Con']);
    const sex = controls.find((c) => c.field.path === 'members[].sex')!;
    expect(sex.options.map((o) => o.label.vi)).toEqual(['Nam', 'Nữ']);
    // Yes/no answers are two words too, with no default.
    const insurance = controls.find((c) => c.field.path === 'members[].healthInsurance')!;
    expect(insurance.kind).toBe('yes-no');
    expect(insurance.options.map((o) => o.label.vi)).toEqual(['Có', 'Không']);
  });

  it('shows the unit of a quantity in its label', () => {
    const floor = controlOf(SURVEY_FIELDS.find((f) => f.path === 'housing.floorAreaM2')!);
    expect(floor.label.vi).toBe('Diện tích nhà ở (m²)');
    expect(floor.kind).toBe('number');
  });

  it('starts empty: no answer given, so a forgotten answer is an error, not a "non-poor" answer', () => {
    const empty = emptySurvey();
    for (const c of controls) expect(valueAt(empty, pathOf(c, 0))).toBeUndefined();
    const errors = clientFieldErrors(recordOf(empty), 'vi');
    // Every required answer of the household and of its first member has its own error…
    const required = controls.filter((c) => c.field.required && c.field.inRecord).map((c) => pathOf(c, 0));
    for (const path of required) expect(errors.has(path), path).toBe(true);
    // …beside an input of the form, worded for a person: no path, no code.
    const inputs = formPaths(1);
    for (const [path, message] of errors) {
      expect(message).not.toMatch(/members|\[|\]|[a-z][A-Z]|"head"/);
      // The household without a head is said above its members.
      if (path === 'members') continue;
      expect(inputs.has(path), path).toBe(true);
      expect(message).toMatch(/^(Chọn|Nhập) /);
      if (c(path)?.kind === 'yes-no') expect(message).toMatch(/^Chọn Có hoặc Không: /);
    }
    expect(errors.get('members')).toContain('«Chủ hộ»');
    expect(errors.get('members[0].sex')).toBe('Chọn giới tính.');
    expect(errors.get('waterSource')).toBe('Chọn nguồn nước sinh hoạt chính.');
    expect(errors.get('members[0].birthDate')).toBe('Nhập ngày sinh.');
    expect(errors.get('internetUse')).toBe('Chọn Có hoặc Không: có thành viên sử dụng internet.');
    expect(clientFieldErrors(recordOf(empty), 'en').get('latrine')).toBe('Choose the latrine.');
  });

  it('passes once every answer is given through the form’s own setter', () => {
    const full = buildRecord({ householdId: 'HH-1' }) as unknown as Record<string, unknown>;
    let survey = emptySurvey();
    const members = (full.members as unknown[]).length;
    for (let i = 1; i < members; i += 1) survey = withValue(survey, `members[${i}]`, {});
    for (const c of controls)
      for (let i = 0; i < (c.field.scope === 'member' ? members : 1); i += 1) {
        const path = pathOf(c, i);
        survey = withValue(survey, path, valueAt(full, path));
      }
    expect([...clientFieldErrors(recordOf(survey), 'vi')]).toEqual([]);
    // Clearing an answer removes it: the error is back beside that input only.
    const cleared = withValue(survey, 'housing.roof', undefined);
    expect([...clientFieldErrors(recordOf(cleared), 'vi').keys()]).toEqual(['housing.roof']);
    expect(valueAt(survey, 'housing.roof')).toBe(valueAt(full, 'housing.roof'));
  });

  it('keeps the address beside the record, not in it', () => {
    const s = withValue(withValue(emptySurvey(), 'address', '12 Lê Lợi'), 'householdId', 'HH-2');
    expect(recordOf(s)).toEqual({ members: [{}], housing: {}, householdId: 'HH-2' });
  });

  it('finds the section holding each error, so a paged form can say where the errors are', () => {
    expect(sectionOfPath('waterSource')).toBe('water-sanitation');
    expect(sectionOfPath('housing.roof')).toBe('housing');
    expect(sectionOfPath('members')).toBe('members');
    expect(sectionOfPath('members[2].sex')).toBe('members');
    expect(sectionOfPath('members[0].employment')).toBe('employment');
    expect(sectionOfPath('members[1].schooling')).toBe('education');
    expect(sectionOfPath('surveyor')).toBe(null);
    // Every error of the empty survey is in a section of the form, and the counts add up.
    const errors = clientFieldErrors(recordOf(emptySurvey()), 'vi');
    for (const path of errors.keys()) expect(sectionOfPath(path), path).not.toBe(null);
    const counts = errorsBySection(errors.keys());
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(errors.size);
    expect(counts.get('income')).toBeGreaterThan(0);
    expect(counts.get('identification')).toBeGreaterThan(0);
  });
});
