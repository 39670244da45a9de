// The national poverty standards, as data. Sources and confidence: the project's research notes on
// the regulations (docs/decisions/0004-poverty-standards-as-data.md), condensed in each indicator's
// legalReference.
// Decree 07/2021/NĐ-CP, Art. 3: 2022–2025, kept for 2026 by Decree 351/2025/NĐ-CP.
// Decree 351/2025/NĐ-CP: 2027–2030; its final indicator list is not confirmed, hence provisional.
import type { Indicator, Standard } from './standard.js';
import { EDUCATION_LEVELS } from '../survey/record.js';
import { WORDS } from '../words/catalogue.js';

const ND07_ANNEX = 'Nghị định 07/2021/NĐ-CP, Phụ lục';
const ND07_ANNEX_EN = 'Decree 07/2021/ND-CP, Annex';

/** The twelve indicators of Decree 07/2021 as the product reads them (contracts/survey-record.md §3). */
const ND07_INDICATORS: Indicator[] = [
  {
    key: 'employment',
    dimension: 'employment',
    name: WORDS.indicator.employment,
    legalReference: {
      vi: `${ND07_ANNEX}, chỉ số 1; tuổi lao động theo Bộ luật Lao động 2019 và Nghị định 135/2020/NĐ-CP (nguồn thứ cấp)`,
      en: `${ND07_ANNEX_EN}, indicator 1; working age per Labour Code 2019 and Decree 135/2020/ND-CP (secondary sources)`,
    },
    deprivedEmployment: ['unemployed', 'wage-no-contract'],
  },
  {
    key: 'dependants',
    dimension: 'employment',
    name: WORDS.indicator.dependants,
    legalReference: {
      vi: `${ND07_ANNEX}, chỉ số 2; định nghĩa người phụ thuộc là cách hiểu của sản phẩm (chưa xác nhận văn bản gốc)`,
      en: `${ND07_ANNEX_EN}, indicator 2; the dependant definition is the product's reading (official text not confirmed)`,
    },
    childUnderAge: 16,
    aboveWorkingAge: true,
    disabilities: ['severe', 'extremely-severe'],
    requireSocialAllowance: false,
    maxShare: 0.5,
  },
  {
    key: 'nutrition',
    dimension: 'health',
    name: WORDS.indicator.nutrition,
    legalReference: { vi: `${ND07_ANNEX}, chỉ số 3`, en: `${ND07_ANNEX_EN}, indicator 3` },
    childUnderAge: 16,
  },
  {
    key: 'healthInsurance',
    dimension: 'health',
    name: WORDS.indicator.healthInsurance,
    legalReference: { vi: `${ND07_ANNEX}, chỉ số 4`, en: `${ND07_ANNEX_EN}, indicator 4` },
    fromAge: 6,
  },
  {
    key: 'adultEducation',
    dimension: 'education',
    name: WORDS.indicator.adultEducation,
    legalReference: { vi: `${ND07_ANNEX}, chỉ số 5`, en: `${ND07_ANNEX_EN}, indicator 5` },
    bands: [
      { fromAge: 16, toAge: 17, minLevel: 'lower-secondary' },
      { fromAge: 18, toAge: 30, minLevel: 'upper-secondary' },
    ],
    levelOrder: [...EDUCATION_LEVELS],
    inTrainingMeets: true,
  },
  {
    key: 'childSchooling',
    dimension: 'education',
    name: WORDS.indicator.childSchooling,
    legalReference: { vi: `${ND07_ANNEX}, chỉ số 6`, en: `${ND07_ANNEX_EN}, indicator 6` },
    fromAge: 3,
    underAge: 16,
    acceptable: ['appropriate'],
  },
  {
    key: 'housingQuality',
    dimension: 'housing',
    name: WORDS.indicator.housingQuality,
    legalReference: { vi: `${ND07_ANNEX}, chỉ số 7`, en: `${ND07_ANNEX_EN}, indicator 7` },
    structures: ['walls', 'columns', 'roof'],
    minNonDurable: 2,
  },
  {
    key: 'housingArea',
    dimension: 'housing',
    name: WORDS.indicator.housingArea,
    legalReference: { vi: `${ND07_ANNEX}, chỉ số 8`, en: `${ND07_ANNEX_EN}, indicator 8` },
    minM2PerPerson: 8,
  },
  {
    key: 'waterSource',
    dimension: 'water-sanitation',
    name: WORDS.indicator.waterSource,
    legalReference: { vi: `${ND07_ANNEX}, chỉ số 9`, en: `${ND07_ANNEX_EN}, indicator 9` },
    acceptable: ['piped', 'drilled-well', 'protected-dug-well', 'protected-spring', 'rainwater', 'bottled'],
  },
  {
    key: 'latrine',
    dimension: 'water-sanitation',
    name: WORDS.indicator.latrine,
    legalReference: {
      vi: `${ND07_ANNEX}, chỉ số 10; danh mục loại nhà tiêu theo nguồn thứ cấp (chưa xác nhận đầy đủ)`,
      en: `${ND07_ANNEX_EN}, indicator 10; latrine types from secondary sources (list not fully confirmed)`,
    },
    acceptable: ['septic', 'semi-septic', 'pour-flush', 'double-vault', 'ventilated-pit'],
  },
  {
    key: 'telecom',
    dimension: 'information',
    name: WORDS.indicator.telecom,
    legalReference: {
      vi: `${ND07_ANNEX}, chỉ số 11 (ngưỡng theo nguồn thứ cấp, chưa xác nhận)`,
      en: `${ND07_ANNEX_EN}, indicator 11 (threshold from secondary sources, unconfirmed)`,
    },
    requireInternetUse: true,
  },
  {
    key: 'infoAccess',
    dimension: 'information',
    name: WORDS.indicator.infoAccess,
    legalReference: {
      vi: `${ND07_ANNEX}, chỉ số 12 (danh mục phương tiện theo nguồn thứ cấp, chưa xác nhận)`,
      en: `${ND07_ANNEX_EN}, indicator 12 (device list from secondary sources, unconfirmed)`,
    },
    devices: ['tv', 'radio', 'computer', 'phone'],
    loudspeakerCounts: true,
  },
];

