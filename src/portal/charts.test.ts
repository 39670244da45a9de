import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import { DomUtils } from 'htmlparser2';
import { ratesByUnitChart, trendChart } from './charts.js';
import { stringsFor } from './i18n.js';

const t = stringsFor('vi');

function svgOf(markup: string) {
  const doc = parseDocument(markup);
  const svg = DomUtils.findOne((e) => e.name === 'svg', doc.children)!;
  const rects = DomUtils.findAll((e) => e.name === 'rect', svg.children);
  const texts = DomUtils.findAll((e) => e.name === 'text', svg.children).map((e) => DomUtils.textContent(e));
  return { doc, svg, rects, texts };
}

describe('ratesByUnitChart', () => {
  const rows = [
    { label: 'Phường Trung Sơn', poorRate: 2.5, nearPoorRate: 5 },
    { label: 'Xã Quảng Hùng', poorRate: null, nearPoorRate: 10 },
  ];

  it('draws one labelled bar per published rate, scaled to a round axis, and nothing for a withheld one', () => {
    const { svg, rects, texts } = svgOf(ratesByUnitChart(t, 'c', 'Tỷ lệ', rows)!.value);
    expect(svg.attribs.role).toBe('img');
    // Two legend swatches + three bars (the withheld poverty rate of Quảng Hùng is not drawn).
    const bars = rects.filter((r) => Number(r.attribs.height) === 11);
    expect(bars).toHaveLength(3);
    // Axis 0–10: 380 px for 10 %, so 2.5 % is 95 px and 10 % the full 380 px.
    expect(bars.map((r) => Number(r.attribs.width))).toEqual([95, 190, 380]);
    expect(texts).toContain('2,5');
    expect(texts).toContain('không công bố');
    expect(texts).toContain('Phường Trung Sơn');
    const desc = DomUtils.findOne((e) => e.name === 'desc', svg.children)!;
    expect(DomUtils.textContent(desc).trim()).toBe(
      'Phường Trung Sơn: 2,5 % / 5 %; Xã Quảng Hùng: không công bố / 10 %',
    );
  });

  it('escapes unit names and draws nothing when every rate is withheld', () => {
    const out = ratesByUnitChart(t, 'c', 'x', [
      { label: '<script>alert(1)</script>', poorRate: 1, nearPoorRate: 1 },
    ])!;
    expect(out.value).not.toContain('<script>');
    expect(out.value).toContain('&lt;script&gt;');
    expect(ratesByUnitChart(t, 'c', 'x', [{ label: 'A', poorRate: null, nearPoorRate: null }])).toBeNull();
  });
});

describe('trendChart', () => {
  it('draws a bar pair per year with its value above, and needs two years', () => {
    const points = [
      { label: '2023', poorRate: 2.2, nearPoorRate: 4 },
      { label: '2024', poorRate: 1.5, nearPoorRate: null },
    ];
    const { rects, texts } = svgOf(trendChart(t, 'tr', 'Qua các năm', points)!.value);
    const bars = rects.filter((r) => Number(r.attribs.width) === 24);
    expect(bars).toHaveLength(3);
    // Axis 0–5 over 160 px: 4 % is 128 px tall, standing on the base line at y = 200.
    const tallest = bars.find((r) => Number(r.attribs.height) === 128)!;
    expect(Number(tallest.attribs.y) + 128).toBe(200);
    expect(texts).toEqual(expect.arrayContaining(['2023', '2024', '2,2', '1,5', '4', '–']));
    expect(trendChart(t, 'tr', 'x', [points[0]!])).toBeNull();
  });
});
