import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ulid } from 'ulid';
import { EVENT_TYPES } from '../../../core/journal/event-types';
import { exceptionsReport, salesReport } from '../../../sync-server/src/domain/admin-reports';
import { catchUpProjections, unparkEvents } from '../../../sync-server/src/domain/projections/catch-up';
import { DEFAULT_FOLD_CONFIG } from '../../../sync-server/src/domain/projections/default-projections';
import type { FoldConfig } from '../../../sync-server/src/domain/projections/projection';
import { prepareProjections } from '../../../sync-server/src/domain/projections/startup';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import type { NewJournalRow } from '../../../sync-server/src/storage/schema';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { saleChain } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/** Catch-up and unpark at start: many instances, many parked events, rows a laxer server stored. */
const store = {
  storeId: 's1',
  name: 'Winkel',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};
const TERMINALS = ['T1', 'T2', 'T3'];
const HEX = (c: string) => c.repeat(64);

type Doc = Record<string, unknown>;
const rows = (docs: readonly object[]) =>
  docs.map((d) => ({ assumedMasterState: null, newDocumentState: { ...(d as Doc), _deleted: false } }));

async function seed(s: Storage): Promise<void> {
  await s.transaction(async (tx) => {
    await tx.stores.upsert(store, 1);
    for (const t of TERMINALS)
      await tx.terminals.insert({ terminalId: t, storeId: 's1', name: null, tokenHash: t, pairedAt: 1 });
  });
}

/** A journal row as a laxer (or newer) server stored it: written straight to storage. */
function storedRow(o: {
  terminalId: string;
  storeId?: string;
  seq: number;
  type: string;
  schemaVersion?: number;
  extra?: Doc;
}): NewJournalRow {
  const id = ulid();
  const doc = {
    id,
    terminalId: o.terminalId,
    storeId: o.storeId ?? 's1',
    seq: o.seq,
    prevHash: HEX('0'),
    type: o.type,
    schemaVersion: o.schemaVersion ?? 1,
    ...o.extra,
  };
  return {
    id,
    type: o.type,
    schema_version: o.schemaVersion ?? 1,
    terminal_id: o.terminalId,
    store_id: o.storeId ?? 's1',
    seq: o.seq,
    hash: HEX('a'),
    prev_hash: HEX('0'),
    body: JSON.stringify(doc),
    received_at: 1,
  };
}

describe.each([postgresAdapter()])('two instances starting together: $name', (adapter: AdapterUnderTest) => {
  let a: Storage;
  let b: Storage;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    a = await adapter.open();
    b = await adapter.reopen();
    await seed(a);
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  it('fold each stream once: no fold failures, every sale stored once', async () => {
    for (const t of TERMINALS) {
      const r = await pushJournal(a, { terminalId: t, storeId: 's1' }, rows(saleChain(t, 's1', 20)), 1000);
      expect(r).toMatchObject({ ok: true, value: { accepted: 20, foldFailures: 0 } });
    }
    const before = await a.sales.dump();
    await a.transaction(async (tx) => {
      await tx.sales.reset();
      await tx.cursors.reset('sales');
    });
    const [na, nb] = await Promise.all([
      catchUpProjections(a, DEFAULT_FOLD_CONFIG, 2000),
      catchUpProjections(b, DEFAULT_FOLD_CONFIG, 2000),
    ]);
    // Each stream was folded by one instance only.
    expect(na + nb).toBe(60);
    expect(await a.foldFailures.list()).toEqual([]);
    expect(await a.sales.dump()).toEqual(before);
    expect((await exceptionsReport(a, {})).exceptions).toEqual([]);
  });

  it('unpark each parked event once', async () => {
    await a.transaction(async (tx) => {
      const inserted = await tx.journal.insertMany(
        Array.from({ length: 30 }, (_, i) => storedRow({ terminalId: 'T1', seq: i + 1, type: 'return' })),
      );
      await tx.parked.insertMany(parkedOf(inserted, 'T1'));
    });
    const folded: string[] = [];
    const config = returnsConfig(folded);
    const [na, nb] = await Promise.all([unparkEvents(a, config, 2000), unparkEvents(b, config, 2000)]);
    expect(na + nb).toBe(30);
    expect(folded).toHaveLength(30);
    expect(new Set(folded).size).toBe(30);
  });
});