export const ND07_2021: Standard = {
  code: 'ND07_2021',
  name: { vi: 'Chuẩn nghèo đa chiều giai đoạn 2022–2025', en: 'Multidimensional poverty standard 2022–2025' },
  legalBasis: {
    vi: 'Nghị định 07/2021/NĐ-CP, Điều 3; áp dụng tiếp năm 2026 theo Nghị định 351/2025/NĐ-CP',
    en: 'Decree 07/2021/ND-CP, Art. 3; kept in force for 2026 by Decree 351/2025/ND-CP',
  },
  scope: 'national',
  provinceCode: null,
  baseCode: null,
  validFrom: '2022-01-01',
  validTo: '2026-12-31',
  provisional: false,
  incomeLines: { rural: 1_500_000, urban: 2_000_000 },
  averageUpperBounds: { rural: 2_250_000, urban: 3_000_000 },
  poorMinDeprivations: 3,
  indicators: ND07_INDICATORS,
  notes: {
    vi: 'Ngưỡng các chỉ số 10–12 và định nghĩa người phụ thuộc dựa trên nguồn thứ cấp; giữ dưới dạng dữ liệu có thể sửa.',
    en: 'Indicators 10–12 and the dependant definition rest on secondary sources; held as editable data.',
  },
};

const pick = (key: Indicator['key']): Indicator => {
  const found = ND07_INDICATORS.find((i) => i.key === key);
  if (!found) throw new Error(`indicator ${key} missing from ND07_2021`);
  return structuredClone(found);
};

const ND351 = 'Nghị định 351/2025/NĐ-CP (danh mục chỉ số theo dự thảo, chưa xác nhận)';
const ND351_EN = 'Decree 351/2025/ND-CP (indicator list from the draft, unconfirmed)';

/**
 * 2027–2030. Income lines and the "≥ 3 deprivations" rule are reported from the final decree; the
 * indicator list follows the draft: the information dimension keeps telecom only, and the draft's
 * new waste-treatment indicator is not assessed because the survey record carries no such field.
 * Dependants follow the draft: children under 16, and elderly or disabled members only when they
 * receive a monthly social allowance.
 */
export const ND351_2025: Standard = {
  code: 'ND351_2025',
  name: { vi: 'Chuẩn nghèo đa chiều giai đoạn 2027–2030', en: 'Multidimensional poverty standard 2027–2030' },
  legalBasis: { vi: 'Nghị định 351/2025/NĐ-CP', en: 'Decree 351/2025/ND-CP' },
  scope: 'national',
  provinceCode: null,
  baseCode: null,
  validFrom: '2027-01-01',
  validTo: '2030-12-31',
  provisional: true,
  incomeLines: { rural: 2_200_000, urban: 2_800_000 },
  averageUpperBounds: { rural: null, urban: null },
  poorMinDeprivations: 3,
  indicators: (
    [
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
    ] as const
  ).map((key) => {
    const ind = pick(key);
    ind.legalReference = { vi: ND351, en: ND351_EN };
    if (ind.key === 'dependants') ind.requireSocialAllowance = true;
    return ind;
  }),
  notes: {
    vi: 'Tạm thời: danh mục và ngưỡng chỉ số 2027–2030 chưa được xác nhận với văn bản chính thức; chỉ số xử lý rác thải (dự thảo) chưa đánh giá vì phiếu khảo sát chưa có trường này; chưa có ngưỡng hộ có mức sống trung bình.',
    en: 'Provisional: the 2027–2030 indicator list and thresholds are not confirmed against the official text; the draft waste-treatment indicator is not assessed (the survey record has no such field); no average-living-standard band is known.',
  },
};

export const NATIONAL_STANDARDS: readonly Standard[] = [ND07_2021, ND351_2025];
