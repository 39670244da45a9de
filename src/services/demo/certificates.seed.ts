// Demo: the 2023 review of every Sầm Sơn commune and ward walked to the end — village meetings,
// posting, recognition by the chair in December 2023 and the report to the city — so the 2023
// lists are recognised (frozen) and the poor and near-poor households hold their certificates
// Mẫu số 03, numbered by the recognition as in production. The 2024 review is recognised the same
// way (December 2024) in every unit but Phường Trung Sơn, whose 2024 campaign stays in progress
// (registry seeder): the portal and the balance show recognised figures only (issue 12), so the
// demo's 2024 figures are those of recognised campaigns. Every name here is synthetic.
import { listUnitsOn, findUnitOn } from '../../db/repositories/units.repository.js';
import { countCertificatesOfCampaign } from '../../db/repositories/certificates.repository.js';
import { transition } from '../registry/campaign.service.js';
import { SYSTEM } from '../deps.js';
import { QUANG_GIAO, SAM_SON_DISTRICT } from './foundation.seed.js';
import { DEMO_CAMPAIGN_WARD } from './registry.seed.js';
import type { DemoContext } from './index.js';

const CHAIRS = ['Lê Văn Thắng', 'Nguyễn Thị Hồng', 'Trần Văn Dũng', 'Phạm Văn Hải', 'Hoàng Thị Thu'];

export async function seedRecognised2023(ctx: DemoContext): Promise<void> {
  await recognise(ctx, 2023, []);
}

export async function seedRecognised2024(ctx: DemoContext): Promise<void> {
  await recognise(ctx, 2024, [DEMO_CAMPAIGN_WARD]);
}

async function recognise(ctx: DemoContext, period: number, except: string[]): Promise<void> {
  const { deps } = ctx;
  const db = deps.db.kysely;
  const on = `${period}-10-15`;
  const units = (await listUnitsOn(db, { date: on, parentCode: SAM_SON_DISTRICT, level: 'commune' })).filter(
    (u) => !except.includes(u.code),
  );
  const qg = await findUnitOn(db, QUANG_GIAO, on);
  if (qg) units.push(qg);
  let certified = 0;
  for (const [i, u] of units.entries()) {
    const ref = { communeCode: u.code, period: period };
    const c = await transition(deps, SYSTEM, { ...ref, action: { type: 'open-meetings', villages: [] } });
    for (const [j, v] of c.state.villages.entries()) {
      await transition(deps, SYSTEM, {
        ...ref,
        action: {
          type: 'record-meeting',
          villageId: v.villageId,
          date: `${period}-10-${String(23 + (j % 5)).padStart(2, '0')}`,
          chair: `Trưởng ${v.name}`,
          secretary: `Cán bộ chính sách ${u.name}`,
          supervisor: `Ủy ban MTTQ ${u.name}`,
          present: 28 + (j % 7),
          agreeing: 22 + (j % 5),
          minutesCopies: 2,
          agreedHouseholds: [],
        },
      });
    }
    // Posted on a Monday (06/11/2023, 04/11/2024): three working days, closed on the Thursday.
    const monday = period === 2023 ? 6 : 4;
    await transition(deps, SYSTEM, {
      ...ref,
      action: { type: 'start-posting', startDate: `${period}-11-${String(monday).padStart(2, '0')}` },
    });
    await transition(deps, SYSTEM, {
      ...ref,
      action: { type: 'close-posting', on: `${period}-11-${String(monday + 3).padStart(2, '0')}` },
    });
    const view = await transition(deps, SYSTEM, {
      ...ref,
      action: {
        type: 'recognise',
        decisionNumber: `${150 + i}/QĐ-UBND`,
        decisionDate: `${period}-12-${String(11 + (i % 5)).padStart(2, '0')}`,
        signer: CHAIRS[i % CHAIRS.length]!,
      },
    });
    await transition(deps, SYSTEM, {
      ...ref,
      action: { type: 'report', reportedOn: `${period}-12-18`, to: 'Ủy ban nhân dân thành phố Sầm Sơn' },
    });
    certified += await countCertificatesOfCampaign(db, u.province_code, view.id!);
  }
  ctx.progress(
    `  ${units.length} đợt rà soát ${period} đã công nhận, ${certified} giấy chứng nhận / certificates`,
  );
}
