import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../../sync-server/src/domain/backoffice/users';
import { amsterdamStore } from './support/seed';
import { quietApp } from './support/app';
import { postgresAdapter, sqliteAdapter } from './support/storages';

/** Every back-office route: signed out → 401; a manager of ams never reads or acts on rtm. */
describe.each([sqliteAdapter(), postgresAdapter()])('back-office routes are scoped on $name', (adapter) => {
  beforeAll(() => adapter.setup(), 120_000);
  afterAll(() => adapter.teardown());

  async function open() {
    const storage = await adapter.open();
    const now = Date.parse('2026-11-20T12:00:00Z');
    await storage.transaction(async (tx) => {
      await tx.stores.upsert(amsterdamStore('ams'), 1);
      await tx.stores.upsert(amsterdamStore('rtm'), 1);
    });
    for (const [store, at] of [
      ['ams', now - 2],
      ['rtm', now - 1],
    ] as const)
      await storage.exceptions.insert({
        kind: 'override-used',
        terminalId: `t-${store}`,
        storeId: store,
        eventId: `E-${store}`,
        seq: 1,
        message: `an override at ${store}`,
        detail: null,
        detectedAt: at,
        dedupeKey: `scope-${store}`,
      });
    const [ams, rtm] = (await storage.exceptions.list({ limit: 10 })).sort(
      (a, b) => a.detectedAt - b.detectedAt,
    );
    await addUser(
      storage.db,
      {
        login: 'sanne@kassa.demo',
        name: 'Sanne',
        role: 'store-manager',
        storeIds: ['ams'],
        password: 'tulips-2026!',
      },
      now,
    );
    const app = await quietApp(storage, 'admin', () => now);
    const signIn = await app.inject({
      method: 'POST',
      url: '/backoffice/api/sign-in',
      payload: { login: 'sanne@kassa.demo', password: 'tulips-2026!' },
    });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0] as string;
    const csrf = (await app.inject({ url: '/backoffice/api/session', headers: { cookie } })).json().csrfToken;
    return { app, storage, cookie, csrf, amsId: ams!.id, rtmId: rtm!.id };
  }

  it('answers 401 without a session, 403/404 for the other store, and the own store in full', async () => {
    const { app, storage, cookie, csrf, amsId, rtmId } = await open();
    const range = 'from=2026-11-01&to=2026-11-30';
    const reads = {
      own: [
        '/backoffice/api/stores/ams/sync-status',
        '/backoffice/api/exceptions',
        `/backoffice/api/exceptions/${amsId}`,
        '/backoffice/api/audit',
        '/backoffice/api/stores/ams/days/2026-11-20',
        `/backoffice/api/reports/sales?${range}`,
        `/backoffice/api/reports/exceptions?store=ams&${range}`,
      ],
      other: [
        ['/backoffice/api/stores/rtm/sync-status', 403],
        ['/backoffice/api/exceptions?store=rtm', 403],
        [`/backoffice/api/exceptions/${rtmId}`, 404],
        ['/backoffice/api/audit?store=rtm', 403],
        ['/backoffice/api/stores/rtm/days/2026-11-20', 403],
        [`/backoffice/api/reports/sales?store=rtm&${range}`, 403],
      ] as const,
    };
    for (const url of reads.own) {
      expect((await app.inject({ url })).statusCode, url).toBe(401);
      expect((await app.inject({ url, headers: { cookie } })).statusCode, url).toBe(200);
    }
    for (const [url, status] of reads.other)
      expect((await app.inject({ url, headers: { cookie } })).statusCode, url).toBe(status);

    const list = (await app.inject({ url: '/backoffice/api/exceptions', headers: { cookie } })).json();
    expect(list.map((e: { storeId: string }) => e.storeId)).toEqual(['ams']);
    const report = (
      await app.inject({ url: `/backoffice/api/reports/exceptions?${range}`, headers: { cookie } })
    ).json();
    expect(report.storeIds).toEqual(['ams']);

    const act = (id: number, headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/backoffice/api/exceptions/${id}/actions`,
        headers,
        payload: { action: 'acknowledge', note: 'seen it' },
      });
    expect((await act(amsId, {})).statusCode).toBe(401);
    expect((await act(amsId, { cookie })).statusCode).toBe(403);
    expect((await act(rtmId, { cookie, 'x-csrf-token': csrf })).statusCode).toBe(404);
    const acked = await act(amsId, { cookie, 'x-csrf-token': csrf });
    expect(acked.statusCode).toBe(200);
    expect(acked.json().entry.actor).toMatchObject({ name: 'Sanne', role: 'store-manager' });

    const audit = (await app.inject({ url: '/backoffice/api/audit', headers: { cookie } })).json().entries;
    expect(audit.map((e: { storeId: string; note: string }) => [e.storeId, e.note])).toContainEqual([
      'ams',
      'seen it',
    ]);
    expect(audit.every((e: { storeId: string }) => e.storeId === 'ams')).toBe(true);
    const csv = await app.inject({ url: '/backoffice/api/audit?format=csv', headers: { cookie } });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('seen it');
    expect(
      (await app.inject({ url: '/backoffice/api/members/nobody', headers: { cookie } })).statusCode,
    ).toBe(404);
    await app.close();
    await storage.close();
  });
});
