import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdFactory } from '../../../core/ids/ids';
import { EVENT_TYPES } from '../../../core/journal/event-types';
import type { PinDialog, PinFailureEvent } from '../../../core/journal/pin-failure-event';
import { GENESIS_HASH } from '../../../core/journal/sale-event';
import { PIN_LOCKOUT } from '../../../core/loyalty/pin-lockout';
import type { StoreSettings } from '../../../core/store/store-settings';
import { buildPinFailureEvent } from '../../../renderer/src/features/manager/build-pin-failure-event';
import { addUser } from '../../../sync-server/src/domain/backoffice/users';
import { unparkEvents } from '../../../sync-server/src/domain/projections/catch-up';
import {
  DEFAULT_FOLD_CONFIG,
  DEFAULT_PROJECTIONS,
} from '../../../sync-server/src/domain/projections/default-projections';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { quietApp } from './support/app';
import { amsterdamStore, pairedTerminal } from './support/seed';
import { pushRowsOf } from './support/spend-events';
import { postgresAdapter, sqliteAdapter } from './support/storages';

/**
 * Issue 11, scenario 19: a manager PIN guessed at a till. Each wrong PIN is a `pin-failure` event
 * in the till's journal (written by the till's own builder); the server stores each once and
 * shows it to the managers, the one that locked as `pin-lockout`, in the back office too. A server
 * that does not know the type yet parks it and raises the same once it does.
 */
const T0 = Date.UTC(2026, 11, 1, 13, 0);
const ann = { managerId: 'mgr-ann', name: 'Ann de Vries', pinHash: 'scrypt$never-sent' };
const store = { storeId: 's1', timeZone: 'Europe/Amsterdam' } as StoreSettings;
const newId = createIdFactory();

/** One till's chain of wrong PINs for Ann: the fifth in a row locks her out for 15 minutes. */
function guesses(terminalId: string, count: number, dialog: PinDialog = 'override'): PinFailureEvent[] {
  let head = { seq: 0, hash: GENESIS_HASH };
  return Array.from({ length: count }, (_, i) => {
    const failures = i + 1;
    const nowMs = T0 + i * 20_000;
    const locked = failures === PIN_LOCKOUT.maxTries;
    const e = buildPinFailureEvent(
      ann,
      dialog,
      { failures, maxTries: 5, locked, lockedUntil: locked ? nowMs + PIN_LOCKOUT.lockMs : null },
      { id: newId(nowMs), terminalId, store, seq: head.seq + 1, prevHash: head.hash, nowMs },
    );
    head = { seq: e.seq, hash: e.hash };
    return e;
  });
}

