// Synthetic citizen IDs for generated data, consistent with the rules that
// src/domain/survey/citizen-id.ts validates (province of registration, sex/century digit, year).

/** The sex/century digit: 0/1 for the 1900s, 2/3 for the 2000s, 4/5 for the 2100s… (even = male). */
export function sexCenturyDigit(birthYear: number, sex: 'M' | 'F'): number {
  const century = Math.floor(birthYear / 100);
  const base = ((century - 19 + 5) % 5) * 2; // 19xx → 0, 20xx → 2, 21xx → 4, 22xx → 6, 18xx → 8
  return base + (sex === 'F' ? 1 : 0);
}

/** A valid 12-digit ID: "0" + province code, sex/century digit, two year digits, six serial digits. */
export function makeCitizenId(
  provinceCode: string,
  birthDate: string,
  sex: 'M' | 'F',
  serial: number,
): string {
  const year = Number(birthDate.slice(0, 4));
  return `${provinceCode.padStart(3, '0')}${sexCenturyDigit(year, sex)}${String(year % 100).padStart(2, '0')}${String(serial % 1_000_000).padStart(6, '0')}`;
}
