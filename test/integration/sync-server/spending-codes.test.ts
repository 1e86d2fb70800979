import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../core/journal/sale-event';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import type { ExceptionKind } from '../../../sync-server/src/storage/repos/exceptions';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { quietApp } from './support/app';
import { pushRowsOf, type Till } from './support/spend-events';
import { openSpendingStore } from './support/spend-store';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/** Coupon codes spendable once, and HQ's points transfer through the admin API (issue 9). */
const ADMIN = 'admin-token-for-tests';

describe.each([sqliteAdapter(), postgresAdapter()])(
  'coupons and transfers: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    let app: FastifyInstance;
    let t1: Till;
    let t2: Till;
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      [t1, t2] = (await openSpendingStore(s, ['T1', 'T2'])) as [Till, Till];
      app = await quietApp(s, ADMIN, () => Date.UTC(2026, 10, 26, 10, 0, 0));
    });
    afterEach(async () => {
      await app.close();
      await s.close();
    });

    const push = async (till: Till, events: readonly JournalEvent[]) =>
      expect(await pushJournal(s, till, pushRowsOf(events), 1000)).toMatchObject({
        ok: true,
        value: { foldFailures: 0 },
      });
    const exceptions = async (kind: ExceptionKind) =>
      (await s.exceptions.list({ limit: 100 })).filter((e) => e.kind === kind);

    it('a coupon used at two tills: the first use wins, one coupon-reused names both sales', async () => {
      const first = t1.sale({ memberId: 'M1', coupons: ['WINTER-0001'] });
      const second = t2.sale({ memberId: 'M2', coupons: ['WINTER-0001', 'WINTER-0002'] });
      await push(t1, [first]);
      await push(t2, [second]);
      // A retry of the first sale and a refold are no reuse.
      await push(t1, [first]);
      expect(await refoldProjection(s, 'coupons', 2000)).toMatchObject({ ok: true });
      const [reused, ...more] = await exceptions('coupon-reused');
      expect(more).toEqual([]);
      expect(reused).toMatchObject({ eventId: second.id, terminalId: 'T2' });
      expect(JSON.parse(reused?.detail ?? '{}')).toMatchObject({
        code: 'WINTER-0001',
        first: { eventId: first.id, terminalId: 'T1', storeId: 's1' },
        second: { eventId: second.id, terminalId: 'T2', storeId: 's1' },
      });
    });

    it('a code a return gives back can be used once more', async () => {
      const sale = t1.sale({ memberId: 'M1', coupons: ['WINTER-0003'] });
      await push(t1, [sale, t1.returnOf(sale, { restoredCoupons: ['WINTER-0003'] })]);
      await push(t2, [t2.sale({ memberId: 'M1', coupons: ['WINTER-0003'] })]);
      expect(await exceptions('coupon-reused')).toEqual([]);
      await push(t1, [t1.sale({ memberId: 'M1', coupons: ['WINTER-0003'] })]);
      expect(await exceptions('coupon-reused')).toHaveLength(1);
    });

    const transfer = async (from: string, body: Record<string, unknown>) => {
      const r = await app.inject({
        method: 'POST',
        url: `/admin/members/${from}/transfer`,
        headers: { authorization: `Bearer ${ADMIN}` },
        payload: body,
      });
      return { status: r.statusCode, body: r.json() };
    };

    it('HQ moves points once; a retry with the same key answers the first transfer', async () => {
      await push(t1, [t1.sale({ memberId: 'M1', earn: 500 })]);
      const body = { to: '2620000000026', points: 200, note: 'Birthday gift', key: 'gift-42' };
      const first = await transfer('M1', body);
      expect(first).toMatchObject({
        status: 200,
        body: { fromMemberId: 'M1', toMemberId: 'M2', points: 200, fromBalance: 300, replayed: false },
      });
      const again = await transfer('M1', body);
      expect(again).toMatchObject({ status: 200, body: { eventId: first.body.eventId, replayed: true } });
      expect(await s.members.get('M1')).toMatchObject({ balance: 300, lifetimeEarned: 500 });
      expect(await s.members.get('M2')).toMatchObject({ balance: 200, lifetimeEarned: 0 });
      expect((await s.ledger.sums('M2')).get('points')).toBe(200);
      const [row] = await s.ledger.ofMember('M2');
      expect(row).toMatchObject({ terminal_id: 'hq', amount: 200 });
      expect(row?.text).toMatch(/^Given by .+: Birthday gift$/);
      // The same key for another transfer is refused; a refold books it once.
      expect(await transfer('M1', { ...body, points: 50 })).toMatchObject({
        status: 422,
        body: { error: { type: 'idempotency-key-reused' } },
      });
      await refoldProjection(s, 'ledger', 2000);
      expect((await s.members.get('M2'))?.balance).toBe(200);
    });

    it('refuses a transfer above the giver’s balance with 409 and a clear message', async () => {
      await push(t1, [t1.sale({ memberId: 'M1', earn: 100 })]);
      const r = await transfer('M1', { to: 'M2', points: 101, key: 'too-much' });
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({ type: 'balance-too-low' });
      expect(r.body.error.message).toContain('has 100 spendable points');
      expect(await transfer('M1', { to: 'M1', points: 1, key: 'self' })).toMatchObject({ status: 422 });
      expect(await transfer('M9', { to: 'M2', points: 1, key: 'nobody' })).toMatchObject({ status: 404 });
      expect((await s.members.get('M2'))?.balance).toBe(0);
    });
  },
);
