// Certificates of poor and near-poor households, Mẫu số 03 "Giấy chứng nhận hộ nghèo, hộ cận
// nghèo" (Decision 24/2021/QĐ-TTg; regulations-2.md §3.2 step 6, §3.5). The commune People's
// Committee issues one to each household the chair recognises as poor or near-poor, when the
// periodic campaign is recognised and when a regular-review case is recognised later. Numbers
// "N/GCN-HN.HCN" run per commune × year of the decision and are stored, so a re-print repeats
// the number; issuing again never draws a second one. Names are personal data: only the roles with the
// permission registry.personal-data may print, and every issue and print is audited.
import { ethnicGroup } from '../../domain/reference/ethnic-groups.js';
import { periodOf } from '../input.js';
import { AppError } from '../../errors.js';
import { formatDateVn } from '../../domain/dates.js';
import {
  addressLine,
  CERTIFIED_CLASS_LABELS,
  certificateNumber,
  dateInWords,
  isCertifiedClass,
  placeName,
  relationLabel,
  stampYears,
  type CertifiedClass,
} from '../../domain/registry/certificate.js';
import { ND07_2021, ND351_2025 } from '../../domain/standards/national.js';
import type { Selectable } from 'kysely';
import type { CertificateTable } from '../../db/schema-certificates.js';
import {
  countCertificatesOfCampaign,
  findHouseholdById,
  findValidCertificate,
  insertCertificate,
  listCertificatesOfCommune,
  listCommuneResults,
  listMembersOf,
  listRecognisedCampaigns,
  listValidCertificatesOf,
  markCertificateReplaced,
  reserveNumbers,
} from '../../db/repositories/certificates.repository.js';
import { findHouseholdsByKey, getResult } from '../../db/repositories/registry.repository.js';
import { findStandardRow } from '../../db/repositories/standards.repository.js';
import { findUnitOn, findUnitVersions, type UnitRecord } from '../../db/repositories/units.repository.js';
import { findVillage } from '../../db/repositories/villages.repository.js';
import type { Executor } from '../../db/repositories/executor.js';
import { insertAudit } from '../../db/repositories/audit.repository.js';
import { inScope, isWithinScope, requirePersonalData, requireUnitAccess } from '../access.js';
import { actorId, actorName, nowIso, type Actor, type Deps } from '../deps.js';
import { recordAccess } from '../privacy/access-record.service.js';
import { nfc, renderPdf } from '../pdf.js';

type CertificateRow = Selectable<CertificateTable>;

export interface Recognition {
  decisionNumber: string;
  decisionDate: string;
  signer: string;
}

export interface IssueInput {
  provinceCode: string;
  communeCode: string;
  communeValidFrom: string;
  period: number;
  campaignId: number;
  recognition: Recognition;
  /** A regular-review case: only this household (its registry id). */
  householdId?: number;
  at: string;
  actor: Actor;
}

export interface IssueOutcome {
  issued: number;
  kept: number;
  replaced: number;
  /** The numbers drawn, in order ("12/GCN-HN.HCN"). */
  numbers: string[];
}

/**
 * Issues the certificates a recognition calls for, inside the recognising transaction: one per
 * household of the commune version (or the one household of a regular case) whose frozen result
 * is poor or near-poor. A household that already holds a valid certificate of the period for the
 * same class keeps it (same number); one whose class changed, or who left the lists, has it
 * marked replaced (a new one is numbered if still certified). Numbers follow village then head
 * name, drawn in one block from the commune × year counter.
 */