function parkedOf(inserted: Map<string, number>, terminalId: string) {
  let seq = 0;
  return [...inserted].map(([id, serverSeq]) => ({
    server_seq: serverSeq,
    event_id: id,
    terminal_id: terminalId,
    store_id: 's1',
    seq: ++seq,
    type: 'return',
    schema_version: 1,
    reason: 'unknown-type',
    message: 'later',
    parked_at: 1,
  }));
}

/** A server that knows returns, with a projection that records what it folds. */
function returnsConfig(folded: string[]): FoldConfig {
  const returnSpec = {
    type: 'return',
    current: 1,
    versions: { 1: z.looseObject({ type: z.literal('return') }) },
    upcast: (b: unknown) => b,
  };
  return {
    registry: { ...EVENT_TYPES, return: returnSpec as never },
    projections: [
      ...DEFAULT_FOLD_CONFIG.projections,
      {
        name: 'returns',
        reads: 'events',
        fold: async (_tx, inputs) => {
          for (const i of inputs) folded.push((i.event as unknown as { id: string }).id);
        },
        reset: async () => {},
      },
    ],
  };
}

describe.each([sqliteAdapter(), postgresAdapter()])(
  'catch-up and unpark: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      await seed(s);
    });
    afterEach(() => s.close());

    it('unparks every parked event, beyond the first 10,000', async () => {
      const n = 10_050;
      await s.transaction(async (tx) => {
        const inserted = await tx.journal.insertMany(
          Array.from({ length: n }, (_, i) => storedRow({ terminalId: 'T2', seq: i + 1, type: 'return' })),
        );
        await tx.parked.insertMany(parkedOf(inserted, 'T2'));
      });
      const folded: string[] = [];
      expect(await unparkEvents(s, returnsConfig(folded), 2000)).toBe(n);
      expect(folded).toHaveLength(n);
      expect(await s.parked.list()).toEqual([]);
      expect(await unparkEvents(s, returnsConfig(folded), 3000)).toBe(0);
    }, 60_000);

    it('catch-up skips the parked events of its stream only, and unpark folds them later', async () => {
      await s.transaction(async (tx) => {
        const t1 = await tx.journal.insertMany(
          [1, 2].map((seq) => storedRow({ terminalId: 'T1', seq, type: 'return' })),
        );
        await tx.parked.insertMany(parkedOf(t1, 'T1').slice(0, 1));
        await tx.journal.insertMany([1].map((seq) => storedRow({ terminalId: 'T2', seq, type: 'return' })));
      });
      const folded: string[] = [];
      const config = returnsConfig(folded);
      await catchUpProjections(s, config, 2000);
      expect(folded).toHaveLength(2); // T1 seq 2 and T2 seq 1; T1 seq 1 is parked
      expect(await unparkEvents(s, config, 2000)).toBe(1);
      expect(folded).toHaveLength(3);
    });

    it("starts although a stored row fails today's envelope schema: a fold failure, not a crash", async () => {
      const longStore = 'x'.repeat(70);
      await s.transaction((tx) =>
        tx.journal.insertMany([
          storedRow({ terminalId: 'T1', storeId: longStore, seq: 1, type: 'sale', schemaVersion: 2 }),
        ]),
      );
      await expect(prepareProjections(s, DEFAULT_FOLD_CONFIG, 2000)).resolves.toBeUndefined();
      const failures = await s.foldFailures.list();
      expect(failures.find((f) => f.projection === 'sales')).toMatchObject({ store_id: longStore, seq: 1 });
      expect(failures.map((f) => f.projection)).not.toContain('seq-tracking');
      // Seq tracking reads only the envelope: the row counts.
      expect(await s.terminals.get('T1')).toMatchObject({ contiguousSeq: 1, maxSeq: 1 });
      expect((await salesReport(s, {})).totals.count).toBe(0);
    });
  },
);
