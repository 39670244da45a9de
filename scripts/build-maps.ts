// `npm run build:maps`: the boundary files the product ships (docs/decisions/0033-map.md), made
// from the GeoJSON in datasets/maps (datasets/SOURCES.md §6). Each level becomes one TopoJSON file,
// quantised and simplified, whose features carry the key of the unit in our units table: its code
// AND the period it is in force (valid_from, valid_to), so a code reused after the 2025 mergers never
// meets the wrong polygon. Two sizes per level: `web` for the MapLibre map (< 300 KB a province) and
// `svg`, coarser, for the portal's server-drawn map (a page weighs what its paths weigh).
//
// The output is committed (src/web/public/maps): the server draws the portal's map from it at run
// time and Vite copies it into the web app as it is, so neither a start nor `npm run build:web` needs
// topojson-server/-simplify (dev dependencies) or the 8 MB of sources. Run this again only when a
// source file changes; tests/integration/map-boundaries.test.ts checks the shipped files.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify, filter, filterWeight } from 'topojson-simplify';
import { merge, quantize } from 'topojson-client';
import type { Topology, GeometryCollection, MultiPolygon, Polygon } from 'topojson-specification';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { MAP_LAYERS, type MapLayer } from '../src/domain/map/layers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}src/web/public/maps`;

const readJson = <T>(path: string): T => JSON.parse(readFileSync(`${root}${path}`, 'utf8')) as T;
const readCsv = (path: string): Record<string, string>[] =>
  parse(readFileSync(`${root}${path}`, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];

/** Our units of each layer (the same CSVs the units table is loaded from): code → name. */
function unitsOf(layer: MapLayer): Map<string, string> {
  const names = new Map<string, string>();
  if (layer.level === 'district') {
    for (const r of readCsv('datasets/units/vn_districts_pre2025_gso.csv'))
      if (r.province_code === layer.parentCode) names.set(r.district_code!, r.district_name!);
  } else {
    for (const r of readCsv('datasets/units/vn_units_post2025.csv')) {
      if (layer.level === 'province') names.set(r.province_code!, r.province_name!);
      else if (r.province_code === layer.parentCode) names.set(r.ward_code!, r.ward_name!);
    }
  }
  return names;
}

type Props = Record<string, unknown>;

/** The source features of a layer, one per unit (the 2021 districts dissolved on district_code_2025). */
function sourceFeatures(layer: MapLayer): Feature<Geometry, Props>[] {
  const fc = readJson<FeatureCollection<Geometry, Props>>(`datasets/maps/${layer.source}`);
  if (layer.level !== 'district') {
    return fc.features.map((f) => ({ ...f, properties: { code: String(f.properties.code) } }));
  }
  // SOURCES.md §6: the 2021 snapshot still has Huyện Đông Sơn (405); `district_code_2025` maps it
  // to Thành phố Thanh Hóa (380), which had absorbed it: merging on that field gives the 26
  // districts that stood until 30/06/2025.
  const topo = topology({ d: fc }) as Topology<{ d: GeometryCollection<Props> }>;
  const groups = new Map<string, (Polygon | MultiPolygon)[]>();
  for (const g of topo.objects.d.geometries) {
    const key = String((g.properties as Props).district_code_2025);
    groups.set(key, [...(groups.get(key) ?? []), g as Polygon | MultiPolygon]);
  }
  return [...groups].map(([code, geoms]) => ({
    type: 'Feature',
    properties: { code },
    geometry: merge(topo, geoms),
  }));
}

/**
 * Quantise, simplify (Visvalingam, keeping the `keep` share of the weighted points) and drop the
 * rings too small to see, then keep only our key on each feature.
 */
function build(layer: MapLayer, keep: number, quantisation: number): string {
  const names = unitsOf(layer);
  const features = sourceFeatures(layer).map((f): Feature<Geometry, Props> => {
    const code = String(f.properties.code);
    const name = names.get(code);
    if (!name) throw new Error(`${layer.id}: feature ${code} is not a unit of the layer's period`);
    return {
      type: 'Feature',
      id: code,
      properties: { code, name, validFrom: layer.validFrom, validTo: layer.validTo },
      geometry: f.geometry,
    };
  });
  const missing = [...names.keys()].filter((c) => !features.some((f) => f.properties.code === c));
  if (missing.length) throw new Error(`${layer.id}: no boundary for ${missing.join(', ')}`);
  const collection: FeatureCollection<Geometry, Props> = { type: 'FeatureCollection', features };
  const weighted = presimplify(
    topology({ units: collection }, 1e6) as Topology<{ units: GeometryCollection<Props> }>,
  );
  // The weights are sorted from the largest: the quantile at `keep` is the weight of the last point kept.
  const minWeight = quantile(weighted, keep);
  const simplified = simplify(weighted, minWeight);
  const topo = filter(simplified, filterWeight(simplified, minWeight));
  return JSON.stringify(quantize(topo, quantisation));
}

mkdirSync(out, { recursive: true });
for (const layer of MAP_LAYERS) {
  for (const [size, keep, q] of [
    ['web', layer.keep.web, 1e5],
    ['svg', layer.keep.svg, 1e4],
  ] as const) {
    const text = build(layer, keep, q);
    writeFileSync(`${out}/${layer.id}.${size}.json`, text);
    console.log(`${layer.id}.${size}.json  ${(text.length / 1024).toFixed(0)} KB`);
  }
}
