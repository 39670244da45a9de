// The one catalogue of words: a Vietnamese and an English label for every code the product has
// (classes, movements, indicators, survey answers, roles, statuses, steps, standards…). The web
// app, the explanations, the PDFs, the XLSX files, the portal and the CLI's human output all read
// it, so a code never reaches a person and a label is corrected in one place.
// Completeness is a test (tests/words/catalogue.test.ts): every value of every closed list of the
// product has both labels here. A code missing from its set is therefore a bug; at run time
// `wordOfCode` answers it in brackets (visible, and failed by the e2e crawl) rather than hiding it.
// Pure data: no I/O. Sets whose codes are a domain type are checked against it by the compiler
// (`satisfies Record<Type, Word>`); the others by the test.
import type { Step, ActionName } from '../campaign/campaign.js';
import type { CapitalType, EntryKind, FundingSource } from '../finance/ledger.js';
import type { HouseholdStatus } from '../finance/matching.js';
import type { RiskState } from '../finance/risk.js';
import type { ProgressStatus, TargetKind } from '../finance/targets.js';
import type { MonitoringKind, MonitoringStatus } from '../finance/monitoring.js';
import type { Movement } from '../registry/movement.js';
import type { BalanceTerms } from '../registry/balance.js';
import type { Classification, Dimension, IndicatorKey } from '../standards/standard.js';
import type {
  Area,
  Disability,
  Durability,
  EducationLevel,
  Employment,
  HousingStructure,
  InfoDevice,
  Latrine,
  Relation,
  Schooling,
  Sex,
  WaterSource,
} from '../survey/record.js';
import type { SuccessionKind, UnitLevel } from '../units/dataset.js';
import type { HouseholdGroup } from '../registry/groups.js';
import type { Annex7Table } from '../reports/annex7.js';
import type { PovertyCause, SupportNeed } from '../survey/record.js';
import { ETHNIC_GROUPS } from '../reference/ethnic-groups.js';

/** The 54 ethnic groups under their names (reference data: src/domain/reference/ethnic-groups.ts). */
const ETHNIC_GROUP_WORDS: Readonly<Record<string, Word>> = Object.fromEntries(
  ETHNIC_GROUPS.map((g) => [g.code, g.name]),
);
import type {
  DonorKind,
  FundCampaign,
  FundLevel,
  ReceiptKind,
  SpendingPurpose,
  TransferKind,
} from '../front/fund.js';
import type { HouseKind, HouseSource, HouseStage, HousingOutcome } from '../front/houses.js';
import type { AnswerStatus, RecommendationState } from '../front/supervision.js';

export type Lang = 'vi' | 'en';

export interface Word {
  readonly vi: string;
  readonly en: string;
}

/** A set of words keyed by code. */
export type WordSet = Readonly<Record<string, Word>>;

