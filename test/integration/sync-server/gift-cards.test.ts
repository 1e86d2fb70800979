import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { normalizeSignedCode, verifySignedCode } from '../../../core/scan/signed-code';
import { giftCardBalanceSchema, giftCardPath } from '../../../core/sync/gift-card-protocol';
import { syncPaths } from '../../../core/sync/protocol';
import { GIFT_CARD_FORMAT_ID, terminalKeysPath, terminalKeysSchema } from '../../../core/sync/terminal-keys';
import { exceptionsReport } from '../../../sync-server/src/domain/admin-reports';
import { giftCardFormat } from '../../../sync-server/src/domain/gift-cards/format';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import { hashSecret } from '../../../sync-server/src/domain/tokens';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { quietApp } from './support/app';
import { giftCardTill } from './support/gift-card-sales';
import { amsterdamStore, pairedTerminal } from './support/seed';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/**
 * Gift cards and store credit on the server: HQ issues and tops up a card, tills spend it (online
 * or offline, in any store of the chain) and refund to it; the card's ledger is its own, in cents,
 * balance = Σ rows, each row once however often a sale is pushed or the ledger refolded; an
 * overdraft two offline tills made is accepted and raised once.
 */
const ADMIN = 'admin-token-for-tests';
const NOW = Date.UTC(2026, 10, 25, 8, 0, 0);
const TILLS = [
  { terminalId: 'T1', storeId: 's1', token: 'till-one-token' },
  { terminalId: 'T2', storeId: 's1', token: 'till-two-token' },
  { terminalId: 'R1', storeId: 's2', token: 'rotterdam-till-token' },
] as const;
type Till = (typeof TILLS)[number];

