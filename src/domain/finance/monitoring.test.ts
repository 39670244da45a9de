import { describe, expect, it } from 'vitest';
import { WORDS } from '../words/catalogue.js';
import { MONITORING_KINDS, MONITORING_TARGETS, bandOf, monitoringStanding } from './monitoring.js';

const target = (kind: string) => MONITORING_TARGETS.find((t) => t.kind === kind)!;

describe('program monitoring', () => {
  it('holds one row per target kind, each with its words', () => {
    expect(MONITORING_TARGETS.map((t) => t.kind)).toEqual([...MONITORING_KINDS]);
    for (const k of MONITORING_KINDS) expect(WORDS.monitoringKind[k].vi).toMatch(/điểm %\/năm/);
  });

  it('places a reduction against the band: 1–1.5 inclusive, more than 3 strictly', () => {
    const md = target('multidimensional-rate-reduction');
    expect([0.99, 1, 1.5, 1.51].map((p) => bandOf(md, p))).toEqual(['below', 'within', 'within', 'above']);
    const em = target('ethnic-minority-rate-reduction');
    expect([3, 3.01, 12].map((p) => bandOf(em, p))).toEqual(['below', 'within', 'within']);
  });

  it('computes the rates over resident households and says which denominator is missing', () => {
    const md = target('multidimensional-rate-reduction');
    const f = {
      baselinePoor: 450,
      recognisedPoor: 300,
      forecastPoor: 280,
      baselineResidents: 29_800,
      residents: 30_000,
    };
    // 450 / 29,800 = 1.51 %; 300 / 30,000 = 1 %; 280 / 30,000 = 0.93 %.
    expect(monitoringStanding(md, f, { areaListHeld: true, denominatorHeld: true })).toEqual({
      kind: 'multidimensional-rate-reduction',
      baselineRate: 1.51,
      recognisedRate: 1,
      forecastRate: 0.93,
      achieved: 0.51,
      forecast: 0.58,
      status: 'below',
      forecastStatus: 'below',
    });
    expect(
      monitoringStanding(md, { ...f, residents: null }, { areaListHeld: true, denominatorHeld: true }).status,
    ).toBe('no-residents');
    expect(
      monitoringStanding(md, { ...f, recognisedPoor: null }, { areaListHeld: true, denominatorHeld: true })
        .status,
    ).toBe('no-data');
    expect(monitoringStanding(md, f, { areaListHeld: false, denominatorHeld: true }).status).toBe(
      'no-area-list',
    );
    expect(monitoringStanding(md, f, { areaListHeld: true, denominatorHeld: false }).status).toBe(
      'no-denominator',
    );
  });
});
