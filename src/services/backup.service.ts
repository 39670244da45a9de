// Logical backups: a gzip'd JSON-lines file holding every table, readable by either database
// engine (a commune's SQLite file can be restored into a province's PostgreSQL). Read from one
// snapshot without the write lock, so it is consistent while the server runs and blocks nobody.
// Format 2 ends with a trailer giving each table's row count and SHA-256 of its lines: a cut or
// altered file is told apart from a good one (`verifyBackup`, `giamngheo restore --verify`)
// without touching any database. Restore refuses anything that is not a complete giamngheo
// backup of the same schema, and replaces the data in one transaction (rolled back on any fault).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { AppError, isAppError } from '../errors.js';
import {
  appliedMigrations,
  buildIndexes,
  clearTables,
  dropSecondaryIndexes,
  sqliteRowInserter,
  resetSequences,
  tablesInDependencyOrder,
  withSnapshot,
} from '../db/repositories/backup.repository.js';
import { pauseSearchIndex, rebuildSearchIndex } from '../db/repositories/household-search.repository.js';
import { pgCopier, singleClientKysely, type CopyValue } from '../db/repositories/pg-copy.repository.js';
import { migrations as knownMigrations } from '../db/migrations/index.js';
import type { Deps } from './deps.js';

export const BACKUP_FORMAT = 'giamngheo-backup';
const BACKUP_VERSION = 2;
/** Version 1 files (no trailer) are still restored; `verifyBackup` cannot vouch for them. */
const READABLE_VERSIONS = [1, 2];

interface Header {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  dialect: string;
  migrations: string[];
  tables: string[];
}

interface TableSum {
  rows: number;
  sha256: string;
}

interface Trailer {
  end: true;
  tables: Record<string, TableSum>;
}

/** Counts and hashes the row lines of one table as written (the trailer's figures). */
class TableHash {
  rows = 0;
  private readonly hash = crypto.createHash('sha256');
  add(line: string): void {
    this.rows++;
    this.hash.update(line);
    this.hash.update('\n');
  }
  sum(): TableSum {
    return { rows: this.rows, sha256: this.hash.digest('hex') };
  }
}

export async function backup(
  deps: Deps,
  file: string,
  progress: (m: string) => void = () => {},
): Promise<{ tables: number; rows: number }> {
  // Level 1: compresses about four times faster than the default (measured on registry-like JSON
  // lines), for a file about a third larger (38 MB instead of 28 MB for 100,000 households).
  // 1 MB output chunks: each chunk is one round trip to the thread pool (16 KB by default).
  const gz = zlib.createGzip({ level: 1, chunkSize: 1 << 20 });
  const out = fs.createWriteStream(file);
  gz.pipe(out);
  const closed = once(out, 'close');
  const write = async (data: string | Buffer) => {
    if (!gz.write(data)) await once(gz, 'drain');
  };
  let rows = 0;
  const db = deps.db;
  let tables: string[] = [];
  try {
    await withSnapshot(db, async (snap) => {
      tables = snap.tables;
      const header: Header = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: deps.now().toISOString(),
        dialect: db.dialect,
        migrations: snap.migrations,
        tables,
      };
      await write(`${JSON.stringify(header)}\n`);
      const sums: Record<string, TableSum> = {};
      for (const table of tables) {
        const source = await snap.rowsOf(table);
        // The checksum is of the row lines as written, each with its newline: hashing the text in
        // blocks gives the same digest as line by line, for one call per block. Each block is
        // encoded to UTF-8 once, for both the hash and the compressor.
        const hash = crypto.createHash('sha256');
        let count = 0;
        let block = '';
        const flush = async () => {
          const bytes = Buffer.from(block, 'utf8');
          block = '';
          hash.update(bytes);
          await write(bytes);
        };
        for await (const batch of source.batches) {
          if (count === 0) await write(`${JSON.stringify({ table, columns: source.columns })}\n`);
          for (const row of batch) block += `${JSON.stringify(row)}\n`;
          count += batch.length;
          if (block.length >= 1 << 20) await flush();
        }
        if (block) await flush();
        rows += count;
        sums[table] = { rows: count, sha256: hash.digest('hex') };
        progress(`${table}: ${count}`);
      }
      const trailer: Trailer = { end: true, tables: sums };
      await write(`${JSON.stringify(trailer)}\n`);
    });
  } catch (err) {
    gz.destroy();
    out.destroy();
    fs.rmSync(file, { force: true });
    throw err;
  }
  gz.end();
  await closed;
  return { tables: tables.length, rows };
}

/** `giamngheo-2026-12-03T01-30-00-123Z.jsonl.gz`: sorts by time as text, one per millisecond. */
const TIMED = /^giamngheo-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)\.jsonl\.gz$/;

function stamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

/**
 * A backup into `dir` under a timestamped name (for a timer), written to a `.partial` file and
 * renamed when complete, so a name in the folder is always a finished backup; then only the
 * newest `keep` timestamped backups are kept (other files in the folder are left alone).
 */
