import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../../sync-server/src/storage/port';
import { makeSale } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/**
 * ONE contract every storage adapter passes. The domain relies on exactly these behaviours, so a
 * third adapter is done when this suite is green for it.
 */
const store = {
  storeId: 's1',
  name: 'Winkel Eén',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [{ prefix: '21', measure: 'weight' as const, itemDigits: 5 }],
};
const product = (id: string, priceCents = 100) => ({
  id,
  code: `code-${id}`,
  name: `Product ${id}`,
  priceCents,
  unit: 'each' as const,
  category: 'Zuivel',
  brand: 'Campina',
  tags: ['a', 'b'],
});

describe.each([sqliteAdapter(), postgresAdapter()])(
  'storage contract: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      await s.upsertStore(store, 1);
    });
    afterEach(() => s.close());

    it('keeps stores and updates them in place', async () => {
      await s.upsertStore({ ...store, name: 'Winkel Twee' }, 2);
      expect(await s.listStores()).toEqual([{ ...store, name: 'Winkel Twee' }]);
      expect(await s.getStore('nope')).toBeUndefined();
    });

    it('uses a pairing code at most once', async () => {
      await s.insertPairingCode({ codeHash: 'h1', storeId: 's1', createdAt: 1, expiresAt: 100 });
      expect(await s.getPairingCode('h1')).toMatchObject({ storeId: 's1', usedAt: null, expiresAt: 100 });
      expect(await s.markPairingCodeUsed('h1', 'T1', 5)).toBe(true);
      expect(await s.markPairingCodeUsed('h1', 'T2', 6)).toBe(false);
      expect(await s.getPairingCode('h1')).toMatchObject({ usedAt: 5, terminalId: 'T1' });
    });

    it('finds terminals by token hash and tracks their seqs', async () => {
      await s.insertTerminal({
        terminalId: 'T1',
        storeId: 's1',
        name: 'Kassa 1',
        tokenHash: 'th',
        pairedAt: 3,
      });
      expect(await s.findTerminalByTokenHash('th')).toMatchObject({
        terminalId: 'T1',
        contiguousSeq: 0,
        maxSeq: 0,
      });
      expect(await s.findTerminalByTokenHash('other')).toBeUndefined();
      await s.updateTerminalSeqs('T1', 2, 5);
      await s.touchTerminal('T1', 99);
      expect(await s.getTerminal('T1')).toMatchObject({ contiguousSeq: 2, maxSeq: 5, lastSeenAt: 99 });
      expect((await s.listTerminals('s1')).map((t) => t.terminalId)).toEqual(['T1']);
      expect(await s.listTerminals('other')).toEqual([]);
    });

    it('stores a journal event once and gives each a growing serverSeq', async () => {
      const e = (id: string, seq: number) => ({
        id,
        type: 'sale',
        terminalId: 'T1',
        storeId: 's1',
        seq,
        hash: `h${seq}`,
        prevHash: `p${seq}`,
        body: `{"id":"${id}"}`,
        receivedAt: 10,
      });
      const a = await s.insertJournalEvent(e('A', 1));
      const b = await s.insertJournalEvent(e('B', 3));
      expect(a).toBeTypeOf('number');
      expect(b).toBeGreaterThan(a as number);
      expect(await s.insertJournalEvent(e('A', 1))).toBeUndefined();
      expect(await s.getJournalEvent('A')).toMatchObject({ serverSeq: a, seq: 1, body: '{"id":"A"}' });
      expect(await s.journalAtSeq('T1', 3)).toHaveLength(1);
      expect(await s.journalSeqsAbove('T1', 0)).toEqual([1, 3]);
      expect((await s.journalLinksAround('T1', 2)).map((l) => [l.id, l.seq, l.hash, l.prevHash])).toEqual([
        ['A', 1, 'h1', 'p1'],
        ['B', 3, 'h3', 'p3'],
      ]);
      expect(await s.countJournal()).toBe(2);
      // The fold's combined step: insert + neighbours without the row itself; a known id gives no serverSeq.
      const c = await s.insertJournalEventWithLinks(e('C', 2));
      expect(c.serverSeq).toBeGreaterThan(b as number);
      expect(c.around.map((l) => l.id)).toEqual(['A', 'B']);
      const again = await s.insertJournalEventWithLinks(e('C', 2));
      expect(again.serverSeq).toBeUndefined();
      expect((await s.insertJournalEventWithLinks(e('D', 50))).around).toEqual([]);
    });

    it('keeps folded sales with their lines, filtered by terminal', async () => {
      const sale = makeSale({ terminalId: 'T1', storeId: 's1', seq: 1, prevHash: '0'.repeat(64) });
      await s.insertJournalEvent({ ...sale, type: 'sale', body: '{}', receivedAt: 1 });
      await s.insertSale({
        eventId: sale.id,
        serverSeq: 1,
        terminalId: 'T1',
        storeId: 's1',
        seq: 1,
        businessDay: '2026-11-25',
        createdAt: 5,
        currency: 'EUR',
        totalCents: 504,
        payments: '[]',
        memberId: null,
        lines: [
          {
            lineNo: 1,
            lineId: 'l1',
            productId: 'p',
            code: 'c',
            name: 'n',
            quantity: 2,
            weightGrams: null,
            unitPriceCents: 129,
            amountCents: 258,
          },
          {
            lineNo: 2,
            lineId: 'l2',
            productId: 'q',
            code: 'd',
            name: 'm',
            quantity: 1,
            weightGrams: 1234,
            unitPriceCents: 199,
            amountCents: 246,
          },
        ],
      });
      const [got] = await s.listSales({ terminalId: 'T1', limit: 10 });
      expect(got).toMatchObject({ eventId: sale.id, totalCents: 504 });
      expect(got?.lines.map((l) => [l.lineNo, l.weightGrams])).toEqual([
        [1, null],
        [2, 1234],
      ]);
      expect(await s.listSales({ terminalId: 'T2', limit: 10 })).toEqual([]);
      expect(await s.salesTotals({ terminalId: 'T1' })).toEqual({ count: 1, totalCents: 504 });
      expect(await s.salesTotals({ storeId: 'other' })).toEqual({ count: 0, totalCents: 0 });
    });

    it('lists exceptions newest first', async () => {
      const base = { terminalId: 'T1', storeId: 's1', eventId: 'E', seq: 1, detail: null, detectedAt: 1 };
      await s.insertException({ ...base, kind: 'tamper', message: 'first' });
      await s.insertException({ ...base, kind: 'chain-break', message: 'second' });
      expect((await s.listExceptions({ limit: 10 })).map((e) => [e.kind, e.message])).toEqual([
        ['chain-break', 'second'],
        ['tamper', 'first'],
      ]);
    });

    it('gives changed products a new serverSeq and leaves unchanged ones alone', async () => {
      expect(await s.upsertProducts('s1', [product('a'), product('b')])).toBe(2);
      const first = await s.pullProducts('s1', 0, 10);
      expect(first.map((p) => p.id)).toEqual(['a', 'b']);
      expect(first[0]).toMatchObject({ tags: ['a', 'b'], _deleted: false, unit: 'each' });
      expect(await s.upsertProducts('s1', [product('a'), product('b')])).toBe(0);
      expect(await s.upsertProducts('s1', [product('a', 250)])).toBe(1);
      const after = await s.pullProducts('s1', first[1]?.serverSeq as number, 10);
      expect(after).toMatchObject([{ id: 'a', priceCents: 250 }]);
      expect(await s.maxProductSeq('s1')).toBe(after[0]?.serverSeq);
      expect(await s.countProducts('s1')).toBe(2);
      expect(await s.pullProducts('other', 0, 10)).toEqual([]);
    });

    it('pages products in serverSeq order', async () => {
      await s.upsertProducts(
        's1',
        Array.from({ length: 25 }, (_, i) => product(`p${i}`)),
      );
      const page1 = await s.pullProducts('s1', 0, 10);
      const page2 = await s.pullProducts('s1', page1[9]?.serverSeq as number, 10);
      expect(page1).toHaveLength(10);
      expect(page2[0]?.id).toBe('p10');
    });

    it('announces product changes only after commit', async () => {
      await s.upsertStore({ ...store, storeId: 's2' }, 1);
      const seen: string[] = [];
      const firstAnnounced = new Promise<string>((resolve) =>
        s.onProductsChanged((id) => {
          seen.push(id);
          resolve(id);
        }),
      );
      await expect(
        s.transaction(async (tx) => {
          await tx.upsertProducts('s1', [product('x')]);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await s.countProducts('s1')).toBe(0);
      await s.upsertProducts('s2', [product('y')]);
      // Announcements keep commit order, so a wrongly announced rollback would have come first.
      expect(await firstAnnounced).toBe('s2');
      expect(seen).toEqual(['s2']);
    });

    it('rolls back a failed savepoint and keeps the rest of the transaction', async () => {
      await s.transaction(async (tx) => {
        await tx.insertException({
          kind: 'tamper',
          terminalId: 'T',
          storeId: 's1',
          eventId: null,
          seq: null,
          message: 'kept',
          detail: null,
          detectedAt: 1,
        });
        await expect(
          tx.savepoint(async () => {
            await tx.insertException({
              kind: 'tamper',
              terminalId: 'T',
              storeId: 's1',
              eventId: null,
              seq: null,
              message: 'undone',
              detail: null,
              detectedAt: 1,
            });
            throw new Error('fold failed');
          }),
        ).rejects.toThrow('fold failed');
      });
      expect((await s.listExceptions({ limit: 10 })).map((e) => e.message)).toEqual(['kept']);
    });

    it('never shows a plain read what an open transaction has not committed', async () => {
      let read: Promise<{ storeId: string }[]> | undefined;
      await expect(
        s.transaction(async (t) => {
          await t.upsertStore({ ...store, storeId: 's2' }, 1);
          read = s.listStores();
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect((await read)?.map((x) => x.storeId)).toEqual(['s1']);
    });

    it('applies migrations once and refuses to start when the applied list disagrees', async () => {
      await s.close();
      s = await adapter.reopen();
      expect(await s.listStores()).toHaveLength(1);
      await adapter.raw(
        s,
        "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (9999, '9999_from-the-future.sql', 'x', 1)",
      );
      await expect(adapter.reopen()).rejects.toThrow(/9999_from-the-future\.sql.*Refusing to start/);
    });
  },
);
