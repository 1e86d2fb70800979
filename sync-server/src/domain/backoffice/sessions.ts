import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../../../../core/result/result';
import type { Db } from '../../storage/storage';
import { dummyHash, verifyPassword } from './passwords';
import { findUserRow, normaliseLogin, userById, type BackofficeUser } from './users';

/** A session ends after 12 hours without a request. */
export const SESSION_IDLE_MS = 12 * 60 * 60_000;
/** 5 wrong passwords for one login within 15 minutes lock it for 15 minutes. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60_000;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SignedIn {
  token: string;
  csrfToken: string;
  user: BackofficeUser;
}

export type SignInReason = 'credentials-wrong' | 'signin-locked';

/**
 * Logs a sign-in refused before its password was looked at (the address's rate limit), so the log
 * holds every attempt, not only those that reached the check.
 */
export async function recordRefusedSignIn(
  db: Db,
  loginIn: string,
  address: string,
  now: number,
  reason: string,
) {
  await record(db, normaliseLogin(loginIn).slice(0, 200), address, now, false, reason);
}

async function record(db: Db, login: string, address: string, now: number, okay: boolean, reason: string) {
  await db
    .insertInto('backoffice_signins')
    .values({ id: randomUUID(), at: now, login, address, ok: okay ? 1 : 0, reason })
    .execute();
}

/** When the login may try again, or undefined when it is not locked. */
async function lockedUntil(db: Db, login: string, now: number): Promise<number | undefined> {
  const fails = await db
    .selectFrom('backoffice_signins')
    .select('at')
    .where('login', '=', login)
    .where('reason', '=', 'password-wrong')
    .where('at', '>', now - LOCKOUT_WINDOW_MS)
    .orderBy('at', 'desc')
    .execute();
  if (fails.length < LOCKOUT_FAILURES) return undefined;
  const until = Number(fails[LOCKOUT_FAILURES - 1]?.at) + LOCKOUT_WINDOW_MS;
  return until > now ? until : undefined;
}

/**
 * Checks a login and password; every attempt is recorded. A wrong login and a wrong password
 * answer alike (and take as long), so the answer tells no one which logins exist.
 */
export async function signIn(
  db: Db,
  loginIn: string,
  password: string,
  address: string,
  now: number,
): Promise<Result<SignedIn, SignInReason, { retryAt?: number }>> {
  const login = normaliseLogin(loginIn).slice(0, 200);
  const until = await lockedUntil(db, login, now);
  if (until !== undefined) {
    await record(db, login, address, now, false, 'locked');
    return err(
      'signin-locked',
      `Too many wrong passwords; try again after ${new Date(until).toISOString()}.`,
      {
        retryAt: until,
      },
    );
  }
  const row = await findUserRow(db, login);
  const right = await verifyPassword(password, row?.password_hash ?? (await dummyHash()));
  if (!row || !right || row.disabled_at !== null) {
    const reason = !row ? 'login-unknown' : row.disabled_at !== null && right ? 'disabled' : 'password-wrong';
    await record(db, login, address, now, false, reason);
    return err('credentials-wrong', 'The login or the password is wrong.', {});
  }
  await record(db, login, address, now, true, 'ok');
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db
    .insertInto('backoffice_sessions')
    .values({
      token_hash: sha256(token),
      user_id: row.user_id,
      csrf_secret: csrfToken,
      created_at: now,
      expires_at: now + SESSION_IDLE_MS,
      last_seen_at: now,
    })
    .execute();
  const user = (await userById(db, row.user_id)) as BackofficeUser;
  return ok({ token, csrfToken, user });
}

export interface ActiveSession {
  tokenHash: string;
  csrfToken: string;
  user: BackofficeUser;
}

/** The live session of a cookie's token (its idle expiry pushed on), or undefined. */
export async function sessionOf(db: Db, token: string, now: number): Promise<ActiveSession | undefined> {
  const tokenHash = sha256(token);
  const row = await db
    .selectFrom('backoffice_sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  if (Number(row.expires_at) <= now) {
    await db.deleteFrom('backoffice_sessions').where('token_hash', '=', tokenHash).execute();
    return undefined;
  }
  const user = await userById(db, row.user_id);
  if (!user || user.disabledAt !== null) return undefined;
  await db
    .updateTable('backoffice_sessions')
    .set({ last_seen_at: now, expires_at: now + SESSION_IDLE_MS })
    .where('token_hash', '=', tokenHash)
    .execute();
  return { tokenHash, csrfToken: row.csrf_secret, user };
}

export async function signOut(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('backoffice_sessions').where('token_hash', '=', tokenHash).execute();
}

export function csrfMatches(session: ActiveSession, sent: string | undefined): boolean {
  if (!sent) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function signinLog(db: Db, login: string | undefined, limit = 100) {
  let q = db.selectFrom('backoffice_signins').selectAll().orderBy('at', 'desc').limit(limit);
  if (login) q = q.where('login', '=', normaliseLogin(login));
  return (await q.execute()).map((r) => ({ ...r, at: Number(r.at), ok: Number(r.ok) === 1 }));
}
