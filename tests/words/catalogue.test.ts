// The catalogue of words is complete: every value of every closed list of the product (the
// domain's const arrays, and the few lists the services hold) has a Vietnamese and an English
// label, non-empty, that is not the code itself. A new value added to a list without its words
// fails here, before any person could meet the bare code.
import { describe, expect, it } from 'vitest';
import { ACTIONS, STEPS } from '../../src/domain/campaign/campaign.js';
import { CAPITAL_TYPES, ENTRY_KINDS, SOURCES } from '../../src/domain/finance/ledger.js';
import { TARGET_KINDS } from '../../src/domain/finance/targets.js';
import { MOVEMENTS } from '../../src/domain/registry/movement.js';
import { NATIONAL_STANDARDS } from '../../src/domain/standards/national.js';
import { CLASSIFICATIONS, DIMENSIONS, INDICATOR_KEYS } from '../../src/domain/standards/standard.js';
import {
  AREAS,
  DISABILITIES,
  DURABILITY,
  EDUCATION_LEVELS,
  EMPLOYMENTS,
  HOUSING_STRUCTURES,
  INFO_DEVICES,
  LATRINES,
  RELATIONS,
  SCHOOLING,
  SEXES,
  POVERTY_CAUSES,
  SUPPORT_NEEDS,
  WATER_SOURCES,
} from '../../src/domain/survey/record.js';
import { WORDS, wordOfCode, wordOfUnitType, type WordSetName } from '../../src/domain/words/catalogue.js';
import { ETHNIC_CODES } from '../../src/domain/reference/ethnic-groups.js';
import { HOUSEHOLD_GROUPS } from '../../src/domain/registry/groups.js';
import {
  DONOR_KINDS,
  FUND_CAMPAIGNS,
  FUND_LEVELS,
  RECEIPT_KINDS,
  SPENDING_PURPOSES,
  TRANSFER_KINDS,
} from '../../src/domain/front/fund.js';
import { HOUSE_KINDS, HOUSE_SOURCES, HOUSE_STAGES } from '../../src/domain/front/houses.js';
import { ANSWER_STATUSES, RECOMMENDATION_STATES } from '../../src/domain/front/supervision.js';
import { ROLES } from '../../src/services/deps.js';
import { ASSIGNEE_KINDS, TASK_STATUSES } from '../../src/services/finance/tasks.service.js';
import { FEEDBACK_KINDS, FEEDBACK_STATUSES } from '../../src/services/public/feedback.service.js';

/** Every closed list of the product and the word set that names its values. */
const LISTS: [WordSetName, readonly string[]][] = [
  ['classification', CLASSIFICATIONS],
  ['movement', MOVEMENTS],
  ['indicator', INDICATOR_KEYS],
  ['dimension', DIMENSIONS],
  ['standard', NATIONAL_STANDARDS.map((s) => s.code)],
  ['area', AREAS],
  ['durability', DURABILITY],
  ['housingStructure', HOUSING_STRUCTURES],
  ['waterSource', WATER_SOURCES],
  ['latrine', LATRINES],
  ['infoDevice', INFO_DEVICES],
  ['sex', SEXES],
  ['relation', RELATIONS],
  ['employment', EMPLOYMENTS],
  ['schooling', SCHOOLING],
  ['education', EDUCATION_LEVELS],
  ['disability', DISABILITIES],
  ['ethnicGroup', ETHNIC_CODES],
  ['householdGroup', [...HOUSEHOLD_GROUPS, 'no-labour']],
  ['povertyCause', POVERTY_CAUSES],
  ['supportNeed', SUPPORT_NEEDS],
  ['role', ROLES],
  ['campaignStep', STEPS],
  ['campaignAction', ACTIONS],
  ['capitalType', CAPITAL_TYPES],
  ['fundSource', SOURCES],
  ['ledgerEntry', ENTRY_KINDS],
  ['targetKind', TARGET_KINDS],
  ['taskStatus', TASK_STATUSES],
  ['assigneeKind', ASSIGNEE_KINDS],
  ['feedbackKind', FEEDBACK_KINDS],
  ['feedbackStatus', FEEDBACK_STATUSES],
  ['receiptKind', RECEIPT_KINDS],
  ['donorKind', DONOR_KINDS],
  ['fundCampaign', FUND_CAMPAIGNS],
  ['fundPurpose', SPENDING_PURPOSES],
  ['fundTransfer', TRANSFER_KINDS],
  ['fundLevel', FUND_LEVELS],
  ['houseKind', HOUSE_KINDS],
  ['houseSource', HOUSE_SOURCES],
  ['houseStage', HOUSE_STAGES],
  ['answerStatus', ANSWER_STATUSES],
  ['recommendationState', RECOMMENDATION_STATES],
];

