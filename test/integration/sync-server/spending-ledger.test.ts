import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import type { ExceptionKind } from '../../../sync-server/src/storage/repos/exceptions';
import type { Storage } from '../../../sync-server/src/storage/storage';
import type { JournalEvent } from '../../../core/journal/sale-event';
import { pushRowsOf, type Till } from './support/spend-events';
import { openSpendingStore } from './support/spend-store';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/** Points spent, returned and given: folded once, overdrafts raised once (issue 9). */

describe.each([sqliteAdapter(), postgresAdapter()])(
  'spending in the ledger: $name',
  (adapter: AdapterUnderTest) => {
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

    const push = async (till: Till, events: readonly JournalEvent[]) => {
      const r = await pushJournal(s, till, pushRowsOf(events), 1000);
      expect(r).toMatchObject({ ok: true, value: { foldFailures: 0 } });
      return r;
    };
    const exceptions = async (kind: ExceptionKind) =>
      (await s.exceptions.list({ limit: 100 })).filter((e) => e.kind === kind);
    const balanceOf = async (memberId: string) => (await s.members.get(memberId))?.balance;
    const ledgerSum = async (memberId: string) => (await s.ledger.sums(memberId)).get('points') ?? 0;

    it('two tills spending the same points offline: both sales stand, one overdraft names both', async () => {
      await push(t1, [t1.sale({ memberId: 'M1', earn: 600 })]);
      // Each till saw 600 points and took 500 of them, offline.
      const a = t1.sale({ memberId: 'M1', spend: 500 });
      const b = t2.sale({ memberId: 'M1', spend: 500 });
      await push(t1, [a]);
      expect(await exceptions('overdraft')).toEqual([]);
      expect(await push(t2, [b])).toMatchObject({ value: { accepted: 1 } });

      expect(await balanceOf('M1')).toBe(-400);
      expect(await ledgerSum('M1')).toBe(-400);
      const m = await s.members.get('M1');
      // Spending is no earning: lifetime earned stays what was earned.
      expect(m).toMatchObject({ lifetimeEarned: 600, appliedThrough: { T1: 2, T2: 1 } });
      const [over, ...more] = await exceptions('overdraft');
      expect(more).toEqual([]);
      const detail = JSON.parse(over?.detail ?? '{}');
      expect(detail).toMatchObject({ memberId: 'M1', points: 400, withinCap: true, tills: 2 });
      expect(detail.events.map((e: { eventId: string }) => e.eventId)).toEqual([a.id, b.id]);

      // A later spend while below zero joins the same exception; a refold raises nothing new.
      await push(t2, [t2.sale({ memberId: 'M1', spend: 100 })]);
      await push(t2, [b]);
      expect(await refoldProjection(s, 'ledger', 2000)).toMatchObject({ ok: true });
      expect(await balanceOf('M1')).toBe(-500);
      expect(await ledgerSum('M1')).toBe(-500);
      const after = await exceptions('overdraft');

      expect(after).toHaveLength(1);
      expect(JSON.parse(after[0]?.detail ?? '{}').events).toHaveLength(3);
    });

    it('a member who spends what they have raises nothing; climbing out and back in is a new overdraft', async () => {
      await push(t1, [t1.sale({ memberId: 'M1', earn: 300 }), t1.sale({ memberId: 'M1', spend: 300 })]);
      expect(await balanceOf('M1')).toBe(0);
      expect(await exceptions('overdraft')).toEqual([]);
      await push(t2, [t2.sale({ memberId: 'M1', spend: 200 })]);
      await push(t1, [t1.sale({ memberId: 'M1', earn: 500 }), t1.sale({ memberId: 'M1', spend: 400 })]);
      expect(await balanceOf('M1')).toBe(-100);
      expect(await exceptions('overdraft')).toHaveLength(2);
    });

    it('a return pushed twice and refolded reverses once', async () => {
      await push(t1, [t1.sale({ memberId: 'M1', earn: 600 })]);
      const sale = t1.sale({ memberId: 'M1', earn: 50, spend: 200 });
      await push(t1, [sale]);
      expect(await balanceOf('M1')).toBe(450);
      const ret = t1.returnOf(sale, { takeBack: 25, credit: 100 });
      await push(t1, [ret]);
      await push(t1, [ret]);
      expect(await balanceOf('M1')).toBe(525);
      expect(await refoldProjection(s, 'ledger', 2000)).toMatchObject({ ok: true });
      expect(await refoldProjection(s, 'returns', 2000)).toMatchObject({ ok: true });
      const m = await s.members.get('M1');
      expect(m).toMatchObject({ balance: 525, lifetimeEarned: 625, appliedThrough: { T1: 3 } });
      expect(await ledgerSum('M1')).toBe(525);
      expect((await s.ledger.ofMember('M1')).filter((r) => r.entry_id.startsWith(ret.id))).toHaveLength(2);
      expect(await exceptions('return-exceeds-sale')).toEqual([]);
    });

    it('returns above what the sale sold raise return-exceeds-sale, also when the sale arrives after them', async () => {
      const sale = t1.sale({ memberId: 'M1', earn: 50 });
      // Another till returns from the sale before T1 pushed it: nothing to check against yet.
      const early = t2.returnOf(sale, { quantity: 2, refundCents: 258 });
      await push(t2, [early]);
      expect(await exceptions('return-exceeds-sale')).toEqual([]);
      await push(t1, [sale]);
      expect(await exceptions('return-exceeds-sale')).toEqual([]);
      // Line l1 sold 2: a third one back is too many.
      const late = t1.returnOf(sale, { quantity: 1, refundCents: 129 });
      await push(t1, [late]);
      const [over, ...more] = await exceptions('return-exceeds-sale');
      expect(more).toEqual([]);
      expect(over).toMatchObject({ eventId: late.id, terminalId: 'T1' });
      expect(JSON.parse(over?.detail ?? '{}')).toMatchObject({
        saleId: sale.id,
        returns: [early.id, late.id],
        lines: [{ lineId: 'l1', sold: 2, returned: 3 }],
      });
      await refoldProjection(s, 'returns', 2000);
      expect(await exceptions('return-exceeds-sale')).toHaveLength(1);
    });

    it('a return taking back points the member spent already raises overdraft', async () => {
      const sale = t1.sale({ memberId: 'M1', earn: 100 });
      await push(t1, [sale, t1.sale({ memberId: 'M1', spend: 100 })]);
      await push(t1, [t1.returnOf(sale, { takeBack: 60 })]);
      expect(await balanceOf('M1')).toBe(-60);
      const [over] = await exceptions('overdraft');
      expect(JSON.parse(over?.detail ?? '{}')).toMatchObject({ memberId: 'M1', points: 60 });
    });

    it('a points transfer from a till moves points once between both members', async () => {
      await push(t1, [t1.sale({ memberId: 'M1', earn: 300 })]);
      const transfer = t1.transfer('M1', 'M2', 120);
      await push(t1, [transfer]);
      await push(t1, [transfer]);
      await refoldProjection(s, 'ledger', 2000);
      expect(await s.members.get('M1')).toMatchObject({
        balance: 180,
        lifetimeEarned: 300,
        appliedThrough: { T1: 2 },
      });
      expect(await s.members.get('M2')).toMatchObject({
        balance: 120,
        lifetimeEarned: 0,
        appliedThrough: {},
      });
      expect(await ledgerSum('M2')).toBe(120);
      expect(await exceptions('overdraft')).toEqual([]);
    });

    it('every manager override is shown as override-used, once', async () => {
      const o = t1.override({ allows: 'basket-1', memberId: 'M1', requested: 3000, limit: 2000 });
      await push(t1, [o]);
      await push(t1, [o]);
      await refoldProjection(s, 'overrides', 2000);
      const [used, ...more] = await exceptions('override-used');
      expect(more).toEqual([]);
      expect(used).toMatchObject({ eventId: o.id, terminalId: 'T1' });
      expect(used?.message).toContain('Anna Jansen');
      expect(JSON.parse(used?.detail ?? '{}')).toMatchObject({
        managerId: 'mgr-anna',
        action: 'redeem-over-cap',
        reason: 'Regular customer, card replica was stale',
        allowed: { eventId: 'basket-1', requested: 3000, limit: 2000, unit: 'points' },
      });
    });
  },
);