export async function issueCertificates(trx: Executor, input: IssueInput): Promise<IssueOutcome> {
  const results = (
    await listCommuneResults(trx, {
      provinceCode: input.provinceCode,
      communeCode: input.communeCode,
      communeValidFrom: input.communeValidFrom,
      period: input.period,
      ...(input.householdId !== undefined ? { householdId: input.householdId } : {}),
    })
  ).filter((r) => Number(r.frozen) === 1);
  const held = new Map(
    (
      await listValidCertificatesOf(
        trx,
        input.provinceCode,
        input.period,
        results.map((r) => Number(r.household_id)),
      )
    ).map((c) => [Number(c.household_id), c]),
  );
  const toIssue: { householdId: number; classification: CertifiedClass }[] = [];
  let kept = 0;
  let replaced = 0;
  for (const r of results) {
    const hid = Number(r.household_id);
    const cert = held.get(hid);
    const certified = isCertifiedClass(r.classification);
    if (cert && certified && cert.classification === r.classification) {
      kept += 1;
      continue;
    }
    if (cert) {
      await markCertificateReplaced(trx, input.provinceCode, cert.id, input.at);
      replaced += 1;
    }
    if (certified) toIssue.push({ householdId: hid, classification: r.classification as CertifiedClass });
  }
  const year = Number(input.recognition.decisionDate.slice(0, 4));
  const numbers: string[] = [];
  if (toIssue.length > 0) {
    const first = await reserveNumbers(
      trx,
      {
        provinceCode: input.provinceCode,
        communeCode: input.communeCode,
        communeValidFrom: input.communeValidFrom,
        year,
      },
      toIssue.length,
    );
    for (const [i, t] of toIssue.entries()) {
      await insertCertificate(trx, {
        provinceCode: input.provinceCode,
        communeCode: input.communeCode,
        communeValidFrom: input.communeValidFrom,
        year,
        number: first + i,
        householdId: t.householdId,
        period: input.period,
        classification: t.classification,
        campaignId: input.campaignId,
        decisionNumber: input.recognition.decisionNumber,
        decisionDate: input.recognition.decisionDate,
        signer: input.recognition.signer,
        issuedAt: input.at,
      });
      numbers.push(certificateNumber(first + i));
    }
  }
  if (toIssue.length > 0 || replaced > 0) {
    await insertAudit(trx, {
      at: input.at,
      actorId: actorId(input.actor),
      actor: actorName(input.actor),
      action: 'certificate.issue',
      entity: 'certificate',
      entityId: `${input.communeCode}/${input.period}`,
      unitCode: input.communeCode,
      provinceCode: input.provinceCode,
      after: {
        campaignId: input.campaignId,
        decision: input.recognition.decisionNumber,
        year,
        issued: numbers.length,
        first: numbers[0] ?? null,
        last: numbers.at(-1) ?? null,
        kept,
        replaced,
      },
    });
  }
  return { issued: numbers.length, kept, replaced, numbers };
}

// ── reading and printing ─────────────────────────────────────────────────────

export interface CertificateMember {
  name: string;
  ethnicity: string;
  relation: string;
  birthYearMale: string;
  birthYearFemale: string;
  note: string;
}

/** Everything printed on one certificate. */
export interface CertificateView {
  id: number;
  number: string;
  year: number;
  period: number;
  classification: CertifiedClass;
  classLabel: string;
  householdId: string;
  headName: string;
  address: string;
  village: string | null;
  commune: { code: string; name: string };
  district: { code: string; name: string } | null;
  province: { code: string; name: string };
  decision: Recognition & { form: 'Mẫu số 02' };
  members: CertificateMember[];
  stampYears: number[];
  issuedAt: string;
}

/** The commune version a review period belongs to (the one in force during its review season). */
async function communeOfPeriod(db: Executor, code: string, period: number): Promise<UnitRecord> {
  const unit =
    (await findUnitOn(db, code, `${period}-10-15`)) ?? (await findUnitOn(db, code, `${period}-06-30`));
  if (!unit)
    throw new AppError('UNIT_NOT_FOUND', { code, date: `${period}-10-15` }, { field: 'communeCode' });
  if (unit.level !== 'commune') throw new AppError('UNIT_NOT_COMMUNE', { code }, { field: 'communeCode' });
  return unit;
}

/** The unit version of a code on a date, or the version starting `validFrom` when none is in force. */
async function unitAsOf(db: Executor, code: string, date: string, validFrom?: string) {
  const on = await findUnitOn(db, code, date);
  if (on) return on;
  const versions = await findUnitVersions(db, code);
  return versions.find((v) => (v.valid_from ?? '') === validFrom) ?? versions.at(-1);
}

async function standardValidTo(db: Executor, code: string): Promise<string | null> {
  const row = await findStandardRow(db, code);
  if (row) return row.valid_to;
  return [ND07_2021, ND351_2025].find((s) => s.code === code)?.validTo ?? null;
}

