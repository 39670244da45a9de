// The survey field catalogue: one row per field of the survey record (contracts/survey-record.md,
// ./record.ts) and per extra column the import accepts, in the order and sections of the paper
// review form (Phiếu B of Circular 07/2021/TT-BLĐTBXH: household identification, members,
// B1 income, B2 deprivations per dimension). The parser, the import's columns, the generator,
// the web survey form and the docs table all read these rows, so adding a field is one row here
// (plus its rule, when it feeds an indicator). Pure data: no I/O.
import type { IndicatorKey } from '../standards/standard.js';
import type { Word, WordSetName } from '../words/catalogue.js';

/**
 * How a value is typed and checked: `money` is integer đồng; `number` a finite decimal;
 * `enum` one code of `words`, `enum-list` several; `citizen-id` a 12-digit CCCD checked against
 * the birth date and sex; `unit-code` a 5-digit commune code (leading zeros kept); `date` ISO.
 */
export type FieldType =
  | 'text'
  | 'integer'
  | 'money'
  | 'number'
  | 'boolean'
  | 'date'
  | 'enum'
  | 'enum-list'
  | 'citizen-id'
  | 'unit-code';

/** The sections of Phiếu B, in the paper's order. */
export const SURVEY_SECTIONS = [
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
] as const;
export type SurveySection = (typeof SURVEY_SECTIONS)[number];

export const SURVEY_SECTION_LABELS: Record<SurveySection, Word> = {
  identification: { vi: 'Thông tin chung về hộ', en: 'Household identification' },
  members: { vi: 'Thành viên hộ gia đình', en: 'Household members' },
  income: { vi: 'B1. Thu nhập', en: 'B1. Income' },
  employment: { vi: 'B2.1. Việc làm', en: 'B2.1. Employment' },
  health: { vi: 'B2.2. Y tế', en: 'B2.2. Health' },
  education: { vi: 'B2.3. Giáo dục', en: 'B2.3. Education' },
  housing: { vi: 'B2.4. Nhà ở', en: 'B2.4. Housing' },
  'water-sanitation': { vi: 'B2.5. Nước sinh hoạt và vệ sinh', en: 'B2.5. Water and sanitation' },
  information: { vi: 'B2.6. Thông tin', en: 'B2.6. Information' },
  needs: { vi: 'Nguyên nhân nghèo và nhu cầu hỗ trợ', en: 'Causes of poverty and support needed' },
};

export interface SurveyField {
  /** Where the value sits in the record: `incomePerCapitaMonthly`, `housing.floorAreaM2`, `members[].sex`. */
  readonly path: string;
  /** The key in its object (`floorAreaM2`, `sex`). */
  readonly key: string;
  /** A household value, or one per member. */
  readonly scope: 'household' | 'member';
  /** The column of the tabular form (contract §6): the path for households, the key for members. */
  readonly column: string;
  readonly type: FieldType;
  /** The word set of its allowed values (`enum`, `enum-list`). */
  readonly words: WordSetName | null;
  readonly label: Word;
  readonly help: Word;
  /** Must be answered: the parser reports FIELD_REQUIRED, the form refuses to save without it. */
  readonly required: boolean;
  /**
   * Stored when the answer is absent (only for fields that are not required). An `enum-list`
   * is always given; an empty list (an empty cell in a spreadsheet) is the answer "none".
   */
  readonly whenAbsent: null | false;
  /** Unit of a quantity, shown beside the input and in exports. */
  readonly unit: Word | null;
  /** Column headers the import accepts besides `column` (compared without case or accents). */
  readonly aliases: readonly string[];
  readonly section: SurveySection;
  /** Position in Phiếu B (ascending through the whole form). */
  readonly order: number;
  /** The indicators this answer feeds (empty: identification, or not assessed by any standard). */
  readonly indicators: readonly IndicatorKey[];
  /** False for registry columns the import keeps beside the record (village, address). */
  readonly inRecord: boolean;
}