export const WORDS = {
  // ── classification ─────────────────────────────────────────────────────────
  classification: {
    POOR: { vi: 'Hộ nghèo', en: 'Poor household' },
    NEAR_POOR: { vi: 'Hộ cận nghèo', en: 'Near-poor household' },
    AVERAGE: { vi: 'Hộ có mức sống trung bình', en: 'Household with an average living standard' },
    NONE: { vi: 'Hộ không thuộc diện nghèo, cận nghèo', en: 'Not poor or near-poor' },
  } satisfies Record<Classification, Word>,
  /** Movement between review periods (src/domain/registry/movement.ts). */
  movement: {
    'thoat-ngheo': { vi: 'Thoát nghèo', en: 'Exited poverty' },
    'thoat-can-ngheo': { vi: 'Thoát cận nghèo', en: 'Exited near-poverty' },
    'ngheo-phat-sinh': { vi: 'Nghèo phát sinh', en: 'Newly poor' },
    'tai-ngheo': { vi: 'Tái nghèo', en: 'Poor again' },
    'can-ngheo-phat-sinh': { vi: 'Cận nghèo phát sinh', en: 'Newly near-poor' },
    'tai-can-ngheo': { vi: 'Tái cận nghèo', en: 'Near-poor again' },
    'khong-doi': { vi: 'Không đổi', en: 'Unchanged' },
    'chua-co-ky-truoc': { vi: 'Chưa có kỳ trước', en: 'No previous period' },
  } satisfies Record<Movement, Word>,
  /** The indicators under their names in Decree 07/2021/NĐ-CP, Art. 3 (keys: contract §3). */
  indicator: {
    employment: { vi: 'Việc làm', en: 'Employment' },
    dependants: { vi: 'Người phụ thuộc trong hộ gia đình', en: 'Dependants in the household' },
    nutrition: { vi: 'Dinh dưỡng', en: 'Nutrition' },
    healthInsurance: { vi: 'Bảo hiểm y tế', en: 'Health insurance' },
    adultEducation: { vi: 'Trình độ giáo dục của người lớn', en: 'Education level of adults' },
    childSchooling: { vi: 'Tình trạng đi học của trẻ em', en: 'School attendance of children' },
    housingQuality: { vi: 'Chất lượng nhà ở', en: 'Housing quality' },
    housingArea: { vi: 'Diện tích nhà ở bình quân đầu người', en: 'Floor area per person' },
    waterSource: { vi: 'Nguồn nước sinh hoạt', en: 'Domestic water source' },
    latrine: { vi: 'Nhà tiêu hợp vệ sinh', en: 'Hygienic latrine' },
    telecom: { vi: 'Sử dụng dịch vụ viễn thông', en: 'Use of telecommunication services' },
    infoAccess: { vi: 'Phương tiện phục vụ tiếp cận thông tin', en: 'Means of access to information' },
  } satisfies Record<IndicatorKey, Word>,
  /** The six dimensions of basic social services (Decree 07/2021/NĐ-CP, Art. 3). */
  dimension: {
    employment: { vi: 'Việc làm', en: 'Employment' },
    health: { vi: 'Y tế', en: 'Health' },
    education: { vi: 'Giáo dục', en: 'Education' },
    housing: { vi: 'Nhà ở', en: 'Housing' },
    'water-sanitation': { vi: 'Nước sinh hoạt và vệ sinh', en: 'Water and sanitation' },
    information: { vi: 'Thông tin', en: 'Information' },
  } satisfies Record<Dimension, Word>,
  /**
   * National standards under their legal names; local standards carry their own name as data.
   * English follows the official translations' form of the number ("ND-CP", no diacritic).
   */
  standard: {
    ND07_2021: { vi: 'Nghị định 07/2021/NĐ-CP', en: 'Decree 07/2021/ND-CP' },
    ND351_2025: { vi: 'Nghị định 351/2025/NĐ-CP', en: 'Decree 351/2025/ND-CP' },
  },

  // ── survey answers (src/domain/survey/record.ts) ───────────────────────────
  area: {
    rural: { vi: 'Nông thôn', en: 'Rural' },
    urban: { vi: 'Thành thị', en: 'Urban' },
  } satisfies Record<Area, Word>,
  durability: {
    durable: { vi: 'Bền chắc', en: 'Durable' },
    'non-durable': { vi: 'Không bền chắc', en: 'Not durable' },
  } satisfies Record<Durability, Word>,
  housingStructure: {
    walls: { vi: 'Tường', en: 'Walls' },
    columns: { vi: 'Cột (khung)', en: 'Columns (frame)' },
    roof: { vi: 'Mái', en: 'Roof' },
  } satisfies Record<HousingStructure, Word>,
  waterSource: {
    piped: { vi: 'Nước máy', en: 'Piped water' },
    'drilled-well': { vi: 'Giếng khoan', en: 'Drilled well' },
    'protected-dug-well': { vi: 'Giếng đào được bảo vệ', en: 'Protected dug well' },
    'protected-spring': { vi: 'Nước khe, mó được bảo vệ', en: 'Protected spring' },
    rainwater: { vi: 'Nước mưa', en: 'Rainwater' },
    bottled: { vi: 'Nước đóng chai, đóng bình', en: 'Bottled water' },
    'unprotected-well': { vi: 'Giếng đào không được bảo vệ', en: 'Unprotected well' },
    'unprotected-spring': { vi: 'Nước khe, mó không được bảo vệ', en: 'Unprotected spring' },
    surface: { vi: 'Nước mặt (sông, suối, ao, hồ)', en: 'Surface water (river, stream, pond, lake)' },
    other: { vi: 'Nguồn nước khác', en: 'Another source' },
  } satisfies Record<WaterSource, Word>,
  latrine: {
    septic: { vi: 'Nhà tiêu tự hoại', en: 'Septic tank' },
    'semi-septic': { vi: 'Nhà tiêu bán tự hoại', en: 'Semi-septic tank' },
    'pour-flush': { vi: 'Nhà tiêu thấm dội nước', en: 'Pour-flush latrine' },
    'double-vault': { vi: 'Nhà tiêu khô hai ngăn', en: 'Double-vault latrine' },
    'ventilated-pit': { vi: 'Nhà tiêu chìm có ống thông hơi', en: 'Ventilated pit latrine' },
    'unhygienic-pit': { vi: 'Hố xí đào không hợp vệ sinh', en: 'Unhygienic pit' },
    bucket: { vi: 'Thùng, xô', en: 'Bucket' },
    none: { vi: 'Không có nhà tiêu', en: 'No latrine' },
    other: { vi: 'Loại nhà tiêu khác', en: 'Another kind of latrine' },
  } satisfies Record<Latrine, Word>,
  infoDevice: {
    tv: { vi: 'Ti vi', en: 'Television' },
    radio: { vi: 'Đài, radio', en: 'Radio' },
    computer: { vi: 'Máy vi tính', en: 'Computer' },
    phone: { vi: 'Điện thoại', en: 'Telephone' },
  } satisfies Record<InfoDevice, Word>,
  sex: {
    M: { vi: 'Nam', en: 'Male' },
    F: { vi: 'Nữ', en: 'Female' },
  } satisfies Record<Sex, Word>,
  relation: {
    head: { vi: 'Chủ hộ', en: 'Head of household' },
    spouse: { vi: 'Vợ/chồng', en: 'Spouse' },
    child: { vi: 'Con', en: 'Child' },
    parent: { vi: 'Bố/mẹ', en: 'Parent' },
    grandchild: { vi: 'Cháu', en: 'Grandchild' },
    sibling: { vi: 'Anh/chị/em', en: 'Sibling' },
    other: { vi: 'Quan hệ khác', en: 'Other relation' },
  } satisfies Record<Relation, Word>,
  employment: {
    'wage-with-contract': { vi: 'Làm công ăn lương, có hợp đồng lao động', en: 'Wage work with a contract' },
    'wage-no-contract': {
      vi: 'Làm công ăn lương, không có hợp đồng lao động',
      en: 'Wage work without a contract',
    },
    'self-employed': { vi: 'Tự sản xuất, kinh doanh', en: 'Self-employed' },
    unemployed: { vi: 'Thất nghiệp', en: 'Unemployed' },
    'not-in-labour-force': { vi: 'Không tham gia lực lượng lao động', en: 'Not in the labour force' },
    student: { vi: 'Đang đi học', en: 'Student' },
  } satisfies Record<Employment, Word>,
  schooling: {
    appropriate: { vi: 'Đi học đúng cấp học theo độ tuổi', en: 'At the school level for the age' },
    'below-level': { vi: 'Đi học thấp hơn cấp học theo độ tuổi', en: 'Below the school level for the age' },
    'not-attending': { vi: 'Không đi học', en: 'Not attending school' },
  } satisfies Record<Schooling, Word>,
  education: {
    none: { vi: 'Chưa tốt nghiệp tiểu học', en: 'No completed level' },
    primary: { vi: 'Tiểu học', en: 'Primary school' },
    'lower-secondary': { vi: 'Trung học cơ sở', en: 'Lower secondary school' },
    'upper-secondary': { vi: 'Trung học phổ thông', en: 'Upper secondary school' },
    'vocational-elementary': { vi: 'Sơ cấp nghề', en: 'Elementary vocational training' },
    'vocational-intermediate': { vi: 'Trung cấp', en: 'Intermediate vocational training' },
    college: { vi: 'Cao đẳng', en: 'College' },
    university: { vi: 'Đại học trở lên', en: 'University or higher' },
  } satisfies Record<EducationLevel, Word>,
  disability: {
    none: { vi: 'Không khuyết tật', en: 'No disability' },
    mild: { vi: 'Khuyết tật nhẹ', en: 'Mild disability' },
    severe: { vi: 'Khuyết tật nặng', en: 'Severe disability' },
    'extremely-severe': { vi: 'Khuyết tật đặc biệt nặng', en: 'Extremely severe disability' },
  } satisfies Record<Disability, Word>,
  /** A yes/no answer, keyed by the JSON literal. */
  yesNo: {
    true: { vi: 'Có', en: 'Yes' },
    false: { vi: 'Không', en: 'No' },
  },

  // ── people and units ───────────────────────────────────────────────────────
  role: {
    admin: { vi: 'Quản trị hệ thống', en: 'System administrator' },
    'province-officer': { vi: 'Cán bộ tỉnh / huyện', en: 'Province / district officer' },
    'commune-officer': { vi: 'Cán bộ xã / phường', en: 'Commune / ward officer' },
    'finance-officer': { vi: 'Cán bộ tài chính', en: 'Finance officer' },
    supervisor: { vi: 'Giám sát', en: 'Supervisor' },
    editor: { vi: 'Biên tập cổng thông tin', en: 'Portal editor' },
    /** The operator of the machine (CLI, imports, the demo's loading). */
    system: { vi: 'Hệ thống', en: 'System' },
  },
  unitLevel: {
    province: { vi: 'Tỉnh / thành phố', en: 'Province / city' },
    district: { vi: 'Huyện / quận / thị xã / thành phố thuộc tỉnh', en: 'District / town / provincial city' },
    commune: { vi: 'Xã / phường / thị trấn / đặc khu', en: 'Commune / ward / township / special zone' },
  } satisfies Record<UnitLevel, Word>,
  /**
   * Types of administrative unit. The official dataset writes a unit's `type` in Vietnamese
   * ("Thành phố thuộc tỉnh"); UNIT_TYPE_CODES maps it to these codes, `wordOfUnitType` to words.
   */
  unitType: {
    'type-tinh': { vi: 'Tỉnh', en: 'Province' },
    'type-tp-tw': { vi: 'Thành phố trực thuộc trung ương', en: 'Centrally governed city' },
    'type-huyen': { vi: 'Huyện', en: 'Rural district' },
    'type-quan': { vi: 'Quận', en: 'Urban district' },
    'type-thi-xa': { vi: 'Thị xã', en: 'District-level town' },
    'type-tp-tinh': { vi: 'Thành phố thuộc tỉnh', en: 'Provincial city' },
    'type-tp-tp-tw': {
      vi: 'Thành phố thuộc thành phố trực thuộc trung ương',
      en: 'City within a centrally governed city',
    },
    'type-xa': { vi: 'Xã', en: 'Commune' },
    'type-phuong': { vi: 'Phường', en: 'Ward' },
    'type-thi-tran': { vi: 'Thị trấn', en: 'Township' },
    'type-dac-khu': { vi: 'Đặc khu', en: 'Special zone' },
  },
  succession: {
    whole: { vi: 'Nhập toàn bộ', en: 'Merged whole' },
    partial: { vi: 'Nhập một phần', en: 'Merged in part' },
    unchanged: { vi: 'Giữ nguyên', en: 'Unchanged' },
    renamed: { vi: 'Đổi tên', en: 'Renamed' },
    retyped: { vi: 'Đổi loại hình', en: 'Type changed' },
    other: { vi: 'Thay đổi khác', en: 'Other change' },
  } satisfies Record<SuccessionKind, Word>,

  // ── review and campaign ────────────────────────────────────────────────────
  reviewStatus: {
    draft: { vi: 'Chưa duyệt', en: 'Draft' },
    approved: { vi: 'Đã duyệt', en: 'Approved' },
  },
  campaignKind: {
    periodic: { vi: 'Rà soát định kỳ', en: 'Periodic review' },
    regular: { vi: 'Rà soát thường xuyên', en: 'Regular review' },
  },
  campaignStep: {
    survey: { vi: 'Điều tra, rà soát', en: 'Survey' },
    meetings: { vi: 'Họp dân thống nhất kết quả', en: 'Village meetings' },
    posting: { vi: 'Niêm yết công khai', en: 'Public posting' },
    complaints: { vi: 'Giải quyết khiếu nại', en: 'Complaints' },
    recognised: { vi: 'Chủ tịch UBND xã công nhận', en: 'Recognised by the commune chair' },
    reported: { vi: 'Đã báo cáo tỉnh', en: 'Reported to the province' },
  } satisfies Record<Step, Word>,
  campaignAction: {
    'open-meetings': { vi: 'Bắt đầu họp dân', en: 'Start village meetings' },
    'record-meeting': { vi: 'Ghi biên bản họp thôn', en: 'Record a village meeting' },
    'record-resurvey': { vi: 'Ghi nhận rà soát lại', en: 'Record a re-survey' },
    'start-posting': { vi: 'Niêm yết công khai', en: 'Post the list publicly' },
    'file-complaint': { vi: 'Nhận khiếu nại', en: 'Receive a complaint' },
    'close-posting': { vi: 'Kết thúc niêm yết', en: 'Close the posting' },
    'resolve-complaint': { vi: 'Giải quyết khiếu nại', en: 'Resolve a complaint' },
    recognise: {
      vi: 'Chủ tịch UBND xã công nhận (Mẫu số 02)',
      en: 'Recognition by the commune chair (form 02)',
    },
    report: { vi: 'Báo cáo tỉnh', en: 'Report to the province' },
    'open-case': { vi: 'Mở hồ sơ rà soát thường xuyên', en: 'Regular-review case opened' },
  } satisfies Record<ActionName | 'open-case', Word>,
  /**
   * What wrote a change into a household's history (src/db/registry-write/);
   * `system` is the actor of writes made without a signed-in person (the demo, the CLI).
   */
  householdChange: {
    import: { vi: 'Nhập kết quả rà soát', en: 'Survey results imported' },
    resurvey: { vi: 'Rà soát lại sau họp thôn', en: 'Re-surveyed after the village meeting' },
    complaint: { vi: 'Sửa theo kết quả giải quyết khiếu nại', en: 'Corrected after a complaint' },
    'regular-review': { vi: 'Rà soát thường xuyên được công nhận', en: 'Regular review recognised' },
    rebuild: { vi: 'Tính lại biến động', en: 'Movements recomputed' },
    // A survey saved from the survey page or sent by the offline survey.
    create: { vi: 'Thêm hộ từ phiếu khảo sát', en: 'Household added from a survey' },
    update: { vi: 'Cập nhật phiếu khảo sát', en: 'Survey updated' },
    system: { vi: 'Hệ thống (nạp dữ liệu)', en: 'System (data load)' },
  },
  /** Where a village stands in the meeting step. */
  villageStatus: {
    pending: { vi: 'Chưa họp thống nhất', en: 'Meeting pending' },
    agreed: { vi: 'Đã thống nhất', en: 'Agreed' },
    resurvey: { vi: 'Phải rà soát lại', en: 'Re-survey needed' },
  },
  meetingOutcome: {
    agreed: { vi: 'Thống nhất kết quả', en: 'Results agreed' },
    resurvey: { vi: 'Không thống nhất, rà soát lại', en: 'Not agreed, re-survey' },
  },
  complaintStatus: {
    open: { vi: 'Đang xem xét, phúc tra', en: 'Being re-checked' },
    accepted: { vi: 'Đã chấp nhận', en: 'Accepted' },
    rejected: { vi: 'Không chấp nhận', en: 'Not accepted' },
  },

  // ── finance ────────────────────────────────────────────────────────────────
  capitalType: {
    development: { vi: 'Vốn đầu tư phát triển', en: 'Development investment' },
    recurrent: { vi: 'Vốn sự nghiệp', en: 'Recurrent spending' },
  } satisfies Record<CapitalType, Word>,
  fundSource: {
    central: { vi: 'Ngân sách trung ương', en: 'Central budget' },
    province: { vi: 'Ngân sách tỉnh', en: 'Provincial budget' },
    commune: { vi: 'Ngân sách huyện/xã', en: 'District/commune budget' },
    other: { vi: 'Nguồn huy động khác', en: 'Other sources' },
  } satisfies Record<FundingSource, Word>,
  ledgerEntry: {
    increase: { vi: 'Bổ sung', en: 'Increase' },
    cut: { vi: 'Cắt giảm', en: 'Cut' },
    'transfer-in': { vi: 'Điều chuyển đến', en: 'Transfer in' },
    'transfer-out': { vi: 'Điều chuyển đi', en: 'Transfer out' },
    'carry-over-in': { vi: 'Chuyển nguồn từ năm trước', en: 'Carried over from the previous year' },
    'carry-over-out': { vi: 'Chuyển nguồn sang năm sau', en: 'Carried over to the next year' },
  } satisfies Record<EntryKind, Word>,
  riskState: {
    completed: { vi: 'Đã giải ngân hết', en: 'Fully disbursed' },
    starting: { vi: 'Mới giao vốn', en: 'Just allocated' },
    'on-track': { vi: 'Đúng tiến độ', en: 'On track' },
    'at-risk': { vi: 'Nguy cơ chậm giải ngân', en: 'At risk of delay' },
    lapsed: { vi: 'Quá hạn, còn vốn', en: 'Overdue, money left' },
  } satisfies Record<RiskState, Word>,
  targetKind: {
    'poor-reduction': { vi: 'Giảm số hộ nghèo', en: 'Reduce poor households' },
    'poor-rate-reduction': { vi: 'Giảm tỷ lệ hộ nghèo', en: 'Reduce the poor-household rate' },
    'near-poor-reduction': { vi: 'Giảm số hộ cận nghèo', en: 'Reduce near-poor households' },
    free: { vi: 'Chỉ tiêu khác', en: 'Other target' },
  } satisfies Record<TargetKind, Word>,
  // Program monitoring (issue 13; src/domain/finance/monitoring.ts).
  monitoringKind: {
    'multidimensional-rate-reduction': {
      vi: 'Giảm tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều (1–1,5 điểm %/năm)',
      en: 'Reduce the multidimensional poverty rate (1–1.5 points a year)',
    },
    'poor-district-rate-reduction': {
      vi: 'Giảm tỷ lệ hộ nghèo ở các huyện nghèo (4–5 điểm %/năm)',
      en: 'Reduce the poor-household rate in poor districts (4–5 points a year)',
    },
    'ethnic-minority-rate-reduction': {
      vi: 'Giảm tỷ lệ hộ nghèo đồng bào dân tộc thiểu số (trên 3 điểm %/năm)',
      en: 'Reduce the poverty rate among ethnic-minority households (over 3 points a year)',
    },
  } satisfies Record<MonitoringKind, Word>,
  /** Short names of the target kinds (a chart's axis). */
  monitoringKindShort: {
    'multidimensional-rate-reduction': { vi: 'Toàn đơn vị', en: 'Whole unit' },
    'poor-district-rate-reduction': { vi: 'Huyện nghèo', en: 'Poor districts' },
    'ethnic-minority-rate-reduction': { vi: 'Đồng bào DTTS', en: 'Ethnic minorities' },
  } satisfies Record<MonitoringKind, Word>,
  monitoringStatus: {
    below: { vi: 'Dưới mức giao', en: 'Below the band' },
    within: { vi: 'Trong mức giao', en: 'Within the band' },
    above: { vi: 'Vượt mức giao', en: 'Above the band' },
    'no-data': { vi: 'Chưa có kết quả', en: 'No results yet' },
    'no-residents': { vi: 'Chưa nhập tổng số hộ dân cư', en: 'Resident households not entered' },
    'no-denominator': {
      vi: 'Chưa có tổng số hộ dân tộc thiểu số để tính tỷ lệ',
      en: 'Ethnic-minority households not held: no rate',
    },
    'no-area-list': {
      vi: 'Chưa có danh sách huyện nghèo (Quyết định 353/QĐ-TTg)',
      en: 'List of poor districts not held (Decision 353/QĐ-TTg)',
    },
  } satisfies Record<MonitoringStatus, Word>,
  progressStatus: {
    met: { vi: 'Đạt', en: 'Met' },
    'not-met': { vi: 'Chưa đạt', en: 'Not met' },
    'no-data': { vi: 'Chưa có số liệu', en: 'No data yet' },
    'not-measured': { vi: 'Không đo được', en: 'Cannot be measured' },
    'no-residents': {
      vi: 'Chưa nhập tổng số hộ dân cư',
      en: 'Resident households not entered',
    },
  } satisfies Record<ProgressStatus, Word>,
  taskStatus: {
    open: { vi: 'Chưa thực hiện', en: 'Open' },
    'in-progress': { vi: 'Đang thực hiện', en: 'In progress' },
    done: { vi: 'Hoàn thành', en: 'Done' },
    cancelled: { vi: 'Huỷ', en: 'Cancelled' },
  },
  assigneeKind: {
    department: { vi: 'Phòng, ban', en: 'Department' },
    ward: { vi: 'Xã, phường', en: 'Commune or ward' },
  },
  /** A household's standing for the program's support (src/domain/finance/matching.ts). */
  supportStatus: {
    poor: { vi: 'Hộ nghèo', en: 'Poor household' },
    'near-poor': { vi: 'Hộ cận nghèo', en: 'Near-poor household' },
    'recently-exited': { vi: 'Hộ mới thoát nghèo', en: 'Recently exited poverty' },
    other: { vi: 'Hộ khác', en: 'Other household' },
  } satisfies Record<HouseholdStatus, Word>,

  // ── public portal ──────────────────────────────────────────────────────────
  feedbackKind: {
    list: {
      vi: 'Danh sách hộ nghèo, cận nghèo đang niêm yết',
      en: 'A posted list of poor and near-poor households',
    },
    program: { vi: 'Chương trình giảm nghèo nói chung', en: 'The program in general' },
  },
  feedbackStatus: {
    received: { vi: 'Đã tiếp nhận', en: 'Received' },
    'in-progress': { vi: 'Đang xử lý', en: 'In progress' },
    answered: { vi: 'Đã trả lời', en: 'Answered' },
    closed: { vi: 'Đã đóng', en: 'Closed' },
  },
  articleStatus: {
    draft: { vi: 'Bản nháp', en: 'Draft' },
    scheduled: { vi: 'Hẹn giờ đăng', en: 'Scheduled' },
    published: { vi: 'Đã đăng', en: 'Published' },
    withdrawn: { vi: 'Đã gỡ', en: 'Withdrawn' },
  },
  commentStatus: {
    pending: { vi: 'Chờ duyệt', en: 'Awaiting moderation' },
    published: { vi: 'Đã đăng', en: 'Published' },
    rejected: { vi: 'Không đăng', en: 'Rejected' },
  },
  // ── official reports (issue 12) ────────────────────────────────────────────
  /** The terms of the year's balance (src/domain/registry/balance.ts), in the order of the identity. */
  balanceTerm: {
    start: { vi: 'Đầu kỳ', en: 'Start of the year' },
    exited: { vi: 'Thoát', en: 'Exited' },
    new: { vi: 'Phát sinh', en: 'Newly' },
    returned: { vi: 'Tái', en: 'Again' },
    movedIn: { vi: 'Chuyển đến', en: 'Moved in' },
    movedOut: { vi: 'Chuyển đi', en: 'Moved out' },
    end: { vi: 'Cuối kỳ', en: 'End of the year' },
  } satisfies Record<keyof BalanceTerms, Word>,
  // ── personal data protection (issue 17) ───────────────────────────────────
  /** What a line of the access record says was read (src/services/privacy/access-record.service.ts). */
  accessAction: {
    'household.read': { vi: 'Xem hồ sơ hộ', en: 'Household page read' },
    'household.report': { vi: 'Trích xuất toàn bộ dữ liệu của hộ', en: 'Household data report' },
    'export.households': { vi: 'Xuất danh sách hộ', en: 'Household list exported' },
    'export.recognised': {
      vi: 'Xuất danh sách hộ nghèo, cận nghèo được công nhận',
      en: 'Recognised lists exported',
    },
    'certificate.print': { vi: 'In giấy chứng nhận', en: 'Certificates printed' },
    // List screens and searches, campaign screens and papers (decision 0038).
    'list.households': { vi: 'Xem danh sách, tìm kiếm hộ', en: 'Household list or search viewed' },
    'campaign.read': { vi: 'Xem hồ sơ rà soát của xã', en: 'Commune review viewed' },
    'review-paper.read': { vi: 'Xem danh sách rà soát, biểu mẫu', en: 'Review lists or paper viewed' },
    'offline.download': {
      vi: 'Tải gói khảo sát ngoại tuyến',
      en: 'Offline survey package downloaded',
    },
  },
  // ── ethnicity, household groups, causes and needs, Annex VII (issue 12) ─────
  /** Members' ethnicity: codes of the 1979 list. */
  ethnicGroup: ETHNIC_GROUP_WORDS,
  /** The household groups of the Annex VII tables (src/domain/registry/groups.ts), and no labour. */
  householdGroup: {
    'ethnic-minority': { vi: 'Hộ dân tộc thiểu số', en: 'Ethnic-minority household' },
    merit: {
      vi: 'Hộ có thành viên là người có công với cách mạng',
      en: 'Household with a person with merit',
    },
    'social-protection': {
      vi: 'Hộ có thành viên hưởng trợ cấp bảo trợ xã hội hằng tháng',
      en: 'Household with a member on a monthly social allowance',
    },
    'female-head': { vi: 'Hộ có chủ hộ là nữ', en: 'Female-headed household' },
    'no-labour': { vi: 'Hộ không có khả năng lao động', en: 'Household without labour capacity' },
  } satisfies Record<HouseholdGroup | 'no-labour', Word>,
  /** The Annex VII tables (src/domain/reports/annex7.ts). */
  annex7Table: {
    area: { vi: 'Theo khu vực thành thị, nông thôn', en: 'By urban and rural area' },
    ethnic: { vi: 'Hộ dân tộc thiểu số', en: 'Ethnic-minority households' },
    groups: { vi: 'Theo nhóm hộ', en: 'By household group' },
    deprivation: { vi: 'Theo chỉ số thiếu hụt', en: 'By deprivation indicator' },
  } satisfies Record<Annex7Table, Word>,
  /** Where a commune lies for the Annex VII tables: the unit's type on the report date. */
  annex7Area: {
    urban: { vi: 'Khu vực thành thị', en: 'Urban area' },
    rural: { vi: 'Khu vực nông thôn', en: 'Rural area' },
    special: { vi: 'Đặc khu', en: 'Special zone' },
  },
  povertyCause: {
    'no-land': { vi: 'Thiếu đất sản xuất', en: 'Lacks land to farm' },
    'no-capital': { vi: 'Thiếu vốn sản xuất, kinh doanh', en: 'Lacks capital' },
    'no-labour': { vi: 'Thiếu lao động', en: 'Lacks working members' },
    'no-means': { vi: 'Thiếu phương tiện sản xuất', en: 'Lacks means of production' },
    'no-skills': {
      vi: 'Không biết cách làm ăn, không có tay nghề',
      en: 'Lacks know-how or vocational skills',
    },
    illness: { vi: 'Có người ốm đau nặng, tai nạn', en: 'Serious illness or accident' },
    'many-dependants': { vi: 'Đông người ăn theo', en: 'Many dependants' },
    disaster: { vi: 'Thiên tai, rủi ro', en: 'Natural disaster or other shock' },
    'social-evils': { vi: 'Có người mắc tệ nạn xã hội', en: 'A member with an addiction' },
    unwilling: { vi: 'Chây lười lao động', en: 'Unwilling to work' },
    other: { vi: 'Nguyên nhân khác', en: 'Other cause' },
  } satisfies Record<PovertyCause, Word>,
  supportNeed: {
    credit: { vi: 'Vay vốn ưu đãi', en: 'Preferential credit' },
    land: { vi: 'Hỗ trợ đất sản xuất', en: 'Land to farm' },
    means: { vi: 'Hỗ trợ phương tiện sản xuất', en: 'Means of production' },
    'seeds-livestock': { vi: 'Hỗ trợ giống cây trồng, vật nuôi', en: 'Seeds or livestock' },
    'know-how': { vi: 'Hướng dẫn cách làm ăn', en: 'Guidance on earning a living' },
    'training-jobs': { vi: 'Đào tạo nghề, giới thiệu việc làm', en: 'Vocational training and job placement' },
    'labour-export': { vi: 'Hỗ trợ đi làm việc ở nước ngoài', en: 'Work abroad under contract' },
    housing: { vi: 'Hỗ trợ nhà ở', en: 'Housing' },
    'water-sanitation': {
      vi: 'Hỗ trợ nước sạch, nhà tiêu hợp vệ sinh',
      en: 'Clean water and a hygienic latrine',
    },
    'health-insurance': { vi: 'Hỗ trợ bảo hiểm y tế', en: 'Health insurance' },
    education: { vi: 'Hỗ trợ giáo dục, học phí', en: 'Schooling and tuition' },
    'social-allowance': { vi: 'Trợ cấp xã hội', en: 'Social allowance' },
    other: { vi: 'Hỗ trợ khác', en: 'Other support' },
  } satisfies Record<SupportNeed, Word>,
  // The review year's paperwork (issue 12 part 2, decision 0026).
  reportRound: {
    monthly: { vi: 'Báo cáo tháng (rà soát thường xuyên)', en: 'Monthly report (regular review)' },
    'commune-periodic': {
      vi: 'Báo cáo kết quả rà soát định kỳ của xã gửi tỉnh',
      en: 'Commune periodic review results to the province',
    },
    preliminary: { vi: 'Báo cáo sơ bộ kết quả rà soát', en: 'Preliminary review results' },
    official: { vi: 'Báo cáo chính thức kết quả rà soát', en: 'Official review results' },
  },
  // What is known of a round's date and columns (src/domain/reports/round.ts ROUND_FACTS).
  roundDueSource: {
    decree: {
      vi: 'Hạn theo Điều 7 Quyết định 24/2021/QĐ-TTg',
      en: 'Date set by Decision 24/2021/QĐ-TTg Art. 7',
    },
    'province-plan': {
      vi: 'Hạn do kế hoạch rà soát của tỉnh quy định; ngày đang dùng là mặc định, chưa xác nhận',
      en: "Date set by the province's review plan; the date used is a default, unconfirmed",
    },
  },
  roundLayout: {
    'own-design': {
      vi: 'Chưa có mẫu chính thức: các cột do phần mềm đề xuất, chưa xác nhận',
      en: 'No official template: the columns are the software’s own, unconfirmed',
    },
    'default-shape': {
      vi: 'Theo dạng bảng cân đối của mẫu tổng hợp cũ; cột của mẫu năm 2021 chưa xác nhận',
      en: 'In the balance shape of the older summary template; the 2021 template’s columns are unconfirmed',
    },
  },
  roundStatus: {
    'on-time': { vi: 'Đã nộp đúng hạn', en: 'Submitted on time' },
    'submitted-late': { vi: 'Nộp trễ hạn', en: 'Submitted late' },
    late: { vi: 'Quá hạn, chưa nộp', en: 'Late, not submitted' },
    'not-due': { vi: 'Chưa đến hạn', en: 'Not due yet' },
  },
  applicationForm: {
    '01': {
      vi: 'Mẫu số 01 — Đề nghị rà soát hộ nghèo, hộ cận nghèo',
      en: 'Form 01 — request to be reviewed as poor or near-poor',
    },
    '04': {
      vi: 'Mẫu số 04 — Đề nghị công nhận thoát nghèo, thoát cận nghèo',
      en: 'Form 04 — request to be recognised as having exited',
    },
  },
  applicationStatus: {
    received: { vi: 'Đã tiếp nhận, chờ quyết định', en: 'Received, awaiting decision' },
    recognised: { vi: 'Đã công nhận', en: 'Recognised' },
    refused: { vi: 'Từ chối (có văn bản nêu lý do)', en: 'Refused (reasons in writing)' },
  },
  reviewPaper: {
    decision: {
      vi: 'Quyết định công nhận (Mẫu số 02) và bốn danh sách',
      en: 'Recognition decision (Form 02) with its four lists',
    },
    'posted-lists': { vi: 'Danh sách niêm yết công khai', en: 'Posted lists' },
    minutes: { vi: 'Biên bản họp thôn', en: 'Village meeting minutes' },
    'posting-notice': { vi: 'Thông báo niêm yết', en: 'Posting notice' },
  },
  // ── Fatherland Front: fund, houses, supervision (issue 16; decision 0030) ──
  receiptKind: {
    cash: { vi: 'Tiền mặt, chuyển khoản', en: 'Cash or bank transfer' },
    'in-kind': { vi: 'Hiện vật, ngày công (quy ra tiền)', en: 'In kind or labour (at a stated value)' },
  } satisfies Record<ReceiptKind, Word>,
  donorKind: {
    individual: { vi: 'Cá nhân, hộ gia đình', en: 'Person or household' },
    organisation: { vi: 'Cơ quan, tổ chức, doanh nghiệp', en: 'Agency, organisation or enterprise' },
  } satisfies Record<DonorKind, Word>,
  fundCampaign: {
    'peak-month': {
      vi: 'Tháng cao điểm "Vì người nghèo" (17/10–18/11)',
      en: 'Peak month for the poor (17/10–18/11)',
    },
    tet: { vi: 'Tết vì người nghèo', en: 'Lunar New Year for the poor' },
    'disaster-relief': { vi: 'Cứu trợ thiên tai', en: 'Disaster relief' },
    regular: { vi: 'Vận động thường xuyên', en: 'All-year fundraising' },
  } satisfies Record<FundCampaign, Word>,
  fundPurpose: {
    'house-new': { vi: 'Xây mới nhà Đại đoàn kết', en: 'Building a Great Solidarity house' },
    'house-repair': { vi: 'Sửa chữa nhà ở', en: 'Repairing a house' },
    livelihood: { vi: 'Hỗ trợ sinh kế, phát triển sản xuất', en: 'Livelihood and production support' },
    'tet-gift': { vi: 'Quà Tết', en: 'Lunar New Year gifts' },
    scholarship: { vi: 'Học bổng', en: 'Scholarships' },
    'health-insurance': { vi: 'Thẻ bảo hiểm y tế', en: 'Health-insurance cards' },
    'medical-aid': { vi: 'Hỗ trợ khám, chữa bệnh', en: 'Medical care' },
    other: { vi: 'Hỗ trợ khác', en: 'Other support' },
  } satisfies Record<SpendingPurpose, Word>,
  fundTransfer: {
    transfer: { vi: 'Điều chuyển giữa các cấp', en: 'Transfer between levels' },
    'carry-over': { vi: 'Chuyển số dư sang năm sau', en: 'Carry-over to the next year' },
  } satisfies Record<TransferKind, Word>,
  fundLevel: {
    commune: { vi: 'Ủy ban MTTQ cấp xã', en: 'Front committee of the commune' },
    district: { vi: 'Ủy ban MTTQ cấp huyện', en: 'Front committee of the district' },
    province: { vi: 'Ủy ban MTTQ cấp tỉnh', en: 'Front committee of the province' },
  } satisfies Record<FundLevel, Word>,
  houseKind: {
    new: { vi: 'Xây mới', en: 'New house' },
    repair: { vi: 'Sửa chữa', en: 'Repair' },
  } satisfies Record<HouseKind, Word>,
  houseSource: {
    fund: { vi: 'Quỹ "Vì người nghèo"', en: 'Fund for the Poor' },
    project5: { vi: 'Dự án 5 của Chương trình', en: 'The program’s Project 5' },
    family: { vi: 'Gia đình tự có', en: 'The family' },
    community: { vi: 'Cộng đồng, dòng họ, ngày công', en: 'The community, relatives, labour' },
    other: { vi: 'Nguồn khác', en: 'Other sources' },
  } satisfies Record<HouseSource, Word>,
  houseStage: {
    approved: { vi: 'Đã duyệt', en: 'Approved' },
    'under-construction': { vi: 'Đang xây dựng', en: 'Under construction' },
    'handed-over': { vi: 'Đã bàn giao', en: 'Handed over' },
  } satisfies Record<HouseStage, Word>,
  housingOutcome: {
    lifted: { vi: 'Hết thiếu hụt về nhà ở', en: 'No longer deprived in housing' },
    'still-deprived': { vi: 'Vẫn thiếu hụt về nhà ở', en: 'Still deprived in housing' },
    'not-deprived-before': { vi: 'Trước đó không thiếu hụt nhà ở', en: 'Not deprived in housing before' },
    'not-surveyed-yet': { vi: 'Chưa khảo sát lại', en: 'Not surveyed again yet' },
  } satisfies Record<HousingOutcome, Word>,
  answerStatus: {
    accepted: { vi: 'Tiếp thu, đã giải quyết', en: 'Accepted and settled' },
    'in-progress': { vi: 'Tiếp thu, đang giải quyết', en: 'Accepted, being settled' },
    'not-accepted': { vi: 'Không tiếp thu, có giải trình', en: 'Not accepted, with an explanation' },
  } satisfies Record<AnswerStatus, Word>,
  recommendationState: {
    awaiting: { vi: 'Chờ trả lời', en: 'Awaiting an answer' },
    overdue: { vi: 'Quá hạn chưa trả lời', en: 'Overdue, not answered' },
    answered: { vi: 'Đã trả lời đúng hạn', en: 'Answered on time' },
    'answered-late': { vi: 'Trả lời muộn', en: 'Answered late' },
  } satisfies Record<RecommendationState, Word>,
} as const satisfies Record<string, WordSet>;

