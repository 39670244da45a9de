// The boundary layers the product ships (docs/decisions/0033-map.md), as data: one row per level
// and period. The build step (scripts/build-maps.ts) makes `src/web/public/maps/<id>.<web|svg>.json`
// from each row; the web map and the portal's SVG map pick their layer here. A feature is keyed
// by the unit's code AND its period (`validFrom`, '' for the units in force before the data
// start), as in the units table: a code reused after the 2025 mergers (16531 was Phường Quảng Châu,
// then Phường Sầm Sơn) never meets the wrong polygon.

export type MapLevel = 'province' | 'district' | 'commune';

export interface MapLayer {
  id: string;
  /** The level of the units drawn. */
  level: MapLevel;
  /** The unit they lie in (null: the whole country). */
  parentCode: string | null;
  /** The period of the units drawn, as in the units table ('' = no start date; null = still in force). */
  validFrom: string;
  validTo: string | null;
  /** The source file in datasets/maps (attribution in datasets/SOURCES.md). */
  source: string;
  /** Share of the weighted points kept by the simplification, per size. */
  keep: { web: number; svg: number };
}

export const MAP_LAYERS: readonly MapLayer[] = [
  {
    id: 'vn-provinces-2025',
    level: 'province',
    parentCode: null,
    validFrom: '2025-07-01',
    validTo: null,
    source: 'vn_provinces_34_post2025.geojson',
    keep: { web: 0.05, svg: 0.02 },
  },
  {
    id: 'thanhhoa-districts-2021',
    level: 'district',
    parentCode: '38',
    validFrom: '',
    validTo: '2025-06-30',
    source: 'thanhhoa_38_districts_gis2021.geojson',
    keep: { web: 0.5, svg: 0.15 },
  },
  {
    id: 'thanhhoa-communes-2025',
    level: 'commune',
    parentCode: '38',
    validFrom: '2025-07-01',
    validTo: null,
    source: 'thanhhoa_38_communes_post2025.geojson',
    keep: { web: 0.08, svg: 0.02 },
  },
];

/** Whether the layer's units are those in force on `on` (YYYY-MM-DD). */
export function layerInForce(layer: MapLayer, on: string): boolean {
  return (layer.validFrom === '' || layer.validFrom <= on) && (layer.validTo === null || on <= layer.validTo);
}

/**
 * The layer holding the units of `level` under `parentCode` on `on`, or null when we hold no
 * boundaries for them (Thanh Hóa's communes before 01/07/2025, the 63 provinces, other provinces).
 */
export function layerFor(level: MapLevel, parentCode: string | null, on: string): MapLayer | null {
  return (
    MAP_LAYERS.find((l) => l.level === level && l.parentCode === parentCode && layerInForce(l, on)) ?? null
  );
}

/**
 * The layer holding a unit's own outline on `on` (its code in the layer of its level and parent):
 * a district of 2024 is drawn alone when its communes have no boundaries. A commune's parent is
 * its district before 01/07/2025 (no layer) and its province after.
 */
export function layerOfUnit(unit: { level: string; parentCode: string | null }, on: string): MapLayer | null {
  if (unit.level === 'province') return layerFor('province', null, on);
  if (unit.level === 'district' || unit.level === 'commune') return layerFor(unit.level, unit.parentCode, on);
  return null;
}
