// The lines of a JSONL input, read a chunk at a time (contracts/survey-record.md §5): the command
// line classifies them on its own thread or hands whole pieces to a pool of threads, and both see
// the same lines whatever the chunking (a BOM at the start, CRLF, blank lines skipped, multi-byte
// characters cut between chunks, an over-long line cut to a head no JSON parser accepts).

/** A household is a few kilobytes; a longer line is reported as malformed without being held whole. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Bytes holding whole lines only; `first` when they start the input (where a BOM may be). */
export interface LinePiece {
  bytes: Buffer;
  first: boolean;
}

/** The non-empty lines of a piece's text, as the command reads them. */
export function splitLines(text: string, first: boolean): string[] {
  if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const out: string[] = [];
  for (let line of text.split('\n')) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() !== '') out.push(line);
  }
  return out;
}

/**
 * A stream cut into pieces of whole lines. Splits raw bytes at the last newline of each chunk (a
 * newline byte never falls inside a multi-byte UTF-8 character), so a piece decodes on its own.
 * Memory holds one chunk and the line in progress; past maxLineBytes only the head of that line
 * is kept, and it comes out as its own piece followed by a mark that no JSON parser accepts.
 * Nothing of a chunk is kept once the next one is asked for but copies, so a source may read into
 * the same buffers again when the pieces of its chunk are done with.
 */
export async function* linePieces(
  input: AsyncIterable<Buffer | string>,
  maxLineBytes = MAX_LINE_BYTES,
): AsyncGenerator<LinePiece> {
  // Bytes of the line in progress: kept as a list and joined once, so a long line costs no
  // repeated copying.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let first = true;
  const piece = (bytes: Buffer): LinePiece => {
    const p = { bytes, first };
    first = false;
    return p;
  };
  const keep = (b: Buffer) => {
    if (pendingBytes < maxLineBytes) pending.push(b);
    pendingBytes += b.length;
  };
  /** The line in progress, or its head followed by the mark. */
  const takePending = (): Buffer => {
    const joined = Buffer.concat(pending);
    const bytes =
      pendingBytes > maxLineBytes
        ? Buffer.from(`${joined.toString('utf8', 0, 1024)}…[${pendingBytes} bytes]`)
        : joined;
    pending = [];
    pendingBytes = 0;
    return bytes;
  };
  for await (const chunk of input) {
    const buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    const firstNl = buf.indexOf(10);
    if (firstNl < 0) {
      keep(Buffer.from(buf));
      continue;
    }
    let start = 0;
    if (pendingBytes > 0) {
      keep(buf.subarray(0, firstNl));
      yield piece(takePending());
      start = firstNl + 1;
    }
    const last = buf.lastIndexOf(10);
    if (last >= start) yield piece(buf.subarray(start, last));
    if (last + 1 < buf.length) keep(Buffer.from(buf.subarray(last + 1)));
  }
  if (pendingBytes > 0) yield piece(takePending());
}

/** The non-empty lines of a stream, a batch per chunk. */
export async function* lineBatches(
  input: NodeJS.ReadableStream,
  maxLineBytes = MAX_LINE_BYTES,
): AsyncGenerator<string[]> {
  for await (const p of linePieces(input, maxLineBytes)) {
    const lines = splitLines(p.bytes.toString('utf8'), p.first);
    if (lines.length) yield lines;
  }
}
