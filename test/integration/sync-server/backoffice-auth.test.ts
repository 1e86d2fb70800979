import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signinLog } from '../../../sync-server/src/domain/backoffice/sessions';
import { addUser } from '../../../sync-server/src/domain/backoffice/users';
import { amsterdamStore } from './support/seed';
import { quietApp } from './support/app';
import { postgresAdapter, sqliteAdapter } from './support/storages';

describe.each([sqliteAdapter(), postgresAdapter()])('back-office sign-in on $name', (adapter) => {
  beforeAll(() => adapter.setup(), 120_000);
  afterAll(() => adapter.teardown());

  async function open() {
    const storage = await adapter.open();
    let now = 1_000_000;
    await storage.transaction(async (tx) => {
      await tx.stores.upsert(amsterdamStore('ams'), 1);
      await tx.stores.upsert(amsterdamStore('rtm'), 1);
    });
    await addUser(
      storage.db,
      {
        login: 'Sanne@Kassa.demo',
        name: 'Sanne',
        role: 'store-manager',
        storeIds: ['ams'],
        password: 'tulips-2026!',
      },
      now,
    );
    const app = await quietApp(storage, 'admin', () => now);
    return { app, storage, tick: (ms: number) => (now += ms) };
  }
  const signIn = (app: Awaited<ReturnType<typeof open>>['app'], password: string) =>
    app.inject({
      method: 'POST',
      url: '/backoffice/api/sign-in',
      payload: { login: 'sanne@kassa.demo', password },
    });

  it('signs a manager in with a strict cookie, shows only her store, refuses writes without the CSRF token, and signs out', async () => {
    const { app, storage } = await open();
    expect((await app.inject({ url: '/backoffice/api/session' })).statusCode).toBe(401);
    const wrong = await signIn(app, 'wrong-password');
    const unknown = await app.inject({
      method: 'POST',
      url: '/backoffice/api/sign-in',
      payload: { login: 'nobody@x', password: 'wrong-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    const ok = await signIn(app, 'tulips-2026!');
    expect(ok.statusCode).toBe(200);
    const setCookie = String(ok.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/backoffice/);
    const cookie = setCookie.split(';')[0] as string;
    const session = await app.inject({ url: '/backoffice/api/session', headers: { cookie } });
    expect(session.json().stores.map((s: { storeId: string }) => s.storeId)).toEqual(['ams']);
    expect(
      (await app.inject({ url: '/backoffice/api/stores/rtm/sync-status', headers: { cookie } })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ url: '/backoffice/api/stores/ams/sync-status', headers: { cookie } })).statusCode,
    ).toBe(200);
    const get = (url: string, withCookie = true) =>
      app.inject({ url, headers: withCookie ? { cookie } : {} }).then((r) => r.statusCode);
    expect(await get('/backoffice/api/exceptions', false)).toBe(401);
    expect(await get('/backoffice/api/exceptions?store=rtm')).toBe(403);
    expect(await get('/backoffice/api/exceptions')).toBe(200);
    expect(await get('/backoffice/api/exceptions/1')).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url: '/backoffice/api/sign-out', headers: { cookie } })).statusCode,
    ).toBe(403);
    const out = await app.inject({
      method: 'POST',
      url: '/backoffice/api/sign-out',
      headers: { cookie, 'x-csrf-token': session.json().csrfToken },
    });
    expect(out.statusCode).toBe(200);
    expect((await app.inject({ url: '/backoffice/api/session', headers: { cookie } })).statusCode).toBe(401);
    await app.close();
    await storage.close();
  }, 60_000);

  it('locks a login after 5 wrong passwords, even to the right one, and says when to try again', async () => {
    const { app, storage, tick } = await open();
    for (let i = 0; i < 5; i++) expect((await signIn(app, 'wrong-password')).statusCode).toBe(401);
    const locked = await signIn(app, 'tulips-2026!');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toMatch(/try again after/);
    tick(15 * 60_000 + 1);
    expect((await signIn(app, 'tulips-2026!')).statusCode).toBe(200);
    await app.close();
    await storage.close();
  }, 60_000);

  it('logs every attempt with its outcome and address, never the password; wrong passwords count within 15 minutes only', async () => {
    const { app, storage, tick } = await open();
    // One millisecond apart, so the log (newest first) has one order.
    const attempt = async (login: string, password: string) => {
      tick(1);
      return (
        await app.inject({ method: 'POST', url: '/backoffice/api/sign-in', payload: { login, password } })
      ).statusCode;
    };
    for (let i = 0; i < 4; i++) expect(await attempt('sanne@kassa.demo', `guess-${i}-secret`)).toBe(401);
    // The fifth wrong password comes after the first four left the 15-minute window: no lock.
    tick(15 * 60_000);
    expect(await attempt('sanne@kassa.demo', 'guess-4-secret')).toBe(401);
    expect(await attempt('Sanne@Kassa.demo', 'tulips-2026!')).toBe(200);
    expect(await attempt('Nobody@Kassa.demo', 'guess-5-secret')).toBe(401);
    await app.close();
    // A fresh app (the per-address rate limit starts again): four more wrong passwords lock.
    const again = await quietApp(storage, 'admin', () => tick(0));
    const attemptAgain = async (password: string) => {
      tick(1);
      return (
        await again.inject({
          method: 'POST',
          url: '/backoffice/api/sign-in',
          payload: { login: 'sanne@kassa.demo', password },
        })
      ).statusCode;
    };
    for (let i = 0; i < 4; i++) expect(await attemptAgain(`guess-${6 + i}-secret`)).toBe(401);
    expect(await attemptAgain('tulips-2026!')).toBe(429);

    const log = await signinLog(storage.db, undefined);
    const wrong = ['sanne@kassa.demo', false, 'password-wrong'];
    expect(log.map((r) => [r.login, r.ok, r.reason]).reverse()).toEqual([
      ...[wrong, wrong, wrong, wrong, wrong],
      ['sanne@kassa.demo', true, 'ok'],
      ['nobody@kassa.demo', false, 'login-unknown'],
      ...[wrong, wrong, wrong, wrong],
      ['sanne@kassa.demo', false, 'locked'],
    ]);
    expect(new Set(log.map((r) => r.address))).toEqual(new Set(['127.0.0.1']));
    expect(JSON.stringify(log)).not.toMatch(/secret|tulips/);
    await again.close();
    await storage.close();
  }, 60_000);

  it('rate-limits sign-in per address: the 11th attempt within a minute is refused, whatever the login', async () => {
    const { app, storage } = await open();
    for (let i = 0; i < 10; i++) {
      const r = await app.inject({
        method: 'POST',
        url: '/backoffice/api/sign-in',
        payload: { login: `user-${i}@kassa.demo`, password: 'guess-secret' },
      });
      expect(r.statusCode).toBe(401);
    }
    const limited = await signIn(app, 'tulips-2026!');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.type).toBe('rate-limited');
    // Every attempt is in the log: the ten that reached the password check, and the refused one.
    const log = await signinLog(storage.db, undefined);
    expect(log.length).toBe(11);
    expect(log.filter((r) => r.reason === 'rate-limited').map((r) => [r.login, r.ok, r.address])).toEqual([
      ['sanne@kassa.demo', false, '127.0.0.1'],
    ]);
    await app.close();
    await storage.close();
  }, 60_000);
});
