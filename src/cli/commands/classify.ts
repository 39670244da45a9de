// giamngheo classify [FILE|-] [--standard CODE] [--explain] [--db PATH|URL]
// giamngheo classify --what-if FROM:TO FILE [--json]
// contracts/survey-record.md §5: JSONL in, one JSON object per input line out, same order. The
// file is streamed in pieces of whole lines, each line read from its bytes (classifyPiece), and
// output written with backpressure, so memory stays constant whatever the file size; a large file
// is classified on one thread per core (services/classification/classify-pool.ts), written in
// input order, the same bytes.
// Exit 0: every record classified; 1: some were not; 2: usage error.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { AppError } from '../../errors.js';
import {
  CLASS_ORDER,
  createClassifier,
  whatIf,
  type WhatIfReport,
} from '../../services/classification.service.js';
import { configFrom, EXIT, printJson, reportError, usage, withDeps, type Io } from '../runtime.js';
import { hasWord, wordOfCode } from '../../domain/words/catalogue.js';
import type { Command } from '../main.js';
import { lineBatches, linePieces } from '../../services/classification/jsonl-lines.js';
import { classifyPiece, startClassifyPool } from '../../services/classification/classify-pool.js';
import os from 'node:os';

export { lineBatches };

/**
 * A file at least this large (about 55,000 households) is classified on several threads by
 * default: a worker costs about a second of CPU to start (it loads the sources and opens the
 * database), what one thread classifies of a smaller file in that time.
 */
const POOL_FROM_BYTES = 64 * 1024 * 1024;
const MAX_THREADS = 4;

/**
 * Threads to classify on, this one included: `--threads N` when given, else one per core (at most
 * MAX_THREADS) for a large file, one otherwise. A database in memory is this process's own: one.
 */
function threadsFor(file: string | undefined, flag: string | undefined, db: string): number {
  if (db === ':memory:') return 1;
  if (flag !== undefined) {
    const n = Number(flag);
    if (!Number.isInteger(n) || n < 1 || n > 64) throw usage('--threads: 1–64');
    return n;
  }
  if (file === undefined || file === '-' || fs.statSync(file).size < POOL_FROM_BYTES) return 1;
  return Math.min(os.availableParallelism(), MAX_THREADS);
}

function write(out: NodeJS.WritableStream, text: string): Promise<void> | undefined {
  if (out.write(text)) return undefined;
  return new Promise((resolve) => out.once('drain', () => resolve()));
}

function openInput(file: string | undefined, io: Io): NodeJS.ReadableStream {
  if (file === undefined || file === '-') return io.stdin;
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new AppError('FILE_NOT_FOUND', { path: file });
  return fs.createReadStream(file, { highWaterMark: 1 << 20 });
}

async function* lines(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  for await (const batch of lineBatches(input)) yield* batch;
}

/** A standard by its legal name (catalogue of words), or its code for a local one. */
const standardWord = (code: string) =>
  hasWord('standard', code) ? wordOfCode('standard', code, 'vi') : code;

function printMatrix(io: Io, r: WhatIfReport): void {
  // Rows: the class under FROM; columns (numbered like the rows): the class under TO.
  const w = 8;
  const label = (c: string, i: number) => `(${i + 1}) ${wordOfCode('classification', c, 'vi')}`;
  const first = Math.max(...CLASS_ORDER.map((c, i) => label(c, i).length), 'Tổng / total'.length) + 2;
  const title = `Phân loại theo ${standardWord(r.from)} (hàng) và theo ${standardWord(r.to)} (cột)`;
  const head = `${''.padEnd(first)}${CLASS_ORDER.map((_, i) => `(${i + 1})`.padStart(w)).join('')}${'Tổng'.padStart(w)}`;
  const rows = CLASS_ORDER.map(
    (from, i) =>
      `${label(from, i).padEnd(first)}${CLASS_ORDER.map((to) => String(r.matrix[from][to]).padStart(w)).join('')}${String(r.totals.from[from]).padStart(w)}`,
  );
  const total = `${'Tổng / total'.padEnd(first)}${CLASS_ORDER.map((c) => String(r.totals.to[c]).padStart(w)).join('')}${String(r.classified).padStart(w)}`;
  io.stdout.write(
    `${[title, head, ...rows, total].join('\n')}\n` +
      `Đã đọc / read ${r.read}; đã phân loại / classified ${r.classified}; bị từ chối / rejected ${r.rejected}` +
      `${
        r.rejected
          ? ` (${Object.entries(r.errors)
              .map(([c, n]) => `${c}: ${n}`)
              .join(', ')})`
          : ''
      }\n`,
  );
}