type Row = Omit<
  SurveyField,
  | 'key'
  | 'scope'
  | 'column'
  | 'order'
  | 'words'
  | 'unit'
  | 'whenAbsent'
  | 'inRecord'
  | 'indicators'
  | 'aliases'
> &
  Partial<Pick<SurveyField, 'words' | 'unit' | 'whenAbsent' | 'inRecord' | 'indicators' | 'aliases'>>;

const M2: Word = { vi: 'm²', en: 'm²' };
const DONG_PER_PERSON_MONTH: Word = { vi: 'đồng/người/tháng', en: 'đồng per person per month' };

const ROWS: Row[] = [
  // ── identification ─────────────────────────────────────────────────────────
  {
    path: 'householdId',
    type: 'text',
    label: { vi: 'Mã hộ', en: 'Household code' },
    help: {
      vi: 'Mã hộ trong sổ theo dõi của xã, duy nhất trong tệp nhập.',
      en: 'The household’s code in the commune register, unique within the file.',
    },
    required: true,
    aliases: ['Mã hộ', 'Mã hộ gia đình'],
    section: 'identification',
  },
  {
    path: 'unitCode',
    type: 'unit-code',
    label: { vi: 'Xã/phường', en: 'Commune/ward' },
    help: {
      vi: 'Xã, phường nơi hộ cư trú vào ngày rà soát (mã 5 chữ số của Tổng cục Thống kê).',
      en: 'The commune or ward where the household lives on the survey date (5-digit statistics code).',
    },
    required: true,
    aliases: ['Mã đơn vị', 'Mã xã', 'Mã xã/phường', 'Xã/phường'],
    section: 'identification',
  },
  {
    path: 'village',
    type: 'text',
    label: { vi: 'Thôn, tổ dân phố', en: 'Village or residential group' },
    help: {
      vi: 'Tên thôn, bản, tổ dân phố như trong danh mục của xã.',
      en: 'The village or residential group, named as in the commune’s list.',
    },
    required: false,
    whenAbsent: null,
    inRecord: false,
    aliases: ['Thôn', 'Thôn, tổ dân phố', 'Tổ dân phố', 'Thôn/bản'],
    section: 'identification',
  },
  {
    path: 'address',
    type: 'text',
    label: { vi: 'Địa chỉ', en: 'Address' },
    help: { vi: 'Số nhà, đường, xóm (nếu có).', en: 'House number, street, hamlet (if any).' },
    required: false,
    whenAbsent: null,
    inRecord: false,
    aliases: ['Địa chỉ'],
    section: 'identification',
  },
  {
    path: 'surveyDate',
    type: 'date',
    label: { vi: 'Ngày rà soát', en: 'Survey date' },
    help: {
      vi: 'Ngày điều tra, rà soát hộ; quyết định chuẩn nghèo áp dụng và tuổi của từng thành viên.',
      en: 'The day of the survey: it decides the standard in force and each member’s age.',
    },
    required: true,
    aliases: ['Ngày điều tra', 'Ngày rà soát', 'Ngày khảo sát'],
    section: 'identification',
  },
  {
    path: 'area',
    type: 'enum',
    words: 'area',
    label: { vi: 'Khu vực', en: 'Area' },
    help: {
      vi: 'Để trống: lấy theo loại đơn vị vào ngày rà soát (xã: nông thôn; phường, thị trấn: thành thị).',
      en: 'Leave empty to take it from the unit’s type on the survey date (commune: rural; ward, township: urban).',
    },
    required: false,
    whenAbsent: null,
    aliases: ['Khu vực', 'Thành thị/nông thôn'],
    section: 'identification',
  },

  // ── members (who they are; their answers are asked in the B2 sections) ──────
  {
    path: 'members[].name',
    type: 'text',
    label: { vi: 'Họ và tên', en: 'Full name' },
    help: { vi: 'Họ và tên như trên căn cước.', en: 'Full name as on the citizen ID card.' },
    required: true,
    aliases: ['Họ tên', 'Họ và tên', 'Tên'],
    section: 'members',
  },
  {
    path: 'members[].relation',
    type: 'enum',
    words: 'relation',
    label: { vi: 'Quan hệ với chủ hộ', en: 'Relation to the head' },
    help: { vi: 'Mỗi hộ có đúng một chủ hộ.', en: 'A household has exactly one head.' },
    required: true,
    aliases: ['Quan hệ với chủ hộ', 'Quan hệ'],
    section: 'members',
  },
  {
    path: 'members[].sex',
    type: 'enum',
    words: 'sex',
    label: { vi: 'Giới tính', en: 'Sex' },
    help: {
      vi: 'Quyết định tuổi nghỉ hưu dùng để xét độ tuổi lao động.',
      en: 'Decides the retirement age used for working age.',
    },
    required: true,
    indicators: ['employment', 'dependants'],
    aliases: ['Giới tính'],
    section: 'members',
  },
  {
    path: 'members[].birthDate',
    type: 'date',
    label: { vi: 'Ngày sinh', en: 'Date of birth' },
    help: {
      vi: 'Tuổi được tính tròn năm vào ngày rà soát.',
      en: 'Ages are whole years reached on the survey date.',
    },
    required: true,
    indicators: [
      'employment',
      'dependants',
      'nutrition',
      'healthInsurance',
      'adultEducation',
      'childSchooling',
    ],
    aliases: ['Ngày sinh', 'Ngày tháng năm sinh'],
    section: 'members',
  },
  {
    path: 'members[].idNumber',
    type: 'citizen-id',
    label: { vi: 'Số định danh cá nhân (CCCD)', en: 'Personal ID number (citizen ID)' },
    help: {
      vi: '12 chữ số; để trống nếu chưa có. Được đối chiếu với năm sinh và giới tính.',
      en: '12 digits; leave empty if none. Checked against the birth year and sex.',
    },
    required: false,
    whenAbsent: null,
    aliases: ['Số định danh', 'Số định danh cá nhân', 'CCCD', 'Số CCCD', 'Căn cước công dân'],
    section: 'members',
  },
  {
    path: 'members[].ethnicity',
    type: 'enum',
    words: 'ethnicGroup',
    label: { vi: 'Dân tộc', en: 'Ethnicity' },
    help: {
      vi: 'Một trong 54 dân tộc (mã theo Quyết định 121-TCTK/PPCĐ năm 1979). Hộ có thành viên là người dân tộc thiểu số được tính là hộ dân tộc thiểu số.',
      en: 'One of the 54 ethnic groups (codes of Decision 121-TCTK/PPCD, 1979). A household with an ethnic-minority member counts as an ethnic-minority household.',
    },
    required: false,
    whenAbsent: null,
    aliases: ['Mã dân tộc', 'Dân tộc (mã)', 'Ethnic group'],
    section: 'members',
  },
  {
    path: 'members[].merit',
    type: 'boolean',
    label: { vi: 'Người có công với cách mạng', en: 'Person with merit to the revolution' },
    help: {
      vi: 'Người được công nhận là người có công với cách mạng. Để trống là không.',
      en: 'A person recognised as having merit to the revolution. Empty means no.',
    },
    required: false,
    whenAbsent: false,
    aliases: ['Người có công', 'Có công với cách mạng', 'Merit'],
    section: 'members',
  },

  // ── B1. income ─────────────────────────────────────────────────────────────
  {
    path: 'incomePerCapitaMonthly',
    type: 'money',
    unit: DONG_PER_PERSON_MONTH,
    label: { vi: 'Thu nhập bình quân đầu người/tháng', en: 'Income per person per month' },
    help: {
      vi: 'Tổng thu nhập 12 tháng qua của cả hộ chia cho số thành viên và cho 12, làm tròn đến đồng.',
      en: 'The household’s total income over the last 12 months divided by its members and by 12, in whole đồng.',
    },
    required: true,
    aliases: [
      'Thu nhập bình quân',
      'Thu nhập bình quân đầu người',
      'Thu nhập bình quân đầu người/tháng',
      'Thu nhập',
    ],
    section: 'income',
  },

  // ── B2.1 employment (and dependants) ───────────────────────────────────────
  {
    path: 'members[].employment',
    type: 'enum',
    words: 'employment',
    label: { vi: 'Tình trạng việc làm', en: 'Employment' },
    help: {
      vi: 'Người trong độ tuổi lao động thất nghiệp hoặc làm công không có hợp đồng lao động thì hộ thiếu hụt việc làm.',
      en: 'A working-age member who is unemployed or works for a wage without a contract deprives the household.',
    },
    required: true,
    indicators: ['employment'],
    aliases: ['Việc làm', 'Tình trạng việc làm'],
    section: 'employment',
  },
  {
    path: 'members[].disability',
    type: 'enum',
    words: 'disability',
    label: { vi: 'Mức độ khuyết tật', en: 'Disability' },
    help: {
      vi: 'Người khuyết tật nặng, đặc biệt nặng được tính là người phụ thuộc.',
      en: 'A member with a severe or extremely severe disability counts as a dependant.',
    },
    required: true,
    indicators: ['dependants'],
    aliases: ['Khuyết tật', 'Mức độ khuyết tật'],
    section: 'employment',
  },
  {
    path: 'members[].monthlySocialAllowance',
    type: 'boolean',
    label: { vi: 'Hưởng trợ cấp xã hội hằng tháng', en: 'Receives a monthly social allowance' },
    help: {
      vi: 'Từ năm 2027, người cao tuổi, người khuyết tật chỉ là người phụ thuộc khi hưởng trợ cấp hằng tháng.',
      en: 'From 2027, elderly and disabled members are dependants only with a monthly allowance.',
    },
    required: false,
    whenAbsent: false,
    indicators: ['dependants'],
    aliases: ['Trợ cấp xã hội', 'Trợ cấp xã hội hằng tháng', 'Hưởng trợ cấp xã hội hằng tháng'],
    section: 'employment',
  },

  // ── B2.2 health ────────────────────────────────────────────────────────────
  {
    path: 'members[].healthInsurance',
    type: 'boolean',
    label: { vi: 'Có thẻ bảo hiểm y tế', en: 'Has health insurance' },
    help: {
      vi: 'Thành viên từ 6 tuổi trở lên không có bảo hiểm y tế thì hộ thiếu hụt.',
      en: 'A member aged 6 or over without health insurance deprives the household.',
    },
    required: true,
    indicators: ['healthInsurance'],
    aliases: ['Bảo hiểm y tế', 'Có bảo hiểm y tế', 'BHYT', 'Có thẻ BHYT'],
    section: 'health',
  },
  {
    path: 'members[].stunted',
    type: 'boolean',
    label: { vi: 'Suy dinh dưỡng thể thấp còi', en: 'Stunted' },
    help: {
      vi: 'Chỉ ghi cho trẻ dưới 16 tuổi (chiều cao theo tuổi). Để trống là không.',
      en: 'For children under 16 only (height for age). Empty means no.',
    },
    required: false,
    whenAbsent: false,
    indicators: ['nutrition'],
    aliases: ['Thấp còi', 'Suy dinh dưỡng thấp còi'],
    section: 'health',
  },
  {
    path: 'members[].underweight',
    type: 'boolean',
    label: { vi: 'Suy dinh dưỡng thể nhẹ cân', en: 'Underweight' },
    help: {
      vi: 'Chỉ ghi cho trẻ dưới 16 tuổi (cân nặng theo tuổi). Để trống là không.',
      en: 'For children under 16 only (weight for age). Empty means no.',
    },
    required: false,
    whenAbsent: false,
    indicators: ['nutrition'],
    aliases: ['Nhẹ cân', 'Suy dinh dưỡng nhẹ cân'],
    section: 'health',
  },

  // ── B2.3 education ─────────────────────────────────────────────────────────
  {
    path: 'members[].education',
    type: 'enum',
    words: 'education',
    label: { vi: 'Trình độ giáo dục cao nhất', en: 'Highest education level' },
    help: {
      vi: 'Người 16–17 tuổi cần tốt nghiệp trung học cơ sở; người 18–30 tuổi cần trung học phổ thông hoặc học nghề.',
      en: 'Members aged 16–17 need lower secondary; 18–30 need upper secondary or vocational training.',
    },
    required: true,
    indicators: ['adultEducation'],
    aliases: ['Trình độ giáo dục', 'Trình độ học vấn', 'Học vấn'],
    section: 'education',
  },
  {
    path: 'members[].inTraining',
    type: 'boolean',
    label: { vi: 'Đang đi học, học nghề', en: 'Currently studying or in training' },
    help: {
      vi: 'Người đang đi học hoặc học nghề không bị tính thiếu hụt trình độ giáo dục.',
      en: 'A member studying or in training is not deprived of education level.',
    },
    required: true,
    indicators: ['adultEducation'],
    aliases: ['Đang đi học', 'Đang học nghề', 'Đang đi học, học nghề'],
    section: 'education',
  },
  {
    path: 'members[].schooling',
    type: 'enum',
    words: 'schooling',
    label: {
      vi: 'Tình trạng đi học (trẻ 3 đến dưới 16 tuổi)',
      en: 'School attendance (children 3 to under 16)',
    },
    help: {
      vi: 'Chỉ ghi cho trẻ từ 3 đến dưới 16 tuổi; để trống với người khác.',
      en: 'For children aged 3 to under 16 only; leave empty for others.',
    },
    required: false,
    whenAbsent: null,
    indicators: ['childSchooling'],
    aliases: ['Tình trạng đi học', 'Đi học'],
    section: 'education',
  },

  // ── B2.4 housing ───────────────────────────────────────────────────────────
  {
    path: 'housing.walls',
    type: 'enum',
    words: 'durability',
    label: { vi: 'Tường nhà', en: 'Walls' },
    help: {
      vi: 'Hai trong ba kết cấu chính (tường, cột, mái) không bền chắc thì hộ thiếu hụt chất lượng nhà ở.',
      en: 'Two of the three main structures (walls, columns, roof) not durable deprive the household.',
    },
    required: true,
    indicators: ['housingQuality'],
    aliases: ['Tường', 'Tường nhà'],
    section: 'housing',
  },
  {
    path: 'housing.columns',
    type: 'enum',
    words: 'durability',
    label: { vi: 'Cột, khung nhà', en: 'Columns (frame)' },
    help: {
      vi: 'Cột hoặc khung chịu lực của nhà.',
      en: 'The load-bearing columns or frame of the house.',
    },
    required: true,
    indicators: ['housingQuality'],
    aliases: ['Cột', 'Cột nhà', 'Khung nhà'],
    section: 'housing',
  },
  {
    path: 'housing.roof',
    type: 'enum',
    words: 'durability',
    label: { vi: 'Mái nhà', en: 'Roof' },
    help: { vi: 'Mái che của nhà ở chính.', en: 'The roof of the main dwelling.' },
    required: true,
    indicators: ['housingQuality'],
    aliases: ['Mái', 'Mái nhà'],
    section: 'housing',
  },
  {
    path: 'housing.floorAreaM2',
    type: 'number',
    unit: M2,
    label: { vi: 'Diện tích nhà ở', en: 'Floor area' },
    help: {
      vi: 'Tổng diện tích sàn nhà ở của hộ; dưới 8 m² mỗi người thì hộ thiếu hụt.',
      en: 'The household’s total floor area; below 8 m² per person deprives it.',
    },
    required: true,
    indicators: ['housingArea'],
    aliases: ['Diện tích nhà', 'Diện tích nhà ở', 'Diện tích'],
    section: 'housing',
  },

  // ── B2.5 water and sanitation ──────────────────────────────────────────────
  {
    path: 'waterSource',
    type: 'enum',
    words: 'waterSource',
    label: { vi: 'Nguồn nước sinh hoạt chính', en: 'Main domestic water source' },
    help: {
      vi: 'Nước máy, giếng khoan, giếng đào hoặc khe mó được bảo vệ, nước mưa, nước đóng chai là nguồn hợp vệ sinh.',
      en: 'Piped water, drilled wells, protected dug wells or springs, rainwater and bottled water are hygienic sources.',
    },
    required: true,
    indicators: ['waterSource'],
    aliases: ['Nguồn nước', 'Nguồn nước sinh hoạt'],
    section: 'water-sanitation',
  },
  {
    path: 'latrine',
    type: 'enum',
    words: 'latrine',
    label: { vi: 'Loại nhà tiêu', en: 'Latrine' },
    help: {
      vi: 'Nhà tiêu tự hoại, bán tự hoại, thấm dội nước, khô hai ngăn, chìm có ống thông hơi là hợp vệ sinh.',
      en: 'Septic, semi-septic, pour-flush, double-vault and ventilated pit latrines are hygienic.',
    },
    required: true,
    indicators: ['latrine'],
    aliases: ['Nhà tiêu', 'Loại nhà tiêu', 'Nhà vệ sinh'],
    section: 'water-sanitation',
  },

  // ── B2.6 information ───────────────────────────────────────────────────────
  {
    path: 'internetUse',
    type: 'boolean',
    label: { vi: 'Có thành viên sử dụng internet', en: 'A member uses the internet' },
    help: {
      vi: 'Ít nhất một thành viên sử dụng dịch vụ internet (di động hoặc cố định).',
      en: 'At least one member uses internet services (mobile or fixed).',
    },
    required: true,
    indicators: ['telecom'],
    aliases: ['Sử dụng internet', 'Internet', 'Dịch vụ viễn thông'],
    section: 'information',
  },
  {
    path: 'infoDevices',
    type: 'enum-list',
    words: 'infoDevice',
    label: { vi: 'Phương tiện tiếp cận thông tin', en: 'Information devices' },
    help: {
      vi: 'Các phương tiện hộ có; không có phương tiện nào và không nghe được loa truyền thanh thì hộ thiếu hụt.',
      en: 'The devices the household has; none and no loudspeaker deprives it.',
    },
    required: true,
    indicators: ['infoAccess'],
    aliases: ['Phương tiện', 'Phương tiện tiếp cận thông tin', 'Thiết bị'],
    section: 'information',
  },
  {
    path: 'loudspeakerAccess',
    type: 'boolean',
    label: { vi: 'Nghe được loa truyền thanh xã, thôn', en: 'Hears the commune or village loudspeakers' },
    help: {
      vi: 'Hộ nghe được hệ thống loa truyền thanh của xã hoặc thôn.',
      en: 'The household can hear the commune or village loudspeaker system.',
    },
    required: true,
    indicators: ['infoAccess'],
    aliases: ['Loa truyền thanh', 'Nghe loa truyền thanh'],
    section: 'information',
  },

  // ── causes of poverty and support needed (not assessed by any indicator) ─────
  {
    path: 'povertyCauses',
    type: 'enum-list',
    words: 'povertyCause',
    label: { vi: 'Nguyên nhân nghèo', en: 'Causes of poverty' },
    help: {
      vi: 'Các nguyên nhân chính khiến hộ nghèo, cận nghèo; để trống nếu không có.',
      en: 'The main causes of the household’s poverty or near-poverty; leave empty if none.',
    },
    required: false,
    whenAbsent: null,
    aliases: ['Nguyên nhân', 'Nguyên nhân nghèo', 'Nguyên nhân nghèo, cận nghèo'],
    section: 'needs',
  },
  {
    path: 'supportNeeds',
    type: 'enum-list',
    words: 'supportNeed',
    label: { vi: 'Nhu cầu hỗ trợ', en: 'Support needed' },
    help: {
      vi: 'Các hình thức hỗ trợ hộ mong muốn; để trống nếu không có.',
      en: 'The kinds of support the household asks for; leave empty if none.',
    },
    required: false,
    whenAbsent: null,
    aliases: ['Nhu cầu', 'Nhu cầu hỗ trợ', 'Hỗ trợ cần thiết'],
    section: 'needs',
  },
];