async function viewsOf(db: Executor, certs: CertificateRow[]): Promise<CertificateView[]> {
  if (certs.length === 0) return [];
  const provinceCode = certs[0]!.province_code;
  const members = await listMembersOf(
    db,
    provinceCode,
    certs.map((c) => Number(c.household_id)),
  );
  const byHousehold = new Map<number, typeof members>();
  for (const m of members) {
    const id = Number(m.household_id);
    byHousehold.set(id, [...(byHousehold.get(id) ?? []), m]);
  }
  const unitCache = new Map<string, Awaited<ReturnType<typeof unitAsOf>>>();
  const unit = async (code: string, date: string, validFrom?: string) => {
    const k = `${code}|${date}|${validFrom ?? ''}`;
    if (!unitCache.has(k)) unitCache.set(k, await unitAsOf(db, code, date, validFrom));
    return unitCache.get(k);
  };
  const standardCache = new Map<string, string | null>();
  const out: CertificateView[] = [];
  for (const c of certs) {
    const h = await findHouseholdById(db, c.province_code, Number(c.household_id));
    if (!h) continue;
    const village = h.village_id ? await findVillage(db, Number(h.village_id)) : undefined;
    const commune = await unit(c.commune_code, c.decision_date, c.commune_valid_from);
    const district = commune?.district_code ? await unit(commune.district_code, c.decision_date) : undefined;
    const province = await unit(c.province_code, c.decision_date);
    const result = await getResult(db, c.province_code, Number(c.household_id), c.period);
    const std = result?.standard ?? '';
    if (!standardCache.has(std)) standardCache.set(std, await standardValidTo(db, std));
    const classification = c.classification as CertifiedClass;
    out.push({
      id: c.id,
      number: certificateNumber(c.number),
      year: c.year,
      period: c.period,
      classification,
      classLabel: CERTIFIED_CLASS_LABELS[classification]?.vi ?? c.classification,
      householdId: h.household_key,
      headName: h.head_name,
      address: addressLine(h.address, [village?.name, commune?.name, district?.name, province?.name]),
      village: village?.name ?? null,
      commune: { code: c.commune_code, name: commune?.name ?? c.commune_code },
      district: district ? { code: district.code, name: district.name } : null,
      province: { code: c.province_code, name: province?.name ?? c.province_code },
      decision: {
        decisionNumber: c.decision_number,
        decisionDate: c.decision_date,
        signer: c.signer,
        form: 'Mẫu số 02',
      },
      members: (byHousehold.get(Number(c.household_id)) ?? []).map((m) => {
        const data = m.data as { ethnicity?: unknown };
        const year = m.birth_date.slice(0, 4);
        return {
          name: m.name,
          // The stored code of the 1979 list, named as the list names it ("Mường"); not recorded: empty.
          ethnicity: typeof data.ethnicity === 'string' ? (ethnicGroup(data.ethnicity)?.name.vi ?? '') : '',
          relation: relationLabel(m.relation, m.sex),
          birthYearMale: m.sex === 'M' ? year : '',
          birthYearFemale: m.sex === 'F' ? year : '',
          note: '',
        };
      }),
      stampYears: stampYears(c.period, standardCache.get(std) ?? null),
      issuedAt: c.issued_at,
    });
  }
  return out;
}

/** The recognised campaign that stands behind a household's frozen result: its regular case first. */
async function recognisingCampaign(
  db: Executor,
  f: { provinceCode: string; communeCode: string; communeValidFrom: string; period: number },
  householdKey: string,
) {
  const campaigns = await listRecognisedCampaigns(db, f);
  const pick =
    campaigns.find((c) => c.kind === 'regular' && c.case_key === householdKey) ??
    campaigns.find((c) => c.kind === 'periodic');
  if (!pick) return undefined;
  const stored = JSON.parse(pick.state_json) as { state: { recognition: Recognition | null } };
  return stored.state.recognition ? { campaign: pick, recognition: stored.state.recognition } : undefined;
}

/**
 * The valid certificate of a household for a period. A recognised poor or near-poor result with
 * no certificate yet (recognised before certificates were kept) has them issued now for its whole
 * campaign, so numbers still follow the campaign's order.
 */
