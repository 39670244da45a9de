// A standard's deprivation mask compiled into one function, as the survey check is
// (../survey/compiled-check.ts): the indicators of the standard are read once into the source of
// a function that walks the members once for every member indicator together, with the
// standard's thresholds as constants and its code lists as `switch`es, and sets bit i when the
// standard's i-th indicator is deprived — the same mask as `deprivationMask` (./classify.ts), whose
// rules stay the reference and give the explanations (./compiled-mask.test.ts compares the two).
// Only the command line's hot path uses it; the web app's pages refuse `new Function`.
import type { Indicator, Standard } from '../standards/standard.js';
import type { SurveyRecord } from '../survey/record.js';
import { memberAges } from './classify.js';
import { isAboveWorkingAge, isWorkingAge } from './working-age.js';

/** The deprived indicators of a valid record as a bit mask (bit i: the standard's i-th indicator). */
export type MaskOf = (record: SurveyRecord) => number;

/** Standards with more indicators than this have no mask (a mask is a 32-bit integer). */
export const MAX_MASK_INDICATORS = 30;

const num = (n: number): string => {
  if (!Number.isFinite(n)) throw new Error(`standard threshold ${n} is not a finite number`);
  return String(n);
};

/** `switch (v)` over `codes`: `hit` for one of them, `miss` otherwise. */
const among = (v: string, codes: readonly string[], hit: string, miss = '') =>
  `switch (${v}) { ${codes.map((c) => `case ${JSON.stringify(c)}:`).join(' ')}${codes.length ? ` ${hit} break;` : ''} default: ${miss} }`;

interface Parts {
  /** Declarations before the members' loop. */
  before: string[];
  /** Per member (`m`, its age `age`), inside the loop. */
  member: string[];
  /** After the loop (household indicators, shares). */
  after: string[];
}

function indicatorCode(ind: Indicator, bit: number, parts: Parts): void {
  const set = `mask |= ${bit};`;
  switch (ind.key) {
    case 'employment':
      parts.member.push(
        `if ((mask & ${bit}) === 0) ${among('m.employment', ind.deprivedEmployment, `if (isWorkingAge(m, on, age)) ${set}`)}`,
      );
      return;
    case 'dependants': {
      const n = `dep${bit}`;
      parts.before.push(`let ${n} = 0;`);
      const allowance = ind.requireSocialAllowance ? 'm.monthlySocialAllowance' : 'true';
      const above = ind.aboveWorkingAge ? `else if (isAboveWorkingAge(m, on, age)) ${n} += 1;` : '';
      parts.member.push(
        `if (age < ${num(ind.childUnderAge)}) ${n} += 1; else if (${allowance}) { x = 0; ${among('m.disability', ind.disabilities, 'x = 1;')} if (x === 1) ${n} += 1; ${above} }`,
      );
      parts.after.push(`if ((ms.length === 0 ? 0 : ${n} / ms.length) > ${num(ind.maxShare)}) ${set}`);
      return;
    }
    case 'nutrition':
      parts.member.push(`if (age < ${num(ind.childUnderAge)} && (m.stunted || m.underweight)) ${set}`);
      return;
    case 'healthInsurance':
      parts.member.push(`if (age >= ${num(ind.fromAge)} && !m.healthInsurance) ${set}`);
      return;
    case 'adultEducation': {
      // The rank of a level as classify.ts's levelRank (a Map: a repeated level keeps its last place).
      const rank = new Map(ind.levelOrder.map((l, i) => [l, i]));
      const ranks = [...rank].map(([l, i]) => `case ${JSON.stringify(l)}: x = ${i}; break;`).join(' ');
      const lowest = Math.min(...ind.bands.map((b) => b.fromAge));
      const highest = Math.max(...ind.bands.map((b) => b.toAge));
      // The first band holding the age, as bands.find.
      const bands = ind.bands
        .map(
          (b) =>
            `if (age >= ${num(b.fromAge)} && age <= ${num(b.toAge)}) { if (x < ${num(rank.get(b.minLevel) ?? 0)}) ${set} }`,
        )
        .join(' else ');
      const training = ind.inTrainingMeets ? ' && !m.inTraining' : '';
      parts.member.push(
        `if (age >= ${num(lowest)} && age <= ${num(highest)}${training}) { switch (m.education) { ${ranks} default: x = -1; } ${bands} }`,
      );
      return;
    }
    case 'childSchooling':
      parts.member.push(
        `if (age >= ${num(ind.fromAge)} && age < ${num(ind.underAge)}) ${among('m.schooling', ind.acceptable, '', set)}`,
      );
      return;
    case 'housingQuality':
      parts.after.push(
        `x = 0; ${ind.structures.map((s) => `if (h[${JSON.stringify(s)}] === 'non-durable') x += 1;`).join(' ')} if (x >= ${num(ind.minNonDurable)}) ${set}`,
      );
      return;
    case 'housingArea':
      // Strictly below: exactly the minimum per person is not deprived.
      parts.after.push(`if (h.floorAreaM2 / ms.length < ${num(ind.minM2PerPerson)}) ${set}`);
      return;
    case 'waterSource':
      parts.after.push(among('record.waterSource', ind.acceptable, '', set));
      return;
    case 'latrine':
      parts.after.push(among('record.latrine', ind.acceptable, '', set));
      return;
    case 'telecom':
      if (ind.requireInternetUse) parts.after.push(`if (!record.internetUse) ${set}`);
      return;
    case 'infoAccess': {
      const speaker = ind.loudspeakerCounts ? ' && !record.loudspeakerAccess' : '';
      parts.after.push(
        `x = 0; for (k = 0; k < record.infoDevices.length; k += 1) { ${among('record.infoDevices[k]', ind.devices, 'x = 1;')} } if (x === 0${speaker}) ${set}`,
      );
      return;
    }
  }
}

/** Compiles a (validated) standard's mask, once; undefined when it has too many indicators. */
export function compileMask(standard: Standard): MaskOf | undefined {
  if (standard.indicators.length > MAX_MASK_INDICATORS) return undefined;
  const parts: Parts = { before: [], member: [], after: [] };
  standard.indicators.forEach((ind, i) => indicatorCode(ind, 1 << i, parts));
  const source = [
    'const ages = [];',
    'return function maskOf(record) {',
    'const ms = record.members, on = record.surveyDate, h = record.housing;',
    'memberAges(record, ages);',
    'let mask = 0, x = 0, k = 0;',
    ...parts.before,
    'for (let i = 0; i < ms.length; i += 1) {',
    'const m = ms[i], age = ages[i];',
    ...parts.member,
    '}',
    ...parts.after,
    'return mask;',
    '};',
  ].join('\n');
  const make = new Function('memberAges', 'isWorkingAge', 'isAboveWorkingAge', source) as (
    ages: typeof memberAges,
    working: typeof isWorkingAge,
    above: typeof isAboveWorkingAge,
  ) => MaskOf;
  return make(memberAges, isWorkingAge, isAboveWorkingAge);
}
