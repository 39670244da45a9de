// The Annex VII read names the indicators it wants (docs/decisions/0032-aggregate-read-speed.md):
// the list must hold exactly the cells `addCell` counts, or a table would silently lose a column.
import { describe, expect, it } from 'vitest';
import { ANNEX7_INDICATORS, addCell, emptyFigures } from './annex7.js';
import { HOUSEHOLD_GROUPS } from '../registry/groups.js';
import { INDICATOR_KEYS } from '../standards/standard.js';

const counted = (indicator: string) => {
  const f = emptyFigures();
  addCell(f, { classification: 'POOR', indicator, n: 1 });
  return JSON.stringify(f) !== JSON.stringify(emptyFigures());
};

describe('ANNEX7_INDICATORS', () => {
  it('holds every indicator the tables count and no other kind of cell', () => {
    for (const i of ANNEX7_INDICATORS) expect(counted(i), i).toBe(true);
    for (const g of HOUSEHOLD_GROUPS) expect(ANNEX7_INDICATORS).toContain(`group:${g}`);
    for (const k of INDICATOR_KEYS) expect(ANNEX7_INDICATORS).toContain(k);
    expect(ANNEX7_INDICATORS).toContain('no-labour');
    for (const other of ['movement:thoat-ngheo', 'from:POOR|38001|2020-01-01|p', 'group:unknown'])
      expect(ANNEX7_INDICATORS).not.toContain(other);
    expect(new Set(ANNEX7_INDICATORS).size).toBe(ANNEX7_INDICATORS.length);
  });
});