export async function backupInto(
  deps: Deps,
  dir: string,
  keep: number,
  progress: (m: string) => void = () => {},
): Promise<{ file: string; tables: number; rows: number; removed: string[] }> {
  if (!Number.isInteger(keep) || keep < 1 || keep > 10_000)
    throw new AppError('BACKUP_KEEP_INVALID', { value: String(keep) });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `giamngheo-${stamp(deps.now())}.jsonl.gz`);
  const partial = `${file}.partial`;
  const r = await backup(deps, partial, progress);
  fs.renameSync(partial, file);
  const timed = fs
    .readdirSync(dir)
    .filter((f) => TIMED.test(f))
    .sort();
  const removed = timed.slice(0, Math.max(0, timed.length - keep)).map((f) => path.join(dir, f));
  for (const f of removed) fs.rmSync(f, { force: true });
  return { file, ...r, removed };
}

/** The backup `serve`/`migrate` take before applying migrations to a database that has data. */
export async function backupBeforeUpgrade(
  deps: Deps,
  dir: string,
  pending: string[],
  progress: (m: string) => void = () => {},
): Promise<{ file: string; rows: number }> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(
    dir,
    `before-upgrade-${stamp(deps.now())}-to-${pending.at(-1) ?? 'latest'}.jsonl.gz`,
  );
  const partial = `${file}.partial`;
  const r = await backup(deps, partial, progress);
  fs.renameSync(partial, file);
  return { file, rows: r.rows };
}

interface Reader {
  header: Header;
  lines: AsyncIterableIterator<string>;
  close: () => void;
}

/** The lines of a gzip'd text file; a gunzip fault (not gzip, cut short) rejects the iteration. */
async function* linesOf(gunzip: NodeJS.ReadableStream): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of gunzip) {
    const parts = (rest + String(chunk)).split('\n');
    rest = parts.pop()!;
    yield* parts;
  }
  if (rest) yield rest;
}

async function openBackup(file: string): Promise<Reader> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new AppError('FILE_NOT_FOUND', { path: file });
  const gunzip = zlib.createGunzip();
  gunzip.setEncoding('utf8');
  pipeline(fs.createReadStream(file), gunzip, () => undefined);
  const lines = linesOf(gunzip);
  const close = () => gunzip.destroy();
  const invalid = () => new AppError('BACKUP_INVALID', { path: file });
  let header: Header;
  try {
    const first = await lines.next();
    header = JSON.parse(String(first.value)) as Header;
  } catch {
    close();
    throw invalid();
  }
  if (
    !header ||
    header.format !== BACKUP_FORMAT ||
    !READABLE_VERSIONS.includes(header.version) ||
    !Array.isArray(header.tables) ||
    !Array.isArray(header.migrations)
  ) {
    close();
    throw invalid();
  }
  return { header, lines, close };
}

/** Gunzip and JSON faults of a backup's body mean a cut or damaged file. */
function asBackupError(err: unknown, file: string): unknown {
  if (isAppError(err)) return err;
  const code = (err as { code?: string }).code;
  if (code === 'Z_BUF_ERROR' || (err as Error).message === 'unexpected end of file')
    return new AppError('BACKUP_INCOMPLETE', { path: file });
  if (err instanceof SyntaxError || code === 'Z_DATA_ERROR')
    return new AppError('BACKUP_DAMAGED', { path: file, table: '?', rows: '?', expected: '?' });
  return err;
}

/**
 * Reads the body of a backup, table section by section, checking each row's width and, in format
 * 2, each table's row count and checksum against the trailer. `onRows` receives the rows (restore
 * inserts them; verify passes nothing). Throws BACKUP_INCOMPLETE / BACKUP_DAMAGED.
 */
async function readBody(
  file: string,
  reader: Reader,
  onSection: (table: string, columns: string[]) => Promise<void>,
  onRow: (row: unknown[]) => Promise<void>,
): Promise<Record<string, number>> {
  const { header, lines } = reader;
  const counts: Record<string, number> = Object.fromEntries(header.tables.map((t) => [t, 0]));
  const hashes = new Map<string, TableHash>();
  let table: string | undefined;
  let columns: string[] = [];
  let hash: TableHash | undefined;
  let trailer: Trailer | undefined;
  const damaged = (t: string, rows: number | string, expected: number | string) =>
    new AppError('BACKUP_DAMAGED', { path: file, table: t, rows, expected });
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const line = String(next.value);
    if (!line) continue;
    if (trailer) throw damaged('(end)', '?', '?');
    const value = JSON.parse(line) as unknown;
    if (Array.isArray(value)) {
      if (!table || !hash) throw damaged('?', '?', '?');
      if (value.length !== columns.length) throw damaged(table, hash.rows, '?');
      hash.add(line);
      counts[table] = hash.rows;
      await onRow(value);
      continue;
    }
    const v = value as { table?: unknown; columns?: unknown; end?: unknown; tables?: unknown };
    if (v.end === true && v.tables && typeof v.tables === 'object') {
      trailer = v as Trailer;
      continue;
    }
    if (
      typeof v.table !== 'string' ||
      !header.tables.includes(v.table) ||
      hashes.has(v.table) ||
      !Array.isArray(v.columns)
    )
      throw damaged(String(v.table ?? '?'), '?', '?');
    table = v.table;
    columns = v.columns as string[];
    hash = new TableHash();
    hashes.set(table, hash);
    await onSection(table, columns);
  }
  if (header.version >= 2) {
    if (!trailer) throw new AppError('BACKUP_INCOMPLETE', { path: file });
    for (const t of header.tables) {
      const expected = trailer.tables[t];
      const got = hashes.get(t)?.sum() ?? new TableHash().sum();
      if (!expected || expected.rows !== got.rows || expected.sha256 !== got.sha256)
        throw damaged(t, got.rows, expected?.rows ?? '?');
    }
  }
  return counts;
}

