import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIdFactory } from '../../../core/ids/ids';
import { sealEvent } from '../../../core/journal/hash-chain';
import { GENESIS_HASH } from '../../../core/journal/sale-event';
import type { EnrolmentEvent } from '../../../core/journal/enrolment-event';
import {
  blocksDisjoint,
  cardNumberOf,
  DEMO_CARD_SERIES,
  type CardBlock,
} from '../../../core/loyalty/card-range';
import {
  CARD_BLOCK_SIZE,
  CARD_RANGE_MAX_UNISSUED,
  cardRangesPath,
  cardRangesResponseSchema,
} from '../../../core/sync/card-range-protocol';
import { exceptionsReport } from '../../../sync-server/src/domain/admin-reports';
import { requestCardBlock, terminalCardBlocks } from '../../../sync-server/src/domain/card-ranges';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { startTestSyncServer, type TestSyncServer } from '../../support/sync-server';
import { call, pairNewTerminal } from './support/http';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';
import { amsterdamStore, pairedTerminal } from './support/seed';

/** Card number blocks per till: disjoint under concurrency, scoped, and checked when issued. */
const T1 = { terminalId: 'T1', storeId: 's1' };
const T2 = { terminalId: 'T2', storeId: 's1' };
const fob = DEMO_CARD_SERIES.format;
const newId = createIdFactory();
const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);

function enrolment(
  who: typeof T1,
  seq: number,
  prevHash: string,
  card: string,
  /** 'v1': an enrolment of a till from before ranges (no cardSource: stock, by the upcaster). */
  cardSource: 'stock' | 'range' | 'v1',
): EnrolmentEvent {
  return sealEvent<EnrolmentEvent>({
    id: newId(NOW + seq),
    type: 'enrolment',
    ...who,
    seq,
    prevHash,
    schemaVersion: cardSource === 'v1' ? 1 : 2,
    createdAt: NOW + seq,
    businessDay: '2026-11-25',
    memberId: newId(NOW + seq),
    card,
    ...(cardSource === 'v1' ? {} : { cardSource }),
    fullName: `Member ${seq}`,
    email: null,
    phoneHash: null,
    phoneLast3: null,
    consent: { marketing: false, dataProcessing: true, textVersion: 'nl-2026-11' },
    referralCode: null,
  } as unknown as EnrolmentEvent);
}

