// Demo of the Fatherland Front (issue 16): the Fund for the Poor of Sầm Sơn in 2023 and 2024 with
// the 2024 peak month's receipts, spending on registry households and a transfer to a ward's
// fund; ten Great Solidarity houses at different stages; and the supervision of the 2024 review
// with three recommendations — one answered on time, one answered late, one still overdue.
// Every name is synthetic. Written through the services, as an officer would. The houses under
// construction and handed over carry drawn photos (house-illustrations.ts) uploaded through the
// photo form's service, captioned as illustrations: no photograph of a real house stands for them.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { listUnitsOn } from '../../db/repositories/units.repository.js';
import { listHouseholdsOfClass } from '../../db/repositories/front.repository.js';
import { housingDeprived } from '../../domain/front/houses.js';
import { SYSTEM } from '../deps.js';
import { recordReceipt, recordSpending, transferFunds } from '../front/fund.service.js';
import { addHousePhoto, advanceHouse, createHouse } from '../front/houses.service.js';
import {
  addRecommendation,
  addVisit,
  answerRecommendation,
  createPlan,
} from '../front/supervision.service.js';
import { DEMO_DATE_2024, SAM_SON_DISTRICT } from './foundation.seed.js';
import { houseIllustration, type IllustratedStage } from './house-illustrations.js';
import type { DemoContext } from './index.js';

/** The caption of every drawn photo: it says the picture is a drawing, not the household's house. */
export const ILLUSTRATION_CAPTION = 'Ảnh minh họa (hình vẽ của dữ liệu mẫu, không phải ảnh chụp ngôi nhà)';

const ORGANISATIONS = [
  'Công ty CP Du lịch Biển Sầm Sơn',
  'Ngân hàng TMCP Công thương – Chi nhánh Sầm Sơn',
  'Hội Doanh nhân trẻ thành phố',
  'Công ty TNHH Hải sản Trường Lệ',
  'Trường THPT Sầm Sơn',
  'Liên đoàn Lao động thành phố',
  'Khách sạn Biển Xanh',
  'Hợp tác xã Dịch vụ nghề cá Quảng Tiến',
];
const PEOPLE = [
  'Lê Văn Thắng',
  'Nguyễn Thị Hương',
  'Trịnh Văn Lực',
  'Hoàng Thị Thu',
  'Phạm Văn Bình',
  'Đỗ Thị Mai',
];

