import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreSyncStatus } from '../../../core/backoffice/api';
import { PENDING_HEADER, syncPaths } from '../../../core/sync/protocol';
import { storeSyncStatus } from '../../../sync-server/src/domain/sync-status';
import { hashSecret } from '../../../sync-server/src/domain/tokens';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { quietApp } from './support/app';
import { pushRows, saleChain } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';
import { amsterdamStore, pairedTerminal } from './support/seed';

/** The store's sync status as a manager reads it: gaps and since when, silence, what tills say is waiting. */
const ADMIN = 'admin-token-for-tests';
const T1 = { terminalId: 'T1', storeId: 's1' };
const T2 = { terminalId: 'T2', storeId: 's1' };
const OTHER = { terminalId: 'T9', storeId: 's2' };
const MIN = 60_000;

describe.each([sqliteAdapter(), postgresAdapter()])('sync status on $name', (adapter: AdapterUnderTest) => {
  let s: Storage;
  let app: FastifyInstance;
  let now = 0;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    now = Date.UTC(2026, 11, 1, 9, 0, 0);
    await s.transaction(async (tx) => {
      await tx.stores.upsert(amsterdamStore('s1'), now);
      await tx.stores.upsert(amsterdamStore('s2', 'Winkel Utrecht'), now);
      for (const t of [T1, T2, OTHER])
        await tx.terminals.insert({ ...pairedTerminal(t, hashSecret(`tok-${t.terminalId}`)), pairedAt: now });
    });
    app = await quietApp(s, ADMIN, () => now);
  });
  afterEach(async () => {
    await app.close();
    await s.close();
  });

  const push = (t: typeof T1, events: ReturnType<typeof saleChain>, pending?: number) =>
    app.inject({
      method: 'POST',
      url: syncPaths.push('journal'),
      headers: {
        authorization: `Bearer tok-${t.terminalId}`,
        ...(pending === undefined ? {} : { [PENDING_HEADER]: String(pending) }),
      },
      payload: pushRows(events),
    });
  const status = async (t: typeof T1) => {
    const r = await app.inject({
      method: 'GET',
      url: syncPaths.storeStatus,
      headers: { authorization: `Bearer tok-${t.terminalId}` },
    });
    expect(r.statusCode).toBe(200);
    return r.json<StoreSyncStatus>();
  };
  const till = (st: StoreSyncStatus, id: string) => st.tills.find((t) => t.terminalId === id);

  it('shows a gap with when it opened, what the till says is waiting, and its clock skew', async () => {
    const chain = saleChain('T1', 's1', 5);
    expect((await push(T1, chain.slice(0, 2), 3)).statusCode).toBe(200);
    const gapOpened = (now += 5 * MIN);
    // Seq 3 is lost in transit; 4 and 5 arrive (the till counted 3, 4, 5 as waiting): the gap 3–3 opened now.
    expect((await push(T1, chain.slice(3), 3)).statusCode).toBe(200);
    now += 3 * MIN;
    const st = await status(T1);
    const t1 = till(st, 'T1');
    expect(t1).toMatchObject({
      lastSeq: 5,
      contiguousSeq: 2,
      gaps: [{ from: 3, to: 3, openSince: gapOpened }],
      lost: [],
      pendingOnTill: 1,
      pendingReportedAt: gapOpened,
      chain: 'ok',
      parked: 0,
      // Asking for the status is being seen: the till that asks is online.
      online: true,
      silent: false,
    });
    // The sale's createdAt is the test chain's clock, not the server's: the skew is their difference.
    expect(t1?.clockSkewMs).toBe(gapOpened - (chain[4]?.createdAt as number));
    expect(st.allAtHq).toBe(false);
    expect(st.missing.join('\n')).toContain('Till T1: seq 3 not arrived (open 3 min).');
    expect(st.missing.join('\n')).toContain('Till T1: 1 event(s) waiting on the till at its last push.');
  });

  it('calls a till silent after 15 minutes, and a store with everything in is all at HQ', async () => {
    await push(T1, saleChain('T1', 's1', 2), 0);
    await push(T2, saleChain('T2', 's1', 1), 0);
    now += 1 * MIN;
    let st = await status(T1);
    expect(st.tills.map((t) => [t.terminalId, t.online, t.silent])).toEqual([
      ['T1', true, false],
      ['T2', true, false],
    ]);
    expect(st).toMatchObject({ allAtHq: true, missing: [], businessDay: '2026-12-01' });

    now += 15 * MIN;
    await push(T1, [], 0);
    st = await status(T1);
    expect(till(st, 'T2')).toMatchObject({ online: false, silent: true });
    expect(till(st, 'T1')).toMatchObject({ online: true, silent: false });
    expect(st.allAtHq).toBe(false);
    expect(st.missing).toEqual(['Till T2: silent for 16 min.']);
  });

  it('a till without the pending header (an older release) still pushes; its count stays unknown', async () => {
    const r = await push(T1, saleChain('T1', 's1', 2));
    expect(r.statusCode).toBe(200);
    const t1 = till((await storeSyncStatus(s, 's1', now)) as StoreSyncStatus, 'T1');
    expect(t1).toMatchObject({ lastSeq: 2, pendingOnTill: null, pendingReportedAt: null });
  });

  it('a till sees its own store only; the admin asks for any store by id', async () => {
    await push(OTHER, saleChain('T9', 's2', 1), 0);
    const own = await status(T1);
    expect(own.storeId).toBe('s1');
    expect(own.tills.map((t) => t.terminalId)).toEqual(['T1', 'T2']);
    const theirs = await status(OTHER);
    expect(theirs.tills.map((t) => t.terminalId)).toEqual(['T9']);

    const noAuth = await app.inject({ method: 'GET', url: syncPaths.storeStatus });
    expect(noAuth.statusCode).toBe(401);
    const admin = await app.inject({
      method: 'GET',
      url: '/admin/stores/s2/sync-status',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(admin.json<StoreSyncStatus>().tills.map((t) => t.terminalId)).toEqual(['T9']);
    const tillAsAdmin = await app.inject({
      method: 'GET',
      url: '/admin/stores/s2/sync-status',
      headers: { authorization: 'Bearer tok-T1' },
    });
    expect(tillAsAdmin.statusCode).toBe(401);
    const unknown = await app.inject({
      method: 'GET',
      url: '/admin/stores/nope/sync-status',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