async function certificateOf(
  deps: Deps,
  actor: Actor,
  householdKey: string,
  period: number,
): Promise<CertificateRow> {
  const db = deps.db.kysely;
  // Of the households of that key (one per province), the one the officer may see; a household
  // out of scope answers as a missing one.
  let h: Awaited<ReturnType<typeof findHouseholdsByKey>>[number] | undefined;
  for (const x of await findHouseholdsByKey(db, householdKey)) {
    if (await isWithinScope(db, actor, x.commune_code)) {
      h = x;
      break;
    }
  }
  h = await inScope(
    db,
    actor,
    h,
    (x) => x.commune_code,
    () => new AppError('HOUSEHOLD_NOT_FOUND', { id: householdKey }, { field: 'householdId' }),
  );
  const found = await findValidCertificate(db, h.province_code, h.id, period);
  if (found) return found;
  const result = await getResult(db, h.province_code, h.id, period);
  if (!result || !isCertifiedClass(result.classification)) {
    throw new AppError(
      'CERTIFICATE_NOT_ELIGIBLE',
      { id: householdKey, period, classification: result?.classification ?? '—' },
      { field: 'householdId' },
    );
  }
  const scope = {
    provinceCode: h.province_code,
    communeCode: result.unit_code,
    communeValidFrom: result.unit_valid_from,
    period,
  };
  const recognised =
    Number(result.frozen) === 1 ? await recognisingCampaign(db, scope, householdKey) : undefined;
  if (!recognised) {
    const unit = await unitAsOf(db, result.unit_code, `${period}-10-15`, result.unit_valid_from);
    throw new AppError('CERTIFICATE_NOT_RECOGNISED', { period, unit: unit?.name ?? result.unit_code });
  }
  return db.transaction().execute(async (trx) => {
    await issueCertificates(trx, {
      ...scope,
      campaignId: recognised.campaign.id,
      recognition: recognised.recognition,
      ...(recognised.campaign.kind === 'regular' ? { householdId: h.id } : {}),
      at: nowIso(deps),
      actor,
    });
    const issued = await findValidCertificate(trx, h.province_code, h.id, period);
    if (!issued)
      throw new AppError('CERTIFICATE_NOT_ELIGIBLE', {
        id: householdKey,
        period,
        classification: result.classification,
      });
    return issued;
  });
}

async function auditPrint(deps: Deps, actor: Actor, views: CertificateView[], what: string) {
  const first = views[0];
  if (!first) return;
  await recordAccess(deps, actor, {
    action: 'certificate.print',
    provinceCode: first.province.code,
    unitCode: first.commune.code,
    ...(views.length === 1
      ? { householdKey: first.householdId }
      : { households: views.map((v) => v.householdId) }),
    filter: { period: first.period },
  });
  await insertAudit(deps.db.kysely, {
    at: nowIso(deps),
    actorId: actorId(actor),
    actor: actorName(actor),
    action: 'certificate.print',
    entity: 'certificate',
    entityId: what,
    unitCode: first.commune.code,
    provinceCode: first.province.code,
    after: { count: views.length, numbers: views.map((v) => v.number) },
  });
}

/** The certificate of one household for one review period (issued now if it is due and missing). */
export async function householdCertificate(
  deps: Deps,
  actor: Actor,
  q: { householdId: string; period: number },
): Promise<CertificateView> {
  requirePersonalData(actor);
  const cert = await certificateOf(deps, actor, q.householdId, periodOf(deps, q.period));
  const [view] = await viewsOf(deps.db.kysely, [cert]);
  if (!view) throw new AppError('HOUSEHOLD_NOT_FOUND', { id: q.householdId }, { field: 'householdId' });
  await auditPrint(deps, actor, [view], String(cert.id));
  return view;
}

