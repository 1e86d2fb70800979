import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReportResult } from '../../../core/backoffice/api';
import type { JournalEvent } from '../../../core/journal/sale-event';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { runReport } from '../../../sync-server/src/domain/reports';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { pushRowsOf, type Till } from './support/spend-events';
import { openSpendingStore } from './support/spend-store';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/**
 * Store s1 on 2026-11-25 (Amsterdam): three sales of 5.04 — Johanna earns 600 points, then pays
 * 200 cents with 200 points (pushed an hour late: offline), Pieter earns 100 (named by an open
 * coupon-reused exception) — and 50 of Johanna's points expire. Program p pays 50 cents per 100 points.
 */
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);
const DAY = '2026-11-25';

describe.each([sqliteAdapter(), postgresAdapter()])('reports: $name', (adapter: AdapterUnderTest) => {
  let s: Storage;
  let t1: Till;
  let t2: Till;
  let pieterSale: JournalEvent;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    [t1, t2] = (await openSpendingStore(s, ['T1', 'T2'])) as [Till, Till];
    const push = async (till: Till, events: readonly JournalEvent[], now: number) =>
      expect(await pushJournal(s, till, pushRowsOf(events), now)).toMatchObject({
        ok: true,
        value: { foldFailures: 0 },
      });
    await push(t1, [t1.sale({ memberId: 'M1', earn: 600 })], T0 + 2 * 60_000);
    await push(t1, [t1.sale({ memberId: 'M1', spend: 200 })], T0 + 60 * 60_000);
    pieterSale = t2.sale({ memberId: 'M2', earn: 100 });
    await push(t2, [pieterSale], T0 + 3 * 60_000);
    const [earned] = await s.db
      .selectFrom('ledger_entries')
      .selectAll()
      .where('member_id', '=', 'M1')
      .where('amount', '>', 0)
      .execute();
    await s.ledger.insertMany([
      {
        ...earned!,
        entry_id: `expired:${earned!.entry_id}`,
        amount: -50,
        rule_id: 'expiry',
        created_at: T0 + 3 * 3_600_000,
        available_at: null,
        expires_at: null,
      },
    ]);
    await s.db
      .insertInto('programs')
      .values({
        program_id: 'p',
        version: 1,
        body: JSON.stringify({
          id: 'p',
          version: 1,
          status: 'active',
          redemption: { pointsPerUnit: 100, unitCents: 50 },
        }),
        scope_stores: null,
        published_at: 1,
        retired_at: null,
        server_seq: 1,
      })
      .execute();
    // The earning sales met no published program p (program-version-unknown): resolved, so not under exception.
    await sql`UPDATE exceptions SET status = 'resolved' WHERE kind = 'program-version-unknown'`.execute(s.db);
    const ex = await sql<{
      id: number;
    }>`INSERT INTO exceptions (kind, terminal_id, store_id, event_id, seq, message, detail, detected_at, dedupe_key, status, business_day, points_at_stake, cents_at_stake)
      VALUES ('coupon-reused', 'T2', 's1', ${pieterSale.id}, 1, 'coupon used twice', NULL, ${T0}, 'k1', 'open', ${DAY}, 0, 504) RETURNING id`.execute(
      s.db,
    );
    await sql`INSERT INTO exception_events (exception_id, terminal_id, event_id) VALUES (${ex.rows[0]!.id}, 'T2', ${pieterSale.id})`.execute(
      s.db,
    );
  });
  afterEach(() => s.close());

  const report = async (name: string, storeIds?: string[]): Promise<ReportResult> => {
    const r = await runReport(s, name, { ...(storeIds ? { storeIds } : {}), from: DAY, to: DAY });
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };

  it('sales per day: count, total, average basket; Pieter’s sale under an open exception is shown apart', async () => {
    const r = await report('sales', ['s1']);
    expect(r.rows).toEqual([{ day: DAY, sales: 3, totalCents: 1512, discountCents: 0, averageCents: 504 }]);
    expect(r).toMatchObject({ underException: { sales: 1, cents: 504 }, currency: 'EUR', storeIds: ['s1'] });
    expect((await report('sales')).storeIds).toBe('all');
    expect((await report('sales', ['elsewhere'])).rows).toEqual([]);
  });

  it('tenders: cash and points, card and gift card at 0', async () => {
    const r = await report('tenders');
    const by = Object.fromEntries(r.rows.map((x) => [x.tender, x]));
    expect(by.cash).toMatchObject({ payments: 3, cents: 1312 });
    expect(by.points).toMatchObject({ payments: 1, cents: 200, points: 200 });
    expect(by.card).toMatchObject({ cents: 0 });
    expect(by['gift-card']).toMatchObject({ cents: 0 });
    expect(r.totals).toMatchObject({ cents: 1512 });
  });

  it('points: 700 issued, 200 redeemed, 50 expired', async () => {
    const r = await report('points', ['s1']);
    expect(r.rows).toEqual([{ day: DAY, issued: 700, redeemed: 200, expired: 50, adjusted: 0 }]);
    // The day after holds none of it: the ledger's instants fall in Amsterdam's 25th.
    const next = await runReport(s, 'points', { from: '2026-11-26', to: '2026-11-26' });
    expect(next.ok && next.value.totals).toMatchObject({ issued: 0, redeemed: 0 });
  });

  it('liability: 450 points outstanding worth 2.25; redemption rate 200/700', async () => {
    const r = await report('liability');
    expect(r.totals).toMatchObject({ outstandingPoints: 450, pendingPoints: 0, valueCents: 225 });
    expect(r.totals?.redemptionRate).toBeCloseTo(200 / 700);
  });

  it('members, tiers, program cost, offline share and exceptions', async () => {
    expect((await report('members')).rows).toEqual([
      { activeMembers: 2, memberSales: 3, memberShare: 1, enrolments: 0 },
    ]);
    expect((await report('tiers')).rows).toEqual([{ tier: '(none)', members: 2, share: 1 }]);
    expect((await report('program-cost')).totals).toMatchObject({
      points: 700,
      pointsCents: 350,
      discountCents: 0,
      costCents: 350,
    });
    const offline = Object.fromEntries((await report('offline-share')).rows.map((x) => [x.what, x]));
    expect(offline.sales).toMatchObject({ all: 3, offline: 1 });
    expect(offline.redemptions).toMatchObject({ all: 1, offline: 1, share: 1 });
    expect((await report('exceptions')).rows).toContainEqual({
      kind: 'coupon-reused',
      count: 1,
      open: 1,
      pointsAtStake: 0,
      centsAtStake: 504,
    });
    expect((await report('exceptions')).rows).toContainEqual(
      expect.objectContaining({ kind: 'program-version-unknown', open: 0 }),
    );
  });

  it('refuses an unknown report and a bad range with a readable message', async () => {
    expect(await runReport(s, 'profits', { from: DAY, to: DAY })).toMatchObject({
      ok: false,
      reason: 'unknown-report',
    });
    expect(await runReport(s, 'sales', { from: '2026-11-26', to: DAY })).toMatchObject({
      ok: false,
      reason: 'bad-range',
      message: 'from (2026-11-26) is after to (2026-11-25)',
    });
    expect(await runReport(s, 'sales', { from: '2026-02-30', to: DAY })).toMatchObject({
      reason: 'bad-range',
    });
    expect(await runReport(s, 'sales', { from: '2024-01-01', to: DAY })).toMatchObject({
      reason: 'bad-range',
    });
  });
});
