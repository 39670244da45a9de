// The compiled mask of a standard is the mask of its rules (deprivationMask), record by record:
// generated households of every shape, with answers changed one at a time around each threshold.
import { describe, expect, it } from 'vitest';
import { compileMask, MAX_MASK_INDICATORS } from './compiled-mask.js';
import { compileStandard, deprivationMask } from './classify.js';
import { NATIONAL_STANDARDS } from '../standards/national.js';
import type { Standard } from '../standards/standard.js';
import { parseSurveyRecord } from '../survey/parse.js';
import type { SurveyRecord } from '../survey/record.js';
import * as lists from '../survey/record.js';
import { rngFrom, twoCommuneGenerator } from '../registry/generate.js';

const generator = () => twoCommuneGenerator('compiled-mask', -0.8);

/** Random answers from each list, birth dates around every age threshold. */
function shake(record: SurveyRecord, rnd: () => number): SurveyRecord {
  const pick = <T>(l: readonly T[]): T => l[Math.floor(rnd() * l.length)]!;
  const r = structuredClone(record);
  const year = Number(r.surveyDate.slice(0, 4));
  for (const m of r.members) {
    if (rnd() < 0.5) {
      const age = pick([2, 3, 5, 6, 14, 15, 16, 17, 18, 30, 31, 54, 55, 56, 59, 60, 61, 62, 63, 70]);
      m.birthDate = `${year - age}${pick([r.surveyDate.slice(4), '-01-01', '-12-31', '-06-15'])}`;
      if (m.birthDate > r.surveyDate) m.birthDate = `${year - age - 1}-01-01`;
    }
    if (rnd() < 0.3) m.employment = pick(lists.EMPLOYMENTS);
    if (rnd() < 0.3) m.education = pick(lists.EDUCATION_LEVELS);
    if (rnd() < 0.3) m.schooling = rnd() < 0.3 ? null : pick(lists.SCHOOLING);
    if (rnd() < 0.3) m.disability = pick(lists.DISABILITIES);
    if (rnd() < 0.3) m.sex = pick(lists.SEXES);
    m.idNumber = null;
    m.healthInsurance = rnd() < 0.8;
    m.inTraining = rnd() < 0.2;
    m.stunted = rnd() < 0.1;
    m.underweight = rnd() < 0.1;
    m.monthlySocialAllowance = rnd() < 0.3;
  }
  r.housing.floorAreaM2 = pick([1, 7.99, 8, 8 * r.members.length, 8 * r.members.length - 0.01, 100]);
  r.housing.walls = pick(lists.DURABILITY);
  r.housing.columns = pick(lists.DURABILITY);
  r.housing.roof = pick(lists.DURABILITY);
  r.waterSource = pick(lists.WATER_SOURCES);
  r.latrine = pick(lists.LATRINES);
  r.internetUse = rnd() < 0.7;
  r.infoDevices = lists.INFO_DEVICES.filter(() => rnd() < 0.3);
  r.loudspeakerAccess = rnd() < 0.5;
  return r;
}

describe('compiled deprivation mask', () => {
  // The national standards, and a local-like variant of each with the 2027 reading switched on
  // and other thresholds moved, so that every branch of the generated code is taken.
  const variants: Standard[] = NATIONAL_STANDARDS.flatMap((s) => [
    s,
    {
      ...s,
      code: `${s.code}_X`,
      indicators: s.indicators.map((ind) => {
        switch (ind.key) {
          case 'dependants':
            return { ...ind, requireSocialAllowance: !ind.requireSocialAllowance, aboveWorkingAge: false };
          case 'adultEducation':
            return { ...ind, inTrainingMeets: !ind.inTrainingMeets };
          case 'telecom':
            return { ...ind, requireInternetUse: !ind.requireInternetUse };
          case 'infoAccess':
            return { ...ind, loudspeakerCounts: !ind.loudspeakerCounts, devices: ['tv'] };
          default:
            return ind;
        }
      }),
    },
  ]);

  it('gives the mask of the rules on every record, for every standard', () => {
    const rnd = rngFrom('compiled-mask');
    const gen = generator();
    for (const s of variants) {
      const mask = compileMask(s)!;
      const c = compileStandard(s);
      let deprived = 0;
      for (let i = 0; i < 600; i += 1) {
        const record = parseSurveyRecord(gen.next()).record!;
        const shaken = parseSurveyRecord(shake(record, rnd)).record!;
        for (const r of [record, shaken]) {
          const want = deprivationMask(r, c);
          expect(mask(r)).toBe(want);
          if (want !== 0) deprived += 1;
        }
      }
      expect(deprived).toBeGreaterThan(100);
    }
  });

  it('has no mask for a standard with more indicators than a mask holds', () => {
    const s = NATIONAL_STANDARDS[0]!;
    const many = {
      ...s,
      indicators: Array.from({ length: MAX_MASK_INDICATORS + 1 }, (_, i) => s.indicators[i % 2]!),
    };
    expect(compileMask(many)).toBeUndefined();
  });
});