export type WordSetName = keyof typeof WORDS;
/** The codes of a set. */
export type CodeOf<S extends WordSetName> = keyof (typeof WORDS)[S] & string;

/** The word of a code known at compile time. */
export function wordOf<S extends WordSetName>(set: S, code: CodeOf<S>, lang: Lang): string {
  return (WORDS[set] as WordSet)[code]![lang];
}

/** Both labels of a code known at compile time. */
export function wordsOf<S extends WordSetName>(set: S, code: CodeOf<S>): Word {
  return (WORDS[set] as WordSet)[code]!;
}

/** Whether `code` is a code of `set`. */
export function hasWord(set: WordSetName, code: string): boolean {
  return Object.prototype.hasOwnProperty.call(WORDS[set], code);
}

/**
 * The word of a code read from storage or the API (a string). A code missing from the set is a
 * bug the completeness test exists to catch; should one slip through, it shows in brackets
 * ("[xyz]") so the person sees something is wrong, and the e2e crawl fails on it.
 */
export function wordOfCode(set: WordSetName, code: string | null | undefined, lang: Lang): string {
  if (code === null || code === undefined || code === '') return '—';
  return hasWord(set, code) ? (WORDS[set] as WordSet)[code]![lang] : `[${code}]`;
}

/** Both labels of a code read from storage (see wordOfCode for a missing code). */
export function wordsOfCode(set: WordSetName, code: string | null | undefined): Word {
  return { vi: wordOfCode(set, code, 'vi'), en: wordOfCode(set, code, 'en') };
}

