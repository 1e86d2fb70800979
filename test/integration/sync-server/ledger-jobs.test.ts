import canonicalize from 'canonicalize';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIdFactory } from '../../../core/ids/ids';
import { eventHash } from '../../../core/journal/hash-chain';
import { GENESIS_HASH, type LoyaltyEntry, type SaleEvent } from '../../../core/journal/sale-event';
import { runLedgerJobs } from '../../../sync-server/src/domain/jobs/ledger-jobs';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { makeSale } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/** The ledger jobs (posting, FIFO expiry, tiers) on the server's own stream, on both adapters. */
const T1 = { terminalId: 'T1', storeId: 's1' };
const ids = createIdFactory();
const at = (iso: string) => Date.parse(iso);

const program = (id: string, extra: Record<string, unknown>) => ({
  id,
  version: 1,
  name: `Programma ${id}`,
  kind: 'points',
  status: 'active',
  rules: [{ id: 'base', name: '1 per euro', then: [{ type: 'points-fixed', points: 1 }] }],
  ...extra,
});
const entry = (saleId: string, programId: string, rule: string, amount: number): LoyaltyEntry => ({
  id: `${saleId}/${programId}@1/${rule}/0/points`,
  account: 'points',
  unit: 'points',
  amount,
  programId,
  programVersion: 1,
  ruleId: rule,
  text: `${rule} ${amount}`,
});

