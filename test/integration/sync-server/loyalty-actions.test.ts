import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventHash } from '../../../core/journal/hash-chain';
import { GENESIS_HASH } from '../../../core/journal/sale-event';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';
import { amsterdamStore, publishProgram } from './support/seed';
import { quietApp } from './support/app';

/** POST /events: non-purchase actions evaluated by the engine, on the server's stream, on both adapters. */
const ADMIN = 'admin-token-for-tests';
const NOW = Date.parse('2026-03-02T10:00:00Z');
const engage = {
  id: 'engage',
  version: 1,
  name: 'Engagement',
  kind: 'points',
  status: 'active',
  rules: [
    {
      id: 'review',
      name: 'Review bonus',
      when: { type: 'event', events: ['review'] },
      then: [{ type: 'points-fixed', points: 25 }],
    },
    {
      id: 'referral',
      name: 'Referral bonus',
      when: { type: 'event', events: ['referral'] },
      then: [{ type: 'points-fixed', points: 500 }],
      limits: { perMemberPerYear: 1 },
    },
  ],
};

interface Answer {
  eventId: string;
  memberId: string;
  points: number;
  ledger: { id: string; amount: number; ruleId: string }[];
  trace: { ruleId: string; outcome: string; text: string }[];
  replayed: boolean;
}

describe.each([sqliteAdapter(), postgresAdapter()])('POST /events: $name', (adapter: AdapterUnderTest) => {
  let s: Storage;
  let app: FastifyInstance;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    await s.transaction(async (tx) => {
      await tx.stores.upsert(amsterdamStore(), 1);
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
      await publishProgram(tx, engage);
    });
    app = await quietApp(s, ADMIN, () => NOW);
  });
  afterEach(async () => {
    await app.close();
    await s.close();
  });

  const post = async (body: unknown, token = ADMIN) => {
    const r = await app.inject({
      method: 'POST',
      url: '/events',
      headers: { authorization: `Bearer ${token}` },
      payload: body as Record<string, unknown>,
    });
    return { status: r.statusCode, body: r.json<Answer & { error?: { type: string } }>() };
  };
  const balance = async () => (await s.members.get('M1'))?.balance;

  it('a review earns once, however often its key is posted', async () => {
    const first = await post({ memberId: 'M1', type: 'review', ref: 'review-881', key: 'rev-1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ memberId: 'M1', points: 25, replayed: false });
    expect(first.body.ledger.map((r) => [r.ruleId, r.amount])).toEqual([['review', 25]]);
    const again = await post({ memberId: 'M1', type: 'review', ref: 'review-881', key: 'rev-1' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(await balance()).toBe(25);
    const rows = await s.ledger.ofMember('M1');
    expect(rows.map((r) => [r.entry_id, r.amount, r.terminal_id, r.store_id, r.status])).toEqual([
      [first.body.ledger[0]?.id, 25, 'hq', 's1', 'posted'],
    ]);
    // One event on the server's stream, in the member's home store, hashed like a till's.
    const events = await s.journal.page(0, 10, 'hq');
    expect(events.map((e) => [e.id, e.type, e.seq, e.store_id, e.prev_hash])).toEqual([
      [first.body.eventId, 'loyalty-action', 1, 's1', GENESIS_HASH],
    ]);
    expect(eventHash(JSON.parse(events[0]?.body ?? '{}') as object)).toBe(events[0]?.hash);
    // By card, another key: a second review earns again (no limit on reviews).
    expect((await post({ card: '2620000000019', type: 'review', key: 'rev-2' })).body).toMatchObject({
      points: 25,
    });
    expect(await balance()).toBe(50);
  });

  it('a referral limited to one per member per year is refused the second time: 0 points, no rows', async () => {
    const first = await post({ memberId: 'M1', type: 'referral', ref: 'friend-1', key: 'ref-1' });
    expect(first.body).toMatchObject({ points: 500 });
    const second = await post({ memberId: 'M1', type: 'referral', ref: 'friend-2', key: 'ref-2' });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ points: 0, ledger: [] });
    expect(second.body.trace).toContainEqual(
      expect.objectContaining({ ruleId: 'referral', outcome: 'limit-reached' }),
    );
    expect(await balance()).toBe(500);
    expect((await s.members.get('M1'))?.counters.rules['engage/referral']).toEqual({
      lifetime: 1,
      byDay: { '2026-03-02': 1 },
    });
    // Next year (Amsterdam time) the limit allows one again.
    const next = await post({
      memberId: 'M1',
      type: 'referral',
      ref: 'friend-3',
      key: 'ref-3',
      at: '2027-01-01T00:30:00+01:00',
    });
    expect(next.body).toMatchObject({ points: 500 });
    expect(await balance()).toBe(1000);
    expect(Object.fromEntries(await s.ledger.sums('M1'))).toEqual({ points: 1000 });
    // A refold evaluates nothing again: the rows are in the events.
    const rows = await s.ledger.ofMember('M1');
    expect(await refoldProjection(s, 'ledger', NOW)).toMatchObject({ ok: true, value: { events: 3 } });
    expect(await s.ledger.ofMember('M1')).toEqual(rows);
    expect(await balance()).toBe(1000);
  });

  it('answers 404 for an unknown member, 422 for a bad body or a key reused for another action, 401 without the admin token', async () => {
    expect(await post({ memberId: 'nobody', type: 'review', key: 'k-1' })).toMatchObject({
      status: 404,
      body: { error: { type: 'member-unknown' } },
    });
    expect(await post({ memberId: 'M1', type: 'purchase', key: 'k-2' })).toMatchObject({
      status: 422,
      body: { error: { type: 'invalid-input' } },
    });
    expect(await post({ memberId: 'M1', card: '2620000000019', type: 'review', key: 'k-3' })).toMatchObject({
      status: 422,
    });
    await post({ memberId: 'M1', type: 'review', key: 'k-4' });
    expect(await post({ memberId: 'M1', type: 'survey', key: 'k-4' })).toMatchObject({
      status: 422,
      body: { error: { type: 'idempotency-key-reused' } },
    });
    expect(await post({ memberId: 'M1', type: 'review', key: 'k-5' }, 'wrong')).toMatchObject({
      status: 401,
    });
    expect(await s.journal.page(0, 10, 'hq')).toHaveLength(1);
  });

  it('a till cannot write a server event: its loyalty-action is refused', async () => {
    await s.transaction((tx) =>
      tx.terminals.insert({ terminalId: 'T1', storeId: 's1', name: null, tokenHash: 'a', pairedAt: 1 }),
    );
    const unsigned = {
      id: '01JQ0000000000000000000000',
      type: 'loyalty-action',
      schemaVersion: 1,
      terminalId: 'T1',
      storeId: 's1',
      seq: 1,
      prevHash: GENESIS_HASH,
      createdAt: NOW,
      businessDay: '2026-03-02',
      memberId: 'M1',
      action: { type: 'review', ref: null },
      key: 'forged',
      ledger: [],
      trace: [],
    };
    const r = await pushJournal(
      s,
      { terminalId: 'T1', storeId: 's1' },
      [
        {
          assumedMasterState: null,
          newDocumentState: { ...unsigned, hash: eventHash(unsigned), _deleted: false },
        },
      ],
      NOW,
    );
    expect(r).toMatchObject({ ok: true, value: { accepted: 0, refused: [{ path: 'terminalId' }] } });
  });
});
