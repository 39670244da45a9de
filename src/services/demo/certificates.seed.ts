// Demo: the 2023 review of every Sầm Sơn commune and ward walked to the end — village meetings,
// posting, recognition by the chair in December 2023 and the report to the city — so the 2023
// lists are recognised (frozen) and the poor and near-poor households hold their certificates
// Mẫu số 03, numbered by the recognition as in production. The 2024 campaign of Phường Trung Sơn
// stays in progress (registry seeder). Every name here is synthetic.
import { listUnitsOn, findUnitOn } from '../../db/repositories/units.repository.js';
import { countCertificatesOfCampaign } from '../../db/repositories/certificates.repository.js';
import { transition } from '../registry/campaign.service.js';
import { SYSTEM } from '../deps.js';
import { QUANG_GIAO, SAM_SON_DISTRICT } from './foundation.seed.js';
import type { DemoContext } from './index.js';

const PERIOD = 2023;
const CHAIRS = ['Lê Văn Thắng', 'Nguyễn Thị Hồng', 'Trần Văn Dũng', 'Phạm Văn Hải', 'Hoàng Thị Thu'];

export async function seedRecognised2023(ctx: DemoContext): Promise<void> {
  const { deps } = ctx;
  const db = deps.db.kysely;
  const on = `${PERIOD}-10-15`;
  const units = await listUnitsOn(db, { date: on, parentCode: SAM_SON_DISTRICT, level: 'commune' });
  const qg = await findUnitOn(db, QUANG_GIAO, on);
  if (qg) units.push(qg);
  let certified = 0;
  for (const [i, u] of units.entries()) {
    const ref = { communeCode: u.code, period: PERIOD };
    const c = await transition(deps, SYSTEM, { ...ref, action: { type: 'open-meetings', villages: [] } });
    for (const [j, v] of c.state.villages.entries()) {
      await transition(deps, SYSTEM, {
        ...ref,
        action: {
          type: 'record-meeting',
          villageId: v.villageId,
          date: `${PERIOD}-10-${String(23 + (j % 5)).padStart(2, '0')}`,
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
    // Posted Monday 06/11/2023: three working days, complaints closed on Thursday 09/11.
    await transition(deps, SYSTEM, {
      ...ref,
      action: { type: 'start-posting', startDate: `${PERIOD}-11-06` },
    });
    await transition(deps, SYSTEM, { ...ref, action: { type: 'close-posting', on: `${PERIOD}-11-09` } });
    const view = await transition(deps, SYSTEM, {
      ...ref,
      action: {
        type: 'recognise',
        decisionNumber: `${150 + i}/QĐ-UBND`,
        decisionDate: `${PERIOD}-12-${String(11 + (i % 5)).padStart(2, '0')}`,
        signer: CHAIRS[i % CHAIRS.length]!,
      },
    });
    await transition(deps, SYSTEM, {
      ...ref,
      action: { type: 'report', reportedOn: `${PERIOD}-12-18`, to: 'Ủy ban nhân dân thành phố Sầm Sơn' },
    });
    certified += await countCertificatesOfCampaign(db, u.province_code, view.id!);
  }
  ctx.progress(
    `  ${units.length} đợt rà soát 2023 đã công nhận, ${certified} giấy chứng nhận / certificates`,
  );
}