describe.each([sqliteAdapter(), postgresAdapter()])('card ranges: $name', (adapter: AdapterUnderTest) => {
  let s: Storage;
  let other: Storage | undefined;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    await s.transaction(async (tx) => {
      await tx.stores.upsert(amsterdamStore('s1', 'W'), 1);
      await tx.terminals.insert(pairedTerminal(T1, 'a'));
      await tx.terminals.insert(pairedTerminal(T2, 'b'));
    });
  });
  afterEach(async () => {
    await other?.close();
    other = undefined;
    await s.close();
  });

  it('two tills asking at once, through two server instances, get disjoint blocks, each up to its cap', async () => {
    // PostgreSQL: a second storage is a second server instance on the same database. SQLite runs
    // one server process (one connection; the CLI waits on its lock), so both ask through one.
    other = adapter.name === 'postgres' ? await adapter.reopen() : undefined;
    const servers = [s, other ?? s];
    const asks = Array.from({ length: 10 }, (_, i) =>
      requestCardBlock(servers[i % 2] as Storage, i % 4 < 2 ? T1 : T2, 0, NOW),
    );
    const answers = await Promise.all(asks);
    expect(answers.every((a) => a.ok)).toBe(true);
    const t1 = await terminalCardBlocks(s, T1);
    const t2 = await terminalCardBlocks(s, T2);
    // Each till gets blocks until it holds CARD_RANGE_MAX_UNISSUED unissued numbers, no more.
    expect(t1).toHaveLength(CARD_RANGE_MAX_UNISSUED / CARD_BLOCK_SIZE);
    expect(t2).toHaveLength(CARD_RANGE_MAX_UNISSUED / CARD_BLOCK_SIZE);
    const all: CardBlock[] = [...t1, ...t2];
    expect(blocksDisjoint(all)).toBe(true);
    // Cut from the series' start with no serial lost in between.
    const firsts = all.map((b) => b.firstSerial).sort((a, b) => a - b);
    expect(firsts).toEqual(firsts.map((_, i) => DEMO_CARD_SERIES.firstSerial + i * CARD_BLOCK_SIZE));
    expect(all.every((b) => b.lastSerial - b.firstSerial + 1 === CARD_BLOCK_SIZE)).toBe(true);
  });

  it('a till with enough numbers left gets its blocks and no new one', async () => {
    const first = await requestCardBlock(s, T1, 0, NOW);
    const again = await requestCardBlock(s, T1, 499, NOW);
    expect(again).toEqual({
      ok: true,
      value: { blocks: first.ok ? first.value.blocks : [], allocated: null },
    });
  });

  it('an issued number outside the till’s blocks is enrolled and raised once; one inside is not', async () => {
    const mine = await requestCardBlock(s, T1, 0, NOW);
    const theirs = await requestCardBlock(s, T2, 0, NOW);
    if (!mine.ok || !mine.value.allocated || !theirs.ok || !theirs.value.allocated)
      throw new Error('no block');
    const own = enrolment(T1, 1, GENESIS_HASH, cardNumberOf(fob, mine.value.allocated.firstSerial), 'range');
    const foreign = enrolment(
      T1,
      2,
      own.hash,
      cardNumberOf(fob, theirs.value.allocated.firstSerial),
      'range',
    );
    const nowhere = enrolment(T1, 3, foreign.hash, cardNumberOf(fob, 99_999_990), 'range');
    const stock = enrolment(T1, 4, nowhere.hash, cardNumberOf(fob, 901), 'stock');
    // An older till's v1 enrolment of a number inside this till's block: a stock card (upcast).
    const old = enrolment(T1, 5, stock.hash, cardNumberOf(fob, mine.value.allocated.firstSerial + 1), 'v1');
    const rows = [own, foreign, nowhere, stock, old].map((d) => ({
      newDocumentState: { ...d, _deleted: false } as Record<string, unknown>,
    }));
    expect(await pushJournal(s, T1, rows, NOW)).toMatchObject({ ok: true, value: { accepted: 5 } });
    // A duplicate push raises nothing new.
    await pushJournal(s, T1, rows, NOW);

    for (const e of [own, foreign, nowhere, stock, old]) {
      expect((await s.members.byCard(e.card))?.memberId).toBe(e.memberId);
    }
    const { exceptions } = await exceptionsReport(s, {});
    expect(exceptions.map((x) => [x.kind, x.eventId]).sort()).toEqual(
      [
        ['card-outside-range', foreign.id],
        ['card-outside-range', nowhere.id],
      ].sort(),
    );
    expect(exceptions.find((x) => x.eventId === foreign.id)?.message).toContain('terminal T2');
  });
});

describe('card ranges over HTTP', () => {
  let server: TestSyncServer;
  beforeAll(async () => {
    server = await startTestSyncServer();
  });
  afterAll(() => server.close());

  it('a till is answered its own blocks only; without a token, nothing', async () => {
    const [a, b] = [await pairNewTerminal(server), await pairNewTerminal(server)];
    const askA = await call(server, 'POST', cardRangesPath, { token: a.token, body: { remaining: 0 } });
    const askB = await call(server, 'POST', cardRangesPath, { token: b.token, body: { remaining: 0 } });
    expect([askA.status, askB.status]).toEqual([200, 200]);
    const blocksA = cardRangesResponseSchema.parse(askA.body).blocks;
    const blocksB = cardRangesResponseSchema.parse(
      (await call(server, 'GET', cardRangesPath, { token: b.token })).body,
    ).blocks;
    expect(blocksA).toHaveLength(1);
    expect(blocksB).toEqual(cardRangesResponseSchema.parse(askB.body).blocks);
    expect(blocksDisjoint([...blocksA, ...blocksB])).toBe(true);

    expect((await call(server, 'GET', cardRangesPath)).status).toBe(401);
    const bad = await call(server, 'POST', cardRangesPath, { token: a.token, body: { remaining: -1 } });
    expect(bad.status).toBe(422);
    expect((bad.body as { error: { message: string } }).error.message).toContain('remaining');
  });
});
