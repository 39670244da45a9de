// The aggregate and movement rules are pure: the cells a result counts in, and the movements of
// later periods a late older result changes, computed without a database.
import { describe, expect, it } from 'vitest';
import { AggregateDeltas, cellsOf, laterMovementChanges, type HistoryRow } from './aggregates.js';

const base = { period: 2024, unitCode: '14830', unitValidFrom: '', status: 'approved' };

describe('aggregate rules', () => {
  it('counts a result in its household, movement, labour, deprivation and group cells', () => {
    const cells = cellsOf('38', {
      ...base,
      classification: 'POOR',
      deprivations: ['employment', 'latrine'],
      movement: 'ngheo-phat-sinh',
      noLabour: true,
      groups: ['ethnic-minority'],
    }).map((c) => c.indicator);
    expect(cells).toEqual([
      '',
      'movement:ngheo-phat-sinh',
      'no-labour',
      'employment',
      'latrine',
      'group:ethnic-minority',
    ]);
  });

  it('sums deltas per cell, so that opposite moves cancel', () => {
    const d = new AggregateDeltas();
    const key = { provinceCode: '38', ...base, classification: 'POOR', indicator: '' };
    d.add(key, 1);
    d.add({ ...key }, 1);
    d.add({ ...key, classification: 'NEAR_POOR' }, -1);
    expect([...d.values()].map(([k, n]) => [k.classification, n])).toEqual([
      ['POOR', 2],
      ['NEAR_POOR', -1],
    ]);
  });

  it('adds the cells of a result at once as it adds them one by one', () => {
    const results = [
      {
        ...base,
        classification: 'POOR',
        deprivations: ['employment', 'latrine'],
        movement: 'ngheo-phat-sinh',
        noLabour: true,
        groups: ['ethnic-minority'],
      },
      {
        ...base,
        classification: 'POOR',
        deprivations: ['latrine'],
        movement: 'con-ngheo',
        noLabour: false,
        groups: [],
      },
      {
        ...base,
        unitCode: '14833',
        classification: 'NONE',
        deprivations: [],
        movement: '',
        noLabour: false,
        groups: [],
      },
    ];
    const [once, each] = [new AggregateDeltas(), new AggregateDeltas()];
    for (const [r, n] of [
      [results[0]!, 1],
      [results[1]!, 1],
      [results[2]!, 1],
      [results[0]!, -1],
    ] as const) {
      once.addCellsOf('38', r, n);
      for (const c of cellsOf('38', r)) each.add(c, n);
    }
    expect([...once.values()]).toEqual([...each.values()]);
    expect([...once.values()].find(([k]) => k.indicator === 'latrine')?.[1]).toBe(1);
  });

  it('recomputes the movement of a later period when an older one arrives late', () => {
    const row = (id: number, period: number, classification: string, movement: string): HistoryRow => ({
      id,
      period,
      unit_code: '14830',
      unit_valid_from: '',
      status: 'approved',
      classification,
      deprivations: '',
      movement,
      no_labour: 0,
      groups: '',
    });
    // 2024 was stored first (no earlier period); 2023 POOR arrives: 2024 AVERAGE now left poverty.
    const changes = laterMovementChanges('38', [row(7, 2024, 'AVERAGE', 'chua-co-ky-truoc')], 2023, 'POOR');
    expect(changes.map((c) => [c.id, c.movement])).toEqual([[7, 'thoat-ngheo']]);
    expect(changes[0]!.deltas.map(([k, n]) => [k.indicator, n])).toEqual([
      ['movement:chua-co-ky-truoc', -1],
      ['movement:thoat-ngheo', 1],
    ]);
    expect(laterMovementChanges('38', [row(7, 2022, 'AVERAGE', 'chua-co-ky-truoc')], 2023, 'POOR')).toEqual(
      [],
    );
  });
});