/** Every valid certificate a commune issued for a review period, in number order. */
export async function communeCertificates(
  deps: Deps,
  actor: Actor,
  q: { communeCode: string; period: number },
): Promise<CertificateView[]> {
  requirePersonalData(actor);
  const db = deps.db.kysely;
  await requireUnitAccess(db, actor, q.communeCode);
  const commune = await communeOfPeriod(db, q.communeCode, periodOf(deps, q.period));
  const scope = {
    provinceCode: commune.province_code,
    communeCode: commune.code,
    communeValidFrom: commune.valid_from ?? '',
    period: q.period,
  };
  const periodic = (await listRecognisedCampaigns(db, scope)).find((c) => c.kind === 'periodic');
  const recognition = periodic
    ? (JSON.parse(periodic.state_json) as { state: { recognition: Recognition | null } }).state.recognition
    : null;
  if (
    periodic &&
    recognition &&
    (await countCertificatesOfCampaign(db, scope.provinceCode, periodic.id)) === 0
  ) {
    // Recognised before certificates were kept: issue them now, in the campaign's order (the
    // valid certificates of later regular-review cases are kept as they are).
    await db
      .transaction()
      .execute((trx) =>
        issueCertificates(trx, { ...scope, campaignId: periodic.id, recognition, at: nowIso(deps), actor }),
      );
  }
  const certs = await listCertificatesOfCommune(
    db,
    scope.provinceCode,
    scope.communeCode,
    scope.communeValidFrom,
    q.period,
  );
  if (certs.length === 0) {
    if (!recognition)
      throw new AppError('CERTIFICATE_NOT_RECOGNISED', { period: q.period, unit: commune.name });
    throw new AppError('NOT_FOUND', {
      what: `Giấy chứng nhận hộ nghèo, hộ cận nghèo của ${commune.name} năm ${q.period} / certificates of ${commune.name} for ${q.period}`,
    });
  }
  const views = await viewsOf(db, certs);
  await auditPrint(deps, actor, views, `${commune.code}/${q.period}`);
  return views;
}

// ── PDF ──────────────────────────────────────────────────────────────────────

const TITLE = 'GIẤY CHỨNG NHẬN HỘ NGHÈO, HỘ CẬN NGHÈO';

/**
 * How tightly the member table is set, by household size, so that the certificate stays on one
 * A4 page (the chair stamps it year after year): up to 14 members at 9 pt; up to 30 smaller, with
 * thinner rows and shorter stamp boxes. A larger household continues on a second page, the
 * table's header repeated.
 */
function density(members: number): { fontSize: number; padding: number; stampSpace: number } {
  if (members <= 14) return { fontSize: 9, padding: 2, stampSpace: 30 };
  if (members <= 22) return { fontSize: 7.5, padding: 1, stampSpace: 22 };
  return { fontSize: 6.5, padding: 0.5, stampSpace: 14 };
}

