// Demo finance (issue 4): the situation of the June 2024 Sầm Sơn meeting — the 2024 target
// (−155 poor households, −0.52 points, split over the wards by their poor households), 6.412
// billion đồng allocated early in 2024 over projects 2, 3, 4, 6 and 7 with nothing disbursed by
// June and a deadline of 30/09/2024, the meeting's tasks for each department and ward, a
// "cannot be implemented" report, and a few disbursements dated later (with the households they
// supported, chosen by the matching rules). Decision numbers and every name are synthetic.
import { listUnitsOn } from '../../db/repositories/units.repository.js';
import { registryCountsByUnit } from '../../db/repositories/finance.repository.js';
import { SYSTEM } from '../deps.js';
import {
  createAllocations,
  recordDisbursement,
  recordIssue,
  type AllocationInput,
} from '../finance/allocations.service.js';
import { setTarget } from '../finance/targets.service.js';
import { createMeeting, updateTask, type TaskInput } from '../finance/tasks.service.js';
import { suggestForUnit } from '../finance/support.service.js';
import { DEMO_DATE_2024, SAM_SON_DISTRICT } from './foundation.seed.js';
import type { DemoContext } from './index.js';

export const DEMO_FINANCE = {
  year: 2024,
  unitCode: SAM_SON_DISTRICT,
  decisionNo: '512/QĐ-UBND',
  decisionDate: '2024-02-26',
  deadline: '2024-09-30',
  poorReduction: 155,
  poorRateReduction: 0.52,
  total: 6_412_000_000,
} as const;

/** [component, capital type, source, amount]: 6,412,000,000 đồng in all. */
const SPLIT: [string, 'development' | 'recurrent', 'central' | 'province' | 'commune', number][] = [
  ['DA2', 'recurrent', 'central', 1_950_000_000],
  ['DA2', 'recurrent', 'province', 350_000_000],
  ['DA3.1', 'recurrent', 'central', 980_000_000],
  ['DA3.1', 'recurrent', 'commune', 150_000_000],
  ['DA3.2', 'recurrent', 'central', 420_000_000],
  ['DA4.1', 'development', 'central', 500_000_000],
  ['DA4.1', 'recurrent', 'central', 260_000_000],
  ['DA4.3', 'recurrent', 'central', 540_000_000],
  ['DA4.3', 'recurrent', 'province', 210_000_000],
  ['DA6.1', 'recurrent', 'central', 380_000_000],
  ['DA6.2', 'recurrent', 'province', 260_000_000],
  ['DA7.1', 'recurrent', 'central', 312_000_000],
  ['DA7.2', 'recurrent', 'commune', 100_000_000],
];

