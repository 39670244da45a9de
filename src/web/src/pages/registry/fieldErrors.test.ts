// Field errors of the survey form: paths as the form names its inputs, every error of a server
// answer kept (not only its first field), and the browser's check giving the server's messages
// with the field named by its label (a path never reaches a person).
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { clientFieldErrors, errorFieldLabel, formPathOf, serverFieldErrors } from './fieldErrors';
import { parseSurveyRecord } from '../../../../domain/survey/parse';
import { buildRecord } from '../../../../../tests/support/survey';

// The valid household of the shared test builders, with two adults.
const base = buildRecord({ householdId: 'EX-01' });
const survey = { ...base, members: base.members.slice(0, 2) };

describe('survey form field errors', () => {
  it('names fields as the form does', () => {
    expect(formPathOf('members[2].birthDate')).toBe('members[2].birthDate');
    expect(formPathOf('survey.members.2.birthDate')).toBe('members[2].birthDate');
    expect(formPathOf('survey.housing.floorAreaM2')).toBe('housing.floorAreaM2');
    expect(formPathOf('infoDevices[1]')).toBe('infoDevices');
    expect(formPathOf('householdId')).toBe('householdId');
  });

  it('names the field of an import error by its label, a member by number', () => {
    expect(errorFieldLabel('housing.floorAreaM2', 'vi')).toBe('Diện tích nhà ở');
    expect(errorFieldLabel('members[1].sex', 'vi')).toBe('Thành viên hộ gia đình 2 · Giới tính');
    expect(errorFieldLabel('members[1].sex', 'en')).toMatch(/^Household members 2 · /);
    expect(errorFieldLabel('village', 'vi')).not.toBe('village');
    expect(errorFieldLabel('period', 'vi')).toBe('period');
    expect(errorFieldLabel('', 'vi')).toBe('—');
  });

  it('finds nothing in a valid survey, and each nested problem with the validator’s message', () => {
    expect(clientFieldErrors(survey, 'vi').size).toBe(0);
    const wrong = {
      ...survey,
      housing: { ...survey.housing, floorAreaM2: -1 },
      members: [survey.members[0], { ...survey.members[1], birthDate: '1983-02-30' }],
    };
    const expected = parseSurveyRecord(wrong).errors;
    const vi = clientFieldErrors(wrong, 'vi');
    const en = clientFieldErrors(wrong, 'en');
    expect([...vi.keys()]).toEqual(['housing.floorAreaM2', 'members[1].birthDate']);
    // The validator's words, with the field named by its label instead of its path.
    expect(vi.get('members[1].birthDate')).toBe(
      expected[1]!.message.replace('members[1].birthDate', '«Ngày sinh»'),
    );
    expect(en.get('members[1].birthDate')).toBe(
      expected[1]!.messageEn.replace('members[1].birthDate', '«Date of birth»'),
    );
  });

  it('keeps every error of a server answer, beside the top-level one', () => {
    const error = new ApiError(400, {
      code: 'DATE_INVALID',
      field: 'members[1].birthDate',
      message: 'Ngày sinh sai',
      messageEn: 'Bad birth date',
      errors: [
        { field: 'members[1].birthDate', message: 'Ngày sinh sai', messageEn: 'Bad birth date' },
        { field: 'housing.floorAreaM2', message: 'Diện tích sai', messageEn: 'Bad floor area' },
      ],
    });
    expect([...serverFieldErrors(error, 'vi')]).toEqual([
      ['members[1].birthDate', 'Ngày sinh sai'],
      ['housing.floorAreaM2', 'Diện tích sai'],
    ]);
    expect(serverFieldErrors(error, 'en').get('housing.floorAreaM2')).toBe('Bad floor area');
    // An answer with only its own field (a save rule, not the survey's validation).
    const single = new ApiError(404, {
      code: 'VILLAGE_NOT_FOUND',
      field: 'villageId',
      message: 'Không tìm thấy thôn',
      messageEn: 'Village not found',
    });
    expect([...serverFieldErrors(single, 'vi')]).toEqual([['villageId', 'Không tìm thấy thôn']]);
    expect(serverFieldErrors(new Error('x'), 'vi').size).toBe(0);
  });
});