describe.each([sqliteAdapter(), postgresAdapter()])('gift cards: $name', (adapter: AdapterUnderTest) => {
  let s: Storage;
  let app: FastifyInstance;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    await s.transaction(async (tx) => {
      await tx.stores.upsert(amsterdamStore(), 1);
      await tx.stores.upsert(amsterdamStore('s2', 'Winkel Rotterdam'), 1);
      for (const t of TILLS) await tx.terminals.insert(pairedTerminal(t, hashSecret(t.token)));
    });
    app = await quietApp(s, ADMIN, () => NOW);
  });
  afterEach(async () => {
    await app.close();
    await s.close();
  });

  const admin = (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${ADMIN}` },
      ...(payload ? { payload } : {}),
    });
  const issue = async (amountCents: number, key: string, kind = 'gift-card') => {
    const r = await admin('POST', '/admin/gift-cards', { kind, amountCents, storeId: 's1', key });
    expect(r.statusCode).toBe(201);
    return r.json<{ code: string; balanceCents: number }>().code;
  };
  const push = async (till: Till, docs: readonly object[]) => {
    const r = await app.inject({
      method: 'POST',
      url: syncPaths.push('journal'),
      headers: { authorization: `Bearer ${till.token}` },
      payload: docs.map((d) => ({ newDocumentState: { ...d, _deleted: false } })),
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual([]);
  };
  const lookup = (code: string, till: Till | null = TILLS[0]) =>
    app.inject({
      method: 'GET',
      url: giftCardPath(code),
      headers: till ? { authorization: `Bearer ${till.token}` } : {},
    });
  const balance = async (code: string) =>
    giftCardBalanceSchema.parse((await lookup(code)).json()).balanceCents;
  const ledgerSum = async (code: string) =>
    (await s.giftCards.moves(code)).reduce((sum, r) => sum + r.amount_cents, 0);
  const overdrawn = async () =>
    (await exceptionsReport(s, { limit: 100 })).exceptions.filter((x) => x.kind === 'gift-card-overdrawn');

  it('issue → top-up → a sale spends part: the balance follows, a second push and a refold add nothing', async () => {
    const code = await issue(2_500, 'order-1001');
    // A real code of the chain's format: a till verifies it offline with the keys it was given.
    const keys = terminalKeysSchema
      .parse(
        (
          await app.inject({
            method: 'GET',
            url: terminalKeysPath,
            headers: { authorization: `Bearer ${TILLS[2].token}` },
          })
        ).json(),
      )
      .codes?.find((c) => c.formatId === GIFT_CARD_FORMAT_ID)?.keys;
    const tillFormat = {
      ...(await giftCardFormat(s)),
      keys: (keys ?? []).map((k) => ({
        id: k.keyId,
        secret: new Uint8Array(Buffer.from(k.key, 'base64url')),
      })),
    };
    expect(verifySignedCode(normalizeSignedCode(code, tillFormat), tillFormat)).toMatchObject({ ok: true });
    expect(code).toMatch(/^9826\d{16}$/);
    const again = await admin('POST', '/admin/gift-cards', {
      kind: 'gift-card',
      amountCents: 2_500,
      storeId: 's1',
      key: 'order-1001',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ code, balanceCents: 2_500, replayed: true });

    const load = await admin('POST', `/admin/gift-cards/${code}/load`, {
      amountCents: 1_000,
      key: 'topup-1',
    });
    expect(load.statusCode).toBe(201);
    expect(load.json()).toMatchObject({ code, balanceCents: 3_500, replayed: false });
    expect(
      (await admin('POST', `/admin/gift-cards/${code}/load`, { amountCents: 1_000, key: 'topup-1' }))
        .statusCode,
    ).toBe(200);

    const t1 = giftCardTill(TILLS[0]);
    const sale = t1.sale(code, 1_250, 2_000); // €12.50 from the card, €7.50 cash
    await push(TILLS[0], [sale]);
    expect(await balance(code)).toBe(2_250);
    await push(TILLS[0], [sale]); // the till missed the answer and pushes again
    expect(await balance(code)).toBe(2_250);
    await refoldProjection(s, 'gift-cards', NOW);
    expect(await balance(code)).toBe(2_250);
    expect(await ledgerSum(code)).toBe(2_250);

    const show = await admin('GET', `/admin/gift-cards/${code.slice(0, 4)}-${code.slice(4)}`);
    expect(show.statusCode).toBe(200);
    expect(show.json()).toMatchObject({
      code,
      kind: 'gift-card',
      currency: 'EUR',
      status: 'active',
      balanceCents: 2_250,
      issuedStoreId: 's1',
      history: [
        { reason: 'issued', amountCents: 2_500, terminalId: 'hq' },
        { reason: 'loaded', amountCents: 1_000, terminalId: 'hq' },
        { reason: 'spent', amountCents: -1_250, eventId: sale.id, terminalId: 'T1', storeId: 's1' },
      ],
    });
    expect(await overdrawn()).toEqual([]);
  });

  it('two offline tills spend the same card beyond its value: both sales count, one gift-card-overdrawn names them', async () => {
    const code = await issue(2_500, 'order-1002');
    const t1 = giftCardTill(TILLS[0], NOW + 3_600_000);
    const r1 = giftCardTill(TILLS[2], NOW + 3_660_000);
    const first = t1.sale(code, 2_000);
    const second = r1.sale(code, 2_000); // Rotterdam, a minute later, offline too
    await push(TILLS[0], [first]);
    expect(await overdrawn()).toEqual([]);
    await push(TILLS[2], [second]);
    expect(await balance(code)).toBe(-1_500);
    expect(await ledgerSum(code)).toBe(-1_500);

    const raised = await overdrawn();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ eventId: second.id, terminalId: 'R1', storeId: 's2' });
    expect(raised[0]?.message).toContain('€15.00 beyond what it held');
    expect(raised[0]?.message).toContain('Within what the offline policy allows (€100.00 per card per day');
    expect(raised[0]?.detail).toMatchObject({
      code,
      overdraftCents: 1_500,
      withinOfflineCap: true,
      spends: [
        { eventId: first.id, terminalId: 'T1', amountCents: 2_000 },
        { eventId: second.id, terminalId: 'R1', amountCents: 2_000 },
      ],
    });

    await push(TILLS[2], [second]);
    await refoldProjection(s, 'gift-cards', NOW);
    expect(await overdrawn()).toHaveLength(1);
    expect(await balance(code)).toBe(-1_500);
    // The till takes no more than what is left; the lookup says why there is nothing.
    expect((await lookup(code, TILLS[1])).json()).toMatchObject({ balanceCents: -1_500, status: 'active' });
  });

  it('two tills pushing their spends of one card at the same moment: balance = Σ rows, one exception', async () => {
    const code = await issue(1_000, 'order-1005');
    const spends = [
      { till: TILLS[0], sale: giftCardTill(TILLS[0], NOW).sale(code, 700) },
      { till: TILLS[2], sale: giftCardTill(TILLS[2], NOW + 1_000).sale(code, 700) },
    ];
    // PostgreSQL folds two terminals' pushes in parallel: the card's row serialises them.
    await Promise.all(spends.map((x) => push(x.till, [x.sale])));
    expect(await balance(code)).toBe(-400);
    expect(await ledgerSum(code)).toBe(-400);
    expect(await overdrawn()).toHaveLength(1);
  });

  it('an overdraft above what the offline caps allow says so', async () => {
    const code = await issue(50_000, 'order-1004'); // €500.00
    await push(TILLS[0], [giftCardTill(TILLS[0], NOW + 60_000).sale(code, 40_000)]);
    await push(TILLS[1], [giftCardTill(TILLS[1], NOW + 120_000).sale(code, 40_000)]);
    const [raised] = await overdrawn();
    expect(raised?.message).toContain('€300.00 beyond what it held');
    expect(raised?.message).toContain('Beyond what the offline policy allows');
    expect(raised?.detail).toMatchObject({
      overdraftCents: 30_000,
      withinOfflineCap: false,
      offlineCapCents: 10_000,
    });
  });

  it('a return refunds to the card: the value is back, once', async () => {
    const code = await issue(1_000, 'credit-7', 'store-credit');
    const t1 = giftCardTill(TILLS[0]);
    const sale = t1.sale(code, 800);
    const ret = t1.refund(sale, code, 800);
    await push(TILLS[0], [sale]);
    expect(await balance(code)).toBe(200);
    await push(TILLS[0], [ret]);
    await push(TILLS[0], [sale, ret]);
    expect(await balance(code)).toBe(1_000);
    await refoldProjection(s, 'gift-cards', NOW);
    expect((await lookup(code)).json()).toEqual({
      code,
      kind: 'store-credit',
      currency: 'EUR',
      balanceCents: 1_000,
      status: 'active',
    });
  });

  it('a spend of a code the server never issued is kept and raised, once, not refused', async () => {
    const t1 = giftCardTill(TILLS[0]);
    const sale = t1.sale('98260000009999123456', 500);
    await push(TILLS[0], [sale]);
    await push(TILLS[0], [sale]);
    await issue(100, 'unrelated'); // a server event after it: the refold folds it last
    await refoldProjection(s, 'gift-cards', NOW);
    const raised = await overdrawn();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ eventId: sale.id, terminalId: 'T1' });
    expect(raised[0]?.message).toContain('never issued');
    expect(await ledgerSum('98260000009999123456')).toBe(-500);
    expect(await s.journal.byIds('T1', [sale.id])).toHaveLength(1); // accepted, never refused
  });

  it('the lookup: a terminal token of any store, a clear 404 and 400, 401 without a token', async () => {
    const code = await issue(2_500, 'order-1003');
    const fromRotterdam = await lookup(code, TILLS[2]);
    expect(fromRotterdam.statusCode).toBe(200);
    expect(giftCardBalanceSchema.parse(fromRotterdam.json())).toEqual({
      code,
      kind: 'gift-card',
      currency: 'EUR',
      balanceCents: 2_500,
      status: 'active',
    });
    const anonymous = await lookup(code, null);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { type: 'token-missing' } });
    const unknown = await lookup('98260000000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({
      error: {
        type: 'gift-card-unknown',
        message: 'No gift card or store credit 98260000000000000000 is known to this server.',
      },
    });
    const garbage = await lookup('not a code!');
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json()).toMatchObject({ error: { type: 'gift-card-code-invalid' } });
  });

  it('HQ answers: the admin token, an unknown store or card, a key used for another card', async () => {
    const noToken = await app.inject({ method: 'POST', url: '/admin/gift-cards', payload: {} });
    expect(noToken.statusCode).toBe(401);
    const badStore = await admin('POST', '/admin/gift-cards', {
      kind: 'gift-card',
      amountCents: 500,
      storeId: 'nowhere',
      key: 'k1',
    });
    expect(badStore.statusCode).toBe(404);
    expect(badStore.json()).toEqual({ error: { type: 'store-unknown', message: 'No store nowhere.' } });
    const badBody = await admin('POST', '/admin/gift-cards', {
      kind: 'voucher',
      amountCents: -5,
      storeId: 's1',
      key: 'k2',
    });
    expect(badBody.statusCode).toBe(422);
    expect(badBody.json().error.message).toMatch(/kind.*amountCents/s);
    await issue(500, 'k3');
    const reused = await admin('POST', '/admin/gift-cards', {
      kind: 'gift-card',
      amountCents: 900,
      storeId: 's1',
      key: 'k3',
    });
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ error: { type: 'idempotency-key-reused' } });
    const loadUnknown = await admin('POST', '/admin/gift-cards/98260000000000000000/load', {
      amountCents: 500,
      key: 'k4',
    });
    expect(loadUnknown.statusCode).toBe(404);
    expect(loadUnknown.json()).toMatchObject({ error: { type: 'gift-card-unknown' } });
  });
});