function certificateContent(v: CertificateView, first: boolean): unknown[] {
  const communeUpper = nfc(v.commune.name.toUpperCase());
  const dense = density(v.members.length);
  const decisionDate = formatDateVn(v.decision.decisionDate);
  const memberRows = v.members.map((m, i) => [
    { text: String(i + 1), alignment: 'center' },
    nfc(m.name),
    nfc(m.ethnicity),
    nfc(m.relation),
    { text: m.birthYearMale, alignment: 'center' },
    { text: m.birthYearFemale, alignment: 'center' },
    nfc(m.note),
  ]);
  const stampHeader = v.stampYears.map((y) => ({ text: `Năm ${y}`, bold: true, alignment: 'center' }));
  const stampBody = v.stampYears.map(() => ({
    text: 'Xác nhận của UBND cấp xã\n(ký, đóng dấu)',
    italics: true,
    fontSize: 8,
    alignment: 'center',
    margin: [0, 4, 0, dense.stampSpace],
  }));
  return [
    {
      ...(first ? {} : { pageBreak: 'before' }),
      columns: [
        {
          width: 200,
          alignment: 'center',
          stack: [
            'ỦY BAN NHÂN DÂN',
            { text: communeUpper, bold: true },
            { text: '———', margin: [0, 0, 0, 2] },
            nfc(`Số: ${v.number}`),
          ],
        },
        {
          width: '*',
          alignment: 'center',
          stack: [
            { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
            { text: 'Độc lập - Tự do - Hạnh phúc', bold: true },
            { text: '———————', margin: [0, 0, 0, 2] },
            {
              text: nfc(`${placeName(v.commune.name)}, ${dateInWords(v.decision.decisionDate)}`),
              italics: true,
            },
          ],
        },
      ],
    },
    { text: TITLE, bold: true, fontSize: 14, alignment: 'center', margin: [0, 14, 0, 8] },
    { text: nfc(`ỦY BAN NHÂN DÂN ${communeUpper} CHỨNG NHẬN:`), bold: true, margin: [0, 0, 0, 6] },
    { text: [{ text: 'Hộ gia đình ông/bà (chủ hộ): ' }, { text: nfc(v.headName), bold: true }] },
    { text: nfc(`Mã hộ: ${v.householdId}`) },
    { text: nfc(`Địa chỉ: ${v.address}`) },
    {
      text: [
        { text: 'Là: ' },
        { text: nfc(v.classLabel.toUpperCase()), bold: true },
        { text: nfc(` theo kết quả rà soát năm ${v.period}`) },
      ],
    },
    {
      text: nfc(
        `Theo Quyết định số ${v.decision.decisionNumber} ngày ${decisionDate} của Chủ tịch Ủy ban nhân dân ${v.commune.name} công nhận danh sách hộ nghèo, hộ cận nghèo (Mẫu số 02).`,
      ),
      margin: [0, 0, 0, 10],
    },
    { text: 'Thành viên hộ gia đình:', bold: true, margin: [0, 0, 0, 4] },
    {
      fontSize: dense.fontSize,
      layout: {
        paddingTop: () => dense.padding,
        paddingBottom: () => dense.padding,
      },
      table: {
        headerRows: 2,
        widths: [22, '*', 60, 70, 38, 38, 90],
        body: [
          [
            { text: 'TT', rowSpan: 2, bold: true, alignment: 'center' },
            { text: 'Họ và tên', rowSpan: 2, bold: true, alignment: 'center' },
            { text: 'Dân tộc', rowSpan: 2, bold: true, alignment: 'center' },
            { text: 'Quan hệ với chủ hộ', rowSpan: 2, bold: true, alignment: 'center' },
            { text: 'Năm sinh', colSpan: 2, bold: true, alignment: 'center' },
            '',
            { text: 'Ghi chú thay đổi', rowSpan: 2, bold: true, alignment: 'center' },
          ],
          [
            '',
            '',
            '',
            '',
            { text: 'Nam', bold: true, alignment: 'center' },
            { text: 'Nữ', bold: true, alignment: 'center' },
            '',
          ],
          ...memberRows,
        ],
      },
    },
    {
      text: 'Xác nhận hằng năm của Ủy ban nhân dân cấp xã:',
      bold: true,
      margin: [0, 8, 0, 4],
    },
    {
      table: { widths: v.stampYears.map(() => '*'), body: [stampHeader, stampBody] },
    },
    {
      columns: [
        { width: '*', text: '' },
        {
          width: 230,
          alignment: 'center',
          stack: [
            { text: 'TM. ỦY BAN NHÂN DÂN', bold: true },
            { text: 'CHỦ TỊCH', bold: true },
            { text: '(Ký, ghi rõ họ tên, đóng dấu)', italics: true, fontSize: 8 },
            { text: nfc(v.decision.signer), bold: true, margin: [0, 40, 0, 0] },
          ],
        },
      ],
      margin: [0, 10, 0, 0],
      // The signature block stays with the page it belongs to.
      unbreakable: true,
    },
  ];
}

/**
 * Certificates as one PDF, one A4 page each (a batch for a commune, or a single household).
 * `compress: false` leaves the content streams readable (tests).
 */
export async function certificatesPdf(
  views: CertificateView[],
  opts: { compress?: boolean } = {},
): Promise<Buffer> {
  const first = views[0];
  return renderPdf({
    pageSize: 'A4',
    pageMargins: [48, 40, 40, 40],
    compress: opts.compress ?? true,
    info: {
      title: nfc(
        views.length === 1 && first
          ? `${TITLE} ${first.number}`
          : `${TITLE} — ${first?.commune.name ?? ''} ${first?.period ?? ''}`,
      ),
      creator: 'giamngheo',
    },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.1 },
    content: views.flatMap((v, i) => certificateContent(v, i === 0)),
  });
}
