// COPY … FROM STDIN on PostgreSQL, for the bulk paths (import): rows are sent in PostgreSQL's text
// format on the connection that holds the caller's transaction, so they commit or roll back with
// it. The statements are fixed by the callers (tables and columns are identifiers of this schema).
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Kysely, PostgresDialect, type PostgresPoolClient } from 'kysely';
import type { Database } from '../schema.js';

export type CopyValue = string | number | null;

/** Writes rows of one table by COPY, in the order of `columns`. */
export type RowCopier = (table: string, columns: string[], rows: CopyValue[][]) => Promise<void>;

const IDENT = /^[a-z_][a-z0-9_]*$/;

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** One value in COPY text format: \N for NULL; backslash, tab, newline and return escaped. */
export function copyText(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`COPY: not a finite number: ${v}`);
    return String(v);
  }
  // Most values need no escape: test once, replace only then.
  if (!NEEDS_ESCAPE.test(v)) return v;
  return v.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Sends `chunks` of COPY text to `table` (its `columns` in order) on the client. */
async function copyChunks(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  chunks: Iterable<string> | AsyncIterable<string>,
): Promise<void> {
  if (!IDENT.test(table) || !columns.every((c) => IDENT.test(c)))
    throw new Error(`COPY: bad identifier in ${table} (${columns.join(', ')})`);
  const target = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)) as Writable;
  await pipeline(Readable.from(chunks), target);
}

/** A copier over this client (which must hold the caller's transaction). */
export function pgCopier(client: pg.PoolClient): RowCopier {
  return async (table, columns, rows) => {
    if (rows.length === 0) return;
    // 64 KB chunks: one write per row would cost a stream round per row.
    function* chunks() {
      let buf = '';
      for (const row of rows) {
        buf += `${row.map(copyText).join('\t')}\n`;
        if (buf.length >= 1 << 16) {
          yield buf;
          buf = '';
        }
      }
      if (buf) yield buf;
    }
    await copyChunks(client, table, columns, chunks());
  };
}

/**
 * Writes rows already in COPY text format (each value through `copyText`, tab-separated, each row
 * ending with a newline), in the order of `columns`.
 */
export type TextCopier = (table: string, columns: readonly string[], text: string) => Promise<void>;

/** A text copier over this client (which must hold the caller's transaction). */
export function pgTextCopier(client: pg.PoolClient): TextCopier {
  return async (table, columns, text) => {
    if (text.length === 0) return;
    // Chunks of about 64 KB, cut after a row's newline (never inside a character).
    function* chunks() {
      for (let at = 0; at < text.length;) {
        let end = text.lastIndexOf('\n', at + (1 << 16));
        if (end < at) end = text.indexOf('\n', at + (1 << 16));
        end = end === -1 ? text.length : end + 1;
        yield text.slice(at, end);
        at = end;
      }
    }
    await copyChunks(client, table, columns, chunks());
  };
}

/**
 * A Kysely over one pooled client, so that Kysely statements and COPY share a transaction. The
 * client goes back to the pool when `release` is called (destroying this Kysely does not end the
 * pool).
 */
export async function singleClientKysely(
  pool: pg.Pool,
): Promise<{ kysely: Kysely<Database>; client: pg.PoolClient; release: () => Promise<void> }> {
  const client = await pool.connect();
  // Kysely releases its connection after each use: the wrapper keeps the client out of the pool
  // until `release`, for the COPY statements in between.
  const lent = {
    query: client.query.bind(client),
    release: () => undefined,
  } as unknown as PostgresPoolClient;
  const kysely = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: { connect: async () => lent, end: async () => undefined },
    }),
  });
  return {
    kysely,
    client,
    release: async () => {
      await kysely.destroy();
      client.release();
    },
  };
}