export const classifyCommand: Command = {
  summary: 'Phân loại hộ theo chuẩn nghèo (JSONL) / Classify survey records (JSONL)',
  usage:
    'classify [FILE|-] [--standard CODE] [--explain] [--threads N] | classify --what-if FROM:TO FILE [--json]',
  async run(argv: string[], io: Io): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          standard: { type: 'string' },
          'what-if': { type: 'string' },
          explain: { type: 'boolean', default: false },
          json: { type: 'boolean', default: false },
          threads: { type: 'string' },
          db: { type: 'string' },
        },
      });
    } catch (err) {
      throw usage(`${err instanceof Error ? err.message : String(err)}. ${this.usage}`);
    }
    const { values, positionals } = parsed;
    const json = values.json === true;
    if (positionals.length > 1) throw usage(this.usage);
    const file = positionals[0];
    const whatIfSpec = values['what-if'];
    if (whatIfSpec !== undefined) {
      const m = /^([A-Za-z0-9_]+):([A-Za-z0-9_]+)$/.exec(whatIfSpec);
      if (!m || file === undefined) throw usage(this.usage);
      if (values.standard !== undefined)
        throw usage(
          '--standard và --what-if không dùng cùng nhau / --standard and --what-if exclude each other',
        );
    }
    let input: NodeJS.ReadableStream;
    try {
      input = openInput(file, io);
    } catch (err) {
      reportError(io, err, json);
      return EXIT.USAGE;
    }
    const config = configFrom(io, values);
    return withDeps(io, config, async (deps) => {
      if (whatIfSpec !== undefined) {
        const [, from, to] = /^([A-Za-z0-9_]+):([A-Za-z0-9_]+)$/.exec(whatIfSpec)!;
        let report: WhatIfReport;
        try {
          report = await whatIf(deps, lines(input), from!, to!);
        } catch (err) {
          reportError(io, err, json);
          return isStandardUnknown(err) ? EXIT.USAGE : EXIT.OTHER;
        }
        if (json) printJson(io, report);
        else printMatrix(io, report);
        // contracts/cli.md: the work was done, but some input was rejected → 1.
        return report.rejected ? EXIT.REJECTED : EXIT.OK;
      }

      let classifier;
      try {
        classifier = await createClassifier(deps, {
          ...(values.standard !== undefined ? { standard: values.standard } : {}),
          explain: values.explain === true,
        });
      } catch (err) {
        reportError(io, err, false);
        return isStandardUnknown(err) ? EXIT.USAGE : EXIT.OTHER;
      }
      let rejected = 0;
      let total = 0;
      const threads = threadsFor(file, values.threads, config.db);
      if (threads > 1) {
        const pool = startClassifyPool(
          {
            location: config.db,
            config,
            options: {
              ...(values.standard !== undefined ? { standard: values.standard } : {}),
              explain: values.explain === true,
            },
          },
          classifier,
          threads - 1,
        );
        try {
          const totals = await pool.run(linePieces(input), (text) => write(io.stdout, text));
          rejected = totals.rejected;
          total = totals.records;
        } finally {
          await pool.close();
        }
      } else
        for await (const piece of linePieces(input)) {
          const out = await classifyPiece(classifier, piece);
          total += out.records;
          rejected += out.rejected;
          if (out.text) {
            const pending = write(io.stdout, out.text);
            if (pending) await pending;
          }
        }
      if (rejected)
        io.stderr.write(
          `${rejected}/${total} bản ghi không phân loại được / records could not be classified\n`,
        );
      return rejected ? EXIT.REJECTED : EXIT.OK;
    });
  },
};

function isStandardUnknown(err: unknown): boolean {
  return err instanceof AppError && err.code === 'STANDARD_UNKNOWN';
}
