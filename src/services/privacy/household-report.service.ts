// A household's own data, on its request (Law 91/2025/QH15 on Personal Data Protection: the data
// subject's right to know and to obtain their data): everything the registry holds about one
// household — members, survey answers by period, results, certificates, support received, the
// change history and who read it — as JSON and as a PDF to hand over. Corrections go through the
// normal audited edit. Only a reader who may see personal data may produce it, within their
// scope; producing it is itself recorded in the access record.
import { decodeSnapshot } from '../../domain/registry/history.js';
import { AppError } from '../../errors.js';
import { formatDateVn, formatInstantVn } from '../../domain/dates.js';
import { wordOfCode } from '../../domain/words/catalogue.js';
import { certificateNumber } from '../../domain/registry/certificate.js';
import { formatVnd } from '../../domain/format.js';
import type { Executor } from '../../db/repositories/executor.js';
import {
  findHouseholdsByKey,
  listChanges,
  listMembers,
  listResults,
  readAnswers,
} from '../../db/repositories/registry.repository.js';
import { findUnitVersions } from '../../db/repositories/units.repository.js';
import { findVillage } from '../../db/repositories/villages.repository.js';
import { listSupportOfHousehold } from '../../db/repositories/finance.repository.js';
import { listAccessOfHousehold } from '../../db/repositories/access-record.repository.js';
import { listCertificatesOfHousehold } from '../../db/repositories/privacy.repository.js';
import { isWithinScope, requirePersonalData } from '../access.js';
import { actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { nfc, renderPdf } from '../pdf.js';
import { accessItem, recordAccess, type AccessItem } from './access-record.service.js';

export interface HouseholdReport {
  generatedAt: string;
  generatedBy: string;
  household: {
    householdId: string;
    provinceCode: string;
    communeCode: string;
    communeName: string;
    village: string | null;
    headName: string;
    headBirthDate: string | null;
    address: string | null;
    createdAt: string;
    updatedAt: string;
  };
  members: Record<string, unknown>[];
  results: {
    period: number;
    surveyDate: string;
    standard: string;
    classification: string;
    classificationWord: string;
    deprivations: string[];
    movement: string;
    status: string;
    recognised: boolean;
    answers: unknown;
  }[];
  certificates: {
    number: string;
    period: number;
    classification: string;
    decisionNumber: string;
    decisionDate: string;
    signer: string;
    status: string;
    issuedAt: string;
    replacedAt: string | null;
  }[];
  support: { supportedOn: string; component: string; amount: number; description: string }[];
  history: { at: string; actor: string; action: string; before: unknown; after: unknown }[];
  accessRecord: AccessItem[];
}

/** Everything held about one household (no access is recorded: the archive of the retention uses it too). */
export async function collectHouseholdData(
  deps: Deps,
  db: Executor,
  h: { id: number; province_code: string; household_key: string },
  generatedBy: string,
): Promise<HouseholdReport> {
  const household = (await findHouseholdsByKey(db, h.household_key)).find(
    (x) => x.province_code === h.province_code,
  )!;
  const [members, results, changes, certificates, support, access] = await Promise.all([
    listMembers(db, h.province_code, h.id),
    listResults(db, h.province_code, h.id),
    listChanges(db, h.province_code, h.id),
    listCertificatesOfHousehold(db, h.province_code, h.id),
    listSupportOfHousehold(db, h.province_code, h.household_key),
    listAccessOfHousehold(db, h.province_code, h.household_key),
  ]);
  const commune = (await findUnitVersions(db, household.commune_code)).at(-1);
  const village = household.village_id ? await findVillage(db, household.village_id) : undefined;
  const records = await readAnswers(db, results);
  return {
    generatedAt: nowIso(deps),
    generatedBy,
    household: {
      householdId: household.household_key,
      provinceCode: household.province_code,
      communeCode: household.commune_code,
      communeName: commune?.name ?? household.commune_code,
      village: village?.name ?? null,
      headName: household.head_name,
      headBirthDate: household.head_birth_date,
      address: household.address,
      createdAt: household.created_at,
      updatedAt: household.updated_at,
    },
    members: members.map((m) => ({
      name: m.name,
      idNumber: m.id_number,
      birthDate: m.birth_date,
      sex: m.sex,
      relation: m.relation,
      ...m.data,
    })),
    results: results.map((r, i) => ({
      period: Number(r.period),
      surveyDate: r.survey_date,
      standard: r.standard,
      classification: r.classification,
      classificationWord: wordOfCode('classification', r.classification, 'vi'),
      deprivations: r.deprivations ? r.deprivations.split(',') : [],
      movement: r.movement,
      status: r.status,
      recognised: Number(r.frozen) === 1,
      answers: records[i] as unknown,
    })),
    certificates: certificates.map((c) => ({
      number: certificateNumber(c.number),
      period: c.period,
      classification: c.classification,
      decisionNumber: c.decision_number,
      decisionDate: c.decision_date,
      signer: c.signer,
      status: c.status,
      issuedAt: c.issued_at,
      replacedAt: c.replaced_at,
    })),
    support: support.map((s) => ({
      supportedOn: s.supported_on,
      component: `${s.component_code} ${s.component_name}`,
      amount: s.amount,
      description: s.description,
    })),
    history: changes.map((c) => ({
      at: c.at,
      actor: c.actor,
      action: c.action,
      before: decodeSnapshot(c.before_json),
      after: decodeSnapshot(c.after_json),
    })),
    accessRecord: access.map(accessItem),
  };
}

/**
 * The report of the household of `key` the actor may read (a key is unique within a province);
 * a household outside the scope answers like a missing one.
 */
export async function householdReport(deps: Deps, actor: Actor, key: string): Promise<HouseholdReport> {
  requirePersonalData(actor);
  const db = deps.db.kysely;
  let found: Awaited<ReturnType<typeof findHouseholdsByKey>>[number] | undefined;
  for (const h of await findHouseholdsByKey(db, key))
    if (await isWithinScope(db, actor, h.commune_code)) {
      found = h;
      break;
    }
  if (!found) throw new AppError('HOUSEHOLD_NOT_FOUND', { id: key }, { field: 'householdId' });
  const report = await collectHouseholdData(deps, db, { ...found, id: Number(found.id) }, actorName(actor));
  await recordAccess(deps, actor, {
    action: 'household.report',
    provinceCode: found.province_code,
    unitCode: found.commune_code,
    householdKey: key,
  });
  return report;
}

// ── PDF ──────────────────────────────────────────────────────────────────────

const cell = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : nfc(String(v)));

