// Demo: the resident households (tổng số hộ dân cư) of Sầm Sơn's units for the demo's review years,
// the denominator of the rates (issue 12). Simulated: every household of the demo data set is a
// floor; a commune also has households that nobody reviewed (well above the lines), so the figure
// is about 12 % above the households the demo generated there (2023: 1.5 % fewer than 2024). The
// source text says so: "Số liệu mô phỏng".
import { listUnitsOn, findUnitOn } from '../../db/repositories/units.repository.js';
import { readAggregates } from '../../db/repositories/registry.repository.js';
import { setResidentHouseholds } from '../registry/residents.service.js';
import { SYSTEM } from '../deps.js';
import { QUANG_GIAO, SAM_SON_DISTRICT } from './foundation.seed.js';
import type { DemoContext } from './index.js';

const SOURCE =
  'Số liệu mô phỏng (dữ liệu mẫu): khoảng 1,12 lần số hộ đã rà soát / simulated: about 1.12 × the households reviewed';

export async function seedResidentHouseholds(ctx: DemoContext): Promise<void> {
  const { deps } = ctx;
  const db = deps.db.kysely;
  let n = 0;
  // The demo's households per commune (every status): the floor of the figure.
  const reviewed = new Map<string, number>();
  for (const c of await readAggregates(db, { period: 2024, provinceCode: '38' }))
    reviewed.set(c.unit_code, (reviewed.get(c.unit_code) ?? 0) + Number(c.n));
  for (const year of [2023, 2024]) {
    const on = `${year}-12-31`;
    const units = await listUnitsOn(db, { date: on, parentCode: SAM_SON_DISTRICT, level: 'commune' });
    const qg = await findUnitOn(db, QUANG_GIAO, on);
    if (qg) units.push(qg);
    for (const u of units) {
      const floor = reviewed.get(u.code) ?? 0;
      if (floor === 0) continue;
      const in2024 = Math.round((floor * 1.12) / 10) * 10 + 10;
      const households = year === 2024 ? in2024 : Math.max(floor, Math.round(in2024 * 0.985));
      await setResidentHouseholds(deps, SYSTEM, {
        unitCode: u.code,
        year,
        households,
        source: SOURCE,
        sourceDate: `${year}-10-01`,
      });
      n += 1;
    }
  }
  ctx.progress(`  ${n} số liệu hộ dân cư / resident-household figures`);
}