function build(rows: Row[]): SurveyField[] {
  return rows.map((r, i) => {
    const member = r.path.startsWith('members[].');
    const key = r.path.slice(r.path.lastIndexOf('.') + 1);
    return {
      ...r,
      key,
      scope: member ? 'member' : 'household',
      column: member ? key : r.path,
      order: i + 1,
      words: r.words ?? null,
      unit: r.unit ?? null,
      whenAbsent: r.whenAbsent ?? null,
      inRecord: r.inRecord ?? true,
      indicators: r.indicators ?? [],
      aliases: r.aliases ?? [],
    };
  });
}

/** Every field, in the order of Phiếu B. */
export const SURVEY_FIELDS: readonly SurveyField[] = build(ROWS);

/** The household fields (identification, income, housing, water, information), form order. */
export const HOUSEHOLD_FIELDS: readonly SurveyField[] = SURVEY_FIELDS.filter((f) => f.scope === 'household');

/** The member fields, form order. */
export const MEMBER_FIELDS: readonly SurveyField[] = SURVEY_FIELDS.filter((f) => f.scope === 'member');

const BY_PATH = new Map(SURVEY_FIELDS.map((f) => [f.path, f]));

/** The field at a path (`housing.walls`, `members[].sex`, or `members[3].sex`), or undefined. */
export function surveyField(path: string): SurveyField | undefined {
  return BY_PATH.get(path.replace(/^members\[\d+\]\./, 'members[].'));
}