function table(headers: string[], rows: unknown[][], widths?: (string | number)[]) {
  if (rows.length === 0) return { text: 'Không có / None', italics: true, margin: [0, 0, 0, 8] };
  return {
    fontSize: 8,
    margin: [0, 0, 0, 8],
    table: {
      headerRows: 1,
      widths: widths ?? headers.map(() => '*'),
      body: [headers.map((h) => ({ text: h, bold: true })), ...rows.map((r) => r.map(cell))],
    },
  };
}

const heading = (vi: string, en: string) => ({
  text: nfc(`${vi} / ${en}`),
  bold: true,
  fontSize: 11,
  margin: [0, 8, 0, 4],
});

/** Answers of a period as "field: value" lines (the stored survey record, members apart). */
function answerLines(answers: unknown): string {
  if (!answers || typeof answers !== 'object') return '—';
  return Object.entries(answers as Record<string, unknown>)
    .filter(([k]) => k !== 'members')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join('\n');
}

/** The report as a PDF (A4, Vietnamese headings with English). `compress: false` for tests. */
export async function householdReportPdf(
  r: HouseholdReport,
  opts: { compress?: boolean } = {},
): Promise<Buffer> {
  const h = r.household;
  const dateOrDash = (d: string | null) => (d ? formatDateVn(d) : '—');
  return renderPdf({
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [36, 36, 36, 36],
    compress: opts.compress ?? true,
    info: { title: nfc(`Dữ liệu của hộ ${h.householdId}`), creator: 'giamngheo' },
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    content: [
      {
        text: 'DỮ LIỆU CÁ NHÂN CỦA HỘ GIA ĐÌNH / A HOUSEHOLD’S PERSONAL DATA',
        bold: true,
        fontSize: 14,
        alignment: 'center',
      },
      {
        text: nfc(
          `Trích xuất lúc ${formatInstantVn(r.generatedAt)} (giờ Việt Nam) bởi ${r.generatedBy}. Mọi sửa đổi thực hiện qua chức năng sửa hồ sơ hộ (có lưu vết). / Produced at ${formatInstantVn(r.generatedAt)} (Vietnam time) by ${r.generatedBy}; corrections go through the audited household edit.`,
        ),
        italics: true,
        alignment: 'center',
        margin: [0, 4, 0, 8],
      },
      heading('Hộ gia đình', 'Household'),
      table(
        ['Mã hộ', 'Chủ hộ', 'Ngày sinh chủ hộ', 'Địa chỉ', 'Thôn, tổ dân phố', 'Xã, phường'],
        [
          [
            h.householdId,
            h.headName,
            dateOrDash(h.headBirthDate),
            h.address,
            h.village,
            `${h.communeName} (${h.communeCode})`,
          ],
        ],
      ),
      heading('Thành viên', 'Members'),
      table(
        ['Họ và tên', 'Số định danh', 'Ngày sinh', 'Giới tính', 'Quan hệ', 'Thông tin khác'],
        r.members.map((m) => {
          const { name, idNumber, birthDate, sex, relation, ...rest } = m as Record<string, string | null>;
          return [
            name,
            idNumber,
            dateOrDash(birthDate ?? null),
            wordOfCode('sex', sex, 'vi'),
            wordOfCode('relation', relation, 'vi'),
            Object.entries(rest)
              .filter(([, v]) => v !== null && v !== undefined)
              .map(([k, v]) => `${k}: ${String(v)}`)
              .join('; '),
          ];
        }),
        [110, 70, 55, 40, 60, '*'],
      ),
      heading('Kết quả rà soát và câu trả lời theo kỳ', 'Review results and answers by period'),
      table(
        ['Kỳ', 'Ngày khảo sát', 'Phân loại', 'Chỉ số thiếu hụt', 'Công nhận', 'Câu trả lời'],
        r.results.map((x) => [
          x.period,
          formatDateVn(x.surveyDate),
          x.classificationWord,
          x.deprivations.map((d) => wordOfCode('indicator', d, 'vi')).join(', '),
          x.recognised ? 'Đã công nhận' : wordOfCode('reviewStatus', x.status, 'vi'),
          answerLines(x.answers),
        ]),
        [30, 55, 70, 120, 60, '*'],
      ),
      heading('Giấy chứng nhận', 'Certificates'),
      table(
        ['Số', 'Kỳ', 'Phân loại', 'Quyết định', 'Người ký', 'Trạng thái'],
        r.certificates.map((c) => [
          c.number,
          c.period,
          wordOfCode('classification', c.classification, 'vi'),
          `${c.decisionNumber} ngày ${formatDateVn(c.decisionDate)}`,
          c.signer,
          c.status === 'valid' ? 'Còn hiệu lực' : 'Đã thay thế',
        ]),
      ),
      heading('Hỗ trợ đã nhận', 'Support received'),
      table(
        ['Ngày', 'Dự án, tiểu dự án', 'Số tiền', 'Nội dung'],
        r.support.map((s) => [formatDateVn(s.supportedOn), s.component, formatVnd(s.amount), s.description]),
      ),
      heading('Lịch sử thay đổi', 'Change history'),
      table(
        ['Thời điểm', 'Người thực hiện', 'Việc'],
        r.history.map((c) => [formatInstantVn(c.at), c.actor, wordOfCode('householdChange', c.action, 'vi')]),
      ),
      heading('Ai đã xem, xuất dữ liệu của hộ', 'Who read or exported it'),
      table(
        ['Thời điểm', 'Người truy cập', 'Việc', 'Đường dẫn', 'Số hộ trong lượt'],
        r.accessRecord.map((a) => [formatInstantVn(a.at), a.actor, a.actionWord.vi, a.route, a.households]),
        [90, 90, 150, '*', 60],
      ),
    ],
  });
}