export async function seedFinance(ctx: DemoContext): Promise<void> {
  const { deps } = ctx;
  const db = deps.db.kysely;
  const d = DEMO_FINANCE;
  const wards = await listUnitsOn(db, { date: DEMO_DATE_2024, parentCode: d.unitCode });

  // Targets: the city's, and the 155 households split over the wards by their poor households.
  await setTarget(deps, SYSTEM, {
    unitCode: d.unitCode,
    year: d.year,
    kind: 'poor-reduction',
    value: d.poorReduction,
    note: 'Nghị quyết HĐND thành phố (mẫu) / demo',
  });
  await setTarget(deps, SYSTEM, {
    unitCode: d.unitCode,
    year: d.year,
    kind: 'poor-rate-reduction',
    value: d.poorRateReduction,
  });
  await setTarget(deps, SYSTEM, {
    unitCode: d.unitCode,
    year: d.year,
    kind: 'free',
    value: 5,
    label: 'Nhân rộng mô hình giảm nghèo (số mô hình)',
  });
  const counts = await registryCountsByUnit(
    db,
    d.year,
    'approved',
    wards.map((w) => w.code),
  );
  const draft = await registryCountsByUnit(
    db,
    d.year,
    'draft',
    wards.map((w) => w.code),
  );
  const poorOf = new Map<string, number>();
  for (const c of [...counts, ...draft])
    if (c.classification === 'POOR') poorOf.set(c.unitCode, (poorOf.get(c.unitCode) ?? 0) + c.n);
  const totalPoor = [...poorOf.values()].reduce((s, n) => s + n, 0);
  if (totalPoor > 0) {
    const shares = wards.map((w) => ({
      code: w.code,
      exact: (d.poorReduction * (poorOf.get(w.code) ?? 0)) / totalPoor,
    }));
    const floors = shares.map((s) => ({ ...s, n: Math.floor(s.exact) }));
    let left = d.poorReduction - floors.reduce((s, f) => s + f.n, 0);
    for (const f of [...floors].sort((a, b) => b.exact - b.n - (a.exact - a.n))) if (left-- > 0) f.n += 1;
    for (const f of floors)
      if (f.n > 0)
        await setTarget(deps, SYSTEM, { unitCode: f.code, year: d.year, kind: 'poor-reduction', value: f.n });
  }

  // Allocations of February 2024, one decision, deadline 30/09/2024.
  const inputs: AllocationInput[] = SPLIT.map(([componentCode, capitalType, source, amount]) => ({
    year: d.year,
    unitCode: d.unitCode,
    componentCode,
    capitalType,
    source,
    amount,
    decisionNo: d.decisionNo,
    decisionDate: d.decisionDate,
    deadline: d.deadline,
  }));
  const allocations = await createAllocations(deps, SYSTEM, inputs);
  const find = (code: string, source: string, capital = 'recurrent') => {
    const i = SPLIT.findIndex(([c, k, s]) => c === code && s === source && k === capital);
    return allocations[i]!;
  };
  ctx.progress(`  ${allocations.length} phân bổ / allocations, ${d.total.toLocaleString('vi-VN')} đồng`);

  // The meeting of June 2024 and its conclusions.
  const wardTasks: TaskInput[] = wards.map((w) => ({
    assigneeKind: 'ward',
    assignee: `UBND ${w.name}`,
    assigneeUnitCode: w.code,
    title: 'Rà soát, phân loại từng hộ nghèo để chọn dự án phù hợp; hoàn thành giải ngân trước 30/9/2024',
    deadline: d.deadline,
  }));
  const meeting = await createMeeting(deps, SYSTEM, {
    unitCode: d.unitCode,
    date: DEMO_DATE_2024,
    title: 'Hội nghị đánh giá công tác giảm nghèo 6 tháng đầu năm 2024',
    chair: 'Phó Chủ tịch UBND thành phố (chủ trì)',
    conclusions: [
      'Năm 2024 thành phố phấn đấu giảm 155 hộ nghèo, tỷ lệ hộ nghèo giảm 0,52%.',
      'Tổng vốn Chương trình được giao trên 6,4 tỷ đồng cho các dự án 2, 3, 4, 6, 7 nhưng đến nay chưa giải ngân; yêu cầu các phòng, đơn vị và các phường, xã khẩn trương triển khai, giải ngân xong trước 30/9/2024.',
      'Phân loại từng hộ nghèo để lựa chọn dự án phù hợp với điều kiện của hộ.',
    ].join('\n'),
    tasks: [
      {
        assigneeKind: 'department',
        assignee: 'Phòng Văn hóa – Thông tin',
        title:
          'Xây dựng kế hoạch truyền thông về giảm nghèo, tổ chức các buổi biểu diễn văn nghệ lồng ghép tuyên truyền',
        deadline: '2024-06-30',
      },
      {
        assigneeKind: 'department',
        assignee: 'Phòng Tài chính – Kế hoạch',
        title: 'Hướng dẫn các phường, xã thủ tục thanh toán, giải ngân vốn Chương trình',
        deadline: '2024-06-20',
      },
      {
        assigneeKind: 'department',
        assignee: 'Phòng Lao động – Thương binh và Xã hội',
        title:
          'Báo cáo các dự án, nội dung không thể thực hiện, đề xuất UBND tỉnh cho dừng hoặc điều chuyển vốn',
        deadline: '2024-06-25',
      },
      ...wardTasks,
    ],
  });
  const task = (assignee: string) => meeting.tasks.find((t) => t.assignee === assignee)!;
  await updateTask(deps, SYSTEM, task('Phòng Tài chính – Kế hoạch').id, {
    status: 'done',
    note: 'Đã ban hành văn bản hướng dẫn thủ tục giải ngân gửi các phường, xã.',
    date: '2024-06-19',
  });
  await updateTask(deps, SYSTEM, task('Phòng Văn hóa – Thông tin').id, {
    status: 'in-progress',
    note: 'Đã xây dựng kế hoạch; buổi biểu diễn đầu tiên dự kiến tháng 7.',
    date: '2024-06-28',
  });
  await updateTask(deps, SYSTEM, task('Phòng Lao động – Thương binh và Xã hội').id, {
    status: 'done',
    note: 'Đã báo cáo nội dung không thực hiện được của dự án 3 (vốn đối ứng) và đề xuất điều chuyển.',
    date: '2024-06-25',
  });

  // What cannot be implemented, and the proposal to move it.
  await recordIssue(deps, SYSTEM, find('DA3.1', 'commune').id, {
    reason: 'no-counterpart-funding',
    detail: 'Ngân sách cấp xã không bố trí được vốn đối ứng cho mô hình hỗ trợ sản xuất nông nghiệp.',
    proposal: 'move',
    targetComponentCode: 'DA4.3',
    date: '2024-06-25',
  });
  await recordIssue(deps, SYSTEM, find('DA2', 'province').id, {
    reason: 'no-beneficiaries',
    detail: 'Không đủ hộ nghèo có điều kiện đất đai, chuồng trại để tham gia mô hình chăn nuôi tập trung.',
    amount: 200_000_000,
    proposal: 'stop',
    date: '2024-06-25',
  });

  // A few disbursements after the meeting, with the households they supported where the registry has them.
  const suggestions = await suggestForUnit(deps, SYSTEM, { unitCode: d.unitCode, period: d.year });
  const pick = (code: string, n: number) =>
    suggestions.items
      .filter((h) => h.suggestions.some((s) => s.code === code))
      .slice(0, n)
      .map((h) => ({ householdKey: h.householdKey, unitCode: h.unitCode }));
  const employment = pick('DA4.3', 12);
  const nutrition = pick('DA3.2', 8);
  await recordDisbursement(deps, SYSTEM, {
    allocationId: find('DA6.2', 'province').id,
    date: '2024-07-18',
    amount: 85_000_000,
    voucherNo: 'PC-2024-0712',
    activity: 'Chương trình văn nghệ tuyên truyền giảm nghèo tại 4 phường',
  });
  await recordDisbursement(deps, SYSTEM, {
    allocationId: find('DA4.3', 'central').id,
    date: '2024-08-06',
    amount: 180_000_000,
    voucherNo: 'PC-2024-0805',
    activity: 'Hỗ trợ kết nối việc làm, tư vấn giới thiệu việc làm cho lao động hộ nghèo',
    support: employment.map((h) => ({
      ...h,
      amount: 6_000_000,
      description: 'Hỗ trợ tìm việc làm, chi phí đi lại phỏng vấn',
    })),
  });
  await recordDisbursement(deps, SYSTEM, {
    allocationId: find('DA3.2', 'central').id,
    date: '2024-08-21',
    amount: 96_000_000,
    voucherNo: 'PC-2024-0821',
    activity: 'Cấp vi chất dinh dưỡng, hướng dẫn chăm sóc dinh dưỡng trẻ em dưới 16 tuổi',
    support: nutrition.map((h) => ({ ...h, amount: 4_500_000, description: 'Gói dinh dưỡng cho trẻ em' })),
  });
  await recordDisbursement(deps, SYSTEM, {
    allocationId: find('DA7.1', 'central').id,
    date: '2024-09-12',
    amount: 64_000_000,
    voucherNo: 'PC-2024-0912',
    activity: 'Tập huấn nâng cao năng lực cán bộ giảm nghèo cấp phường, xã',
  });
  ctx.progress(
    `  4 giải ngân / disbursements; ${employment.length + nutrition.length} hộ được hỗ trợ / households supported`,
  );
}
