// Amounts in words for official forms ("Bằng chữ"): 6.412.000.000 → "Sáu tỷ bốn trăm mười hai triệu đồng".
// The reading follows common Vietnamese accounting usage: "linh" for a zero tens digit
// (105 → một trăm linh năm), "mốt" for 1 after twenty (21 → hai mươi mốt), "lăm" for 5 after a
// tens digit (15 → mười lăm, 25 → hai mươi lăm), and "không trăm" inside a number (1.005.000 →
// một triệu không trăm linh năm nghìn). Groups above the billion repeat "tỷ" (nghìn tỷ).

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
const GROUPS = ['', 'nghìn', 'triệu'] as const;

const digit = (d: number): string => DIGITS[d] ?? '';

/** Reads 0..999. `inner`: the group follows a higher group, so a zero hundreds digit is read. */
function readTriple(n: number, inner: boolean): string[] {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const words: string[] = [];
  if (h > 0 || inner) words.push(digit(h), 'trăm');
  if (t === 0) {
    if (u > 0 && (h > 0 || inner)) words.push('linh');
  } else if (t === 1) {
    words.push('mười');
  } else {
    words.push(digit(t), 'mươi');
  }
  if (u === 1) words.push(t > 1 ? 'mốt' : 'một');
  else if (u === 5) words.push(t > 0 ? 'lăm' : 'năm');
  else if (u > 0) words.push(digit(u));
  return words;
}

/** Reads 1..999.999.999. */
function readBelowBillion(n: number, inner: boolean): string[] {
  const words: string[] = [];
  let started = inner;
  for (let g = 2; g >= 0; g--) {
    const group = Math.floor(n / 1000 ** g) % 1000;
    if (group === 0) continue;
    words.push(...readTriple(group, started));
    const unit = GROUPS[g];
    if (unit) words.push(unit);
    started = true;
  }
  return words;
}

function readNumber(n: number, inner: boolean): string[] {
  const billions = Math.floor(n / 1e9);
  const rest = n % 1e9;
  const words: string[] = [];
  if (billions > 0) words.push(...readNumber(billions, inner), 'tỷ');
  if (rest > 0) words.push(...readBelowBillion(rest, inner || billions > 0));
  return words;
}

/** Vietnamese words for a whole number (0 → "không"). */
export function numberToVietnameseWords(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
  if (n === 0) return 'không';
  const words = readNumber(Math.abs(n), false);
  return (n < 0 ? ['âm', ...words] : words).join(' ');
}

/** "Bằng chữ" line of an amount in đồng: capitalised, ending in "đồng". */
export function amountInWords(amount: number): string {
  const text = `${numberToVietnameseWords(amount)} đồng`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// English reading for the English page ("In words"): short scale (thousand, million, billion,
// trillion), "and" before the tens of a hundred (one hundred and five), hyphenated tens (twenty-one),
// as British accounting usage writes cheques; the currency keeps its own name, "đồng".
const EN_UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;
const EN_TENS = [
  '',
  '',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
] as const;
const EN_GROUPS = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion'] as const;

/** Reads 1..999 in English. */
function readTripleEn(n: number): string[] {
  const h = Math.floor(n / 100);
  const rest = n % 100;
  const words: string[] = [];
  if (h > 0) words.push(EN_UNITS[h]!, 'hundred');
  if (rest > 0) {
    if (h > 0) words.push('and');
    if (rest < 20) words.push(EN_UNITS[rest]!);
    else
      words.push(
        rest % 10 ? `${EN_TENS[Math.floor(rest / 10)]!}-${EN_UNITS[rest % 10]!}` : EN_TENS[rest / 10]!,
      );
  }
  return words;
}

/** English words for a whole number (0 → "zero"). */
export function numberToEnglishWords(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
  if (n === 0) return 'zero';
  const words: string[] = [];
  let rest = Math.abs(n);
  for (let g = EN_GROUPS.length - 1; g >= 0; g--) {
    const group = Math.floor(rest / 1000 ** g);
    if (group === 0) continue;
    rest -= group * 1000 ** g;
    words.push(...readTripleEn(group));
    if (EN_GROUPS[g]) words.push(EN_GROUPS[g]!);
  }
  return (n < 0 ? ['minus', ...words] : words).join(' ');
}

/** The English "In words" line of an amount in đồng: capitalised, ending in "đồng". */
export function amountInWordsEn(amount: number): string {
  const text = `${numberToEnglishWords(amount)} đồng`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
