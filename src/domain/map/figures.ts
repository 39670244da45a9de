// The figures a map can be coloured by, and their classes, defined once for the web app's map and
// the portal's SVG map (docs/decisions/0033-map.md). A figure is a fraction (0.0123 = 1,23 %);
// its classes are fixed breaks, the same for every unit and year, so two maps compare at a glance.
// Colours: a five-step sequential scheme (ColorBrewer "YlOrRd" for the rates, "BuGn" for progress
// and money disbursed),
// distinguishable in greyscale and by most colour-blind readers; a unit without the figure is
// drawn light grey, never in a class colour. Each class is labelled in words in the legend.

export type MapFigureId =
  'poorRate' | 'nearPoorRate' | 'multidimensionalRate' | 'surveyedRate' | 'disbursedRate';

export interface MapFigure {
  id: MapFigureId;
  label: { vi: string; en: string };
  /** Upper bounds of every class but the last (fractions, ascending). */
  breaks: readonly number[];
  /** One colour per class (breaks.length + 1), lightest first. */
  colors: readonly string[];
  /** The permission its figures need beyond reading the registry (the money: finance.read). */
  permission?: 'finance.read';
}

const RATES = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;
const PROGRESS = ['#edf8fb', '#b2e2e2', '#66c2a4', '#2ca25f', '#006d2c'] as const;

/** Colour of a unit with no figure (no result, no resident households, or withheld). */
export const NO_DATA_COLOR = '#d9d9d9';

export const MAP_FIGURES: readonly MapFigure[] = [
  {
    id: 'poorRate',
    label: { vi: 'Tỷ lệ hộ nghèo', en: 'Poor rate' },
    breaks: [0.01, 0.02, 0.05, 0.1],
    colors: RATES,
  },
  {
    id: 'nearPoorRate',
    label: { vi: 'Tỷ lệ hộ cận nghèo', en: 'Near-poor rate' },
    breaks: [0.01, 0.02, 0.05, 0.1],
    colors: RATES,
  },
  {
    id: 'multidimensionalRate',
    label: { vi: 'Tỷ lệ nghèo đa chiều', en: 'Multidimensional poverty rate' },
    breaks: [0.02, 0.05, 0.1, 0.2],
    colors: RATES,
  },
  {
    id: 'surveyedRate',
    label: { vi: 'Tỷ lệ hộ đã rà soát', en: 'Households reviewed' },
    breaks: [0.25, 0.5, 0.75, 1],
    colors: PROGRESS,
  },
  {
    // Disbursed over the capital planned (allocated ± adjustments) of the finance year the
    // dashboard shows, per unit the allocations are filed under (`report finance`).
    id: 'disbursedRate',
    label: { vi: 'Tỷ lệ giải ngân', en: 'Disbursement rate' },
    breaks: [0.25, 0.5, 0.75, 1],
    colors: PROGRESS,
    permission: 'finance.read',
  },
];

export function mapFigure(id: MapFigureId): MapFigure {
  return MAP_FIGURES.find((f) => f.id === id)!;
}

/** The class (0-based) of a value, or null when there is no value. */
export function classOf(figure: MapFigure, value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const i = figure.breaks.findIndex((b) => value < b);
  return i === -1 ? figure.breaks.length : i;
}

/** The fill of a value: its class's colour, or the no-data grey. */
export function colorOf(figure: MapFigure, value: number | null | undefined): string {
  const c = classOf(figure, value);
  return c === null ? NO_DATA_COLOR : figure.colors[c]!;
}

const pct = (x: number) => `${String(Math.round(x * 1000) / 10).replace('.', ',')} %`;

/** The legend's classes in words: "dưới 1 %", "1 % – dưới 2 %", …, "từ 10 %". */
export function legendOf(figure: MapFigure, lang: 'vi' | 'en'): { color: string; label: string }[] {
  const { breaks } = figure;
  return figure.colors.map((color, i) => {
    const label =
      i === 0
        ? `${lang === 'vi' ? 'dưới' : 'below'} ${pct(breaks[0]!)}`
        : i === breaks.length
          ? `${lang === 'vi' ? 'từ' : 'from'} ${pct(breaks[i - 1]!)}`
          : `${pct(breaks[i - 1]!)} – ${lang === 'vi' ? 'dưới' : 'below'} ${pct(breaks[i]!)}`;
    return { color, label };
  });
}
