import Papa from 'papaparse';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { quietApp } from './support/app';
import { openSpendingStore } from './support/spend-store';
import { sqliteAdapter } from './support/storages';

const NOW = Date.UTC(2026, 11, 1, 12);
const auth = { authorization: 'Bearer admin-secret' };

describe.each([sqliteAdapter()])('admin exceptions routes on $name', (adapter) => {
  let s: Storage;
  let app: FastifyInstance;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    await openSpendingStore(s, ['T1']);
    await s.transaction((tx) =>
      tx.exceptions.insert({
        kind: 'coupon-reused',
        terminalId: 'T1',
        storeId: 's1',
        eventId: null,
        seq: null,
        message: 'Coupon used twice',
        detail: null,
        detectedAt: 1,
        centsAtStake: 300,
      }),
    );
    app = await quietApp(s, 'admin-secret', () => NOW);
  });
  afterEach(async () => {
    await app.close();
    await s.close();
  });

  it('shows an exception, resolves it once with a note, and lists it in the audit (JSON and CSV)', async () => {
    const [e] = await s.exceptions.list({ limit: 1 });
    expect((await app.inject({ method: 'GET', url: `/admin/exceptions/${e!.id}` })).statusCode).toBe(401);
    const detail = await app.inject({ method: 'GET', url: `/admin/exceptions/${e!.id}`, headers: auth });
    expect(detail.json().options.map((o: { resolution: string }) => o.resolution)).toEqual([
      'honour',
      'charge-store',
    ]);
    const post = (body: object) =>
      app.inject({ method: 'POST', url: `/admin/exceptions/${e!.id}/actions`, headers: auth, payload: body });
    const noNote = await post({ action: 'resolve', resolution: 'honour', note: '' });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.json().error.type).toBe('note-required');
    const ok = await post({ action: 'resolve', resolution: 'honour', note: 'customer kept it' });
    expect(ok.json().entry).toMatchObject({ cents: 300, actor: { id: 'admin', role: 'admin-token' } });
    expect((await post({ action: 'resolve', resolution: 'honour', note: 'again' })).statusCode).toBe(200);
    expect((await post({ action: 'resolve', resolution: 'charge-store', note: 'x' })).statusCode).toBe(409);
    const audit = await app.inject({ method: 'GET', url: '/admin/audit', headers: auth });
    expect(audit.json().entries).toHaveLength(1);
    const csv = await app.inject({ method: 'GET', url: '/admin/audit?format=csv', headers: auth });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(Papa.parse(csv.body, { header: true }).data).toMatchObject([
      { kind: 'adjustment', resolution: 'honour', cents: '300', note: 'customer kept it' },
    ]);
  });
});
