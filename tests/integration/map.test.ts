// The map's boundaries and the portal's SVG map (issue 13; docs/decisions/0033-map.md): the shipped
// files are small enough and hold exactly the units of their period in our units table, on every
// database; the boundaries follow the date (Sầm Sơn's pre-reform area holds the wards that took it
// over); the SVG's fills are the figures' classes, withheld rates never coloured.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geoCentroid, geoContains } from 'd3-geo';
import { listUnitsOn } from '../../src/db/repositories/units.repository.js';
import { MAP_LAYERS, layerFor, layerOfUnit } from '../../src/domain/map/layers.js';
import { NO_DATA_COLOR, colorOf, mapFigure } from '../../src/domain/map/figures.js';
import { layerFeatures, statsMap } from '../../src/portal/map.js';
import { stringsFor } from '../../src/portal/i18n.js';
import type { PublicStats, PublicStatRow } from '../../src/services/public/open-lists.service.js';
import { DIALECTS, makeDeps, type TestDeps } from '../support/db.js';
import { buildAllocation } from '../support/finance.js';
import { recordDisbursement } from '../../src/services/finance/allocations.service.js';
import { financeReport } from '../../src/services/finance/report.service.js';
import { dashboard } from '../../src/services/dashboard.service.js';
import { SYSTEM, type Actor } from '../../src/services/deps.js';

const MAPS = fileURLToPath(new URL('../../src/web/public/maps/', import.meta.url));
const read = (file: string) =>
  JSON.parse(fs.readFileSync(`${MAPS}${file}`, 'utf8')) as {
    objects: { units: { geometries: { properties: { code: string; validFrom: string } }[] } };
  };

describe('shipped boundary files', () => {
  it('every file the web app loads weighs under 300 KB (Thanh Hóa’s 166 communes included)', () => {
    for (const layer of MAP_LAYERS) {
      const size = fs.statSync(`${MAPS}${layer.id}.web.json`).size;
      expect(size, layer.id).toBeLessThan(300 * 1024);
      expect(size, layer.id).toBeGreaterThan(10 * 1024);
    }
    expect(fs.statSync(`${MAPS}thanhhoa-communes-2025.web.json`).size).toBeLessThan(300 * 1024);
  });

  it('07/06/2024 draws the 2021 districts, Sầm Sơn’s pre-reform area holding both wards of 01/07/2025', () => {
    expect(layerFor('district', '38', '2024-06-07')?.id).toBe('thanhhoa-districts-2021');
    expect(layerFor('commune', '38', '2024-06-07')).toBeNull();
    expect(layerFor('commune', '38', '2025-07-01')?.id).toBe('thanhhoa-communes-2025');
    expect(layerFor('district', '38', '2025-07-01')).toBeNull();
    // A commune of 2024 lies under its district: we hold no commune boundary then.
    expect(layerOfUnit({ level: 'commune', parentCode: '382' }, '2024-06-07')).toBeNull();
    const districts = layerFeatures(layerFor('district', '38', '2024-06-07')!).features;
    // Huyện Đông Sơn (405) was dissolved into Thành phố Thanh Hóa (380): 26 districts.
    expect(districts).toHaveLength(26);
    expect(districts.some((f) => f.properties.code === '405')).toBe(false);
    const samSon2024 = districts.find((f) => f.properties.code === '382')!;
    const wards = layerFeatures(layerFor('commune', '38', '2025-07-01')!).features;
    // The city of 2024 lies where its two successor wards of 2025 lie, not elsewhere.
    const centre = geoCentroid(samSon2024);
    const holding = wards.filter((f) => geoContains(f, centre)).map((f) => f.properties.code);
    expect(holding.length).toBe(1);
    expect(['16531', '16516']).toContain(holding[0]);
  });
});

