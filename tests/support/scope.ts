// Fixture rows of one commune for the scope and masking tests: a household with a known full head
// name and 12-digit citizen IDs, a campaign at its posting step with a complaint by the head, an
// allocation with a disbursement that paid support to the household, and a meeting's task with an
// attachment. Built by the system actor; the tests then call as officers of other units.
import { SYSTEM, type Deps } from '../../src/services/deps.js';
import { addVillage } from '../../src/services/villages.service.js';
import { importSurvey } from '../../src/services/registry/import.service.js';
import { transition } from '../../src/services/registry/campaign.service.js';
import { createAllocation, recordDisbursement } from '../../src/services/finance/allocations.service.js';
import { createMeeting, updateTask } from '../../src/services/finance/tasks.service.js';
import { asRaw, buildMember, buildRecord } from './survey.js';
import { allocationInput } from './finance.js';

export interface ScopeFixture {
  communeCode: string;
  householdId: string;
  headName: string;
  spouseName: string;
  idNumbers: string[];
  allocationId: number;
  disbursementId: number;
  voucherNo: string;
  disbursedAmount: number;
  meetingId: number;
  taskId: number;
  attachmentId: number;
}

/** A citizen ID of the province prefix `p` (three digits) for a birth date and sex. */
export function citizenId(p: string, birthDate: string, sex: 'M' | 'F', serial: string): string {
  const year = Number(birthDate.slice(0, 4));
  const digit = (year >= 2000 ? 2 : 0) + (sex === 'F' ? 1 : 0);
  return `${p}${digit}${birthDate.slice(2, 4)}${serial}`;
}

/**
 * Matches a number of exactly 12 digits standing alone (a citizen ID), not a run of digits inside
 * a hexadecimal token (a captcha's salt or signature). UUIDs must be taken out first (see
 * twelveDigitsIn): the last group of one is 12 hex digits that are all decimal about once in 280.
 */