/** The dataset's unit types (its Vietnamese text) → their codes in the catalogue's `unitType`. */
export const UNIT_TYPE_CODES: Readonly<Record<string, CodeOf<'unitType'>>> = Object.fromEntries(
  Object.entries(WORDS.unitType).map(([code, w]) => [w.vi, code as CodeOf<'unitType'>]),
);

/**
 * A unit's type (as the dataset writes it) in a language. A type the catalogue does not know is
 * the dataset's own Vietnamese text, shown as it is.
 */
export function wordOfUnitType(type: string, lang: Lang): string {
  const code = UNIT_TYPE_CODES[type.normalize('NFC')];
  return code ? WORDS.unitType[code][lang] : type;
}

/** The set's codes and words in catalogue order, e.g. for a drop-down. */
export function optionsOf<S extends WordSetName>(set: S, lang: Lang): { value: CodeOf<S>; label: string }[] {
  return Object.entries(WORDS[set] as WordSet).map(([value, w]) => ({
    value: value as CodeOf<S>,
    label: w[lang],
  }));
}

/**
 * A word inside a sentence: the first letter lower-cased ("Nước mặt …" → "nước mặt …"), except
 * where the word starts with an abbreviation (two capitals) or a legal name.
 */
export function inSentence(word: string): string {
  if (word.length < 2 || /^\p{Lu}{2}/u.test(word) || /^(Nghị định|Decree)\b/u.test(word)) {
    return word;
  }
  return word.charAt(0).toLocaleLowerCase('vi') + word.slice(1);
}
