import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventHash } from '../../../core/journal/hash-chain';
import { GENESIS_HASH, type SaleEvent } from '../../../core/journal/sale-event';
import { claimKeyFromTerminalToken, signClaimToken } from '../../../core/loyalty/claim-token';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { makeSale } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';
import { amsterdamStore, pairedTerminal, publishProgram, TEN_POINTS_PER_EURO } from './support/seed';
import { quietApp } from './support/app';

/** POST /claims: a receipt without a member claimed by a member, once, on both adapters. */
const ADMIN = 'admin-token-for-tests';
const TOKEN_T1 = 'terminal-one-token-aaaaaaaaaaaaaaaaaaaaaaaaaaa';
const TOKEN_T2 = 'terminal-two-token-bbbbbbbbbbbbbbbbbbbbbbbbbbb';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
// makeSale's sales are on 2026-11-25 around 09:00 UTC; the claims come a day later.
const NOW = Date.parse('2026-11-26T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const T1 = { terminalId: 'T1', storeId: 's1' };
/** 10 points per euro, rounded down (rule `base`). */
const earn = TEN_POINTS_PER_EURO;

interface Answer {
  claimId: string;
  memberId: string;
  saleId: string;
  points: number;
  ledger: { id: string; amount: number; ruleId: string }[];
  replayed: boolean;
  error?: { type: string; message: string };
}

describe.each([sqliteAdapter(), postgresAdapter()])('POST /claims: $name', (adapter: AdapterUnderTest) => {
  let s: Storage;
  let app: FastifyInstance;
  let now = NOW;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    now = NOW;
    s = await adapter.open();
    await s.transaction(async (tx) => {
      await tx.stores.upsert(amsterdamStore('s1', 'Winkel Amsterdam'), 1);
      await tx.stores.upsert(amsterdamStore('s2', 'Winkel Utrecht'), 1);
      await tx.terminals.insert(pairedTerminal(T1, sha256(TOKEN_T1)));
      await tx.terminals.insert(pairedTerminal({ terminalId: 'T2', storeId: 's1' }, sha256(TOKEN_T2)));
      const member = { homeStoreId: 's1', fullName: 'Johanna de Vries', enrolledAt: 1, optedIn: true };
      await tx.members.upsert([
        { ...member, memberId: 'M1', cards: ['2620000000019'] },
        { ...member, memberId: 'M2', cards: ['2620000000026'] },
      ]);
      await publishProgram(tx, earn);
    });
    app = await quietApp(s, ADMIN, () => now);
  });
  afterEach(async () => {
    await app.close();
    await s.close();
  });

  const push = (events: readonly SaleEvent[]) =>
    pushJournal(
      s,
      T1,
      events.map((e) => ({ assumedMasterState: null, newDocumentState: { ...e, _deleted: false } })),
      now,
    );
  const tokenOf = (sale: SaleEvent, token = TOKEN_T1) =>
    signClaimToken(
      { storeId: sale.storeId, terminalId: sale.terminalId, saleId: sale.id },
      claimKeyFromTerminalToken(token),
    );
  const claim = async (body: unknown, auth = ADMIN) => {
    const r = await app.inject({
      method: 'POST',
      url: '/claims',
      headers: { authorization: `Bearer ${auth}` },
      payload: body as Record<string, unknown>,
    });
    return { status: r.statusCode, body: r.json<Answer>() };
  };
  const balanceOf = async (memberId: string) => (await s.members.get(memberId))?.balance;
  // 2 × €1,29 + €2,46 = €5,04: 50 points.
  const anonymousSale = () => makeSale({ ...T1, seq: 1, prevHash: GENESIS_HASH });

  it('a receipt is claimed once: the points on the member, the same answer when retried, refused for another member', async () => {
    const sale = anonymousSale();
    await push([sale]);
    const first = await claim({ token: tokenOf(sale), card: '2620000000019' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ memberId: 'M1', saleId: sale.id, points: 50, replayed: false });
    expect(first.body.ledger.map((r) => [r.id, r.amount])).toEqual([
      [`claim:T1/${sale.id}/earn@1/base/0/points`, 50],
    ]);
    expect(await balanceOf('M1')).toBe(50);

    const again = await claim({ token: tokenOf(sale), memberId: 'M1' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, replayed: true });

    const other = await claim({ token: tokenOf(sale), card: '2620000000026' });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ type: 'claim-taken' });
    expect(other.body.error?.message).toContain('already claimed by another member');
    expect(await balanceOf('M1')).toBe(50);
    expect(await balanceOf('M2')).toBe(0);

    // One event on the server's own stream, in the sale's store, hashed like a till's.
    const events = await s.journal.page(0, 10, 'hq');
    expect(events.map((e) => [e.id, e.type, e.store_id])).toEqual([
      [first.body.claimId, 'points-claimed', 's1'],
    ]);
    expect(eventHash(JSON.parse(events[0]?.body ?? '{}') as object)).toBe(events[0]?.hash);
  });

  it('a refold books the claimed rows once, from the event (no evaluation again)', async () => {
    const sale = anonymousSale();
    await push([sale]);
    await claim({ token: tokenOf(sale), memberId: 'M1' });
    const rowsBefore = (await s.ledger.ofMember('M1')).map((r) => [r.entry_id, r.amount, r.terminal_id]);
    // The program is retired after the claim: a refold that evaluated again would find nothing.
    await s.transaction((tx) => tx.programs.retire('earn', NOW + 1));
    expect(await refoldProjection(s, 'ledger', NOW + 2)).toMatchObject({ ok: true });
    expect((await s.ledger.ofMember('M1')).map((r) => [r.entry_id, r.amount, r.terminal_id])).toEqual(
      rowsBefore,
    );
    expect(rowsBefore).toHaveLength(1);
    expect(await balanceOf('M1')).toBe(50);
  });

  it("evaluates with the versions in force for the sale's store at the sale's time, and the claiming member's tier", async () => {
    const sale = anonymousSale();
    await push([sale]);
    const canonical = (v: unknown) => canonicalize(v) as string;
    const gold = {
      ...earn,
      id: 'gold',
      name: 'Gold bonus',
      rules: [
        {
          id: 'gold',
          name: 'Gold members +7',
          when: { type: 'member-tier', tiers: ['gold'] },
          then: [{ type: 'points-fixed', points: 7 }],
        },
      ],
    };
    await s.transaction(async (tx) => {
      // Published after the sale: not in force when it happened.
      const doubled = {
        ...earn,
        version: 2,
        rules: [{ ...earn.rules[0], then: [{ ...earn.rules[0]!.then[0], points: 20 }] }],
      };
      await tx.programs.publish(
        { programId: 'earn', version: 2, body: doubled, scopeStores: null },
        sale.createdAt + 1,
        canonical,
      );
      // Another store's program.
      await tx.programs.publish(
        { programId: 'utrecht', version: 1, body: { ...earn, id: 'utrecht' }, scopeStores: ['s2'] },
        1,
        canonical,
      );
      await tx.programs.publish(
        { programId: 'gold', version: 1, body: gold, scopeStores: ['s1'] },
        1,
        canonical,
      );
      await tx.members.upsert([
        {
          memberId: 'M1',
          homeStoreId: 's1',
          fullName: 'Johanna de Vries',
          enrolledAt: 1,
          optedIn: true,
          tier: 'gold',
          cards: ['2620000000019'],
        },
      ]);
    });
    const r = await claim({ token: tokenOf(sale), memberId: 'M1' });
    expect(r.body.ledger.map((e) => [e.ruleId, e.amount])).toEqual([
      ['base', 50],
      ['gold', 7],
    ]);
    expect(r.body.points).toBe(57);
    expect(await balanceOf('M1')).toBe(57);
  });

  it('a sale that earned for a member cannot be claimed', async () => {
    const base = makeSale({ ...T1, seq: 1, prevHash: GENESIS_HASH });
    const loyalty = { memberId: 'M1', provisionalCard: null, programs: [], ledger: [] };
    const unsigned = { ...base, memberId: 'M1', loyalty };
    const sale = { ...unsigned, hash: eventHash(unsigned) } as SaleEvent;
    await push([sale]);
    const r = await claim({ token: tokenOf(sale), memberId: 'M2' });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ type: 'claim-sale-has-member' });
    expect(await balanceOf('M2')).toBe(0);
  });

  it('a forged or mistyped token is refused, and books nothing', async () => {
    const sale = anonymousSale();
    await push([sale]);
    // Signed by another till of the same store, naming T1's sale.
    const byT2 = await claim({ token: tokenOf(sale, TOKEN_T2), memberId: 'M1' });
    expect(byT2.status).toBe(422);
    expect(byT2.body.error).toMatchObject({ type: 'claim-token-forged' });
    // A real till's key, but another store named.
    const otherStore = signClaimToken(
      { storeId: 's2', terminalId: 'T1', saleId: sale.id },
      claimKeyFromTerminalToken(TOKEN_T1),
    );
    expect((await claim({ token: otherStore, memberId: 'M1' })).body.error).toMatchObject({
      type: 'claim-token-forged',
    });
    const garbage = await claim({ token: 'KASSA-C1:not-a-token', memberId: 'M1' });
    expect(garbage.status).toBe(422);
    expect(garbage.body.error?.message).toMatch(/not a Kassa claim code/);
    expect((await claim({ token: tokenOf(sale), memberId: 'M1', card: '2620000000019' })).status).toBe(422);
    expect((await claim({ token: 'x'.repeat(1000), memberId: 'M1' })).status).toBe(422);
    expect((await claim({ token: 'x'.repeat(10_000), memberId: 'M1' })).status).toBe(413);
    expect((await claim({ token: tokenOf(sale), memberId: 'M1' }, 'not-the-admin')).status).toBe(401);
    expect(await balanceOf('M1')).toBe(0);
    expect(await s.journal.page(0, 10, 'hq')).toEqual([]);
  });

  it('a sale not at HQ yet: try again later, and then it works; an unknown member is a 404', async () => {
    const sale = anonymousSale();
    const early = await claim({ token: tokenOf(sale), memberId: 'M1' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ type: 'claim-sale-not-synced' });
    expect(early.body.error?.message).toMatch(/not reached HQ yet.*try again later/);
    await push([sale]);
    expect((await claim({ token: tokenOf(sale), memberId: 'nobody' })).status).toBe(404);
    expect((await claim({ token: tokenOf(sale), memberId: 'M1' })).body).toMatchObject({ points: 50 });
  });

  it('the claim window is 30 days from the sale', async () => {
    const sale = anonymousSale();
    await push([sale]);
    now = sale.createdAt + 30 * DAY + 1;
    const late = await claim({ token: tokenOf(sale), memberId: 'M1' });
    expect(late.status).toBe(410);
    expect(late.body.error).toMatchObject({ type: 'claim-expired' });
    now = sale.createdAt + 30 * DAY;
    expect((await claim({ token: tokenOf(sale), memberId: 'M1' })).status).toBe(201);
    // A retry after the window still answers the claim that was made.
    now = sale.createdAt + 90 * DAY;
    expect((await claim({ token: tokenOf(sale), memberId: 'M1' })).body).toMatchObject({
      points: 50,
      replayed: true,
    });
  });
});
