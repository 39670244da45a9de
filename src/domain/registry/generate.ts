// Synthetic survey records for demos and benchmarks (contracts/cli.md `generate`). Pure and
// deterministic: the same seed gives the same records. Every name and ID is invented.
//
// Realism comes from one latent "living standard" score per household (a commune offset plus
// household noise, lowered by dependants): income, housing, water, latrine, internet, health
// insurance, education and children's schooling and nutrition all depend on it, so deprivations
// cluster in low-income households as they do in survey data. Sizes and ages follow a simple
// life-cycle model (couples, children by the head's age, elderly parents, grandchildren).
import { addDays } from '../dates.js';
import { makeCitizenId } from './citizen-id.js';
import { HOUSEHOLD_FIELDS, MEMBER_FIELDS, type SurveyField } from '../survey/fields.js';

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. */
export function rngFrom(seed: string | number): () => number {
  let h = 1779033703 ^ String(seed).length;
  for (const ch of String(seed)) {
    h = Math.imul(h ^ ch.charCodeAt(0), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenCommune {
  code: string;
  area: 'rural' | 'urban';
  /** Relative number of households. */
  weight: number;
  /** Living-standard offset of the commune (poorer communes < 0). */
  offset: number;
  villages?: string[];
}

export interface GenOptions {
  provinceCode: string;
  period: number;
  communes: GenCommune[];
  /** Prefix of household ids (HH-38-0000001). */
  idPrefix?: string;
  /** Add `village` and `address` (accepted by the import, ignored by classify). */
  withVillage?: boolean;
}

const FAMILY = [
  ['Nguyễn', 30],
  ['Lê', 14],
  ['Trần', 10],
  ['Phạm', 8],
  ['Hoàng', 5],
  ['Vũ', 4],
  ['Đỗ', 4],
  ['Bùi', 3],
  ['Đặng', 3],
  ['Ngô', 2],
  ['Hồ', 2],
  ['Dương', 2],
  ['Mai', 2],
  ['Trịnh', 2],
  ['Lương', 1],
  ['Đinh', 1],
  ['Cao', 1],
  ['Phan', 2],
  ['Võ', 2],
  ['Lý', 1],
] as const;
const MIDDLE_M = ['Văn', 'Văn', 'Văn', 'Đức', 'Minh', 'Hữu', 'Quang', 'Xuân', 'Đình', 'Ngọc'];
const MIDDLE_F = ['Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Phương', 'Hồng'];
const GIVEN_M = [
  'Hùng',
  'Dũng',
  'Nam',
  'Tuấn',
  'Hải',
  'Long',
  'Sơn',
  'Thắng',
  'Minh',
  'Quân',
  'Phúc',
  'Bình',
  'Cường',
  'Toàn',
  'Khoa',
  'Trung',
  'Hiếu',
  'Đạt',
  'Tùng',
  'Lâm',
  'Thành',
  'Việt',
  'An',
  'Huy',
  'Kiên',
];
const GIVEN_F = [
  'Lan',
  'Hoa',
  'Mai',
  'Hương',
  'Linh',
  'Trang',
  'Thảo',
  'Hạnh',
  'Nga',
  'Yến',
  'Huyền',
  'Ngọc',
  'Thủy',
  'Vân',
  'Hà',
  'Liên',
  'Nhung',
  'Phượng',
  'Dung',
  'Oanh',
  'Chi',
  'Anh',
  'Quỳnh',
  'Giang',
  'Hằng',
];
const FAMILY_TOTAL = FAMILY.reduce((s, [, w]) => s + w, 0);

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Ethnic groups of a Thanh Hóa-like province (1979-list codes) and their weights among minority
 * households: mostly Mường and Thái, then H'Mông, Thổ, Dao, Khơ-mú, with a few others. The 2019
 * census gives the province about 82 % Kinh, 10 % Mường, 6 % Thái; minority households are
 * concentrated in upland communes, which the commune profile models (minorityShare).
 */
const MINORITY_GROUPS: readonly [string, number][] = [
  ['06', 55],
  ['03', 33],
  ['08', 3],
  ['24', 3],
  ['09', 2],
  ['29', 1],
  ['02', 1],
  ['07', 1],
  ['04', 1],
];
const MINORITY_TOTAL = MINORITY_GROUPS.reduce((t, [, w]) => t + w, 0);
const KINH = '01';

/**
 * A generator over two communes of Thanh Hóa as of 2024 (15832 Thiệu Viên, 15043 Giao Thiện), the
 * first generated as rural and the second as urban, for checks that need many realistic records of
 * either area; `ruralOffset` moves the first one's incomes (negative: poorer).
 */
export function twoCommuneGenerator(seed: string, ruralOffset = -0.5): HouseholdGenerator {
  return new HouseholdGenerator(seed, {
    provinceCode: '38',
    period: 2024,
    communes: [
      { code: '15832', area: 'rural', weight: 1, offset: ruralOffset },
      { code: '15043', area: 'urban', weight: 1, offset: 0.3 },
    ],
  });
}

/** Fills every catalogued field the generator did not set with what its row says absence means. */
function fillAbsent(o: Record<string, unknown>, fields: readonly SurveyField[]): void {
  for (const f of fields) {
    if (!f.inRecord || f.path.includes('.') !== f.path.startsWith('members[].')) continue;
    if (o[f.key] === undefined) o[f.key] = f.type === 'enum-list' ? [] : f.whenAbsent;
  }
}

export class HouseholdGenerator {
  private readonly rnd: () => number;
  /**
   * A second stream for the answers added after the first release (ethnicity, merit, causes and
   * needs), so that the households of a seed keep every earlier answer (the demo's figures).
   */
  private readonly more: () => number;
  private readonly minorityShare = new Map<string, number>();
  private readonly cumulative: number[];
  private readonly total: number;
  private seq = 0;
  private spare: number | null = null;

  constructor(
    seed: string | number,
    private readonly opts: GenOptions,
  ) {
    this.rnd = rngFrom(seed);
    this.more = rngFrom(`${seed}:more`);
    let acc = 0;
    this.cumulative = opts.communes.map((c) => (acc += c.weight));
    this.total = acc;
  }

  private normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u = 1 - this.rnd();
    const v = this.rnd();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  private chance(p: number): boolean {
    return this.rnd() < p;
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)]!;
  }

  private family(): string {
    let x = this.rnd() * FAMILY_TOTAL;
    for (const [name, w] of FAMILY) {
      x -= w;
      if (x < 0) return name;
    }
    return 'Nguyễn';
  }

  private name(family: string, sex: 'M' | 'F'): string {
    return sex === 'M'
      ? `${family} ${this.pick(MIDDLE_M)} ${this.pick(GIVEN_M)}`
      : `${family} ${this.pick(MIDDLE_F)} ${this.pick(GIVEN_F)}`;
  }

  /** The share of ethnic-minority households of a commune: upland rural communes have most. */
  private minorityShareOf(c: GenCommune): number {
    let share = this.minorityShare.get(c.code);
    if (share === undefined) {
      const r = rngFrom(`minority:${c.code}`);
      share = c.area === 'urban' ? 0.01 : r() < 0.22 ? 0.45 + 0.5 * r() : 0.03;
      this.minorityShare.set(c.code, share);
    }
    return share;
  }

  private minorityGroup(): string {
    let x = this.more() * MINORITY_TOTAL;
    for (const [code, w] of MINORITY_GROUPS) {
      x -= w;
      if (x < 0) return code;
    }
    return '06';
  }

  private commune(): GenCommune {
    const x = this.rnd() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.opts.communes[lo]!;
  }

  private birthDate(surveyDate: string, age: number): string {
    // A birthday spread over the year before the age is reached on the survey date.
    return addDays(surveyDate, -Math.floor(age * 365.25 + this.rnd() * 365));
  }

  next(): Record<string, unknown> {
    this.seq += 1;
    const { period, provinceCode } = this.opts;
    const commune = this.commune();
    const surveyDate = addDays(`${period}-09-03`, Math.floor(this.rnd() * 85));
    // Household composition (life cycle).
    const headSex: 'M' | 'F' = this.chance(0.78) ? 'M' : 'F';
    const headAge = Math.min(92, Math.max(22, Math.round(47 + 14 * this.normal())));
    const fam = this.family();
    type M = { name: string; sex: 'M' | 'F'; age: number; relation: string };
    const members: M[] = [{ name: this.name(fam, headSex), sex: headSex, age: headAge, relation: 'head' }];
    const hasSpouse = headAge < 75 ? this.chance(0.86) : this.chance(0.45);
    if (hasSpouse) {
      const s: 'M' | 'F' = headSex === 'M' ? 'F' : 'M';
      members.push({
        name: this.name(this.family(), s),
        sex: s,
        age: Math.max(19, headAge + Math.round(-2 + 4 * this.normal())),
        relation: 'spouse',
      });
    }
    const fertileYears = Math.max(0, Math.min(headAge - 22, 18));
    const children =
      headAge < 60
        ? Math.min(4, Math.floor(this.rnd() * 2.6 + fertileYears / 12))
        : this.chance(0.35)
          ? 1
          : 0;
    for (let i = 0; i < children; i++) {
      const age = Math.max(0, Math.min(headAge - 19, Math.floor(this.rnd() * Math.max(1, headAge - 20))));
      const s: 'M' | 'F' = this.chance(0.51) ? 'M' : 'F';
      members.push({ name: this.name(fam, s), sex: s, age, relation: 'child' });
    }
    if (headAge < 55 && this.chance(0.14)) {
      const s: 'M' | 'F' = this.chance(0.6) ? 'F' : 'M';
      members.push({
        name: this.name(s === 'M' ? fam : this.family(), s),
        sex: s,
        age: Math.min(95, headAge + 24 + Math.floor(this.rnd() * 10)),
        relation: 'parent',
      });
    }
    if (headAge >= 55 && this.chance(0.3)) {
      const n = 1 + Math.floor(this.rnd() * 2);
      for (let i = 0; i < n; i++) {
        const s: 'M' | 'F' = this.chance(0.51) ? 'M' : 'F';
        members.push({
          name: this.name(fam, s),
          sex: s,
          age: Math.floor(this.rnd() * 14),
          relation: 'grandchild',
        });
      }
    }
    const size = members.length;
    const dependants = members.filter((m) => m.age < 16 || m.age >= 60).length;
    // The latent living standard: commune, household, and the burden of dependants.
    const w =
      commune.offset + this.normal() - 0.9 * (dependants / size) + (size === 1 && headAge >= 70 ? -0.5 : 0);
    const median = commune.area === 'urban' ? 4_800_000 : 3_600_000;
    // Income shares part of the latent score and has its own shocks (illness, a lost harvest…).
    const wi = 0.55 * w + 0.8 * this.normal();
    const income = Math.max(300_000, Math.round((median * Math.exp(0.5 * wi)) / 10_000) * 10_000);
    const deprived = (base: number, slope = 1.1) => this.chance(sigmoid(base - slope * w));

    const nonDurable = deprived(-3.6, 1.3);
    const housing = {
      floorAreaM2: Math.max(
        12,
        Math.round(size * (commune.area === 'urban' ? 16 : 20) * Math.exp(0.25 * w + 0.3 * this.normal())),
      ),
      walls: nonDurable || deprived(-4.5) ? 'non-durable' : 'durable',
      columns: nonDurable ? 'non-durable' : 'durable',
      roof: nonDurable && this.chance(0.7) ? 'non-durable' : 'durable',
    };
    const water = deprived(-4.2)
      ? this.pick(['unprotected-well', 'surface', 'unprotected-spring'] as const)
      : commune.area === 'urban' || this.chance(0.55)
        ? 'piped'
        : this.pick(['drilled-well', 'protected-dug-well', 'rainwater'] as const);
    const latrine = deprived(-3.8, 1.2)
      ? this.pick(['unhygienic-pit', 'bucket', 'none'] as const)
      : this.chance(0.8)
        ? 'septic'
        : this.pick(['semi-septic', 'pour-flush', 'double-vault'] as const);
    const internetUse = !deprived(-3.1, 1.3);
    const noDevices = deprived(-5.5, 1.2);
    const infoDevices = noDevices ? [] : this.chance(0.9) ? ['tv', 'phone'] : ['phone'];
    const loudspeakerAccess = noDevices ? this.chance(0.3) : this.chance(0.8);
    const insuranceGap = deprived(-3.6, 1.1);
    const jobLoss = deprived(-3.4, 1.0);

    const outMembers = members.map((m, i) => {
      const birthDate = this.birthDate(surveyDate, m.age);
      const child = m.age < 16;
      const schoolAge = m.age >= 3 && m.age < 16;
      const working = m.age >= 15 && m.age < 60;
      const eduScore = w + 0.5 * this.normal() + (m.age < 45 ? 1.0 : -0.4);
      const education =
        m.age < 6
          ? 'none'
          : m.age < 11
            ? 'primary'
            : m.age < 15
              ? 'lower-secondary'
              : eduScore > 1.6
                ? this.pick(['college', 'university'] as const)
                : eduScore > 0.5
                  ? 'upper-secondary'
                  : eduScore > 0
                    ? 'vocational-elementary'
                    : eduScore > -1.3
                      ? 'lower-secondary'
                      : 'primary';
      const inTraining = m.age >= 16 && m.age <= 22 && this.chance(0.45 + 0.1 * w);
      const employment =
        child || (m.age < 23 && inTraining)
          ? 'student'
          : !working
            ? 'not-in-labour-force'
            : i === 0 && jobLoss
              ? this.pick(['unemployed', 'wage-no-contract'] as const)
              : this.pick([
                  'self-employed',
                  'self-employed',
                  'wage-with-contract',
                  'wage-with-contract',
                  'self-employed',
                ] as const);
      const disability = this.chance(m.age >= 65 ? 0.08 : 0.015)
        ? this.chance(0.4)
          ? 'severe'
          : 'mild'
        : 'none';
      const idNumber =
        m.age >= 14 && this.chance(0.93)
          ? makeCitizenId(`0${provinceCode}`, birthDate, m.sex, Math.floor(this.rnd() * 1_000_000))
          : null;
      return {
        name: m.name,
        idNumber,
        birthDate,
        sex: m.sex,
        relation: m.relation,
        employment,
        healthInsurance: !(m.age >= 6 && insuranceGap && (i === 0 || this.chance(0.5))),
        schooling: schoolAge
          ? deprived(-4.6, 1.0)
            ? this.chance(0.5)
              ? 'below-level'
              : 'not-attending'
            : 'appropriate'
          : null,
        education,
        inTraining,
        stunted: child && m.age < 5 ? deprived(-3.4, 1.0) : false,
        underweight: child ? deprived(-4.4, 1.0) : false,
        disability,
        monthlySocialAllowance: disability === 'severe' || m.age >= 80,
      };
    });
    // Ethnicity: the household's group, a spouse sometimes of another; merit mostly among the old;
    // causes of poverty and needs for households of low living standard, from what deprives them.
    const more = (p: number) => this.more() < p;
    const group = more(this.minorityShareOf(commune)) ? this.minorityGroup() : KINH;
    const meritMember = members.findIndex((m) => m.age >= 60 && more(0.04));
    outMembers.forEach((m, i) => {
      const out = m as Record<string, unknown>;
      out.ethnicity =
        m.relation === 'spouse' && more(0.02) ? (group === KINH ? this.minorityGroup() : KINH) : group;
      out.merit = i === meritMember;
      fillAbsent(out, MEMBER_FIELDS);
    });
    const povertyCauses: string[] = [];
    const supportNeeds: string[] = [];
    if (w < -0.9) {
      const working = members.filter((m) => m.age >= 15 && m.age < 60).length;
      if (working === 0) povertyCauses.push('no-labour');
      if (dependants / size > 0.5) povertyCauses.push('many-dependants');
      if (outMembers.some((m) => m.disability !== 'none')) povertyCauses.push('illness');
      if (commune.area === 'rural' && more(0.3)) povertyCauses.push('no-land');
      if (more(0.5)) povertyCauses.push('no-capital');
      if (more(0.25)) povertyCauses.push('no-skills');
      if (povertyCauses.length === 0) povertyCauses.push(more(0.5) ? 'no-means' : 'other');
      supportNeeds.push(more(0.7) ? 'credit' : 'training-jobs');
      if (nonDurable) supportNeeds.push('housing');
      if (water !== 'piped' && !['drilled-well', 'protected-dug-well', 'rainwater'].includes(water))
        supportNeeds.push('water-sanitation');
      if (insuranceGap) supportNeeds.push('health-insurance');
      if (working > 0 && more(0.3)) supportNeeds.push('training-jobs');
    }
    const householdId = `${this.opts.idPrefix ?? `HH-${provinceCode}-`}${String(this.seq).padStart(7, '0')}`;
    const record: Record<string, unknown> = {
      householdId,
      unitCode: commune.code,
      surveyDate,
      incomePerCapitaMonthly: income,
      housing,
      waterSource: water,
      latrine,
      internetUse,
      infoDevices,
      loudspeakerAccess,
      members: outMembers,
      povertyCauses,
      supportNeeds: [...new Set(supportNeeds)],
    };
    fillAbsent(record, HOUSEHOLD_FIELDS);
    if (this.opts.withVillage && commune.villages && commune.villages.length > 0) {
      const village = this.pick(commune.villages);
      record.village = village;
      record.address = `Số ${1 + Math.floor(this.rnd() * 200)}, ${village}`;
    }
    return record;
  }
}

/** Commune weights and offsets: a few large wards, many small communes, some poorer ones. */
export function communeProfiles(
  seed: string | number,
  units: { code: string; area: 'rural' | 'urban' }[],
): GenCommune[] {
  const rnd = rngFrom(`${seed}:communes`);
  return units.map((u) => ({
    code: u.code,
    area: u.area,
    weight: (u.area === 'urban' ? 1.6 : 1) * (0.5 + rnd()),
    offset: (rnd() - 0.5) * 0.6 - (u.area === 'rural' ? 0.1 : 0),
  }));
}