describe('the catalogue of words', () => {
  it.each(LISTS)('names every value of the %s list in Vietnamese and English', (set, values) => {
    expect(values.length).toBeGreaterThan(0);
    const words = WORDS[set] as Record<string, { vi: string; en: string }>;
    for (const code of values) {
      const w = words[code];
      expect(w, `${set}.${code}`).toBeDefined();
      expect(w!.vi.trim(), `${set}.${code}.vi`).not.toBe('');
      expect(w!.en.trim(), `${set}.${code}.en`).not.toBe('');
      expect(w!.vi, `${set}.${code}.vi`).not.toBe(code);
      expect(w!.en, `${set}.${code}.en`).not.toBe(code);
    }
  });

  it('has no label that is empty, equal to its code, or the same in both languages for a long text', () => {
    for (const [set, words] of Object.entries(WORDS)) {
      for (const [code, w] of Object.entries(words as Record<string, { vi: string; en: string }>)) {
        expect(w.vi.trim(), `${set}.${code}.vi`).not.toBe('');
        expect(w.en.trim(), `${set}.${code}.en`).not.toBe('');
        expect(w.vi, `${set}.${code}.vi`).not.toBe(code);
        expect(w.en, `${set}.${code}.en`).not.toBe(code);
      }
    }
  });

  it('names the twelve indicators as Decree 07/2021/NĐ-CP does', () => {
    expect(INDICATOR_KEYS.map((k) => WORDS.indicator[k].vi)).toEqual([
      'Việc làm',
      'Người phụ thuộc trong hộ gia đình',
      'Dinh dưỡng',
      'Bảo hiểm y tế',
      'Trình độ giáo dục của người lớn',
      'Tình trạng đi học của trẻ em',
      'Chất lượng nhà ở',
      'Diện tích nhà ở bình quân đầu người',
      'Nguồn nước sinh hoạt',
      'Nhà tiêu hợp vệ sinh',
      'Sử dụng dịch vụ viễn thông',
      'Phương tiện phục vụ tiếp cận thông tin',
    ]);
  });

  it('tells a missing code visibly instead of showing it bare', () => {
    expect(wordOfCode('waterSource', 'surface', 'vi')).toBe('Nước mặt (sông, suối, ao, hồ)');
    expect(wordOfCode('classification', 'NEAR_POOR', 'en')).toBe('Near-poor household');
    expect(wordOfCode('waterSource', 'lake', 'vi')).toBe('[lake]');
    expect(wordOfCode('waterSource', null, 'vi')).toBe('—');
  });

  it("words every unit type of the official dataset, and shows an unknown type as the dataset's text", () => {
    // The types the 2024 and 2025 datasets use (src/domain/units/dataset.ts reads them verbatim).
    const types = [
      'Tỉnh',
      'Thành phố trực thuộc trung ương',
      'Huyện',
      'Quận',
      'Thị xã',
      'Thành phố thuộc tỉnh',
      'Thành phố thuộc thành phố trực thuộc trung ương',
      'Xã',
      'Phường',
      'Thị trấn',
      'Đặc khu',
    ];
    for (const type of types) {
      expect(wordOfUnitType(type, 'vi'), type).toBe(type);
      expect(wordOfUnitType(type, 'en'), type).not.toBe(type);
    }
    expect(wordOfUnitType('Phường', 'en')).toBe('Ward');
    // Decomposed accents (as some files write them) are the same type.
    expect(wordOfUnitType('Phường'.normalize('NFD'), 'en')).toBe('Ward');
    expect(wordOfUnitType('Khu kinh tế', 'en')).toBe('Khu kinh tế');
  });
});