describe.each([sqliteAdapter(), postgresAdapter()])('wrong manager PINs at the till on $name', (adapter) => {
  let s: Storage;
  // One storage for the file (a PostgreSQL schema migrates in seconds on a loaded machine): each
  // test has a till of its own.
  beforeAll(async () => {
    await adapter.setup();
    s = await adapter.open();
    await s.transaction(async (tx) => {
      await tx.stores.upsert(amsterdamStore('s1'), 1);
      for (const [i, id] of ['T1', 'T2', 'T3'].entries())
        await tx.terminals.insert(pairedTerminal({ terminalId: id, storeId: 's1' }, `token-${i}`));
    });
  }, 120_000);
  afterAll(async () => {
    await s.close();
    await adapter.teardown();
  });

  const till = (terminalId: string) => ({ terminalId, storeId: 's1' });
  const ofKind = async (terminalId: string, kind: 'pin-failure' | 'pin-lockout' | 'parked') =>
    (await s.exceptions.list({ kind, terminalId, status: 'open', limit: 100 })).sort(
      (a, b) => (a.seq ?? 0) - (b.seq ?? 0),
    );

  it('stores each once, through a retried push; four wrong PINs and one lockout for the managers', async () => {
    const who = till('T1');
    const events = guesses('T1', 5);
    const first = await pushJournal(s, who, pushRowsOf(events.slice(0, 3)), T0 + 60_000);
    expect(first).toMatchObject({ ok: true, value: { accepted: 3, foldFailures: 0 } });
    // The answer was lost: the till sends the first three again with the last two.
    const again = await pushJournal(s, who, pushRowsOf(events), T0 + 120_000);
    expect(again).toMatchObject({ ok: true, value: { accepted: 2, duplicates: 3, foldFailures: 0 } });
    expect(await s.journal.seqsAbove('T1', 0)).toEqual([1, 2, 3, 4, 5]);

    const failures = await ofKind('T1', 'pin-failure');
    expect(failures.map((e) => [e.seq, e.eventId, e.status, e.storeId])).toEqual(
      events.slice(0, 4).map((e) => [e.seq, e.id, 'open', 's1']),
    );
    expect(failures[1]!.message).toBe(
      'Wrong PIN for Ann de Vries (mgr-ann) in the override dialog at T1: try 2 of 5 before a lockout.',
    );
    const [lockout, ...more] = await ofKind('T1', 'pin-lockout');
    expect(more).toEqual([]);
    expect(lockout).toMatchObject({ eventId: events[4]!.id, seq: 5, businessDay: '2026-12-01' });
    expect(lockout!.message).toBe(
      'Ann de Vries (mgr-ann) is locked out of T1 until 2026-12-01T13:16:20.000Z: 5 wrong PINs in a row, the last in the override dialog at T1.',
    );
    expect(JSON.parse(lockout!.detail!)).toEqual({
      managerId: 'mgr-ann',
      managerName: 'Ann de Vries',
      dialog: 'override',
      failures: 5,
      maxTries: 5,
      locked: true,
      lockedUntil: T0 + 80_000 + 15 * 60_000,
    });
    // The PIN never travels; the manager's hash is not in what the server keeps either.
    for (const e of [...failures, lockout!]) expect(JSON.stringify(e)).not.toContain('scrypt');

    // A refold raises nothing new.
    expect(await refoldProjection(s, 'pin-failures', T0 + 180_000)).toMatchObject({ ok: true });
    expect((await ofKind('T1', 'pin-failure')).map((e) => e.id)).toEqual(failures.map((e) => e.id));
    expect((await ofKind('T1', 'pin-lockout')).map((e) => e.id)).toEqual([lockout!.id]);
  });

  it('a server that does not know pin-failure parks it, and the next one raises the lockout once', async () => {
    const { 'pin-failure': _known, ...older } = EVENT_TYPES;
    const olderServer = { registry: older, projections: DEFAULT_PROJECTIONS };
    const events = guesses('T2', 5, 'manager-mode');
    const pushed = await pushJournal(s, till('T2'), pushRowsOf(events), T0 + 60_000, olderServer);
    // Kept, never refused: the till's queue drains.
    expect(pushed).toMatchObject({ ok: true, value: { accepted: 5, parked: 5, refused: [] } });
    expect(await ofKind('T2', 'pin-lockout')).toEqual([]);
    expect((await ofKind('T2', 'parked')).length).toBe(5);

    expect(await unparkEvents(s, DEFAULT_FOLD_CONFIG, T0 + 120_000)).toBe(5);
    expect(await unparkEvents(s, DEFAULT_FOLD_CONFIG, T0 + 180_000)).toBe(0);
    expect((await ofKind('T2', 'pin-failure')).length).toBe(4);
    const lockouts = await ofKind('T2', 'pin-lockout');
    expect(lockouts.map((e) => e.eventId)).toEqual([events[4]!.id]);
    expect(lockouts[0]!.message).toContain('the last in manager mode at T2');
    expect((await ofKind('T2', 'parked')).length).toBe(0);
  });

  it("shows the lockout in the store manager's back office", async () => {
    await pushJournal(s, till('T3'), pushRowsOf(guesses('T3', 5)), T0 + 60_000);
    await addUser(
      s.db,
      {
        login: 'sanne@kassa.demo',
        name: 'Sanne',
        role: 'store-manager',
        storeIds: ['s1'],
        password: 'tulips-2026!',
      },
      T0,
    );
    const app = await quietApp(s, 'admin', () => T0 + 120_000);
    try {
      const signIn = await app.inject({
        method: 'POST',
        url: '/backoffice/api/sign-in',
        payload: { login: 'sanne@kassa.demo', password: 'tulips-2026!' },
      });
      const cookie = String(signIn.headers['set-cookie']).split(';')[0] as string;
      const list = await app.inject({
        url: '/backoffice/api/exceptions?kind=pin-lockout&terminal=T3',
        headers: { cookie },
      });
      expect(list.statusCode).toBe(200);
      const rows = list.json() as { kind: string; terminalId: string; message: string }[];
      expect(rows.map((r) => [r.kind, r.terminalId])).toEqual([['pin-lockout', 'T3']]);
      expect(rows[0]!.message).toMatch(/Ann de Vries \(mgr-ann\) is locked out of T3/);
    } finally {
      await app.close();
    }
  }, 30_000);
});