export interface VerifyReport {
  file: string;
  createdAt: string;
  dialect: string;
  /** The backup's last migration, and whether it is this version's latest. */
  schema: string | null;
  schemaCurrent: boolean;
  tables: number;
  rows: number;
  rowsByTable: Record<string, number>;
  /** Format 1 files carry no checksums: only their shape could be checked. */
  checksums: boolean;
}

/**
 * Checks a backup without any database: the format, that its schema is one this version knows
 * (a prefix of its migrations), that every table section is whole and every row as wide as its
 * columns, and (format 2) each table's row count and SHA-256 against the trailer.
 */
export async function verifyBackup(file: string): Promise<VerifyReport> {
  const reader = await openBackup(file);
  try {
    const known = Object.keys(knownMigrations);
    const { header } = reader;
    const unknown = header.migrations.find((m, i) => known[i] !== m);
    if (unknown !== undefined) throw new AppError('BACKUP_SCHEMA_NEWER', { path: file, migration: unknown });
    const counts = await readBody(
      file,
      reader,
      async () => undefined,
      async () => undefined,
    );
    return {
      file,
      createdAt: header.createdAt,
      dialect: header.dialect,
      schema: header.migrations.at(-1) ?? null,
      schemaCurrent: header.migrations.length === known.length,
      tables: header.tables.length,
      rows: Object.values(counts).reduce((a, b) => a + b, 0),
      rowsByTable: counts,
      checksums: header.version >= 2,
    };
  } catch (err) {
    throw asBackupError(err, file);
  } finally {
    reader.close();
  }
}

/** A backup's JSON value as a COPY field (the schema has no boolean today; kept exact if one comes). */
function copyValue(v: unknown): CopyValue {
  if (v === true) return 't';
  if (v === false) return 'f';
  return v as CopyValue;
}

export async function restore(
  deps: Deps,
  file: string,
  progress: (m: string) => void = () => {},
): Promise<{ rows: number }> {
  const reader = await openBackup(file);
  const { header } = reader;
  const db = deps.db;
  try {
    const current = await appliedMigrations(db.kysely);
    if (header.migrations.join('\n') !== current.join('\n')) {
      throw new AppError('BACKUP_INVALID', {
        path: `${file} (schema ${header.migrations.at(-1) ?? '?'} ≠ ${current.at(-1) ?? '?'})`,
      });
    }
    let rows = 0;
    // PostgreSQL: the transaction runs on one leased client, so that the rows go by COPY on it.
    const lease = db.pool ? await singleClientKysely(db.pool) : undefined;
    const copy = lease ? pgCopier(lease.client) : undefined;
    try {
      await (lease?.kysely ?? db.kysely).transaction().execute(async (trx) => {
        const tables = await tablesInDependencyOrder(db, trx);
        if (header.tables.some((t) => !tables.includes(t)))
          throw new AppError('BACKUP_INVALID', { path: file });
        // The word index is rebuilt once from the loaded households, not kept row by row.
        await pauseSearchIndex(trx, db.dialect, deps.now().toISOString());
        await clearTables(trx, [...tables].reverse());
        const indexes = await dropSecondaryIndexes(db, trx, tables);
        let table: string | undefined;
        let columns: string[] = [];
        let insert: ((rows: unknown[][]) => void) | undefined;
        let batch: unknown[][] = [];
        const flush = async () => {
          if (table && batch.length) {
            if (copy)
              await copy(
                table,
                columns,
                batch.map((r) => r.map(copyValue)),
              );
            else insert!(batch);
          }
          rows += batch.length;
          batch = [];
        };
        // A fault anywhere (a cut file, a checksum) throws inside the transaction: nothing is replaced.
        await readBody(
          file,
          reader,
          async (t, c) => {
            await flush();
            table = t;
            columns = c;
            // SQLite: the raw handle is the transaction's own connection (there is only one).
            if (!copy) insert = sqliteRowInserter(db.sqlite!, t, c);
            progress(`${table}…`);
          },
          async (row) => {
            batch.push(row);
            if (batch.length >= 5000) await flush();
          },
        );
        await flush();
        progress('indexes…');
        await buildIndexes(trx, indexes);
        await resetSequences(db, trx, tables);
        await rebuildSearchIndex(trx, db.dialect);
      });
    } finally {
      await lease?.release();
    }
    return { rows };
  } catch (err) {
    throw asBackupError(err, file);
  } finally {
    reader.close();
  }
}
