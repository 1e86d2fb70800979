import { randomUUID } from 'node:crypto';
import type { Role } from '../../../../core/backoffice/api';
import { err, ok, type Result } from '../../../../core/result/result';
import type { Db } from '../../storage/storage';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';

/** Back-office users: an HQ admin sees every store, a store manager the stores listed for them. */
export interface BackofficeUser {
  userId: string;
  login: string;
  name: string;
  role: Role;
  /** The stores a store manager may see (empty for an HQ admin, who sees all). */
  storeIds: string[];
  createdAt: number;
  disabledAt: number | null;
}

export const ROLES: readonly Role[] = ['hq-admin', 'store-manager'];

/** Logins are compared lower-case: `Sanne@Kassa.demo` is `sanne@kassa.demo`. */
export const normaliseLogin = (login: string): string => login.trim().toLowerCase();

export interface NewUser {
  login: string;
  name: string;
  role: Role;
  storeIds: readonly string[];
  password: string;
}

export type AddUserReason = 'login-taken' | 'password-too-short' | 'invalid-input' | 'store-unknown';

export async function addUser(
  db: Db,
  u: NewUser,
  now: number,
): Promise<Result<BackofficeUser, AddUserReason>> {
  const login = normaliseLogin(u.login);
  if (!login || !u.name.trim()) return err('invalid-input', 'A user needs a login and a name.');
  if (u.password.length < MIN_PASSWORD_LENGTH)
    return err('password-too-short', `A password has at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (u.role === 'store-manager' && u.storeIds.length === 0)
    return err('invalid-input', 'A store manager needs at least one store (--store).');
  for (const storeId of u.storeIds) {
    const s = await db
      .selectFrom('stores')
      .select('store_id')
      .where('store_id', '=', storeId)
      .executeTakeFirst();
    if (!s) return err('store-unknown', `No store ${storeId}.`);
  }
  if (await findUserRow(db, login)) return err('login-taken', `There is already a user ${login}.`);
  const userId = randomUUID();
  const passwordHash = await hashPassword(u.password);
  await db
    .insertInto('backoffice_users')
    .values({
      user_id: userId,
      login,
      name: u.name.trim(),
      role: u.role,
      password_hash: passwordHash,
      created_at: now,
      disabled_at: null,
    })
    .execute();
  const storeIds = u.role === 'hq-admin' ? [] : [...new Set(u.storeIds)];
  for (const storeId of storeIds)
    await db.insertInto('backoffice_user_stores').values({ user_id: userId, store_id: storeId }).execute();
  return ok({ userId, login, name: u.name.trim(), role: u.role, storeIds, createdAt: now, disabledAt: null });
}

export function findUserRow(db: Db, login: string) {
  return db
    .selectFrom('backoffice_users')
    .selectAll()
    .where('login', '=', normaliseLogin(login))
    .executeTakeFirst();
}

export async function userById(db: Db, userId: string): Promise<BackofficeUser | undefined> {
  const row = await db
    .selectFrom('backoffice_users')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  const stores = await db
    .selectFrom('backoffice_user_stores')
    .select('store_id')
    .where('user_id', '=', userId)
    .orderBy('store_id')
    .execute();
  return {
    userId: row.user_id,
    login: row.login,
    name: row.name,
    role: row.role as Role,
    storeIds: stores.map((s) => s.store_id),
    createdAt: Number(row.created_at),
    disabledAt: row.disabled_at === null ? null : Number(row.disabled_at),
  };
}

export async function listUsers(db: Db): Promise<BackofficeUser[]> {
  const rows = await db.selectFrom('backoffice_users').select('user_id').orderBy('login').execute();
  const users = await Promise.all(rows.map((r) => userById(db, r.user_id)));
  return users.filter((u): u is BackofficeUser => u !== undefined);
}

/** Disabling also ends the user's sessions: a fired manager is out at once. */
export async function disableUser(db: Db, login: string, now: number): Promise<Result<void, 'user-unknown'>> {
  const row = await findUserRow(db, login);
  if (!row) return err('user-unknown', `No user ${normaliseLogin(login)}.`);
  await db
    .updateTable('backoffice_users')
    .set({ disabled_at: now })
    .where('user_id', '=', row.user_id)
    .execute();
  await db.deleteFrom('backoffice_sessions').where('user_id', '=', row.user_id).execute();
  return ok(undefined);
}

export async function setPassword(
  db: Db,
  login: string,
  password: string,
): Promise<Result<void, 'user-unknown' | 'password-too-short'>> {
  if (password.length < MIN_PASSWORD_LENGTH)
    return err('password-too-short', `A password has at least ${MIN_PASSWORD_LENGTH} characters.`);
  const row = await findUserRow(db, login);
  if (!row) return err('user-unknown', `No user ${normaliseLogin(login)}.`);
  const hash = await hashPassword(password);
  await db
    .updateTable('backoffice_users')
    .set({ password_hash: hash })
    .where('user_id', '=', row.user_id)
    .execute();
  // A new password signs every old session out.
  await db.deleteFrom('backoffice_sessions').where('user_id', '=', row.user_id).execute();
  return ok(undefined);
}
