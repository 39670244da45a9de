// Logical backups: a gzip'd JSON-lines file holding every table, readable by either database
// engine (a commune's SQLite file can be restored into a province's PostgreSQL). Taken inside one
// read transaction, so it is consistent while the server runs. Restore refuses anything that is
// not a giamngheo backup of the same schema, and replaces the data in one transaction.
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { once } from 'node:events';
import { AppError } from '../errors.js';
import {
  appliedMigrations,
  clearTables,
  insertRows,
  readTable,
  resetSequences,
  tablesInDependencyOrder,
} from '../db/repositories/backup.repository.js';
import { pauseSearchIndex, rebuildSearchIndex } from '../db/repositories/household-search.repository.js';
import type { Deps } from './deps.js';

export const BACKUP_FORMAT = 'giamngheo-backup';
const BACKUP_VERSION = 1;

interface Header {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  dialect: string;
  migrations: string[];
  tables: string[];
}

export async function backup(
  deps: Deps,
  file: string,
  progress: (m: string) => void = () => {},
): Promise<{ tables: number; rows: number }> {
  const gz = zlib.createGzip();
  const out = fs.createWriteStream(file);
  gz.pipe(out);
  const write = async (obj: unknown) => {
    if (!gz.write(`${JSON.stringify(obj)}\n`)) await once(gz, 'drain');
  };
  let rows = 0;
  const db = deps.db;
  let tables: string[] = [];
  await db.kysely.transaction().execute(async (trx) => {
    tables = await tablesInDependencyOrder(db, trx);
    const header: Header = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: deps.now().toISOString(),
      dialect: db.dialect,
      migrations: await appliedMigrations(trx),
      tables,
    };
    await write(header);
    for (const table of tables) {
      let columns: string[] | undefined;
      for await (const page of readTable(trx, table)) {
        if (!columns) {
          columns = Object.keys(page[0]!);
          await write({ table, columns });
        }
        for (const r of page) await write(columns.map((c) => r[c]));
        rows += page.length;
      }
      progress(`${table}: ok`);
    }
  });
  gz.end();
  await once(out, 'close');
  return { tables: tables.length, rows };
}

async function readHeader(
  file: string,
): Promise<{ header: Header; lines: AsyncIterableIterator<string>; close: () => void }> {
  if (!fs.existsSync(file)) throw new AppError('FILE_NOT_FOUND', { path: file });
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  const lines = rl[Symbol.asyncIterator]();
  const invalid = () => new AppError('BACKUP_INVALID', { path: file });
  let first;
  try {
    first = await lines.next();
  } catch {
    rl.close();
    throw invalid();
  }
  let header: Header;
  try {
    header = JSON.parse(String(first.value)) as Header;
  } catch {
    rl.close();
    throw invalid();
  }
  if (
    !header ||
    header.format !== BACKUP_FORMAT ||
    header.version !== BACKUP_VERSION ||
    !Array.isArray(header.tables)
  ) {
    rl.close();
    throw invalid();
  }
  return { header, lines, close: () => rl.close() };
}

export async function restore(
  deps: Deps,
  file: string,
  progress: (m: string) => void = () => {},
): Promise<{ rows: number }> {
  const { header, lines, close } = await readHeader(file);
  const db = deps.db;
  try {
    const current = await appliedMigrations(db.kysely);
    if (header.migrations.join('\n') !== current.join('\n')) {
      throw new AppError('BACKUP_INVALID', {
        path: `${file} (schema ${header.migrations.at(-1) ?? '?'} ≠ ${current.at(-1) ?? '?'})`,
      });
    }
    let rows = 0;
    await db.kysely.transaction().execute(async (trx) => {
      const tables = await tablesInDependencyOrder(db, trx);
      // The word index is rebuilt once from the loaded households, not kept row by row.
      await pauseSearchIndex(trx, db.dialect, deps.now().toISOString());
      await clearTables(trx, [...tables].reverse());
      let table: string | undefined;
      let columns: string[] = [];
      let batch: unknown[][] = [];
      const flush = async () => {
        if (table && batch.length) await insertRows(trx, table, columns, batch);
        rows += batch.length;
        batch = [];
      };
      for (let next = await lines.next(); !next.done; next = await lines.next()) {
        const line = String(next.value);
        if (!line) continue;
        const value = JSON.parse(line) as unknown;
        if (Array.isArray(value)) {
          if (!table) throw new AppError('BACKUP_INVALID', { path: file });
          batch.push(value);
          if (batch.length >= 200) await flush();
        } else {
          await flush();
          const t = value as { table?: string; columns?: string[] };
          if (!t.table || !tables.includes(t.table) || !Array.isArray(t.columns))
            throw new AppError('BACKUP_INVALID', { path: file });
          table = t.table;
          columns = t.columns;
          progress(`${table}…`);
        }
      }
      await flush();
      await resetSequences(db, trx, tables);
      await rebuildSearchIndex(trx, db.dialect);
    });
    return { rows };
  } catch (err) {
    if (err instanceof SyntaxError || (err as { code?: string }).code === 'Z_DATA_ERROR')
      throw new AppError('BACKUP_INVALID', { path: file });
    throw err;
  } finally {
    close();
  }
}
