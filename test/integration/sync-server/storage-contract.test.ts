import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SaleLineRecord, SaleRecord } from '../../../core/folds/sale-record';
import type { StoreSettings } from '../../../core/store/store-settings';
import type { NewJournalRow } from '../../../sync-server/src/storage/schema';
import type { FeedChange, Storage } from '../../../sync-server/src/storage/storage';
import { migrations } from '../../../sync-server/src/storage/migrations';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/** Every migration on file, in order: a reopened database has applied exactly these. */
const ON_FILE = Object.keys(await migrations('sqlite').getMigrations()).sort();

/**
 * ONE contract every storage adapter passes, through the repositories the domain uses. A third
 * adapter is done when this suite is green for it.
 */
const store: StoreSettings = {
  storeId: 's1',
  name: 'Winkel Eén',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [{ prefix: '21', measure: 'weight', itemDigits: 5 }],
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
const event = (terminalId: string, id: string, seq: number, body = `{"id":"${id}"}`): NewJournalRow => ({
  id,
  type: 'sale',
  schema_version: 2,
  terminal_id: terminalId,
  store_id: 's1',
  seq,
  hash: `h${seq}`,
  prev_hash: `p${seq}`,
  body,
  received_at: 10,
});
const line = (lineNo: number, amountCents = 100): SaleLineRecord => ({
  lineNo,
  lineId: `l${lineNo}`,
  productId: `p${lineNo}`,
  code: `${8710000000000 + lineNo}`,
  name: `Artikel ${lineNo}`,
  quantity: 1,
  weightGrams: lineNo % 2 === 0 ? 1000 + lineNo : null,
  unitPriceCents: amountCents,
  amountCents,
  discountCents: 0,
});
const sale = (serverSeq: number, o: Partial<SaleRecord> = {}): SaleRecord => {
  const lines = o.lines ?? [line(1, 258), line(2, 246)];
  const total = o.totalCents ?? lines.reduce((a, l) => a + l.amountCents, 0);
  return {
    serverSeq,
    eventId: `E${serverSeq}`,
    terminalId: 'T1',
    storeId: 's1',
    seq: serverSeq,
    businessDay: '2026-11-25',
    createdAt: 1_000 + serverSeq,
    currency: 'EUR',
    subtotalCents: total,
    discountCents: 0,
    totalCents: total,
    payments: [{ method: 'cash', amountCents: total, tenderedCents: total, changeCents: 0 }],
    memberId: null,
    ...o,
    lines,
  };
};
const exception = (message: string, dedupeKey?: string) => ({
  kind: 'tamper' as const,
  terminalId: 'T1',
  storeId: 's1',
  eventId: 'E',
  seq: 1,
  message,
  detail: '{"why":"test"}',
  detectedAt: 1,
  ...(dedupeKey !== undefined ? { dedupeKey } : {}),
});

async function waitFor(cond: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Records what a storage announces. `drain()` commits a change to a fresh barrier store and waits
 * for it: announcements keep commit order (PostgreSQL delivers NOTIFY in commit order), so it
 * returns exactly what was announced before the barrier and forgets it.
 */
function listen(s: Storage) {
  const heard: FeedChange[] = [];
  const off = s.onFeedChanged((c) => heard.push(c));
  let n = 0;
  return {
    heard,
    off,
    async drain(): Promise<FeedChange[]> {
      const barrier = `barrier-${++n}`;
      await s.stores.upsert({ ...store, storeId: barrier }, 1);
      await waitFor(() => heard.some((c) => c.storeId === barrier), `the announcement of ${barrier}`);
      const upTo = heard.findIndex((c) => c.storeId === barrier);
      return heard.splice(0, upTo + 1).slice(0, -1);
    },
  };
}
const byKey = (a: FeedChange, b: FeedChange) =>
  `${a.collection}/${a.storeId}`.localeCompare(`${b.collection}/${b.storeId}`);

describe.each([sqliteAdapter(), postgresAdapter()])(
  'storage contract: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      await s.transaction((tx) => tx.stores.upsert(store, 1));
    });
    afterEach(() => s.close());

    describe('stores', () => {
      it('keeps stores and updates them in place', async () => {
        await s.transaction((tx) => tx.stores.upsert({ ...store, name: 'Winkel Twee' }, 2));
        expect(await s.stores.list()).toEqual([{ ...store, name: 'Winkel Twee', region: null }]);
        expect(await s.stores.get('s1')).toEqual({ ...store, name: 'Winkel Twee' });
        expect(await s.stores.get('nope')).toBeUndefined();
      });

      it('gives a real change a new serverSeq and an unchanged re-upsert none', async () => {
        const [first] = await s.stores.pull('s1', 0, 10);
        expect(first).toEqual({ ...store, serverSeq: expect.any(Number), _deleted: false });
        await s.transaction((tx) => tx.stores.upsert(store, 5));
        expect(await s.stores.pull('s1', 0, 10)).toEqual([first]);
        expect(await s.stores.pull('s1', first!.serverSeq, 10)).toEqual([]);

        await s.transaction((tx) => tx.stores.upsert({ ...store, currency: 'DKK' }, 6));
        const changed = await s.stores.pull('s1', first!.serverSeq, 10);
        expect(changed).toEqual([
          { ...store, currency: 'DKK', serverSeq: expect.any(Number), _deleted: false },
        ]);
        expect(changed[0]!.serverSeq).toBeGreaterThan(first!.serverSeq);
        // The pull is per store: another store's change is not in s1's feed.
        await s.transaction((tx) => tx.stores.upsert({ ...store, storeId: 's2' }, 7));
        expect(await s.stores.pull('s1', changed[0]!.serverSeq, 10)).toEqual([]);
        expect((await s.stores.pull('s2', 0, 10)).map((d) => d.storeId)).toEqual(['s2']);
      });
    });

    it('uses a pairing code at most once', async () => {
      await s.pairing.insert({ codeHash: 'h1', storeId: 's1', createdAt: 1, expiresAt: 100 });
      expect(await s.pairing.get('h1')).toEqual({
        codeHash: 'h1',
        storeId: 's1',
        createdAt: 1,
        expiresAt: 100,
        usedAt: null,
        terminalId: null,
      });
      expect(await s.pairing.markUsed('h1', 'T1', 5)).toBe(true);
      expect(await s.pairing.markUsed('h1', 'T2', 6)).toBe(false);
      expect(await s.pairing.get('h1')).toMatchObject({ usedAt: 5, terminalId: 'T1' });
      expect(await s.pairing.markUsed('unknown', 'T3', 7)).toBe(false);
      expect(await s.pairing.get('unknown')).toBeUndefined();
    });

    it('finds terminals by token hash and tracks their seqs', async () => {
      await s.terminals.insert({
        terminalId: 'T1',
        storeId: 's1',
        name: 'Kassa 1',
        tokenHash: 'th',
        pairedAt: 3,
      });
      await s.transaction((tx) => tx.stores.upsert({ ...store, storeId: 's2' }, 1));
      await s.terminals.insert({
        terminalId: 'T2',
        storeId: 's2',
        name: null,
        tokenHash: 'th2',
        pairedAt: 4,
      });
      expect(await s.terminals.findByTokenHash('th')).toEqual({
        terminalId: 'T1',
        storeId: 's1',
        name: 'Kassa 1',
        tokenHash: 'th',
        pairedAt: 3,
        lastSeenAt: null,
        contiguousSeq: 0,
        maxSeq: 0,
        // Nothing reported yet (issue 10: the till reports its waiting events with each push).
        pendingReported: null,
        pendingReportedAt: null,
        clockSkewMs: null,
      });
      expect(await s.terminals.findByTokenHash('other')).toBeUndefined();
      await s.terminals.updateSeqs('T1', 2, 5);
      await s.terminals.touch('T1', 99);
      expect(await s.terminals.get('T1')).toMatchObject({ contiguousSeq: 2, maxSeq: 5, lastSeenAt: 99 });
      expect(await s.transaction((tx) => tx.terminals.lock('T1'))).toMatchObject({
        terminalId: 'T1',
        maxSeq: 5,
      });
      expect(await s.terminals.get('nope')).toBeUndefined();
      expect((await s.terminals.list('s1')).map((t) => t.terminalId)).toEqual(['T1']);
      expect((await s.terminals.list()).map((t) => t.terminalId)).toEqual(['T1', 'T2']);
      expect(await s.terminals.list('other')).toEqual([]);
      await s.terminals.resetSeqs();
      expect(await s.terminals.get('T1')).toMatchObject({ contiguousSeq: 0, maxSeq: 0, lastSeenAt: 99 });
    });

    describe('journal', () => {
      it('stores an event once per terminal; the same id under another terminal is its own row', async () => {
        const first = await s.journal.insertMany([event('T1', 'A', 1), event('T1', 'B', 3)]);
        expect([...first.keys()]).toEqual(['A', 'B']);
        expect(first.get('B')).toBeGreaterThan(first.get('A')!);
        // Again: nothing new, nothing changed (the caller compares the content).
        expect(await s.journal.insertMany([event('T1', 'A', 1, '{"other":true}')])).toEqual(new Map());
        expect(await s.journal.count()).toBe(2);
        // Another terminal's event with the same id is not a conflict and never returns T1's row.
        const other = await s.journal.insertMany([event('T2', 'A', 1, '{"t":"T2"}')]);
        expect(other.get('A')).toBeGreaterThan(first.get('B')!);
        expect(await s.journal.count()).toBe(3);

        const [a1] = await s.journal.byIds('T1', ['A']);
        expect(a1).toEqual({ ...event('T1', 'A', 1), server_seq: first.get('A') });
        expect((await s.journal.byIds('T2', ['A', 'B'])).map((r) => [r.terminal_id, r.id, r.body])).toEqual([
          ['T2', 'A', '{"t":"T2"}'],
        ]);
        expect(await s.journal.byIds('T3', ['A'])).toEqual([]);
        expect(await s.journal.byServerSeqs([other.get('A')!, first.get('A')!])).toMatchObject([
          { terminal_id: 'T1', id: 'A' },
          { terminal_id: 'T2', id: 'A' },
        ]);
      });

      it('returns only new ids when a batch mixes known and new events, in serverSeq order', async () => {
        await s.journal.insertMany([event('T1', 'A', 1)]);
        const batch = Array.from({ length: 1_200 }, (_, i) =>
          event('T1', `N${String(i).padStart(4, '0')}`, i + 2),
        );
        const got = await s.journal.insertMany([event('T1', 'A', 1), ...batch]);
        expect([...got.keys()]).toEqual(batch.map((e) => e.id));
        const seqs = [...got.values()];
        expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
        expect(await s.journal.count()).toBe(1_201);
        expect(await s.journal.byIds('T1', [...got.keys()])).toHaveLength(1_200);
      });

      it('reads at most the oldest 20 links per seq for the chain check', async () => {
        await s.journal.insertMany(Array.from({ length: 30 }, (_, i) => event('T1', `R${i + 10}`, 5)));
        await s.journal.insertMany([event('T1', 'P', 4), event('T1', 'N', 6)]);
        const links = await s.journal.linksAt('T1', [4, 5, 6]);
        expect(links.map((l) => l.id)).toEqual([
          'P',
          ...Array.from({ length: 20 }, (_, i) => `R${i + 10}`),
          'N',
        ]);
      });

      it('pages the seqs above a point', async () => {
        await s.journal.insertMany([1, 2, 2, 4, 5, 9].map((seq, i) => event('T1', `S${i}`, seq)));
        await s.journal.insertMany([event('T2', 'O', 3)]);
        expect(await s.journal.seqsAbovePage('T1', 0, 3)).toEqual([1, 2, 4]);
        expect(await s.journal.seqsAbovePage('T1', 4, 1000)).toEqual([5, 9]);
        expect(await s.journal.seqsAbovePage('T1', 9, 1000)).toEqual([]);
      });

      it('answers the chain and seq questions of one terminal', async () => {
        const t1 = await s.journal.insertMany([
          event('T1', 'A', 1),
          event('T1', 'B', 3),
          event('T1', 'B2', 3),
        ]);
        const t2 = await s.journal.insertMany([event('T2', 'X', 2)]);
        const t1b = await s.journal.insertMany([event('T1', 'C', 7)]);
        expect(
          (await s.journal.linksAt('T1', [3, 1, 3, 2])).map((l) => [l.id, l.seq, l.hash, l.prev_hash]),
        ).toEqual([
          ['A', 1, 'h1', 'p1'],
          ['B', 3, 'h3', 'p3'],
          ['B2', 3, 'h3', 'p3'],
        ]);
        expect(await s.journal.linksAt('T2', [1, 3])).toEqual([]);
        expect(await s.journal.seqsAbove('T1', 0)).toEqual([1, 3, 7]);
        expect(await s.journal.seqsAbove('T1', 3)).toEqual([7]);
        expect(await s.journal.seqsAbove('T2', 0)).toEqual([2]);

        const all = [...t1.values(), ...t2.values(), ...t1b.values()];
        expect((await s.journal.page(0, 10)).map((r) => r.server_seq)).toEqual(all);
        expect((await s.journal.page(all[1]!, 2)).map((r) => r.id)).toEqual(['B2', 'X']);
        expect((await s.journal.page(0, 10, 'T1')).map((r) => r.id)).toEqual(['A', 'B', 'B2', 'C']);
        expect((await s.journal.page(t1.get('B2')!, 10, 'T1')).map((r) => r.id)).toEqual(['C']);

        const heads = (await s.journal.streamHeads()).sort((x, y) => x.streamId.localeCompare(y.streamId));
        expect(heads).toEqual([
          { streamId: 'T1', serverSeq: t1b.get('C') },
          { streamId: 'T2', serverSeq: t2.get('X') },
        ]);
        expect(await s.journal.streamHeadBefore('T1', t1b.get('C')!)).toBe(t1.get('B2'));
        expect(await s.journal.streamHeadBefore('T1', t1.get('A')!)).toBe(0);
        expect(await s.journal.streamHeadBefore('T3', 1_000)).toBe(0);
        expect(await s.journal.count()).toBe(5);
      });

      it('moves each projection cursor per stream', async () => {
        expect(await s.cursors.ofStream('T1')).toEqual(new Map());
        await s.transaction(async (tx) => {
          await tx.cursors.set('sales', 'T1', 5);
          await tx.cursors.set('seq-tracking', 'T1', 4);
          await tx.cursors.set('sales', 'T2', 9);
          await tx.cursors.set('sales', 'T1', 8);
        });
        expect(await s.cursors.ofStream('T1')).toEqual(
          new Map([
            ['sales', 8],
            ['seq-tracking', 4],
          ]),
        );
        await s.cursors.reset('sales');
        expect(await s.cursors.ofStream('T1')).toEqual(new Map([['seq-tracking', 4]]));
        expect(await s.cursors.ofStream('T2')).toEqual(new Map());
      });
    });

    describe('sales', () => {
      it('keeps sales with their lines, filtered by store and terminal, newest first', async () => {
        await s.sales.insertMany([
          sale(1),
          sale(2, { terminalId: 'T2' }),
          sale(3, { storeId: 's2', terminalId: 'T3', memberId: 'M1' }),
        ]);
        const [got] = await s.sales.list({ terminalId: 'T1', limit: 10 });
        expect(got).toEqual(sale(1));
        expect((await s.sales.list({ storeId: 's1', limit: 10 })).map((x) => x.eventId)).toEqual([
          'E2',
          'E1',
        ]);
        expect((await s.sales.list({ storeId: 's1', limit: 1 })).map((x) => x.eventId)).toEqual(['E2']);
        expect(await s.sales.list({ storeId: 's2', limit: 10 })).toEqual([
          sale(3, { storeId: 's2', terminalId: 'T3', memberId: 'M1' }),
        ]);
        expect(await s.sales.list({ terminalId: 'T9', limit: 10 })).toEqual([]);
        expect(await s.sales.totals({ terminalId: 'T1' })).toEqual({ count: 1, totalCents: 504 });
        expect(await s.sales.totals({ storeId: 's1' })).toEqual({ count: 2, totalCents: 1008 });
        expect(await s.sales.totals({})).toEqual({ count: 3, totalCents: 1512 });
        expect(await s.sales.totals({ storeId: 'other' })).toEqual({ count: 0, totalCents: 0 });
        expect((await s.sales.dump()).map((x) => x.eventId)).toEqual(['E1', 'E2', 'E3']);
        await s.transaction((tx) => tx.sales.reset());
        expect(await s.sales.list({ limit: 10 })).toEqual([]);
      });

      it('sums totals exactly, past 2^53 too', async () => {
        const max = 100_000_000_000; // the largest sale a till may send (10^11 cents)
        await s.sales.insertMany([sale(1, { totalCents: max }), sale(2, { totalCents: max })]);
        expect(await s.sales.totals({ storeId: 's1' })).toEqual({ count: 2, totalCents: 200_000_000_000 });
        // Far beyond any real shop: the sum is never rounded, it becomes decimal digits.
        const huge = Number.MAX_SAFE_INTEGER; // 9007199254740991
        await s.sales.insertMany([
          sale(3, { storeId: 's2', totalCents: huge }),
          sale(4, { storeId: 's2', totalCents: huge }),
        ]);
        expect(await s.sales.totals({ storeId: 's2' })).toEqual({
          count: 2,
          totalCents: '18014398509481982',
        });
        expect(await s.sales.totals({})).toEqual({ count: 4, totalCents: '18014598509481982' });
      });

      it('reads back sales of 500 lines whole (statements are chunked below the parameter limits)', async () => {
        const big = (serverSeq: number) =>
          sale(serverSeq, { lines: Array.from({ length: 500 }, (_, i) => line(i + 1, 100 + i + serverSeq)) });
        // 4 × 500 lines × 11 columns = 22,000 parameters: more than one statement takes.
        const sales = [big(1), big(2), big(3), big(4)];
        await s.transaction((tx) => tx.sales.insertMany(sales));
        const back = await s.sales.list({ limit: 10 });
        expect(back).toEqual([...sales].reverse());
        expect(back[0]!.lines).toHaveLength(500);
        expect(await s.sales.totals({})).toEqual({
          count: 4,
          totalCents: sales.reduce((a, x) => a + x.totalCents, 0),
        });
      });
    });

    describe('exceptions', () => {
      it('raises a finding with a dedupe key once, and lists newest first', async () => {
        expect(await s.exceptions.insert(exception('first'))).toBe(true);
        expect(await s.exceptions.insert(exception('forged', 'tamper:T1:E:abc'))).toBe(true);
        expect(await s.exceptions.insert(exception('forged again', 'tamper:T1:E:abc'))).toBe(false);
        // No key: every one is raised.
        expect(await s.exceptions.insert({ ...exception('second'), kind: 'chain-break' })).toBe(true);
        expect(
          await s.exceptions.insert({ ...exception('other terminal'), terminalId: 'T2', storeId: 's2' }),
        ).toBe(true);
        const all = await s.exceptions.list({ limit: 10 });
        expect(all.map((e) => [e.kind, e.message])).toEqual([
          ['tamper', 'other terminal'],
          ['chain-break', 'second'],
          ['tamper', 'forged'],
          ['tamper', 'first'],
        ]);
        expect(all[3]).toEqual({
          id: expect.any(Number),
          kind: 'tamper',
          terminalId: 'T1',
          storeId: 's1',
          eventId: 'E',
          seq: 1,
          message: 'first',
          detail: '{"why":"test"}',
          detectedAt: 1,
          status: 'open',
          businessDay: null,
          memberId: null,
          pointsAtStake: 0,
          centsAtStake: 0,
          resolvedAt: null,
          resolution: null,
          dedupeKey: null,
        });
        expect((await s.exceptions.list({ storeId: 's2', limit: 10 })).map((e) => e.message)).toEqual([
          'other terminal',
        ]);
        expect((await s.exceptions.list({ terminalId: 'T1', limit: 2 })).map((e) => e.message)).toEqual([
          'second',
          'forged',
        ]);
      });
    });

    it('keeps parked events until they are folded', async () => {
      const parked = (serverSeq: number, o: { storeId?: string; terminalId?: string } = {}) => ({
        server_seq: serverSeq,
        event_id: `E${serverSeq}`,
        terminal_id: o.terminalId ?? 'T1',
        store_id: o.storeId ?? 's1',
        seq: serverSeq,
        type: 'return',
        schema_version: 1,
        reason: 'unknown-type',
        message: 'This server does not know events of type "return".',
        parked_at: 50,
      });
      await s.parked.insertMany([]);
      await s.parked.insertMany([parked(7), parked(3), parked(9, { storeId: 's2', terminalId: 'T2' })]);
      expect(await s.parked.list()).toEqual([
        parked(3),
        parked(7),
        parked(9, { storeId: 's2', terminalId: 'T2' }),
      ]);
      expect((await s.parked.list({ storeId: 's1' })).map((p) => p.server_seq)).toEqual([3, 7]);
      expect((await s.parked.list({ terminalId: 'T2' })).map((p) => p.server_seq)).toEqual([9]);
      expect((await s.parked.list({ limit: 1 })).map((p) => p.server_seq)).toEqual([3]);
      expect(await s.parked.serverSeqs()).toEqual(new Set([3, 7, 9]));
      await s.parked.remove(7);
      expect(await s.parked.serverSeqs()).toEqual(new Set([3, 9]));
    });

    it('records fold failures once per projection and event, and forgets them on reset', async () => {
      const failure = (projection: string, serverSeq: number, error = 'boom') => ({
        projection,
        server_seq: serverSeq,
        event_id: `E${serverSeq}`,
        terminal_id: 'T1',
        store_id: 's1',
        seq: serverSeq,
        error,
        failed_at: 60,
      });
      await s.foldFailures.insert(failure('sales', 5));
      await s.foldFailures.insert(failure('sales', 2));
      await s.foldFailures.insert(failure('ledger', 5));
      // The same event failing again updates its error.
      await s.foldFailures.insert({ ...failure('sales', 5, 'still broken'), failed_at: 61 });
      const listed = await s.foldFailures.list();
      expect(listed.map((f) => f.server_seq)).toEqual([2, 5, 5]);
      expect(
        [...listed].sort((a, b) => a.server_seq - b.server_seq || a.projection.localeCompare(b.projection)),
      ).toEqual([
        failure('sales', 2),
        failure('ledger', 5),
        { ...failure('sales', 5, 'still broken'), failed_at: 61 },
      ]);
      expect(await s.foldFailures.list({ storeId: 'other' })).toEqual([]);
      await s.foldFailures.reset('sales');
      expect(await s.foldFailures.list({ terminalId: 'T1' })).toEqual([failure('ledger', 5)]);
    });

    describe('products and the shared feed counter', () => {
      it('gives changed products a new serverSeq and leaves unchanged ones alone', async () => {
        expect(await s.transaction((tx) => tx.products.upsert('s1', [product('a'), product('b')]))).toBe(2);
        const first = await s.products.pull('s1', 0, 10);
        expect(first.map((p) => p.id)).toEqual(['a', 'b']);
        expect(first[0]).toEqual({ ...product('a'), serverSeq: expect.any(Number), _deleted: false });
        expect(await s.transaction((tx) => tx.products.upsert('s1', [product('a'), product('b')]))).toBe(0);
        expect(await s.products.pull('s1', first[1]!.serverSeq, 10)).toEqual([]);
        expect(await s.transaction((tx) => tx.products.upsert('s1', [product('a', 250), product('b')]))).toBe(
          1,
        );
        const after = await s.products.pull('s1', first[1]!.serverSeq, 10);
        expect(after).toMatchObject([{ id: 'a', priceCents: 250 }]);
        expect((await s.products.pull('s1', 0, 10)).find((p) => p.id === 'b')).toEqual(first[1]);
        // A deletion is a change too: the till receives the tombstone.
        expect(
          await s.transaction((tx) => tx.products.upsert('s1', [{ ...product('b'), _deleted: true }])),
        ).toBe(1);
        expect(await s.products.pull('s1', after[0]!.serverSeq, 10)).toMatchObject([
          { id: 'b', _deleted: true },
        ]);
        expect(await s.products.count('s1')).toBe(2);
        expect(await s.products.pull('other', 0, 10)).toEqual([]);
        expect(await s.products.count('other')).toBe(0);
      });

      it('pages products in serverSeq order', async () => {
        await s.transaction((tx) =>
          tx.products.upsert(
            's1',
            Array.from({ length: 25 }, (_, i) => product(`p${i}`)),
          ),
        );
        const page1 = await s.products.pull('s1', 0, 10);
        const page2 = await s.products.pull('s1', page1[9]!.serverSeq, 10);
        const page3 = await s.products.pull('s1', page2[9]!.serverSeq, 10);
        expect(page1.map((p) => p.id)).toEqual(Array.from({ length: 10 }, (_, i) => `p${i}`));
        expect(page2.map((p) => p.id)).toEqual(Array.from({ length: 10 }, (_, i) => `p${i + 10}`));
        expect(page3.map((p) => p.id)).toEqual(Array.from({ length: 5 }, (_, i) => `p${i + 20}`));
        const seqs = [...page1, ...page2, ...page3].map((p) => p.serverSeq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      });

      it('numbers products and stores from one counter, so checkpoints only grow', async () => {
        const [s1] = await s.stores.pull('s1', 0, 1);
        await s.transaction((tx) => tx.products.upsert('s1', [product('a')]));
        await s.transaction((tx) => tx.stores.upsert({ ...store, name: 'Nieuw' }, 2));
        await s.transaction((tx) => tx.products.upsert('s1', [product('a', 300)]));
        const [p1] = await s.products.pull('s1', 0, 1);
        const [s2] = await s.stores.pull('s1', 0, 1);
        expect(s2!.serverSeq).toBeGreaterThan(s1!.serverSeq);
        expect(p1!.serverSeq).toBeGreaterThan(s2!.serverSeq);
        expect(await s.feed.head()).toBeGreaterThanOrEqual(p1!.serverSeq);
        // A rolled-back reservation never lowers the counter nor reuses a committed number.
        const head = await s.feed.head();
        await expect(
          s.transaction(async (tx) => {
            await tx.products.upsert('s1', [product('z')]);
            throw new Error('abort');
          }),
        ).rejects.toThrow('abort');
        expect(await s.feed.head()).toBe(head);
        await s.transaction((tx) => tx.products.upsert('s1', [product('z')]));
        const [z] = (await s.products.pull('s1', p1!.serverSeq, 10)).filter((p) => p.id === 'z');
        expect(z!.serverSeq).toBeGreaterThan(head);
        expect(await s.feed.head()).toBeGreaterThanOrEqual(z!.serverSeq);
      });
    });

    describe('transactions', () => {
      it('announces feed changes only after commit, once per read model and store', async () => {
        const l = listen(s);
        await l.drain();
        await expect(
          s.transaction(async (tx) => {
            await tx.products.upsert('s1', [product('x')]);
            await tx.stores.upsert({ ...store, name: 'Teruggedraaid' }, 2);
            throw new Error('abort');
          }),
        ).rejects.toThrow('abort');
        expect(await s.products.count('s1')).toBe(0);
        expect(await l.drain()).toEqual([]);

        await s.transaction(async (tx) => {
          await tx.products.upsert('s1', [product('x')]);
          await tx.products.upsert('s1', [product('y')]);
          await tx.stores.upsert({ ...store, name: 'Vastgelegd' }, 2);
          // Not yet: the transaction is still open.
          expect(l.heard).toEqual([]);
        });
        expect((await l.drain()).sort(byKey)).toEqual([
          { collection: 'products', storeId: 's1' },
          { collection: 'stores', storeId: 's1', region: null },
        ]);
        // An unchanged write changes nothing a till could pull, so nothing is announced.
        await s.transaction(async (tx) => {
          await tx.products.upsert('s1', [product('x'), product('y')]);
          await tx.stores.upsert({ ...store, name: 'Vastgelegd' }, 3);
        });
        expect(await l.drain()).toEqual([]);
        l.off();
      });

      it('announces a write outside a transaction at once', async () => {
        const l = listen(s);
        await l.drain();
        await s.transaction((tx) => tx.stores.upsert({ ...store, storeId: 's2' }, 1));
        await l.drain();
        await s.products.upsert('s2', [product('y')]);
        await waitFor(() => l.heard.length > 0, 'the product announcement');
        expect(l.heard).toEqual([{ collection: 'products', storeId: 's2' }]);
        expect(await l.drain()).toEqual([{ collection: 'products', storeId: 's2' }]);
        l.off();
      });

      it('announces nothing for a rolled-back savepoint', async () => {
        const l = listen(s);
        await l.drain();
        await s.transaction(async (tx) => {
          await expect(
            tx.savepoint(async () => {
              await tx.products.upsert('s1', [product('x')]);
              throw new Error('fold failed');
            }),
          ).rejects.toThrow('fold failed');
        });
        expect(await s.products.count('s1')).toBe(0);
        expect(await l.drain()).toEqual([]);
      });

      it('rolls back only what a failed savepoint wrote; the transaction goes on', async () => {
        await s.terminals.insert({
          terminalId: 'T1',
          storeId: 's1',
          name: null,
          tokenHash: 'th',
          pairedAt: 1,
        });
        await s.transaction(async (tx) => {
          await tx.exceptions.insert(exception('kept'));
          await expect(
            tx.savepoint(async () => {
              await tx.exceptions.insert(exception('undone'));
              await tx.products.upsert('s1', [product('undone')]);
              throw new Error('fold failed');
            }),
          ).rejects.toThrow('fold failed');
          // A statement the database itself refuses (PostgreSQL would abort the whole transaction).
          await expect(
            tx.savepoint(() =>
              tx.terminals.insert({
                terminalId: 'T1',
                storeId: 's1',
                name: null,
                tokenHash: 'dup',
                pairedAt: 2,
              }),
            ),
          ).rejects.toThrow();
          // Nested: the inner one is undone, the outer one kept.
          await tx.savepoint(async () => {
            await tx.exceptions.insert(exception('outer'));
            await expect(
              tx.savepoint(async () => {
                await tx.exceptions.insert(exception('inner'));
                throw new Error('inner failed');
              }),
            ).rejects.toThrow('inner failed');
          });
          expect(await tx.savepoint(() => tx.exceptions.insert(exception('after')))).toBe(true);
        });
        expect((await s.exceptions.list({ limit: 10 })).map((e) => e.message)).toEqual([
          'after',
          'outer',
          'kept',
        ]);
        expect(await s.products.count('s1')).toBe(0);
        expect(await s.terminals.list()).toMatchObject([{ terminalId: 'T1', tokenHash: 'th' }]);
      });

      it('never shows a plain read what an open transaction has not committed', async () => {
        let read: Promise<StoreSettings[]> | undefined;
        let readProducts: Promise<number> | undefined;
        await expect(
          s.transaction(async (tx) => {
            await tx.stores.upsert({ ...store, storeId: 's2' }, 1);
            await tx.products.upsert('s1', [product('x')]);
            read = s.stores.list();
            readProducts = s.products.count('s1');
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        expect((await read)?.map((x) => x.storeId)).toEqual(['s1']);
        expect(await readProducts).toBe(0);
      });
    });

    describe('migrations', () => {
      const applied = async (st: Storage) =>
        (
          await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(st.kysely)
        ).rows.map((r) => r.name);

      it('applies nothing twice on reopen and keeps the data', async () => {
        await s.transaction(async (tx) => {
          await tx.products.upsert('s1', [product('a')]);
          await tx.journal.insertMany([event('T1', 'A', 1)]);
          await tx.terminals.insert({
            terminalId: 'T1',
            storeId: 's1',
            name: null,
            tokenHash: 'th',
            pairedAt: 1,
          });
        });
        const before = {
          migrations: await applied(s),
          stores: await s.stores.pull('s1', 0, 10),
          products: await s.products.pull('s1', 0, 10),
          journal: await s.journal.page(0, 10),
          head: await s.feed.head(),
        };
        expect(before.migrations).toEqual(ON_FILE);
        await s.close();
        s = await adapter.reopen();
        await s.close();
        s = await adapter.reopen();
        expect({
          migrations: await applied(s),
          stores: await s.stores.pull('s1', 0, 10),
          products: await s.products.pull('s1', 0, 10),
          journal: await s.journal.page(0, 10),
          head: await s.feed.head(),
        }).toEqual(before);
        expect(await s.terminals.findByTokenHash('th')).toMatchObject({ terminalId: 'T1' });
      });

      it('refuses to start on a database migrated by a newer server', async () => {
        await adapter.raw(
          s,
          "INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from-the-future', '2030-01-01T00:00:00.000Z')",
        );
        await expect(adapter.reopen()).rejects.toThrow(/9999_from-the-future.*Refusing to start/s);
        // The refused open changed nothing.
        expect(await applied(s)).toEqual([...ON_FILE, '9999_from-the-future']);
        expect(await s.stores.list()).toEqual([{ ...store, region: null }]);
      });
    });
  },
);
