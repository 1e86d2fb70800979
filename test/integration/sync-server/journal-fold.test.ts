import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventHash } from '../../../core/journal/hash-chain';
import { GENESIS_HASH } from '../../../core/journal/sale-event';
import {
  exceptionsReport,
  salesReport,
  terminalsReport,
} from '../../../sync-server/src/domain/admin-reports';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { makeSale, makeSaleV1, saleChain } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/** The accept-then-project push through the domain function, on both adapters. */
const T1 = { terminalId: 'T1', storeId: 's1' };
const store = {
  storeId: 's1',
  name: 'Winkel',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};

type Doc = Record<string, unknown>;
const rows = (docs: readonly object[]) =>
  docs.map((d) => ({ assumedMasterState: null, newDocumentState: { ...(d as Doc), _deleted: false } }));
/** Re-seals a document after a change, as a till of another version would have written it. */
const reseal = <T extends object>(d: T): T => ({ ...d, hash: eventHash(d) });

describe.each([sqliteAdapter(), postgresAdapter()])(
  'journal push and fold: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      await s.transaction(async (tx) => {
        await tx.stores.upsert(store, 1);
        await tx.stores.upsert({ ...store, storeId: 's2' }, 1);
        await tx.terminals.insert({ ...T1, name: null, tokenHash: 'a', pairedAt: 1 });
        await tx.terminals.insert({
          terminalId: 'T2',
          storeId: 's1',
          name: null,
          tokenHash: 'b',
          pairedAt: 1,
        });
        await tx.terminals.insert({
          terminalId: 'T3',
          storeId: 's2',
          name: null,
          tokenHash: 'c',
          pairedAt: 1,
        });
      });
    });
    afterEach(() => s.close());

    const push = (docs: readonly object[], who = T1) => pushJournal(s, who, rows(docs), 1000);
    const kinds = async (filter = {}) => (await exceptionsReport(s, filter)).exceptions.map((e) => e.kind);

    it('folds a sale into sales with its lines and totals', async () => {
      const [sale] = saleChain('T1', 's1', 1);
      expect(await push([sale!])).toMatchObject({
        ok: true,
        value: { conflicts: [], refused: [], accepted: 1 },
      });
      await push(saleChain('T1', 's1', 2, 2, sale!.hash));
      const report = await salesReport(s, { terminalId: 'T1' });
      expect(report.totals).toEqual({ count: 3, totalCents: 1512 });
      expect(report.sales[2]?.lines.map((l) => [l.name, l.amountCents, l.weightGrams])).toEqual([
        ['Campina Halfvolle melk 1 L', 258, null],
        ['Bananen', 246, 1234],
      ]);
      expect(report.sales[2]?.payments).toEqual([
        { method: 'cash', amountCents: 504, tenderedCents: 1000, changeCents: 496 },
      ]);
      expect(await kinds()).toEqual([]);
    });

    it('stores an event with a field it does not know exactly as sent: verified, not tamper', async () => {
      const newer = reseal({
        ...makeSale({ ...T1, seq: 1, prevHash: GENESIS_HASH }),
        loyaltyPreview: { points: 12 },
      });
      expect(await push([newer])).toMatchObject({ ok: true, value: { accepted: 1, exceptions: 0 } });
      const [stored] = await s.journal.byIds('T1', [newer.id]);
      expect({ ...JSON.parse(stored!.body), hash: stored!.hash }).toEqual(newer);
      expect(eventHash(JSON.parse(stored!.body) as object)).toBe(newer.hash);
      expect(await kinds()).toEqual([]);
      expect((await salesReport(s, {})).totals.count).toBe(1);
    });

    it('folds a version-1 sale of a landed till through the upcaster into the current shape', async () => {
      const v1 = makeSaleV1({ ...T1, seq: 1, prevHash: GENESIS_HASH });
      expect(await push([v1])).toMatchObject({ ok: true, value: { accepted: 1, parked: 0, exceptions: 0 } });
      const [sale] = (await salesReport(s, {})).sales;
      expect(sale).toMatchObject({
        eventId: v1.id,
        subtotalCents: 504,
        discountCents: 0,
        totalCents: 504,
        memberId: null,
      });
      expect(sale?.lines.every((l) => l.discountCents === 0)).toBe(true);
      // Stored as sent: the journal keeps version 1, the hash still verifies.
      const [stored] = await s.journal.byIds('T1', [v1.id]);
      expect(stored).toMatchObject({ schema_version: 1, hash: v1.hash });
      expect({ ...JSON.parse(stored!.body), hash: stored!.hash }).toEqual(v1);
    });

    it('parks an event of a type it does not know, lists it, and folds it after a restart that knows it', async () => {
      const [sale1] = saleChain('T1', 's1', 1);
      const close = reseal({
        ...makeSale({ ...T1, seq: 2, prevHash: sale1!.hash }),
        type: 'stock-count',
        schemaVersion: 1,
        cashier: 'c1',
      });
      const r = await push([sale1!, close]);
      expect(r).toMatchObject({ ok: true, value: { accepted: 2, parked: 1, refused: [] } });
      const parked = (await exceptionsReport(s, {})).exceptions.filter((e) => e.kind === 'parked');
      expect(parked).toMatchObject([
        { eventId: close.id, seq: 2, detail: { type: 'stock-count', reason: 'unknown-type' } },
      ]);
      // Seq tracking counts it: no gap, the till's resume point is past it.
      expect(await s.terminals.get('T1')).toMatchObject({ contiguousSeq: 2, maxSeq: 2 });

      // "Restart" with a server that knows shift closes and folds them.
      const { EVENT_TYPES } = await import('../../../core/journal/event-types');
      const { z } = await import('zod');
      const folded: string[] = [];
      const stockCountSpec = {
        type: 'stock-count',
        current: 1,
        versions: { 1: z.looseObject({ type: z.literal('stock-count') }) },
        upcast: (b: unknown) => b,
      };
      const config = {
        registry: { ...EVENT_TYPES, 'stock-count': stockCountSpec as never },
        projections: [
          {
            name: 'stock-counts',
            reads: 'events' as const,
            fold: async (_tx: unknown, inputs: readonly { event: unknown }[]) => {
              for (const i of inputs) folded.push((i.event as { id: string }).id);
            },
            reset: async () => {},
          },
        ],
      };
      const { unparkEvents } = await import('../../../sync-server/src/domain/projections/catch-up');
      expect(await unparkEvents(s, config, 2000)).toBe(1);
      expect(folded).toEqual([close.id]);
      expect(await kinds()).toEqual([]);
      expect(await unparkEvents(s, config, 3000)).toBe(0);
    });

    it('parks an event whose upcaster throws (a bug of this release) instead of blocking the till', async () => {
      const { EVENT_TYPES } = await import('../../../core/journal/event-types');
      const sale = EVENT_TYPES.sale!;
      const buggy = {
        ...sale,
        upcast: (body: unknown, from: number) => {
          if (from === 1) throw new Error('upcaster bug');
          return sale.upcast(body, from);
        },
      };
      const { DEFAULT_PROJECTIONS } = await import(
        '../../../sync-server/src/domain/projections/default-projections'
      );
      const config = { registry: { ...EVENT_TYPES, sale: buggy }, projections: DEFAULT_PROJECTIONS };
      const v1 = makeSaleV1({ ...T1, seq: 1, prevHash: GENESIS_HASH });
      const r = await pushJournal(s, T1, rows([v1]), 1000, config);
      expect(r).toMatchObject({ ok: true, value: { accepted: 1, parked: 1, refused: [] } });
      expect((await exceptionsReport(s, {})).exceptions).toMatchObject([
        { kind: 'parked', eventId: v1.id, message: expect.stringContaining('upcaster bug') },
      ]);
      // The fixed release folds it at start.
      const { unparkEvents } = await import('../../../sync-server/src/domain/projections/catch-up');
      expect(await unparkEvents(s, { projections: DEFAULT_PROJECTIONS }, 2000)).toBe(1);
      expect((await salesReport(s, {})).totals).toEqual({ count: 1, totalCents: 504 });
    });

    it('runs the push checks on a sale it unparks or catches up: totals and the store currency', async () => {
      const { DEFAULT_FOLD_CONFIG } = await import(
        '../../../sync-server/src/domain/projections/default-projections'
      );
      const { catchUpProjections, unparkEvents } = await import(
        '../../../sync-server/src/domain/projections/catch-up'
      );
      // A server that knew no sales parked it: admission never checked its currency.
      const dollars = reseal({ ...makeSale({ ...T1, seq: 1, prevHash: GENESIS_HASH }), currency: 'USD' });
      const unknowing = { registry: {}, projections: DEFAULT_FOLD_CONFIG.projections };
      expect(await pushJournal(s, T1, rows([dollars]), 1000, unknowing)).toMatchObject({
        ok: true,
        value: { accepted: 1, parked: 1 },
      });
      const wrong = reseal({ ...makeSale({ ...T1, seq: 2, prevHash: dollars.hash }), totalCents: 1 });
      expect(await pushJournal(s, T1, rows([wrong]), 1000, unknowing)).toMatchObject({
        ok: true,
        value: { accepted: 1, parked: 1 },
      });
      expect(await unparkEvents(s, DEFAULT_FOLD_CONFIG, 2000)).toBe(2);
      const raised = (await exceptionsReport(s, {})).exceptions;
      expect(raised.filter((e) => e.kind === 'currency-mismatch')).toMatchObject([
        {
          eventId: dollars.id,
          seq: 1,
          message: expect.stringContaining('USD'),
          detail: { storeCurrency: 'EUR' },
        },
      ]);
      expect(raised.filter((e) => e.kind === 'totals-mismatch')).toMatchObject([
        { eventId: wrong.id, seq: 2 },
      ]);
      // Catching up (a laxer server stored them) raises nothing twice.
      await s.transaction(async (tx) => {
        await tx.sales.reset();
        await tx.cursors.reset('sales');
      });
      await catchUpProjections(s, DEFAULT_FOLD_CONFIG, 3000);
      expect((await kinds()).filter((k) => k.endsWith('mismatch')).sort()).toEqual([
        'currency-mismatch',
        'totals-mismatch',
      ]);
    });

    it('raises a currency mismatch for a sale a laxer server stored, when a projection catches up', async () => {
      const { DEFAULT_FOLD_CONFIG } = await import(
        '../../../sync-server/src/domain/projections/default-projections'
      );
      const { catchUpProjections } = await import('../../../sync-server/src/domain/projections/catch-up');
      const canonicalize = (await import('canonicalize')).default;
      const dollars = reseal({ ...makeSale({ ...T1, seq: 1, prevHash: GENESIS_HASH }), currency: 'USD' });
      const { hash, ...covered } = dollars;
      await s.transaction((tx) =>
        tx.journal.insertMany([
          {
            id: dollars.id,
            type: 'sale',
            schema_version: dollars.schemaVersion,
            terminal_id: 'T1',
            store_id: 's1',
            seq: 1,
            hash,
            prev_hash: GENESIS_HASH,
            body: canonicalize(covered) as string,
            received_at: 1,
          },
        ]),
      );
      await catchUpProjections(s, DEFAULT_FOLD_CONFIG, 2000);
      expect(await kinds()).toEqual(['currency-mismatch']);
      expect((await salesReport(s, {})).totals.count).toBe(1);
    });

    it('parks a sale of a newer version than it understands', async () => {
      const v6 = reseal({
        ...makeSale({ ...T1, seq: 1, prevHash: GENESIS_HASH }),
        schemaVersion: 6,
        basketRounding: 2,
      });
      expect(await push([v6])).toMatchObject({ ok: true, value: { accepted: 1, parked: 1 } });
      expect(await kinds()).toEqual(['parked']);
      expect((await salesReport(s, {})).totals.count).toBe(0);
    });

    it('refuses an event past the bounds with a path, stores the rest of the batch, and later events still sync', async () => {
      const [e1, e2] = saleChain('T1', 's1', 2);
      const line = e1!.lines[0]!;
      const huge = reseal({
        ...e2!,
        lines: Array.from({ length: 3_277 }, (_, i) => ({ ...line, lineId: `l${i}` })),
      });
      const r = await push([e1!, huge]);
      expect(r).toMatchObject({
        ok: true,
        value: { accepted: 1, refused: [{ id: huge.id, reason: 'body-invalid', path: 'lines' }] },
      });
      if (!r.ok) throw new Error('refused');
      expect(r.value.refused[0]?.message).toMatch(/500/);
      // The till resends nothing of it; its next events are stored.
      const later = saleChain('T1', 's1', 1, 3, huge.hash);
      expect(await push(later)).toMatchObject({ ok: true, value: { accepted: 1, refused: [] } });
      expect((await salesReport(s, {})).totals.count).toBe(2);
      // The manager sees why seq 2 is missing.
      expect((await exceptionsReport(s, {})).exceptions).toContainEqual(
        expect.objectContaining({
          kind: 'seq-gap',
          seq: 2,
          message: expect.stringContaining('Seq 2 arrived and was refused'),
        }),
      );
      // Refused once, however often it is pushed again.
      await push([huge]);
      expect((await kinds()).filter((k) => k === 'event-refused')).toHaveLength(1);
    });

    it('refuses a seq of 2^53−1, _deleted: true and another currency, and the resume point stays', async () => {
      const [e1] = saleChain('T1', 's1', 1);
      await push([e1!]);
      const far = reseal({
        ...makeSale({ ...T1, seq: 4, prevHash: e1!.hash }),
        seq: Number.MAX_SAFE_INTEGER,
      });
      const dollars = reseal({ ...makeSale({ ...T1, seq: 2, prevHash: e1!.hash }), currency: 'USD' });
      const r = await pushJournal(
        s,
        T1,
        [
          ...rows([far, dollars]),
          {
            assumedMasterState: null,
            newDocumentState: { ...makeSale({ ...T1, seq: 3, prevHash: 'a'.repeat(64) }), _deleted: true },
          },
        ],
        1000,
      );
      expect(r.ok && r.value.refused.map((x) => [x.reason, x.path])).toEqual([
        ['seq-jump', 'seq'],
        ['currency-mismatch', 'currency'],
        ['deleted', '_deleted'],
      ]);
      expect(await s.terminals.get('T1')).toMatchObject({ contiguousSeq: 1, maxSeq: 1 });
      expect(await s.journal.count()).toBe(1);
    });

    it('sums 1,025 sales of 10^11 cents exactly', async () => {
      let prev = GENESIS_HASH;
      const big = [];
      for (let seq = 1; seq <= 1_025; seq++) {
        const base = makeSale({ ...T1, seq, prevHash: prev });
        const line = { ...base.lines[0]!, quantity: 1, unitPriceCents: 1e11, amountCents: 1e11 };
        const e = reseal({
          ...base,
          prevHash: prev,
          lines: [line],
          subtotalCents: 1e11,
          totalCents: 1e11,
          payments: [{ method: 'card' as const, amountCents: 1e11 }],
        });
        big.push(e);
        prev = e.hash;
      }
      for (let i = 0; i < big.length; i += 500) await push(big.slice(i, i + 500));
      expect((await salesReport(s, { limit: 1 })).totals).toEqual({
        count: 1_025,
        totalCents: 102_500_000_000_000,
      });
      expect(await kinds()).toEqual([]);
    });

    it('raises totals that do not add up, and still counts the sale', async () => {
      const wrong = reseal({ ...makeSale({ ...T1, seq: 1, prevHash: GENESIS_HASH }), totalCents: 400 });
      expect(await push([wrong])).toMatchObject({ ok: true, value: { accepted: 1 } });
      expect(await kinds()).toEqual(['totals-mismatch']);
    });

    it('stores an event pushed twice once, and answers success both times', async () => {
      const events = saleChain('T1', 's1', 3);
      await push(events);
      expect(await push(events)).toMatchObject({
        ok: true,
        value: { conflicts: [], accepted: 0, duplicates: 3, exceptions: 0 },
      });
      expect(await s.journal.count()).toBe(3);
      expect((await salesReport(s, {})).totals.count).toBe(3);
    });

    it('stores a batch pushed twice at the same moment once', async () => {
      const events = saleChain('T1', 's1', 5);
      const [a, b] = await Promise.all([push(events), push(events)]);
      const outcomes = [a, b].map((r) => (r.ok ? [r.value.accepted, r.value.duplicates] : r.reason));
      expect(outcomes).toEqual(
        expect.arrayContaining([
          [5, 0],
          [0, 5],
        ]),
      );
      expect(await s.journal.count()).toBe(5);
      expect(await s.terminals.get('T1')).toMatchObject({ contiguousSeq: 5, maxSeq: 5 });
    });

    it('refuses the same id with other content, answers the stored event, and raises tamper once', async () => {
      const [sale] = saleChain('T1', 's1', 1);
      await push([sale!]);
      const edited = { ...sale!, totalCents: 1 };
      const r = await push([edited]);
      expect(r.ok && r.value.conflicts).toEqual([{ ...sale!, _deleted: false }]);
      await push([edited]);
      expect((await salesReport(s, {})).sales[0]?.totalCents).toBe(504);
      expect((await exceptionsReport(s, {})).exceptions).toMatchObject([
        { kind: 'tamper', eventId: sale!.id, terminalId: 'T1' },
      ]);
    });

    it('scopes ids to their terminal: another store’s till reusing an id gets nothing of the first sale', async () => {
      const [mine] = saleChain('T1', 's1', 1);
      const theirs = reseal({
        ...makeSale({ terminalId: 'T3', storeId: 's2', seq: 1, prevHash: GENESIS_HASH }),
        id: mine!.id,
      });
      await push([mine!]);
      const r = await push([theirs], { terminalId: 'T3', storeId: 's2' });
      expect(r).toMatchObject({ ok: true, value: { conflicts: [], accepted: 1 } });
      expect((await salesReport(s, { storeId: 's2' })).sales.map((x) => [x.eventId, x.terminalId])).toEqual([
        [mine!.id, 'T3'],
      ]);
      expect(await kinds()).toEqual([]);
    });

    it('raises tamper for an event whose content does not match its own hash', async () => {
      const [sale] = saleChain('T1', 's1', 1);
      await push([{ ...sale!, totalCents: 9999 }]);
      expect(await kinds()).toEqual(expect.arrayContaining(['tamper']));
    });

    it('reports a seq gap until the missing events arrive', async () => {
      const events = saleChain('T1', 's1', 5);
      await push([events[0]!, events[1]!, events[4]!]);
      let [t1] = await terminalsReport(s, 's1');
      expect(t1).toMatchObject({
        terminalId: 'T1',
        lastSeq: 5,
        contiguousSeq: 2,
        gaps: [{ from: 3, to: 4 }],
      });
      expect((await exceptionsReport(s, {})).exceptions).toMatchObject([
        { kind: 'seq-gap', seq: 3, message: expect.stringContaining('3–4') },
      ]);
      await push([events[3]!, events[2]!]);
      [t1] = await terminalsReport(s, 's1');
      expect(t1).toMatchObject({ lastSeq: 5, contiguousSeq: 5, gaps: [] });
      expect(await kinds()).toEqual([]);
    });

    it('raises a chain break when prevHash does not name the previous event, in either arrival order', async () => {
      const [e1, e2] = saleChain('T1', 's1', 2);
      const forged = makeSale({ ...T1, seq: 3, prevHash: 'f'.repeat(64) });
      await push([e1!, e2!, forged]);
      expect((await exceptionsReport(s, {})).exceptions).toMatchObject([{ kind: 'chain-break', seq: 3 }]);

      const [a1] = saleChain('T2', 's1', 1);
      const b2 = makeSale({ terminalId: 'T2', storeId: 's1', seq: 2, prevHash: 'e'.repeat(64) });
      await push([b2], { terminalId: 'T2', storeId: 's1' });
      await push([a1!], { terminalId: 'T2', storeId: 's1' });
      const t2 = (await exceptionsReport(s, { terminalId: 'T2' })).exceptions;
      expect(t2).toMatchObject([{ kind: 'chain-break', seq: 2, eventId: b2.id }]);
    });

    it('refuses a batch holding another terminal’s or store’s event, and stores none of it', async () => {
      expect(await push([...saleChain('T1', 's1', 1), ...saleChain('T2', 's1', 1)])).toMatchObject({
        ok: false,
        reason: 'forbidden-terminal',
      });
      expect(await push(saleChain('T1', 's2', 1))).toMatchObject({ ok: false, reason: 'forbidden-store' });
      expect(await s.journal.count()).toBe(0);
    });

    it('accepts an event whose fold throws, lists it as fold-failed, folds the rest, and refold retries it', async () => {
      const { DEFAULT_PROJECTIONS } = await import(
        '../../../sync-server/src/domain/projections/default-projections'
      );
      const events = saleChain('T1', 's1', 5);
      const poisoned = events[2]!.id;
      let broken = true;
      const flaky = {
        name: 'flaky',
        reads: 'events' as const,
        fold: async (_tx: unknown, inputs: readonly { envelope: { id: string } }[]) => {
          if (broken && inputs.some((i) => i.envelope.id === poisoned)) throw new Error('fold bug');
        },
        reset: async () => {},
      };
      const config = { projections: [...DEFAULT_PROJECTIONS, flaky] };
      const r = await pushJournal(s, T1, rows(events), 1000, config);
      expect(r).toMatchObject({ ok: true, value: { accepted: 5, foldFailures: 1 } });
      expect((await salesReport(s, {})).totals.count).toBe(5);
      expect((await exceptionsReport(s, {})).exceptions).toMatchObject([
        {
          kind: 'fold-failed',
          eventId: poisoned,
          message: expect.stringContaining('fold bug'),
          detail: { projection: 'flaky' },
        },
      ]);
      // The till's sync goes on.
      expect(
        await pushJournal(s, T1, rows(saleChain('T1', 's1', 1, 6, events[4]!.hash)), 1000, config),
      ).toMatchObject({
        ok: true,
        value: { accepted: 1, foldFailures: 0 },
      });
      broken = false;
      const { refoldProjection } = await import('../../../sync-server/src/domain/projections/refold');
      expect(await refoldProjection(s, 'flaky', 2000, config)).toEqual({
        ok: true,
        value: { projection: 'flaky', events: 6 },
      });
      expect(await kinds()).toEqual([]);
    });

    it('keeps a reused seq (the sale happened) and raises it', async () => {
      const [e1] = saleChain('T1', 's1', 1);
      const [again] = saleChain('T1', 's1', 1);
      await push([e1!]);
      await push([again!]);
      expect(await s.journal.count()).toBe(2);
      expect(await kinds()).toEqual(['seq-reused']);
    });

    it('checks a batch against its own events at a seq reused beyond the stored links read', async () => {
      // 25 events at seq 1: the chain check reads only the oldest 20 of them.
      const reused = Array.from({ length: 25 }, () => saleChain('T1', 's1', 1)[0]!);
      await push(reused);
      const [x] = saleChain('T1', 's1', 1);
      const [y] = saleChain('T1', 's1', 1, 2, x!.hash);
      expect(await push([x!, y!])).toMatchObject({ ok: true, value: { accepted: 2 } });
      const found = (await exceptionsReport(s, {})).exceptions;
      expect(found.filter((e) => e.kind === 'chain-break')).toEqual([]);
      expect(found.filter((e) => e.kind === 'seq-reused').map((e) => e.eventId)).toContain(x!.id);
      expect(await s.terminals.get('T1')).toMatchObject({ contiguousSeq: 2, maxSeq: 2 });
    });

    it('closes a gap below many stored seqs, stopping at the next hole', async () => {
      const chain = saleChain('T1', 's1', 1500);
      await push(chain.filter((e) => e.seq !== 1 && e.seq !== 1200));
      expect(await s.terminals.get('T1')).toMatchObject({ contiguousSeq: 0, maxSeq: 1500 });
      await push([chain[0]!]);
      expect(await s.terminals.get('T1')).toMatchObject({ contiguousSeq: 1199, maxSeq: 1500 });
      await push([chain[1199]!]);
      expect(await s.terminals.get('T1')).toMatchObject({ contiguousSeq: 1500, maxSeq: 1500 });
    }, 60_000);

    it('lists the first 100 gaps of a terminal and counts the rest', async () => {
      await push(saleChain('T1', 's1', 301).filter((e) => e.seq % 2 === 1));
      const [t1] = (await terminalsReport(s)).filter((t) => t.terminalId === 'T1');
      expect(t1).toMatchObject({ contiguousSeq: 1, lastSeq: 301, gapsNotListed: 50 });
      expect(t1!.gaps).toHaveLength(100);
      expect(t1!.gaps[99]).toEqual({ from: 200, to: 200 });
      const gaps = (await exceptionsReport(s, {})).exceptions.filter((e) => e.kind === 'seq-gap');
      expect(gaps).toHaveLength(100);
      expect(gaps[99]).toMatchObject({
        message: expect.stringContaining('50 more gaps above seq 200 are not listed'),
        detail: { from: 200, to: 200, gapsNotListed: 50 },
      });
    });

    it('refolds the sales projection from the journal into identical rows', async () => {
      await push(saleChain('T1', 's1', 40));
      await push(saleChain('T2', 's1', 30), { terminalId: 'T2', storeId: 's1' });
      await push([makeSaleV1({ terminalId: 'T3', storeId: 's2', seq: 1, prevHash: GENESIS_HASH })], {
        terminalId: 'T3',
        storeId: 's2',
      });
      const before = await s.sales.dump();
      const { refoldProjection } = await import('../../../sync-server/src/domain/projections/refold');
      await s.transaction((tx) => tx.sales.reset());
      expect(await s.sales.dump()).toEqual([]);
      expect(await refoldProjection(s, 'sales', 5000)).toEqual({
        ok: true,
        value: { projection: 'sales', events: 71 },
      });
      expect(await s.sales.dump()).toEqual(before);
      expect(before).toHaveLength(71);
      expect(await refoldProjection(s, 'nope', 5000)).toMatchObject({
        ok: false,
        reason: 'projection-unknown',
      });
    });

    it('catches a projection up from the journal when it is behind (a projection new in this release)', async () => {
      await push(saleChain('T1', 's1', 10));
      await s.transaction(async (tx) => {
        await tx.sales.reset();
        await tx.cursors.reset('sales');
      });
      const { catchUpProjections } = await import('../../../sync-server/src/domain/projections/catch-up');
      const { DEFAULT_FOLD_CONFIG } = await import(
        '../../../sync-server/src/domain/projections/default-projections'
      );
      expect(await catchUpProjections(s, DEFAULT_FOLD_CONFIG, 5000)).toBe(10);
      expect((await salesReport(s, {})).totals.count).toBe(10);
      expect(await catchUpProjections(s, DEFAULT_FOLD_CONFIG, 5000)).toBe(0);
    });
  },
);
