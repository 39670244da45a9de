// The 12-digit citizen ID (CCCD / số định danh cá nhân, Circular 59/2021/TT-BCA): three digits of
// the province of birth registration, one digit for century and sex, two digits of the birth year,
// six serial digits. Province codes are "0" + the GSO province code; both the 63 codes in use
// before the 2025 reform and the 34 after it are accepted (IDs issued earlier stay valid).
import type { Sex } from './record.js';

/** GSO province codes before 01/07/2025 (63 provinces). */
// prettier-ignore
export const PROVINCE_CODES_PRE_2025 = [
  '01', '02', '04', '06', '08', '10', '11', '12', '14', '15', '17', '19', '20', '22', '24', '25', '26', '27', '30',
  '31', '33', '34', '35', '36', '37', '38', '40', '42', '44', '45', '46', '48', '49', '51', '52', '54', '56', '58',
  '60', '62', '64', '66', '67', '68', '70', '72', '74', '75', '77', '79', '80', '82', '83', '84', '86', '87', '89',
  '91', '92', '93', '94', '95', '96',
] as const;

/** GSO province codes from 01/07/2025 (34 provinces; each kept the code of one former province). */
// prettier-ignore
export const PROVINCE_CODES_POST_2025 = [
  '01', '04', '08', '11', '12', '14', '15', '19', '20', '22', '24', '25', '31', '33', '37', '38', '40', '42', '44',
  '46', '48', '51', '52', '56', '66', '68', '75', '79', '80', '82', '86', '91', '92', '96',
] as const;

/** Indexed by the first three digits as a number (a table, not a string set: no slicing per ID). */
const CID_PROVINCE = new Uint8Array(1000);
for (const c of [...PROVINCE_CODES_PRE_2025, ...PROVINCE_CODES_POST_2025]) CID_PROVINCE[Number(c)] = 1;

/** Century of birth and sex encoded by the fourth digit: even male, odd female. */
const CENTURY_BY_DIGIT = [1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 1800, 1800] as const;

export type CitizenIdProblem =
  | { kind: 'format' }
  | { kind: 'province'; prefix: string }
  | { kind: 'century'; digit: number; century: number; birthYear: number }
  | { kind: 'sex'; digit: number; sex: Sex };

/**
 * Problems of an ID against the member's birth date and sex (either may be undefined when that
 * field itself is invalid; the check then skips it). Empty when consistent.
 */
export function citizenIdProblems(
  id: string,
  birthDate: string | undefined,
  sex: Sex | undefined,
): CitizenIdProblem[] {
  if (id.length !== 12) return [{ kind: 'format' }];
  for (let k = 0; k < 12; k += 1) {
    const c = id.charCodeAt(k);
    if (c < 48 || c > 57) return [{ kind: 'format' }];
  }
  const out: CitizenIdProblem[] = [];
  const prefix = (id.charCodeAt(0) - 48) * 100 + (id.charCodeAt(1) - 48) * 10 + (id.charCodeAt(2) - 48);
  if (CID_PROVINCE[prefix] !== 1) out.push({ kind: 'province', prefix: id.slice(0, 3) });
  const digit = id.charCodeAt(3) - 48;
  const century = CENTURY_BY_DIGIT[digit]!;
  if (birthDate !== undefined) {
    const birthCentury = (birthDate.charCodeAt(0) - 48) * 1000 + (birthDate.charCodeAt(1) - 48) * 100;
    if (birthCentury !== century) {
      out.push({ kind: 'century', digit, century, birthYear: Number(birthDate.slice(0, 4)) });
    }
  }
  if (sex !== undefined) {
    const encoded: Sex = digit % 2 === 0 ? 'M' : 'F';
    if (encoded !== sex) out.push({ kind: 'sex', digit, sex });
  }
  return out;
}

/**
 * `citizenIdProblems(id, birthDate, sex).length === 0` for a member whose birth date and sex are
 * valid, without building the list: the compiled record check's (./compiled-check.ts) hot path.
 */
export function citizenIdOk(id: string, birthDate: string, sex: Sex): boolean {
  if (id.length !== 12) return false;
  for (let k = 0; k < 12; k += 1) {
    const c = id.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  const prefix = (id.charCodeAt(0) - 48) * 100 + (id.charCodeAt(1) - 48) * 10 + (id.charCodeAt(2) - 48);
  if (CID_PROVINCE[prefix] !== 1) return false;
  const digit = id.charCodeAt(3) - 48;
  const birthCentury = (birthDate.charCodeAt(0) - 48) * 1000 + (birthDate.charCodeAt(1) - 48) * 100;
  return birthCentury === CENTURY_BY_DIGIT[digit] && (digit % 2 === 0 ? 'M' : 'F') === sex;
}
