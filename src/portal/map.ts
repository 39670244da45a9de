// The public statistics' map as inline SVG drawn on the server (docs/decisions/0033-map.md): no
// script (the portal works without JavaScript and its CSP allows none inline), no tiles, no
// network. The boundaries are the shipped `*.svg.json` files (coarser than the web app's, so a
// province's 166 communes weigh tens of kilobytes of paths), picked by level, parent and date like
// the web map (src/domain/map/layers.ts) and drawn by the code that draws the web map's first view
// (src/domain/map/draw.ts); the colours and classes are the web map's (src/domain/map/figures.ts). Only the public figures are drawn: a rate withheld by the
// small-number rule is drawn as "no figure", never in a class colour. Every unit's path carries its
// name and figure in a <title>; the table on the same page carries every figure for screen readers.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Feature, Geometry } from 'geojson';
import { drawFeatures } from '../domain/map/draw.js';
import { unitsOfTopology, type UnitFeatures, type UnitProps } from '../domain/map/topology.js';
import { formatNumber } from '../domain/format.js';
import { NO_DATA_COLOR, colorOf, legendOf, mapFigure } from '../domain/map/figures.js';
import { layerFor, layerOfUnit, type MapLayer, type MapLevel } from '../domain/map/layers.js';
import type { PublicStats } from '../services/public/open-lists.service.js';
import { html, type Html } from './html.js';
import type { Lang } from '../errors.js';
import type { Strings } from './i18n.js';

const MAPS_DIR = fileURLToPath(new URL('../web/public/maps/', import.meta.url));
const REFORM_DATE = '2025-07-01';

const loaded = new Map<string, UnitFeatures>();

/** A shipped layer, read once per process (a few tens of kilobytes). */
export function layerFeatures(layer: MapLayer): UnitFeatures {
  let fc = loaded.get(layer.id);
  if (!fc) {
    fc = unitsOfTopology(JSON.parse(readFileSync(`${MAPS_DIR}${layer.id}.svg.json`, 'utf8')));
    loaded.set(layer.id, fc);
  }
  return fc;
}

const WIDTH = 600;
const HEIGHT = 460;

/**
 * The map of a statistics page: the rows' units coloured by their public poverty rate; a unit
 * alone (a district of 2024, whose communes we hold no boundaries for) when that is all we hold;
 * otherwise a note. Null when the page has nothing to map.
 */
export function statsMap(t: Strings, lang: Lang, stats: PublicStats): Html | null {
  const figure = mapFigure('poorRate');
  // The rows are the units under the unit on 31/12 of the period (or the commune itself).
  const childLevel: MapLevel | null =
    stats.unitLevel === 'province'
      ? stats.on < REFORM_DATE
        ? 'district'
        : 'commune'
      : stats.unitLevel === 'district'
        ? 'commune'
        : null;
  const ownRow = stats.unitLevel === 'commune';
  const childLayer = childLevel && !ownRow ? layerFor(childLevel, stats.unitCode, stats.on) : null;
  const ownLayer = childLayer
    ? null
    : layerOfUnit({ level: stats.unitLevel, parentCode: stats.unitParentCode }, stats.on);
  // A province's page of a year before 2025 lists no district (results are filed under communes).
  if (childLayer && stats.rows.length === 0) return null;
  const layer = childLayer ?? ownLayer;
  if (!layer) return html`<p class="note" data-map="none">${t.mapNone(stats.unitName)}</p>`;

  // Portal rates are percentages with one decimal; the classes are of fractions.
  const values = new Map<string, { name: string; rate: number | null }>(
    childLayer
      ? stats.rows.map((r) => [r.unitCode, { name: r.unitName, rate: r.poorRate }])
      : [[stats.unitCode, { name: stats.unitName, rate: stats.total.poorRate }]],
  );
  const features: Feature<Geometry, UnitProps>[] = layerFeatures(layer).features.filter((f) =>
    values.has(f.properties.code),
  );
  if (!features.length) return html`<p class="note" data-map="none">${t.mapNone(stats.unitName)}</p>`;
  const paths = drawFeatures(features, WIDTH, HEIGHT, 8);
  const title = t.mapTitle(stats.unitName, stats.period);
  const rateText = (r: number | null) => (r === null ? t.withheld : `${formatNumber(r)} %`);
  const legend = legendOf(figure, lang);
  const desc = [...values.values()].map((v) => `${v.name}: ${rateText(v.rate)}`).join('; ');
  return html`<figure class="chart map">
    ${ownLayer ? html`<p class="note" data-map="own-area">${t.mapOwnArea(stats.unitName)}</p>` : null}
    <svg
      role="img"
      aria-labelledby="stats-map-t stats-map-d"
      viewBox="0 0 ${WIDTH} ${HEIGHT}"
      width="100%"
      style="max-width:${WIDTH}px"
      data-layer="${layer.id}"
    >
      <title id="stats-map-t">${title}</title>
      <desc id="stats-map-d">${desc}</desc>
      <g stroke="#495057" stroke-width="0.6" stroke-linejoin="round">
        ${features.map((f, i) => {
          const v = values.get(f.properties.code)!;
          const fill = colorOf(figure, v.rate === null ? null : v.rate / 100);
          return html`<path d="${paths[i]!}" fill="${fill}" data-code="${f.properties.code}"
            ><title>${v.name}: ${rateText(v.rate)}</title></path
          >`;
        })}
      </g>
    </svg>
    <figcaption>
      ${title}
      <ul class="map-legend" aria-label="${t.mapLegend}">
        ${legend.map(
          (c) =>
            html`<li>
              <svg width="12" height="12" aria-hidden="true">
                <rect width="12" height="12" fill="${c.color}"></rect>
              </svg>
              ${c.label}
            </li>`,
        )}
        <li>
          <svg width="12" height="12" aria-hidden="true">
            <rect width="12" height="12" fill="${NO_DATA_COLOR}"></rect>
          </svg>
          ${t.mapNoData}
        </li>
      </ul>
      <span class="meta">${t.mapLegend}. ${t.mapNote}</span>
    </figcaption>
  </figure>`;
}
