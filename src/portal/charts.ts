// Charts of the public statistics as inline SVG, drawn on the server: they need no script (the
// portal's pages work without JavaScript and its CSP allows none inline), weigh a few hundred bytes
// per bar and print well. Each chart is an image with a text title and description; the table on
// the same page carries the figures for screen readers, and every bar is labelled with its value
// (never colour alone). Withheld rates (small numbers) are not drawn.
import { formatNumber } from '../domain/format.js';
import { html, type Html } from './html.js';
import type { Strings } from './i18n.js';

export interface RatePair {
  label: string;
  poorRate: number | null;
  nearPoorRate: number | null;
}

const POOR = '#b3261e';
const NEAR_POOR = '#e8a317';
const INK = '#222';
const GRID = '#ddd';

const pct = (r: number) => formatNumber(r);

/** A round upper bound for the axis: 5, 10, 20, 25, 50, 100. */
function axisMax(values: (number | null)[]): number {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  return [5, 10, 20, 25, 50, 100].find((m) => max <= m) ?? 100;
}

/** The chart in words, for its <desc>: "unit: 1,5 % / 3 %; …" (withheld rates named as such). */
function description(t: Strings, items: RatePair[]): string {
  const rate = (r: number | null) => (r === null ? t.withheld : `${pct(r)} %`);
  return items.map((i) => `${i.label}: ${rate(i.poorRate)} / ${rate(i.nearPoorRate)}`).join('; ');
}

function legend(t: Strings, x: number, y: number): Html {
  return html`<g font-size="12" fill="${INK}"
    ><rect x="${x}" y="${y - 10}" width="12" height="12" fill="${POOR}"></rect
    ><text x="${x + 16}" y="${y}">${t.poorRate}</text
    ><rect x="${x + 150}" y="${y - 10}" width="12" height="12" fill="${NEAR_POOR}"></rect
    ><text x="${x + 166}" y="${y}">${t.nearPoorRate}</text></g
  >`;
}

function bar(
  x: number,
  y: number,
  w: number,
  h: number,
  fill: string,
  label: string,
  vertical: boolean,
): Html {
  const text = vertical
    ? html`<text x="${x + w / 2}" y="${y - 3}" text-anchor="middle">${label}</text>`
    : html`<text x="${x + w + 4}" y="${y + h - 2}">${label}</text>`;
  return html`<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${fill}"></rect>${text}`;
}

/** Horizontal bars: one row per unit, a bar for each rate. */
export function ratesByUnitChart(t: Strings, id: string, title: string, rows: RatePair[]): Html | null {
  if (!rows.some((r) => r.poorRate !== null || r.nearPoorRate !== null)) return null;
  const labelW = 170;
  const plotW = 380;
  const rowH = 30;
  const top = 30;
  const width = labelW + plotW + 60;
  const height = top + rows.length * rowH + 10;
  const max = axisMax(rows.flatMap((r) => [r.poorRate, r.nearPoorRate]));
  const scale = (v: number) => (v / max) * plotW;
  const ticks = [0, max / 2, max];
  return html`<figure class="chart">
    <svg
      role="img"
      aria-labelledby="${id}-t ${id}-d"
      viewBox="0 0 ${width} ${height}"
      width="100%"
      font-family="system-ui, sans-serif"
    >
      <title id="${id}-t">${title}</title>
      <desc id="${id}-d">${description(t, rows)}</desc>
      ${legend(t, labelW, 16)}${ticks.map(
        (v) =>
          html`<line
              x1="${labelW + scale(v)}"
              x2="${labelW + scale(v)}"
              y1="${top - 4}"
              y2="${height - 6}"
              stroke="${GRID}"
            ></line
            ><text x="${labelW + scale(v)}" y="${height}" font-size="10" text-anchor="middle" fill="${INK}"
              >${pct(v)}</text
            >`,
      )}
      <g font-size="11" fill="${INK}">
        ${rows.map((r, i) => {
          const y = top + i * rowH;
          const name = r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label;
          return html`<text x="${labelW - 6}" y="${y + 16}" text-anchor="end">${name}</text>${
              r.poorRate === null
                ? html`<text x="${labelW + 4}" y="${y + 11}">${t.withheld}</text>`
                : bar(labelW, y + 1, scale(r.poorRate), 11, POOR, `${pct(r.poorRate)}`, false)
            }${
              r.nearPoorRate === null
                ? html`<text x="${labelW + 4}" y="${y + 24}">${t.withheld}</text>`
                : bar(labelW, y + 14, scale(r.nearPoorRate), 11, NEAR_POOR, `${pct(r.nearPoorRate)}`, false)
            }`;
        })}
      </g>
    </svg>
    <figcaption>${title}</figcaption>
  </figure>`;
}

/** Vertical bar pairs, one pair per year. */
export function trendChart(t: Strings, id: string, title: string, points: RatePair[]): Html | null {
  if (points.length < 2 || !points.some((p) => p.poorRate !== null || p.nearPoorRate !== null)) return null;
  const left = 30;
  const groupW = 80;
  const plotH = 160;
  const top = 40;
  // Wide enough for the legend, however few the years.
  const width = Math.max(360, left + points.length * groupW + 10);
  const height = top + plotH + 24;
  const max = axisMax(points.flatMap((p) => [p.poorRate, p.nearPoorRate]));
  const scale = (v: number) => (v / max) * plotH;
  const base = top + plotH;
  return html`<figure class="chart">
    <svg
      role="img"
      aria-labelledby="${id}-t ${id}-d"
      viewBox="0 0 ${width} ${height}"
      width="100%"
      style="max-width:${width}px"
      font-family="system-ui, sans-serif"
    >
      <title id="${id}-t">${title}</title>
      <desc id="${id}-d">${description(t, points)}</desc>
      ${legend(t, left, 16)}
      <line x1="${left}" x2="${width - 10}" y1="${base}" y2="${base}" stroke="${INK}"></line>
      <g font-size="11" fill="${INK}">
        ${points.map((p, i) => {
          const x = left + i * groupW + 12;
          const one = (v: number | null, dx: number, fill: string) =>
            v === null
              ? html`<text x="${x + dx + 12}" y="${base - 4}" text-anchor="middle" font-size="9">–</text>`
              : bar(x + dx, base - scale(v), 24, scale(v), fill, pct(v), true);
          return html`${one(p.poorRate, 0, POOR)}${one(p.nearPoorRate, 28, NEAR_POOR)}<text
              x="${x + 26}"
              y="${base + 16}"
              text-anchor="middle"
              >${p.label}</text
            >`;
        })}
      </g>
    </svg>
    <figcaption>${title}</figcaption>
  </figure>`;
}
