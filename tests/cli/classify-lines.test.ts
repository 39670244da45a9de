// The line splitter of `giamngheo classify`: any chunking of the input gives the same lines
// (multi-byte characters cut between chunks, CRLF, a BOM, blank lines), and an over-long line
// comes out as a short malformed line instead of being held whole.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineBatches } from '../../src/cli/commands/classify.js';

async function collect(chunks: Buffer[], max?: number): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of lineBatches(Readable.from(chunks), max)) out.push(...batch);
  return out;
}

function chunked(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    if (p > prev) out.push(bytes.subarray(prev, p));
    prev = p;
  }
  return out;
}

describe('lineBatches', () => {
  const text = '\uFEFF{"name":"Nguyễn Thị Ánh"}\r\n\n  \n{"b":"Đặng"}\n{"c":"ươ"}';
  const expected = ['{"name":"Nguyễn Thị Ánh"}', '{"b":"Đặng"}', '{"c":"ươ"}'];

  it('gives the same lines whatever the chunking', async () => {
    const bytes = Buffer.from(text, 'utf8');
    expect(await collect([bytes])).toEqual(expected);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 12 }), async (cuts) => {
        expect(await collect(chunked(bytes, cuts))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('cuts an over-long line to a malformed head and goes on with the next line', async () => {
    const long = `{"householdId":"BIG","pad":"${'x'.repeat(5000)}"}`;
    const bytes = Buffer.from(`{"a":1}\n${long}\n{"b":2}\n`);
    const lines = await collect(chunked(bytes, [3, 100, 2000, 4000]), 1000);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('{"a":1}');
    expect(lines[1]!.length).toBeLessThan(1100);
    expect(() => JSON.parse(lines[1]!)).toThrow();
    expect(lines[2]).toBe('{"b":2}');
  });
});
