// Demo registry (DESIGN.md §5): the Sầm Sơn city of 2024 — its ten wards and communes plus Xã
// Quảng Giao — with about 30,000 synthetic households spread over the villages of the foundation
// seeder, classified by the engine through the import service (not typed in), approved; and the
// 2024 campaign of Phường Trung Sơn left in progress (meetings held, list posted, one complaint).
import { listUnitsOn, findUnitOn } from '../../db/repositories/units.repository.js';
import { listVillagesOfCommune } from '../../db/repositories/villages.repository.js';
import { HouseholdGenerator, rngFrom, type GenCommune } from '../../domain/registry/generate.js';
import { importSurvey } from '../registry/import.service.js';
import { transition } from '../registry/campaign.service.js';
import { SYSTEM } from '../deps.js';
import { DEMO_DATE_2024, QUANG_GIAO, SAM_SON_DISTRICT } from './foundation.seed.js';
import type { DemoContext } from './index.js';

export const DEMO_HOUSEHOLDS = 30_000;
/** The ward whose 2024 campaign the demo leaves in progress. */
export const DEMO_CAMPAIGN_WARD = '14830';

export async function seedRegistry(ctx: DemoContext): Promise<void> {
  const { deps } = ctx;
  const db = deps.db.kysely;
  const units = await listUnitsOn(db, { date: DEMO_DATE_2024, parentCode: SAM_SON_DISTRICT });
  const qg = await findUnitOn(db, QUANG_GIAO, DEMO_DATE_2024);
  if (qg) units.push(qg);
  const rnd = rngFrom('sam-son-2024:communes');
  const communes: GenCommune[] = [];
  for (const u of units) {
    const villages = await listVillagesOfCommune(db, u.code, u.valid_from ?? '');
    communes.push({
      code: u.code,
      area: u.area === 'urban' ? 'urban' : 'rural',
      weight: 0.7 + rnd() * 0.6,
      // Sầm Sơn is a coastal tourist city: better off than the province on average.
      offset: 0.25 + (rnd() - 0.5) * 0.4,
      villages: villages.map((v) => v.name),
    });
  }
  const gen = new HouseholdGenerator('sam-son-2024', {
    provinceCode: '38',
    period: 2024,
    communes,
    idPrefix: 'SS24-',
    withVillage: true,
  });
  const all = Array.from({ length: DEMO_HOUSEHOLDS }, () => gen.next());
  const ward = all.filter((r) => r.unitCode === DEMO_CAMPAIGN_WARD);
  const rest = all.filter((r) => r.unitCode !== DEMO_CAMPAIGN_WARD);
  ctx.progress(`  ${all.length} hộ / households…`);

  // The recognised 2023 results of the same households come first, so the 2024 review shows real
  // movements (thoát nghèo, nghèo phát sinh…) and the 2024 target has a baseline to count against.
  const baseline = await importSurvey(
    deps,
    SYSTEM,
    { format: 'records', name: 'demo:sam-son-2023', records: all.map(previousYear(rngFrom('sam-son-2023'))) },
    { period: 2023, status: 'approved', explain: true },
  );
  ctx.progress(`  2023: ${baseline.imported} hộ / households`);
  const approved = await importSurvey(
    deps,
    SYSTEM,
    { format: 'records', name: 'demo:sam-son-2024', records: rest },
    { period: 2024, status: 'approved', explain: true },
  );
  const draft = await importSurvey(
    deps,
    SYSTEM,
    { format: 'records', name: 'demo:trung-son-2024', records: ward },
    { period: 2024, status: 'draft', explain: true },
  );
  ctx.progress(`  ${approved.imported + draft.imported} hộ đã phân loại / households classified`);

  // The ward's campaign: meetings held in every village, the list posted, one complaint received.
  const ref = { communeCode: DEMO_CAMPAIGN_WARD, period: 2024 };
  const c = await transition(deps, SYSTEM, { ...ref, action: { type: 'open-meetings', villages: [] } });
  for (const [i, v] of c.state.villages.entries()) {
    await transition(deps, SYSTEM, {
      ...ref,
      action: {
        type: 'record-meeting',
        villageId: v.villageId,
        date: `2024-10-${String(14 + (i % 5)).padStart(2, '0')}`,
        chair: `Tổ trưởng ${v.name}`,
        secretary: 'Cán bộ chính sách phường',
        supervisor: 'Ủy ban MTTQ phường Trung Sơn',
        present: 30 + i,
        agreeing: 24 + i,
        minutesCopies: 2,
        agreedHouseholds: [],
      },
    });
  }
  await transition(deps, SYSTEM, { ...ref, action: { type: 'start-posting', startDate: '2024-10-21' } });
  const someone = ward[0];
  if (someone) {
    const head = (someone.members as { name: string }[])[0]!.name;
    await transition(deps, SYSTEM, {
      ...ref,
      action: {
        type: 'file-complaint',
        householdKey: String(someone.householdId),
        complainant: head,
        receivedOn: '2024-10-22',
        text: 'Gia đình đề nghị phúc tra thu nhập vì có người ốm dài ngày.',
      },
    });
  }
}

type DemoRecord = ReturnType<HouseholdGenerator['next']>;
type DemoMember = { birthDate: string; healthInsurance?: boolean };

/**
 * The household one review earlier: surveyed a year before, without the members born since, with
 * the income before a year of growth, and — for about one household in thirty near the line — the
 * hardship it has since left behind (lower income, members without a health insurance card, no
 * internet yet). This puts about 155 more households in poverty in 2023 than in 2024.
 */
export function previousYear(rnd: () => number) {
  return (r: DemoRecord): DemoRecord => {
    const date = String(r.surveyDate);
    const surveyDate = `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
    // Copies: the 2024 records are imported afterwards and must stay as they are.
    const members = (r.members as DemoMember[])
      .filter((m) => m.birthDate <= surveyDate)
      .map((m) => ({ ...m }));
    const income2024 = Number(r.incomePerCapitaMonthly);
    let income = Math.round(income2024 / (1.04 + rnd() * 0.08) / 1000) * 1000;
    let extra: Record<string, unknown> = {};
    if (income2024 < 2_600_000 && rnd() < 0.035) {
      income = Math.round((900_000 + rnd() * 500_000) / 1000) * 1000;
      extra = { internetUse: false, infoDevices: [], loudspeakerAccess: rnd() < 0.5 };
      members.forEach((m, i) => {
        if (i > 0 && rnd() < 0.6) m.healthInsurance = false;
      });
    }
    return {
      ...r,
      surveyDate,
      incomePerCapitaMonthly: income,
      ...extra,
      members: members.length > 0 ? members : r.members,
    };
  };
}
