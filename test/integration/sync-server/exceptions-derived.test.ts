import { z } from 'zod';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../core/journal/event-types';
import { eventHash } from '../../../core/journal/hash-chain';
import { listExceptions } from '../../../sync-server/src/domain/exceptions';
import { unparkEvents } from '../../../sync-server/src/domain/projections/catch-up';
import { DEFAULT_PROJECTIONS } from '../../../sync-server/src/domain/projections/default-projections';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { makeSale, saleChain } from './support/sale-events';
import { postgresAdapter, sqliteAdapter } from './support/storages';

/** Seq gaps, parked events and fold failures are exception rows a manager sees, cleared when their cause goes. */
const T1 = { terminalId: 'T1', storeId: 's1' };
const store = {
  storeId: 's1',
  name: 'Winkel',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};
const rows = (docs: readonly object[]) =>
  docs.map((d) => ({
    assumedMasterState: null,
    newDocumentState: { ...(d as Record<string, unknown>), _deleted: false },
  }));

describe.each([sqliteAdapter(), postgresAdapter()])('derived exceptions on $name', (adapter) => {
  let s: Storage;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    await s.transaction(async (tx) => {
      await tx.stores.upsert(store, 1);
      await tx.terminals.insert({ ...T1, name: null, tokenHash: 'a', pairedAt: 1 });
    });
  });
  afterEach(() => s.close());
  const of = async (kind: string) => listExceptions(s, { kind, limit: 10 });

  it('a seq gap is raised with its seqs and cleared when the events arrive', async () => {
    const events = saleChain('T1', 's1', 5);
    await pushJournal(s, T1, rows([events[0]!, events[3]!, events[4]!]), 1000);
    expect(await of('seq-gap')).toMatchObject([{ status: 'open', seq: 2, terminalId: 'T1' }]);
    expect(JSON.parse((await s.exceptions.list({ kind: 'seq-gap', limit: 1 }))[0]!.detail!)).toEqual({
      from: 2,
      to: 3,
    });
    await pushJournal(s, T1, rows([events[1]!]), 2000);
    // 2 arrived: the gap 2–3 is cleared, the gap 3 is the new finding.
    expect((await of('seq-gap')).map((e) => [e.seq, e.status, e.resolution])).toEqual([
      [3, 'open', null],
      [2, 'resolved', 'cleared'],
    ]);
    await pushJournal(s, T1, rows([events[2]!]), 3000);
    expect((await of('seq-gap')).map((e) => e.status)).toEqual(['resolved', 'resolved']);
  });

  it('a parked event is raised and cleared when a server that knows it folds it', async () => {
    const [sale1] = saleChain('T1', 's1', 1);
    const d = {
      ...makeSale({ ...T1, seq: 2, prevHash: sale1!.hash }),
      type: 'stock-count',
      schemaVersion: 1,
    };
    const count = { ...d, hash: eventHash(d) };
    await pushJournal(s, T1, rows([sale1!, count]), 1000);
    expect(await of('parked')).toMatchObject([{ status: 'open', eventId: count.id }]);
    const spec = {
      type: 'stock-count',
      current: 1,
      versions: { 1: z.looseObject({ type: z.literal('stock-count') }) },
      upcast: (b: unknown) => b,
    };
    const config = {
      registry: { ...EVENT_TYPES, 'stock-count': spec as never },
      projections: [
        { name: 'stock-counts', reads: 'events' as const, fold: async () => {}, reset: async () => {} },
      ],
    };
    expect(await unparkEvents(s, config, 2000)).toBe(1);
    expect(await of('parked')).toMatchObject([
      { status: 'resolved', resolution: 'cleared', resolvedAt: 2000 },
    ]);
  });

  it('a fold failure is raised and cleared when a refold folds the event', async () => {
    const events = saleChain('T1', 's1', 3);
    const poisoned = events[1]!.id;
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
    await pushJournal(s, T1, rows(events), 1000, config);
    expect(await of('fold-failed')).toMatchObject([{ status: 'open', eventId: poisoned }]);
    // Still broken: the refold keeps it open.
    await refoldProjection(s, 'flaky', 1500, config);
    expect(await of('fold-failed')).toMatchObject([{ status: 'open' }]);
    broken = false;
    await refoldProjection(s, 'flaky', 2000, config);
    expect(await of('fold-failed')).toMatchObject([
      { status: 'resolved', resolution: 'cleared', resolvedAt: 2000 },
    ]);
  });
});