export const TWELVE_DIGITS = /(?<![0-9A-Za-z])\d{12}(?![0-9A-Za-z])/;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The first number of exactly 12 digits standing alone in `body` (the shape of a citizen ID), once
 * every UUID (an import job's id) is taken out so its last group cannot pass for one.
 */
export function twelveDigitsIn(body: string): string | undefined {
  return TWELVE_DIGITS.exec(body.replace(UUID, ' '))?.[0];
}

export async function buildScopeFixture(
  deps: Deps,
  o: {
    communeCode: string;
    householdId: string;
    headName: string;
    spouseName: string;
    /** Three digits: '0' + the province code. */
    cidProvince: string;
    voucherNo: string;
  },
): Promise<ScopeFixture> {
  await addVillage(deps, SYSTEM, {
    communeCode: o.communeCode,
    on: '2024-01-01',
    name: 'Thôn Một',
    kind: 'thon',
  });
  const idNumbers = [
    citizenId(o.cidProvince, '1980-05-10', 'M', '480123'),
    citizenId(o.cidProvince, '1983-02-20', 'F', '391457'),
  ];
  const base = buildRecord();
  const record = {
    ...asRaw(
      buildRecord({
        householdId: o.householdId,
        unitCode: o.communeCode,
        // Poor: a low income and deprivations (so the campaign lists it).
        incomePerCapitaMonthly: 900_000,
        members: [
          buildMember({ name: o.headName, idNumber: idNumbers[0]! }),
          { ...base.members[1]!, name: o.spouseName, idNumber: idNumbers[1]! },
          ...base.members.slice(2),
        ],
      }),
    ),
    village: 'Thôn Một',
    address: 'Số 7, Thôn Một',
  };
  const imported = await importSurvey(
    deps,
    SYSTEM,
    { format: 'records', name: 'fixture', records: [record] },
    { status: 'draft', period: 2024 },
  );
  if (imported.imported !== 1) throw new Error(`fixture import: ${JSON.stringify(imported.errors)}`);

  const ref = { communeCode: o.communeCode, period: 2024 };
  let c = await transition(deps, SYSTEM, { ...ref, action: { type: 'open-meetings', villages: [] } });
  await transition(deps, SYSTEM, {
    ...ref,
    action: {
      type: 'record-meeting',
      villageId: c.state.villages[0]!.villageId,
      date: '2024-10-20',
      chair: 'Trưởng thôn',
      supervisor: 'MTTQ xã',
      present: 10,
      agreeing: 9,
      minutesCopies: 2,
      agreedHouseholds: [],
    },
  });
  await transition(deps, SYSTEM, { ...ref, action: { type: 'start-posting', startDate: '2024-10-25' } });
  c = await transition(deps, SYSTEM, {
    ...ref,
    action: {
      type: 'file-complaint',
      householdKey: o.householdId,
      complainant: o.headName,
      receivedOn: '2024-10-28',
      text: `Ông ${o.headName} đề nghị xem lại thu nhập`,
    },
  });
  if (c.state.complaints.length !== 1) throw new Error('fixture complaint not filed');
  // A regular-review case of the household, its new survey pending (the campaign list names the
  // household's head; the case shows the pending survey's members).
  await transition(deps, SYSTEM, {
    ...ref,
    caseKey: o.householdId,
    action: { type: 'open-meetings', villages: [] },
    surveys: [record],
  });

  const allocation = await createAllocation(
    deps,
    SYSTEM,
    allocationInput({ unitCode: o.communeCode, amount: 50_000_000, decisionNo: `${o.voucherNo}/QĐ` }),
  );
  const disbursedAmount = 7_340_000;
  const d = await recordDisbursement(deps, SYSTEM, {
    allocationId: allocation.id,
    date: '2024-05-10',
    amount: disbursedAmount,
    voucherNo: o.voucherNo,
    activity: 'Hỗ trợ sinh kế',
    support: [{ householdKey: o.householdId, amount: disbursedAmount }],
  });

  const m = await createMeeting(deps, SYSTEM, {
    unitCode: o.communeCode,
    date: '2024-05-02',
    title: 'Họp giao ban giảm nghèo',
    chair: 'Chủ tịch UBND',
    conclusions: 'Rà soát các hộ',
    tasks: [
      {
        assigneeKind: 'department',
        assignee: 'Công chức LĐTBXH',
        title: 'Rà soát hộ nghèo',
        deadline: '2024-07-01',
      },
    ],
  });
  const taskId = m.tasks[0]!.id;
  const u = await updateTask(deps, SYSTEM, taskId, {
    status: 'in-progress',
    note: 'Đã rà soát',
    date: '2024-06-01',
    attachments: [
      { fileName: 'bien-ban.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 x') },
    ],
  });
  return {
    communeCode: o.communeCode,
    householdId: o.householdId,
    headName: o.headName,
    spouseName: o.spouseName,
    idNumbers,
    allocationId: allocation.id,
    disbursementId: d.disbursement.id,
    voucherNo: o.voucherNo,
    disbursedAmount,
    meetingId: m.id,
    taskId,
    attachmentId: u.update.attachments[0]!.id,
  };
}

/** The two fixtures the tests use: a commune of Sầm Sơn (Thanh Hóa) and a ward of Hà Nội. */
export const OTHER_COMMUNE = {
  communeCode: '14830',
  householdId: 'SS24-0008776',
  headName: 'Hoàng Thị Bích Ngọc',
  spouseName: 'Vũ Đình Khánh',
  cidProvince: '038',
  voucherNo: 'PC-382-0091',
};
export const OTHER_PROVINCE = {
  communeCode: '00004',
  householdId: 'HN24-0000005',
  headName: 'Đoàn Văn Trường Giang',
  spouseName: 'Mạc Thị Thu Hà',
  cidProvince: '001',
  voucherNo: 'PC-201-0005',
};