for (const dialect of DIALECTS) {
  describe(`boundary keys match the units table (${dialect})`, () => {
    let deps: TestDeps;
    beforeAll(async () => {
      deps = await makeDeps(dialect);
    });
    afterAll(async () => deps.cleanup());

    it('each layer holds one feature per unit of its level, parent and period, keyed by code and valid_from', async () => {
      for (const layer of MAP_LAYERS) {
        const date = layer.validTo ?? layer.validFrom;
        const units = await listUnitsOn(deps.db.kysely, {
          date,
          level: layer.level,
          ...(layer.parentCode ? { parentCode: layer.parentCode } : {}),
        });
        const want = units.map((u) => `${u.code}|${u.valid_from ?? ''}`).sort();
        for (const size of ['web', 'svg']) {
          const got = read(`${layer.id}.${size}.json`)
            .objects.units.geometries.map((g) => `${g.properties.code}|${g.properties.validFrom}`)
            .sort();
          expect(got, `${layer.id}.${size}`).toEqual(want);
        }
      }
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`the money figure by commune (${dialect})`, () => {
    let deps: TestDeps;
    const officer: Actor = {
      kind: 'user',
      id: 99,
      username: 'ldtbxh.test',
      role: 'province-officer',
      unitCode: '382',
    };
    beforeAll(async () => {
      deps = await makeDeps(dialect);
      // 2024, Thành phố Sầm Sơn: 100 M to the city itself (none disbursed), 50 M to Phường Trung
      // Sơn (40 M disbursed: 80 %), 20 M to Phường Bắc Sơn (2 M: 10 %).
      await buildAllocation(deps, { unitCode: '382', amount: 100_000_000 });
      for (const [unitCode, amount, paid] of [
        ['14830', 50_000_000, 40_000_000],
        ['14833', 20_000_000, 2_000_000],
      ] as const) {
        const a = await buildAllocation(deps, { unitCode, amount });
        await recordDisbursement(deps, SYSTEM, {
          allocationId: a.id,
          date: '2024-06-10',
          amount: paid,
          voucherNo: `PC-${unitCode}`,
          activity: 'Hỗ trợ sinh kế',
        });
      }
    });
    afterAll(async () => deps.cleanup());

    it('`report finance` by unit splits the dashboard’s total exactly, each rate in its class', async () => {
      const d = await dashboard(deps, officer, { unit: '382', on: '2025-06-30' });
      const f = await financeReport(deps, officer, { unitCode: '382', year: d.money!.year, asOf: d.today });
      const by = Object.fromEntries(f.units.map((u) => [u.unitCode, u]));
      expect(Object.keys(by).sort()).toEqual(['14830', '14833', '382']);
      expect(by['14830']).toMatchObject({ planned: 50_000_000, disbursed: 40_000_000, rate: 0.8 });
      expect(by['14833']).toMatchObject({ planned: 20_000_000, disbursed: 2_000_000, rate: 0.1 });
      expect(by['382']).toMatchObject({ planned: 100_000_000, disbursed: 0, rate: 0 });
      // A partition of the total the dashboard shows.
      expect(f.units.reduce((n, u) => n + u.planned, 0)).toBe(d.money!.allocated);
      expect(f.units.reduce((n, u) => n + u.disbursed, 0)).toBe(d.money!.disbursed);
      const money = mapFigure('disbursedRate');
      expect(colorOf(money, by['14830']!.rate)).toBe('#2ca25f');
      expect(colorOf(money, by['14833']!.rate)).toBe('#edf8fb');
      // The city's own area: 42 M of 170 M, 24,7 %, just below 25 %.
      expect(d.money!.rate).toBe(0.2471);
      expect(colorOf(money, d.money!.rate)).toBe('#edf8fb');
    });
  });
}

const row = (unitCode: string, unitName: string, poorRate: number | null): PublicStatRow => ({
  unitCode,
  unitName,
  households: poorRate === null ? '< 5' : '1000',
  poor: poorRate === null ? '< 5' : '12',
  nearPoor: '30',
  residentHouseholds: '1100',
  poorRate,
  nearPoorRate: null,
  residentsMissing: false,
});

const stats = (over: Partial<PublicStats>): PublicStats => ({
  unitCode: '38',
  unitName: 'Tỉnh Thanh Hóa',
  unitLevel: 'province',
  unitParentCode: null,
  on: '2025-12-31',
  period: 2025,
  periods: [2025],
  rows: [],
  total: row('38', 'Toàn đơn vị', 1.4),
  trend: [],
  ...over,
});

/** The fill of each path of the SVG, by unit code. */
function fills(svg: string): Record<string, string> {
  return Object.fromEntries(
    [...svg.matchAll(/<path d="[^"]*" fill="([^"]+)" data-code="(\d+)"/g)].map((m) => [m[2]!, m[1]!]),
  );
}

describe('portal statistics map (server-drawn SVG)', () => {
  const t = stringsFor('vi');
  const poor = mapFigure('poorRate');

  it('colours each ward of 2025 by its public rate; a withheld rate is drawn as “no figure”', () => {
    const svg = String(
      statsMap(
        t,
        'vi',
        stats({ rows: [row('16531', 'Phường Sầm Sơn', 1.1), row('16516', 'Phường Nam Sầm Sơn', null)] }),
      ),
    );
    expect(svg).toContain('data-layer="thanhhoa-communes-2025"');
    expect(fills(svg)).toEqual({ '16531': colorOf(poor, 0.011), '16516': NO_DATA_COLOR });
    expect(colorOf(poor, 0.011)).toBe('#fecc5c');
    expect(svg).toContain('<title>Phường Nam Sầm Sơn: không công bố</title>');
    expect(svg).toContain('<title>Phường Sầm Sơn: 1,1 %</title>');
    // No script, and the legend names every class in words.
    expect(svg).not.toContain('<script');
    expect(svg).toContain('1 % – dưới 2 %');
    expect(svg.length).toBeLessThan(40 * 1024);
  });

  it('Sầm Sơn in 2024 (communes without boundaries) draws the city’s own pre-reform area and says so', () => {
    const svg = String(
      statsMap(
        t,
        'vi',
        stats({
          unitCode: '382',
          unitName: 'Thành phố Sầm Sơn',
          unitLevel: 'district',
          unitParentCode: '38',
          on: '2024-12-31',
          period: 2024,
          rows: [row('14830', 'Phường Trung Sơn', 1.2)],
          total: row('382', 'Toàn đơn vị', 5.3),
        }),
      ),
    );
    expect(svg).toContain('data-layer="thanhhoa-districts-2021"');
    expect(svg).toContain('data-map="own-area"');
    expect(fills(svg)).toEqual({ '382': colorOf(poor, 0.053) });
  });

  it('a commune of 2024 has no boundary: the page says so and keeps its table', () => {
    const html = String(
      statsMap(
        t,
        'vi',
        stats({
          unitCode: '14830',
          unitName: 'Phường Trung Sơn',
          unitLevel: 'commune',
          unitParentCode: '382',
          on: '2024-12-31',
          period: 2024,
        }),
      ),
    );
    expect(html).toContain('data-map="none"');
    expect(html).not.toContain('<svg');
  });
});
