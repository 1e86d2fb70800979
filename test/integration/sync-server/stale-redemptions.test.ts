import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/journal/adjustment-event';
import type { JournalEvent } from '../../../core/journal/sale-event';
import { actOnException, exceptionDetail } from '../../../sync-server/src/domain/exceptions';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { changeStorePolicy } from '../../../sync-server/src/domain/store-policy';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { pushRowsOf, type Till } from './support/spend-events';
import { openSpendingStore } from './support/spend-store';
import { postgresAdapter, sqliteAdapter } from './support/storages';

/**
 * Issue 11, scenario 13: points spent offline that reach the server past the store's offline limit
 * (policy `staleAfterMinutes`, 24 h by default) are `stale-redemption` exceptions: judged by the
 * replica's age when the sale says it, else by when the event reached the server; raised once, kept
 * by a refold, acknowledged without moving points.
 */
const H = 3_600_000;
const manager: Actor = { userId: 'u-anna', name: 'Anna', role: 'store-manager' };

describe.each([sqliteAdapter(), postgresAdapter()])('stale redemptions on $name', (adapter) => {
  let s: Storage;
  let t1: Till;
  let t2: Till;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    [t1, t2] = (await openSpendingStore(s, ['T1', 'T2'])) as [Till, Till];
  });
  afterEach(() => s.close());

  /** Pushes events that reach the server `lateBy` after the first of them was made. */
  const pushLate = async (till: Till, events: readonly JournalEvent[], lateBy: number) => {
    const r = await pushJournal(s, till, pushRowsOf(events), events[0]!.createdAt + lateBy);
    expect(r).toMatchObject({ ok: true, value: { foldFailures: 0 } });
  };
  const stale = async () =>
    (await s.exceptions.list({ kind: 'stale-redemption', limit: 100 })).sort((a, b) =>
      a.terminalId === b.terminalId ? (a.seq ?? 0) - (b.seq ?? 0) : a.terminalId < b.terminalId ? -1 : 1,
    );

  it('flags spends that arrive past 24 h, not earns nor spends in time; once, through re-push and refold', async () => {
    const earn = t1.sale({ memberId: 'M1', earn: 1_000 });
    const quick = t1.sale({ memberId: 'M1', spend: 100 });
    await pushLate(t1, [earn, quick], 10 * 60_000);
    const inTime = t1.sale({ memberId: 'M1', spend: 50 });
    await pushLate(t1, [inTime], 23 * H);
    // Three days offline: a points tender and a sale that only earned.
    const late = t1.sale({ memberId: 'M1', spend: 120 });
    const earnLate = t1.sale({ memberId: 'M2', earn: 40 });
    await pushLate(t1, [late, earnLate], 72 * H);
    // Another till's points transfer, two days late.
    const gift = t2.transfer('M1', 'M2', 30);
    await pushLate(t2, [gift], 49 * H);

    const found = await stale();
    expect(found.map((e) => [e.terminalId, e.eventId, e.memberId, e.pointsAtStake, e.status])).toEqual([
      ['T1', late.id, 'M1', 120, 'open'],
      ['T2', gift.id, 'M1', 30, 'open'],
    ]);
    expect(found[0]!.message).toMatch(/120 points offline.*3 days later.*24 h offline limit/);
    expect(JSON.parse(found[0]!.detail!)).toMatchObject({ lateMs: 72 * H, limitMinutes: 24 * 60 });
    expect(found[0]!.businessDay).toBe(late.businessDay);

    // The same events again, and a refold (days later by the wall clock): the same two findings.
    await pushLate(t1, [late], 96 * H);
    expect(await refoldProjection(s, 'stale-redemptions', Date.now())).toMatchObject({ ok: true });
    expect((await stale()).map((e) => e.id)).toEqual(found.map((e) => e.id));

    // The manager acknowledges; nothing to book: "noted" is the one resolution, points unchanged.
    const before = await s.members.get('M1');
    const detail = await exceptionDetail(s, found[0]!.id);
    expect(detail?.options.map((o) => o.resolution)).toEqual(['noted']);
    const ack = await actOnException(
      s,
      found[0]!.id,
      { action: 'acknowledge', note: 'called the store' },
      manager,
      Date.now(),
    );
    expect(ack).toMatchObject({ ok: true, value: { points: 0 } });
    expect((await s.exceptions.get(found[0]!.id))?.status).toBe('acknowledged');
    expect((await s.members.get('M1'))?.balance).toBe(before?.balance);
    expect(before?.balance).toBe(1_000 - 100 - 50 - 120 - 30);
  });

  it("judges a sale that says its replica's age by that, whatever the till's clock or the delay", async () => {
    await pushLate(t1, [t1.sale({ memberId: 'M1', earn: 1_000 })], 60_000);
    // A replica 30 h old: stale though it arrives a minute later.
    const old = t1.sale({ memberId: 'M1', spend: 100, replicaAgeMs: 30 * H });
    await pushLate(t1, [old], 60_000);
    // A replica an hour old, the sale three days on its way: in time, it was checked then.
    const fresh = t1.sale({ memberId: 'M1', spend: 50, replicaAgeMs: H });
    await pushLate(t1, [fresh], 72 * H);
    // A till whose clock runs a day behind, its replica a minute old: no false alarm.
    const behind = t1.sale({ memberId: 'M1', spend: 20, replicaAgeMs: 60_000 });
    await pushLate(t1, [behind], 25 * H);
    const found = await stale();
    expect(found.map((e) => [e.eventId, e.pointsAtStake])).toEqual([[old.id, 100]]);
    expect(found[0]!.message).toMatch(
      /100 points offline.*replica was 30 h old when it sold.*24 h offline limit/,
    );
    expect(JSON.parse(found[0]!.detail!)).toMatchObject({ replicaAgeMs: 30 * H, limitMinutes: 24 * 60 });
  });

  it("follows the store's offline limit", async () => {
    const changed = await changeStorePolicy(s, 's1', { offlinePolicy: { staleAfterMinutes: 5 * 24 * 60 } });
    expect(changed.ok).toBe(true);
    await pushLate(t1, [t1.sale({ memberId: 'M1', earn: 500 })], 60_000);
    await pushLate(t1, [t1.sale({ memberId: 'M1', spend: 200 })], 72 * H);
    expect(await stale()).toEqual([]);
    const week = t1.sale({ memberId: 'M1', spend: 100 });
    await pushLate(t1, [week], 7 * 24 * H);
    expect((await stale()).map((e) => [e.eventId, e.pointsAtStake])).toEqual([[week.id, 100]]);
    expect((await stale())[0]!.message).toMatch(/7 days later.*120 h offline limit/);
  });
});
