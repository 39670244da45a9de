// The record of API import jobs (table import_job): written when a job starts and when it ends.
import type { Executor } from './executor.js';
import type { ImportJobTable } from '../schema.js';

export type ImportJobRow = ImportJobTable;

export async function insertImportJob(ex: Executor, row: ImportJobRow): Promise<void> {
  await ex.insertInto('import_job').values(row).execute();
}

export async function finishImportJob(
  ex: Executor,
  id: string,
  end: { state: 'done' | 'failed'; read: number; finishedAt: string; errorCode: string | null },
): Promise<void> {
  await ex
    .updateTable('import_job')
    .set({ state: end.state, read: end.read, finished_at: end.finishedAt, error_code: end.errorCode })
    .where('id', '=', id)
    .execute();
}

export async function findImportJobRow(ex: Executor, id: string): Promise<ImportJobRow | undefined> {
  return ex.selectFrom('import_job').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks every job still `running` as failed with `errorCode`; returns their ids. */
export async function failRunningImportJobs(ex: Executor, errorCode: string, at: string): Promise<string[]> {
  const running = await ex.selectFrom('import_job').select('id').where('state', '=', 'running').execute();
  if (running.length === 0) return [];
  await ex
    .updateTable('import_job')
    .set({ state: 'failed', finished_at: at, error_code: errorCode })
    .where('state', '=', 'running')
    .execute();
  return running.map((r) => r.id);
}

export async function countImportJobs(ex: Executor, state: ImportJobRow['state']): Promise<number> {
  const r = await ex
    .selectFrom('import_job')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', state)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
