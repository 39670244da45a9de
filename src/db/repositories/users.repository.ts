// SQL of accounts and sessions.
import type { Insertable, Selectable } from 'kysely';
import type { AppUserTable, UserSessionTable } from '../schema.js';
import type { Executor } from './executor.js';

export type UserRecord = Selectable<AppUserTable>;

export async function findUserByUsername(db: Executor, username: string): Promise<UserRecord | undefined> {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Executor, id: number): Promise<UserRecord | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Executor, row: Insertable<AppUserTable>): Promise<UserRecord> {
  return db.insertInto('app_user').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listUsers(db: Executor): Promise<UserRecord[]> {
  return db.selectFrom('app_user').selectAll().orderBy('username').execute();
}

export async function countUsers(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertSession(db: Executor, row: Insertable<UserSessionTable>): Promise<void> {
  await db.insertInto('user_session').values(row).execute();
}

/** The live session with this id and its user (expired sessions are not returned). */
export async function findLiveSession(db: Executor, id: string, now: string) {
  return db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .select([
      'user_session.id as sessionId',
      'user_session.csrf_token as csrfToken',
      'user_session.expires_at as expiresAt',
      'app_user.id as userId',
      'app_user.username as username',
      'app_user.display_name as displayName',
      'app_user.role as role',
      'app_user.unit_code as unitCode',
      'app_user.active as active',
    ])
    .where('user_session.id', '=', id)
    .where('user_session.expires_at', '>', now)
    .executeTakeFirst();
}

export async function extendSession(db: Executor, id: string, expiresAt: string): Promise<void> {
  await db.updateTable('user_session').set({ expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('user_session').where('id', '=', id).execute();
}

export async function deleteExpiredSessions(db: Executor, now: string): Promise<void> {
  await db.deleteFrom('user_session').where('expires_at', '<=', now).execute();
}
