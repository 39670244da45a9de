// Limits on an uploaded XLSX workbook, checked before exceljs reads it (docs/decisions/0016).
// exceljs loads the whole workbook into memory: a 491 KB file that unzips to 480 MB took the
// server to 1.3 GB. An XLSX is a zip archive; this module reads its central directory (refusing
// declared sizes over the limits at once) and then inflates every part through a counting stream
// that stops as soon as a limit is passed, so a part whose header lies about its size is caught
// too, with no more memory than one inflate buffer. Rows are counted in the worksheet parts
// while they are inflated. Every refusal is a coded error naming the limit.
import zlib from 'node:zlib';
import { AppError } from '../errors.js';

export interface XlsxLimits {
  /** Total size of the unzipped parts, in bytes. */
  maxUncompressedBytes: number;
  /** Uncompressed ÷ compressed size of one part (applies to parts above RATIO_FLOOR_BYTES). */
  maxRatio: number;
  /** Rows over every worksheet. */
  maxRows: number;
}

/**
 * 200 MB unzipped is about 60,000 households with their members in the two survey sheets;
 * ordinary spreadsheets compress 5–30×, a zip bomb hundreds or thousands of times.
 */
export const XLSX_LIMITS: XlsxLimits = {
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxRatio: 100,
  maxRows: 1_000_000,
};

/** Small parts (styles, an empty sheet) may compress very well without being a threat. */
const RATIO_FLOOR_BYTES = 1024 * 1024;
const MB = 1024 * 1024;

const invalid = (detail: string) =>
  new AppError('IMPORT_FILE_INVALID', { detail: `XLSX: ${detail}` }, { field: 'file' });

interface Entry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

function centralDirectory(zip: Buffer): Entry[] {
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes at the end.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw invalid('không phải tệp nén XLSX hoặc tệp bị hỏng / not a zip archive, or a truncated one');
  const count = zip.readUInt16LE(eocd + 10);
  const size = zip.readUInt32LE(eocd + 12);
  const offset = zip.readUInt32LE(eocd + 16);
  if (offset === 0xffffffff || count === 0xffff)
    throw invalid('tệp ZIP64 không được hỗ trợ / ZIP64 archives are not supported');
  if (offset + size > eocd) throw invalid('mục lục tệp nén hỏng / broken central directory');
  const entries: Entry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || zip.readUInt32LE(p) !== 0x02014b50)
      throw invalid('mục lục tệp nén hỏng / broken central directory');
    const nameLength = zip.readUInt16LE(p + 28);
    entries.push({
      method: zip.readUInt16LE(p + 10),
      compressed: zip.readUInt32LE(p + 20),
      uncompressed: zip.readUInt32LE(p + 24),
      localOffset: zip.readUInt32LE(p + 42),
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return entries;
}

/** Counts `<row` elements across chunk boundaries (a worksheet row is `<row …>`). */
function rowCounter(): (chunk: Buffer) => number {
  let tail = '';
  return (chunk) => {
    const text = tail + chunk.toString('latin1');
    let n = 0;
    for (let i = text.indexOf('<row'); i !== -1; i = text.indexOf('<row', i + 4)) {
      const next = text[i + 4];
      if (next === ' ' || next === '>' || next === '/') n += 1;
      else if (next === undefined) break; // decided with the next chunk
    }
    tail = text.slice(-4);
    return n;
  };
}

/**
 * Throws a coded error when the workbook is not a readable zip archive or passes a limit;
 * returns the number of worksheet rows otherwise.
 */
export async function guardXlsx(zip: Buffer, limits: XlsxLimits = XLSX_LIMITS): Promise<number> {
  const entries = centralDirectory(zip);
  const tooLarge = () =>
    new AppError(
      'XLSX_TOO_LARGE',
      { limitMb: Math.round(limits.maxUncompressedBytes / MB) },
      { field: 'file' },
    );
  const tooDense = (name: string) =>
    new AppError('XLSX_RATIO_TOO_HIGH', { entry: name, limit: limits.maxRatio }, { field: 'file' });
  const tooManyRows = () => new AppError('XLSX_TOO_MANY_ROWS', { limit: limits.maxRows }, { field: 'file' });
  const overRatio = (size: number, compressed: number) =>
    size > RATIO_FLOOR_BYTES && size > limits.maxRatio * Math.max(compressed, 1);
  // What the directory declares: refused before inflating anything.
  let declared = 0;
  for (const e of entries) {
    declared += e.uncompressed;
    if (declared > limits.maxUncompressedBytes) throw tooLarge();
    if (overRatio(e.uncompressed, e.compressed)) throw tooDense(e.name);
  }
  // What the parts really hold.
  let total = 0;
  let rows = 0;
  for (const e of entries) {
    const p = e.localOffset;
    if (p + 30 > zip.length || zip.readUInt32LE(p) !== 0x04034b50)
      throw invalid(`phần ${e.name} hỏng / broken part ${e.name}`);
    const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28);
    if (start + e.compressed > zip.length) throw invalid(`phần ${e.name} bị cắt / truncated part ${e.name}`);
    const data = zip.subarray(start, start + e.compressed);
    const countRows = /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name) ? rowCounter() : undefined;
    let size = 0;
    const take = (chunk: Buffer): AppError | undefined => {
      size += chunk.length;
      total += chunk.length;
      if (total > limits.maxUncompressedBytes) return tooLarge();
      if (overRatio(size, e.compressed)) return tooDense(e.name);
      if (countRows) {
        rows += countRows(chunk);
        if (rows > limits.maxRows) return tooManyRows();
      }
      return undefined;
    };
    if (e.method === 0) {
      const err = take(data);
      if (err) throw err;
    } else if (e.method === 8) {
      await new Promise<void>((resolve, reject) => {
        const inflate = zlib.createInflateRaw();
        inflate.on('data', (chunk: Buffer) => {
          const err = take(chunk);
          if (err) {
            inflate.destroy();
            reject(err);
          }
        });
        inflate.on('error', (err) => reject(invalid(`phần ${e.name}: ${err.message}`)));
        inflate.on('end', resolve);
        inflate.end(data);
      });
    } else throw invalid(`phần ${e.name} nén kiểu ${e.method} / unsupported compression ${e.method}`);
  }
  return rows;
}
