// What /api/health reports: the database answers, and its schema is this version's (no migration
// pending, none unknown). A load balancer or monitor takes anything but 200 as "not ready".
import { AppError } from '../errors.js';
import { migrationStatus } from '../db/migrate.js';
import type { Deps } from './deps.js';

export interface Health {
  status: 'ok';
  database: string;
  migrations: number;
}

/** Resolves when healthy; throws DATABASE_UNREACHABLE or MIGRATIONS_PENDING (503) otherwise. */
export async function checkHealth(deps: Deps): Promise<Health> {
  let status;
  try {
    status = await migrationStatus(deps.db);
  } catch {
    throw new AppError('DATABASE_UNREACHABLE');
  }
  const behind = status.pending.length + status.unknown.length;
  if (behind > 0) throw new AppError('MIGRATIONS_PENDING', { pending: behind });
  return { status: 'ok', database: deps.db.dialect, migrations: status.applied.length };
}