export async function seedFront(ctx: DemoContext): Promise<void> {
  const { deps } = ctx;
  const db = deps.db.kysely;
  const wards = (await listUnitsOn(db, { date: DEMO_DATE_2024, parentCode: SAM_SON_DISTRICT })).map(
    (u) => u.code,
  );
  const unitCode = SAM_SON_DISTRICT;
  let no = 0;
  const receipt = (date: string, donorName: string, value: number, extra: Record<string, unknown> = {}) =>
    recordReceipt(deps, SYSTEM, {
      unitCode,
      date,
      receiptNo: `${date.slice(0, 4)}/BL-${String(++no).padStart(3, '0')}`,
      donorName,
      value,
      ...extra,
    });

  // 2023: a smaller peak month, the yardstick of 2024's progress; its balance carried over.
  for (const [i, org] of ORGANISATIONS.slice(0, 5).entries())
    await receipt(`2023-10-${String(18 + i * 3).padStart(2, '0')}`, org, 40_000_000 + i * 10_000_000, {
      donorKind: 'organisation',
    });
  const f2023 = (await receipt('2023-11-10', PEOPLE[0]!, 2_000_000)).fund;
  await transferFunds(deps, SYSTEM, {
    fundId: f2023.id,
    kind: 'carry-over',
    date: '2023-12-31',
    decisionNo: '45/QĐ-MTTQ',
  });

  // 2024: gifts through the year, the peak month 17/10–18/11, Tết.
  await receipt('2024-01-20', ORGANISATIONS[5]!, 25_000_000, { donorKind: 'organisation', campaign: 'tet' });
  await receipt('2024-03-08', PEOPLE[1]!, 3_000_000);
  for (const [i, org] of ORGANISATIONS.entries())
    await receipt(
      `2024-${i < 5 ? '10' : '11'}-${String(i < 5 ? 17 + i * 3 : 2 + (i - 5) * 5).padStart(2, '0')}`,
      org,
      50_000_000 + i * 15_000_000,
      {
        donorKind: 'organisation',
      },
    );
  await receipt('2024-10-25', 'Gia đình ông Trịnh Văn Lực', 10_000_000, { anonymous: true });
  await receipt('2024-10-28', 'Cán bộ, công chức UBND thành phố', 18_500_000, { donorKind: 'organisation' });
  await receipt('2024-11-05', 'Nhóm thợ xây phường Trung Sơn', 12_000_000, {
    kind: 'in-kind',
    goods: '60 ngày công xây nhà Đại đoàn kết',
    donorKind: 'organisation',
  });
  for (const [i, p] of PEOPLE.entries())
    await receipt(`2024-11-${String(8 + i).padStart(2, '0')}`, p, 200_000 + i * 50_000);
  let fund = (await receipt('2024-11-18', PEOPLE[2]!, 1_000_000)).fund;

  // Households: poor in 2024, with and without housing deprivation.
  const poor = await listHouseholdsOfClass(db, {
    communeCodes: wards,
    period: 2024,
    classification: 'POOR',
    limit: 400,
  });
  const deprived = poor.filter((h) => housingDeprived(h.deprivations ? h.deprivations.split(',') : []));
  const housed = poor.filter((h) => !housingDeprived(h.deprivations ? h.deprivations.split(',') : []));
  const picks = [...housed.slice(0, 4), ...deprived.slice(0, 6)];
  // A smaller registry (the end-to-end tests') gets as many houses as it has poor households.

  // Ten houses: four handed over before the 2024 survey, three under construction, three approved.
  const stages: [string, string | null, string | null, number][] = [
    ['2024-01-15', '2024-02-20', '2024-06-10', 78_000_000],
    ['2024-02-01', '2024-03-05', '2024-07-01', 82_500_000],
    ['2024-02-15', '2024-03-20', '2024-07-20', 40_000_000],
    ['2024-03-01', '2024-04-01', '2024-08-15', 76_000_000],
    ['2024-09-10', '2024-10-05', null, 0],
    ['2024-09-20', '2024-10-15', null, 0],
    ['2024-10-01', '2024-11-01', null, 0],
    ['2024-11-20', null, null, 0],
    ['2024-11-25', null, null, 0],
    ['2024-12-02', null, null, 0],
  ];
  const houseIds: number[] = [];
  const drawings = await fs.mkdtemp(path.join(os.tmpdir(), 'giamngheo-demo-houses-'));
  const photo = async (houseId: number, stage: IllustratedStage, variant: number) => {
    const file = path.join(drawings, `${houseId}-${stage}.png`);
    await fs.writeFile(file, await houseIllustration(stage, variant));
    await addHousePhoto(
      deps,
      SYSTEM,
      houseId,
      { path: file, fileName: `minh-hoa-${stage}.png`, contentType: 'image/png' },
      { caption: ILLUSTRATION_CAPTION },
    );
  };
  try {
    for (const [i, h] of picks.entries()) {
      const [approvedOn, startedOn, handedOverOn, actual] = stages[i]!;
      const repair = i === 2 || i === 6;
      const est = repair ? 40_000_000 : 80_000_000;
      const house = await createHouse(deps, SYSTEM, {
        householdKey: h.household_key,
        kind: repair ? 'repair' : 'new',
        estimatedCost: est,
        approvedOn,
        sources: repair
          ? [
              { source: 'fund', amount: 30_000_000 },
              { source: 'family', amount: 10_000_000 },
            ]
          : [
              { source: 'fund', amount: 40_000_000 },
              { source: 'project5', amount: 20_000_000 },
              { source: 'family', amount: 10_000_000 },
              { source: 'community', amount: 10_000_000 },
            ],
      });
      houseIds.push(house.id);
      if (startedOn) {
        await advanceHouse(deps, SYSTEM, house.id, { stage: 'under-construction', date: startedOn });
        await photo(house.id, 'under-construction', i);
      }
      if (handedOverOn) {
        await advanceHouse(deps, SYSTEM, house.id, {
          stage: 'handed-over',
          date: handedOverOn,
          actualCost: actual,
        });
        await photo(house.id, 'handed-over', i);
      }
      // The fund's share of every house is paid on approval.
      fund = (
        await recordSpending(deps, SYSTEM, {
          fundId: fund.id,
          date: approvedOn,
          purpose: repair ? 'house-repair' : 'house-new',
          amount: repair ? 30_000_000 : 40_000_000,
          decisionNo: `${10 + i}/QĐ-MTTQ`,
          decisionDate: approvedOn,
          households: [{ householdKey: h.household_key }],
        })
      ).fund;
    }
  } finally {
    await fs.rm(drawings, { recursive: true, force: true });
  }
  fund = (
    await recordSpending(deps, SYSTEM, {
      fundId: fund.id,
      date: '2024-11-28',
      purpose: 'health-insurance',
      amount: 6_300_000,
      decisionNo: '31/QĐ-MTTQ',
      decisionDate: '2024-11-25',
      description: 'Mua thẻ bảo hiểm y tế năm 2025 cho 9 người',
      households: poor.slice(-3).map((h) => ({ householdKey: h.household_key })),
    })
  ).fund;
  await transferFunds(deps, SYSTEM, {
    fundId: fund.id,
    toUnitCode: '14830',
    amount: 30_000_000,
    date: '2024-11-29',
    decisionNo: '32/QĐ-MTTQ',
    note: 'Hỗ trợ quà Tết cho hộ nghèo phường Trung Sơn',
  });
  ctx.progress(`  Mặt trận: quỹ 2023–2024, ${houseIds.length} nhà Đại đoàn kết / Front fund, houses`);

  // Supervision of the 2024 review.
  const plan = await createPlan(deps, SYSTEM, {
    unitCode,
    topic: 'Giám sát việc rà soát hộ nghèo, hộ cận nghèo năm 2024',
    startDate: '2024-10-01',
    endDate: '2024-12-15',
    units: ['14830', '16531', '16513'],
  });
  await addVisit(deps, SYSTEM, plan.id, {
    unitCode: '14830',
    date: '2024-10-22',
    findings: 'Họp thôn đúng quy trình; biên bản họp tổ dân phố 3 thiếu chữ ký đại diện hộ.',
  });
  await addVisit(deps, SYSTEM, plan.id, {
    unitCode: '16531',
    date: '2024-10-24',
    findings: 'Danh sách niêm yết chưa ghi thời hạn nhận ý kiến.',
  });
  await addVisit(deps, SYSTEM, plan.id, {
    unitCode: '16513',
    date: '2024-10-29',
    findings: '2 hộ có ý kiến về kết quả chấm điểm chưa được trả lời.',
  });
  const onTime = await addRecommendation(deps, SYSTEM, plan.id, {
    addresseeUnitCode: '14830',
    content: 'Bổ sung chữ ký đại diện hộ vào biên bản họp tổ dân phố 3 trước khi trình công nhận.',
    issuedOn: '2024-10-23',
    deadline: '2024-11-05',
  });
  await answerRecommendation(deps, SYSTEM, onTime.id, {
    status: 'accepted',
    text: 'Đã bổ sung đủ chữ ký; biên bản lưu tại UBND phường.',
    answeredOn: '2024-11-01',
  });
  const late = await addRecommendation(deps, SYSTEM, plan.id, {
    addresseeUnitCode: '16531',
    content: 'Niêm yết lại danh sách có ghi rõ thời hạn nhận ý kiến của người dân.',
    issuedOn: '2024-10-25',
    deadline: '2024-11-04',
  });
  await answerRecommendation(deps, SYSTEM, late.id, {
    status: 'accepted',
    text: 'Đã niêm yết lại từ ngày 12/11/2024.',
    answeredOn: '2024-11-15',
  });
  await addRecommendation(deps, SYSTEM, plan.id, {
    addresseeUnitCode: '16513',
    content: 'Trả lời bằng văn bản 2 hộ có ý kiến về kết quả chấm điểm.',
    issuedOn: '2024-10-30',
    deadline: '2024-11-15',
  });
  ctx.progress('  Mặt trận: giám sát rà soát 2024, 3 kiến nghị / supervision, 3 recommendations');
}
