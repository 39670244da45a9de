// Shared plumbing of the CLI adapter: open and migrate the database, build the services' deps,
// print results and errors per the contract (JSON on stdout only; progress and logs on stderr;
// exit 0 success, 1 some input rejected, 2 usage or configuration error, 3 anything else).
import { loadConfig, type Config } from '../config.js';
import { AppError, isAppError, messageOf } from '../errors.js';
import { openDb } from '../db/database.js';
import { migrateToLatest, migrationStatus } from '../db/migrate.js';
import { backupBeforeUpgrade } from '../services/backup.service.js';
import { ensureReferenceData } from '../services/reference-data.service.js';
import { ensureNationalStandards } from '../services/standards.service.js';
import type { Deps } from '../services/deps.js';

export const EXIT = { OK: 0, REJECTED: 1, USAGE: 2, OTHER: 3 } as const;

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
}

export const processIo = (): Io => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});

export function progress(io: Io) {
  return (msg: string) => {
    io.stderr.write(`${msg}\n`);
  };
}

export function configFrom(
  io: Io,
  flags: { db?: string | undefined },
  overrides: Partial<Config> = {},
): Config {
  return loadConfig(io.env, { ...(flags.db ? { db: flags.db } : {}), ...overrides });
}

/**
 * Opens the database named by the flags/environment, migrates it, loads reference data. An
 * upgrade (migrations pending on a database that has some applied) is preceded by a backup into
 * GIAMNGHEO_BACKUP_DIR; a database written by a newer version is refused before anything runs.
 */
export async function openDeps(io: Io, config: Config): Promise<Deps> {
  const db = openDb(config.db);
  try {
    const status = await migrationStatus(db);
    if (status.unknown.length === 0 && status.applied.length > 0 && status.pending.length > 0) {
      io.stderr.write(
        `Nâng cấp cơ sở dữ liệu (${status.pending.length} bước): sao lưu trước / Upgrading the database (${status.pending.length} migrations): backing up first…\n`,
      );
      const taken = await backupBeforeUpgrade(
        { db, config, now: () => new Date() },
        config.backupDir,
        status.pending,
      );
      io.stderr.write(`Đã sao lưu / Backed up ${taken.rows} rows to ${taken.file}\n`);
    }
    await migrateToLatest(db);
    await ensureReferenceData(db, progress(io));
    // The national poverty standards are written on first start (migrations import no application code).
    await ensureNationalStandards({ db, config, now: () => new Date() });
  } catch (err) {
    await db.close();
    throw err;
  }
  return { db, config, now: () => new Date() };
}

export async function withDeps<T>(io: Io, config: Config, fn: (deps: Deps) => Promise<T>): Promise<T> {
  const deps = await openDeps(io, config);
  try {
    return await fn(deps);
  } finally {
    await deps.db.close();
  }
}

export function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Maps an error to the contract's exit code and prints it (JSON when asked). */
export function reportError(io: Io, err: unknown, json: boolean): number {
  if (isAppError(err)) {
    const body = err.toJSON('vi');
    if (json) printJson(io, { error: body });
    io.stderr.write(`${err.code}: ${body.message}\n  ${body.messageEn}\n`);
    if (err.code === 'USAGE' || err.code === 'CONFIG_INVALID') return EXIT.USAGE;
    if (err.status >= 500) return EXIT.OTHER;
    return EXIT.REJECTED;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (json)
    printJson(io, {
      error: { code: 'INTERNAL', message: messageOf('INTERNAL'), messageEn: messageOf('INTERNAL', {}, 'en') },
    });
  io.stderr.write(`INTERNAL: ${message}\n`);
  if (err instanceof Error && err.stack && io.env.GIAMNGHEO_DEBUG) io.stderr.write(`${err.stack}\n`);
  return EXIT.OTHER;
}

export function usage(detail: string): AppError {
  return new AppError('USAGE', { detail });
}

/** Reads all of standard input or a file as text (small inputs only: passwords, JSON documents). */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