/** Folds a header for comparison: lower case, no accents, đ → d, spaces collapsed, `_` as space. */
export function foldHeader(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();
}

/**
 * The field table of docs/survey-fields.md (Vietnamese first): section, path, type, allowed
 * values in words, required, unit, accepted import headers. Kept equal to the file by
 * tests/words/fields.test.ts; `node bin/run-ts.js scripts/survey-fields-doc.ts` rewrites it.
 */
export function surveyFieldsMarkdown(words: Record<string, Record<string, Word>>): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    '# Các trường của phiếu khảo sát hộ / Survey record fields',
    '',
    'Sinh ra từ danh mục trường `src/domain/survey/fields.ts` — đừng sửa tay. / Generated from the field catalogue — do not edit.',
    '',
  ];
  for (const section of SURVEY_SECTIONS) {
    const fields = SURVEY_FIELDS.filter((f) => f.section === section);
    if (fields.length === 0) continue;
    const label = SURVEY_SECTION_LABELS[section];
    lines.push(`## ${label.vi} / ${label.en}`, '');
    lines.push(
      '| Trường / Field | Đường dẫn / Path | Kiểu / Type | Giá trị / Values | Bắt buộc / Required | Tiêu đề cột nhập / Import headers |',
    );
    lines.push('|---|---|---|---|---|---|');
    for (const f of fields) {
      const values = f.words
        ? Object.entries(words[f.words]!)
            .map(([code, w]) => `\`${code}\` ${w.vi}`)
            .join('; ')
        : f.unit
          ? f.unit.vi
          : '';
      const headers = [f.column, ...f.aliases].map((h) => `\`${h}\``).join(', ');
      lines.push(
        `| ${cell(f.label.vi)} / ${cell(f.label.en)} | \`${f.path}\` | ${f.type} | ${cell(values)} | ${f.required ? 'có / yes' : 'không / no'} | ${cell(headers)} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}