describe.each([sqliteAdapter(), postgresAdapter()])('ledger jobs: $name', (adapter: AdapterUnderTest) => {
  let s: Storage;
  let seq = 0;
  let prev = GENESIS_HASH;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    seq = 0;
    prev = GENESIS_HASH;
    await s.transaction(async (tx) => {
      await tx.stores.upsert(
        {
          storeId: 's1',
          name: 'Winkel Amsterdam',
          currency: 'EUR',
          timeZone: 'Europe/Amsterdam',
          locale: 'nl-NL',
          variableMeasure: [],
        },
        1,
      );
      await tx.terminals.insert({ ...T1, name: null, tokenHash: 'a', pairedAt: 1 });
      await tx.members.upsert([
        {
          memberId: 'M1',
          homeStoreId: 's1',
          fullName: 'Johanna de Vries',
          enrolledAt: 1,
          optedIn: true,
          cards: ['2620000000019'],
        },
      ]);
      for (const p of [
        program('p', { pendingDays: 14, expiresAfterMonths: 6 }),
        program('q', { expiresAfterMonths: 6 }),
      ]) {
        await tx.programs.publish(
          { programId: p.id, version: 1, body: p, scopeStores: null },
          1,
          (v) => canonicalize(v) as string,
        );
      }
    });
  });
  afterEach(() => s.close());

  /** A sale of M1 at `iso` whose loyalty block carries these rows (amounts per rule). */
  async function sale(iso: string, programId: string, rows: Record<string, number>): Promise<SaleEvent> {
    const createdAt = at(iso);
    const base = makeSale({ ...T1, seq: ++seq, prevHash: prev });
    const id = ids(createdAt);
    const unsigned = {
      ...base,
      id,
      createdAt,
      businessDay: iso.slice(0, 10),
      memberId: 'M1',
      loyalty: {
        memberId: 'M1',
        provisionalCard: null,
        programs: [{ programId, version: 1 }],
        ledger: Object.entries(rows).map(([rule, amount]) => entry(id, programId, rule, amount)),
      },
    };
    const e = { ...unsigned, hash: eventHash(unsigned) } as SaleEvent;
    prev = e.hash;
    const r = await pushJournal(
      s,
      T1,
      [{ assumedMasterState: null, newDocumentState: { ...e, _deleted: false } }],
      1,
    );
    expect(r).toMatchObject({ ok: true, value: { accepted: 1, foldFailures: 0 } });
    return e;
  }
  const figures = async () => {
    const m = await s.members.get('M1');
    return {
      balance: m?.balance,
      pendingPoints: m?.pendingPoints,
      lifetimeEarned: m?.lifetimeEarned,
      tier: m?.tier,
    };
  };
  const hqEvents = () => s.journal.page(0, 100, 'hq');

  it('posts pending points when the return window ends, in store days across the DST change, and not before', async () => {
    // 20 March 12:00 CET (UTC+1); 14 store days later is 3 April 12:00 CEST (UTC+2) = 10:00Z,
    // an hour before 14 × 24 h would end.
    await sale('2026-03-20T11:00:00.000Z', 'p', { base: 50 });
    const [row] = await s.ledger.ofMember('M1');
    expect(row).toMatchObject({
      status: 'pending',
      available_at: at('2026-04-03T10:00:00.000Z'),
      expires_at: at('2026-09-20T10:00:00.000Z'),
    });
    expect(await figures()).toMatchObject({ balance: 0, pendingPoints: 50, lifetimeEarned: 50 });

    expect(await runLedgerJobs(s, at('2026-04-03T09:59:59.999Z'))).toMatchObject({
      posted: { rows: 0, events: 0 },
    });
    expect(await figures()).toMatchObject({ balance: 0, pendingPoints: 50 });
    expect(await hqEvents()).toEqual([]);

    expect(await runLedgerJobs(s, at('2026-04-03T12:00:00+02:00'))).toMatchObject({
      posted: { rows: 1, events: 1 },
      foldFailures: 0,
    });
    expect(await figures()).toMatchObject({ balance: 50, pendingPoints: 0, lifetimeEarned: 50 });
    expect((await s.ledger.ofMember('M1'))[0]).toMatchObject({ status: 'posted' });

    // The server's own stream: terminal hq, store '*', seq 1 after the genesis hash, its own hash.
    const [posted] = await hqEvents();
    expect(posted).toMatchObject({
      terminal_id: 'hq',
      store_id: '*',
      seq: 1,
      prev_hash: GENESIS_HASH,
      type: 'points-posted',
    });
    const body = JSON.parse(posted?.body ?? '{}') as Record<string, unknown>;
    expect(eventHash(body)).toBe(posted?.hash);
    expect(body.entries).toEqual([{ entryId: row?.entry_id, memberId: 'M1', amount: 50 }]);

    // Idempotent: the same moment again writes nothing.
    expect(await runLedgerJobs(s, at('2026-04-03T12:00:00+02:00'))).toMatchObject({
      posted: { rows: 0, events: 0 },
      expired: { lots: 0, events: 0 },
      tiers: { changed: 0 },
    });
    expect(await hqEvents()).toHaveLength(1);
    expect(await figures()).toMatchObject({ balance: 50, pendingPoints: 0 });
  });

  it('expires lots first in first out after partial spending; a refold gives the same ledger', async () => {
    // Lot A: 100 on 10 Jan 11:00 CET, expires 10 Jul 11:00 CEST (09:00Z). Lot B: 80 on 10 Feb,
    // expires 10 Aug 09:00Z. Spent 30 on 1 Mar, 50 on 20 Jul.
    const a = await sale('2026-01-10T10:00:00.000Z', 'q', { base: 100 });
    const b = await sale('2026-02-10T10:00:00.000Z', 'q', { base: 80 });
    await sale('2026-03-01T10:00:00.000Z', 'q', { spend: -30 });
    expect(await figures()).toMatchObject({ balance: 150, lifetimeEarned: 180 });

    expect(await runLedgerJobs(s, at('2026-07-10T08:59:59.999Z'))).toMatchObject({ expired: { lots: 0 } });
    // 10 Jul: the 30 spent came out of A (the oldest), so 100 − 30 = 70 of A expires; B is untouched.
    expect(await runLedgerJobs(s, at('2026-07-10T11:00:00+02:00'))).toMatchObject({
      expired: { lots: 1, points: 70, events: 1 },
    });
    expect(await figures()).toMatchObject({ balance: 80 });
    const idA = entry(a.id, 'q', 'base', 100).id;
    expect((await s.ledger.byIds([`expired:${idA}`]))[0]).toMatchObject({
      member_id: 'M1',
      amount: -70,
      terminal_id: 'hq',
      account: 'points',
      program_id: 'q',
    });

    await sale('2026-07-20T10:00:00.000Z', 'q', { spend: -50 });
    expect(await figures()).toMatchObject({ balance: 30 });
    expect(await runLedgerJobs(s, at('2026-08-10T08:59:59.999Z'))).toMatchObject({ expired: { lots: 0 } });
    // 10 Aug: A's 30 that were not expired went to the first spending; the 50 spent since come
    // out of B: 80 − 50 = 30 of B expires, and nothing is left.
    expect(await runLedgerJobs(s, at('2026-08-10T09:00:00Z'))).toMatchObject({
      expired: { lots: 1, points: 30, events: 1 },
    });
    expect(await figures()).toMatchObject({ balance: 0, lifetimeEarned: 180 });
    expect(Object.fromEntries(await s.ledger.sums('M1'))).toEqual({ points: 0 });
    expect((await s.ledger.byIds([`expired:${entry(b.id, 'q', 'base', 80).id}`]))[0]).toMatchObject({
      amount: -30,
    });

    // Idempotent, and each server event in the chain after the previous one.
    expect(await runLedgerJobs(s, at('2026-08-10T09:00:00Z'))).toMatchObject({
      expired: { lots: 0, events: 0 },
    });
    const chain = await hqEvents();
    expect(chain.map((e) => [e.seq, e.type])).toEqual([
      [1, 'points-expired'],
      [2, 'points-expired'],
    ]);
    expect(chain[1]?.prev_hash).toBe(chain[0]?.hash);

    // Refold: the terminals' streams, then the server's, give the same rows and figures.
    const before = await s.ledger.ofMember('M1');
    const figuresBefore = await figures();
    expect(await refoldProjection(s, 'ledger', 2)).toMatchObject({ ok: true, value: { events: 6 } });
    expect(await s.ledger.ofMember('M1')).toEqual(before);
    expect(await figures()).toEqual(figuresBefore);
  });

  it('re-qualifies tiers on points earned in the calendar year: up at once, down when a year ends without them', async () => {
    await s.transaction((tx) =>
      tx.programs.publish(
        {
          programId: 'tiers',
          version: 1,
          body: program('tiers', {
            tiers: {
              basis: 'points',
              window: { type: 'calendar-year' },
              levels: [
                { name: 'member', threshold: 0 },
                { name: 'gold', threshold: 1000 },
              ],
            },
          }),
          scopeStores: null,
        },
        1,
        (v) => canonicalize(v) as string,
      ),
    );
    await sale('2026-05-01T10:00:00.000Z', 'q', { base: 1200 });
    await sale('2026-05-02T10:00:00.000Z', 'q', { spend: -1200 }); // spending never lowers a tier
    expect(await runLedgerJobs(s, at('2026-04-30T12:00:00Z'))).toMatchObject({ tiers: { changed: 1 } });
    expect(await figures()).toMatchObject({ tier: 'member', balance: 0 });
    expect(await runLedgerJobs(s, at('2026-05-01T12:00:00Z'))).toMatchObject({ tiers: { changed: 1 } });
    expect(await figures()).toMatchObject({ tier: 'gold' });
    expect(await runLedgerJobs(s, at('2026-05-01T12:00:00Z'))).toMatchObject({ tiers: { changed: 0 } });
    // 2027: the 1,200 of 2026 keep gold for the whole year.
    expect(await runLedgerJobs(s, at('2027-01-01T00:00:00+01:00'))).toMatchObject({ tiers: { changed: 0 } });
    expect(await runLedgerJobs(s, at('2027-12-31T23:59:59+01:00'))).toMatchObject({ tiers: { changed: 0 } });
    expect(await figures()).toMatchObject({ tier: 'gold' });
    // 2028 starts at local midnight: nothing earned in 2027, so down to member.
    expect(await runLedgerJobs(s, at('2028-01-01T00:00:00+01:00'))).toMatchObject({ tiers: { changed: 1 } });
    expect(await figures()).toMatchObject({ tier: 'member' });
  });
});
