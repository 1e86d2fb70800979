import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIdFactory } from '../../../core/ids/ids';
import { sealEvent } from '../../../core/journal/hash-chain';
import type { ReturnEvent } from '../../../core/journal/return-event';
import { GENESIS_HASH, type SaleEvent } from '../../../core/journal/sale-event';
import { syncPaths } from '../../../core/sync/protocol';
import { saleLookupPath, saleLookupResponseSchema } from '../../../core/sync/sale-lookup-protocol';
import { hashSecret } from '../../../sync-server/src/domain/tokens';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { quietApp } from './support/app';
import { makeSale, makeSaleV1 } from './support/sale-events';
import { amsterdamStore, pairedTerminal } from './support/seed';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/**
 * GET /sync/v1/sales/:saleId: a till finds a sale of its OWN store (another till's, or its own
 * from before a reinstall) with the returns the server already has for it, upcast to today's
 * version; another store's sale is answered exactly like a sale that does not exist.
 */
const ADMIN = 'admin-token-for-tests';
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const A1 = { terminalId: 'A1', storeId: 's1', token: 'amsterdam-one-token' };
const A2 = { terminalId: 'A2', storeId: 's1', token: 'amsterdam-two-token' };
const R1 = { terminalId: 'R1', storeId: 's2', token: 'rotterdam-one-token' };
type Till = typeof A1;
const newId = createIdFactory();

/** A return of one unit of the sale's first line, paid back in cash, written by `till`. */
function returnOf(sale: SaleEvent, till: Till, seq: number, prevHash: string): ReturnEvent {
  const line = sale.lines[0] as SaleEvent['lines'][number];
  const createdAt = sale.createdAt + 3_600_000 + seq;
  return sealEvent<ReturnEvent>({
    id: newId(createdAt),
    type: 'return',
    schemaVersion: 1,
    terminalId: till.terminalId,
    storeId: till.storeId,
    seq,
    prevHash,
    createdAt,
    businessDay: sale.businessDay,
    currency: 'EUR',
    original: {
      saleId: sale.id,
      terminalId: sale.terminalId,
      storeId: sale.storeId,
      seq: sale.seq,
      businessDay: sale.businessDay,
    },
    lines: [
      { lineId: line.lineId, productId: line.productId, name: line.name, quantity: 1, refundCents: 129 },
    ],
    totalCents: 129,
    refunds: [{ method: 'cash', amountCents: 129 }],
    loyalty: null,
    restoredCoupons: [],
    reason: 'leaking carton',
    overrides: [],
  } as Omit<ReturnEvent, 'hash'>);
}

describe.each([sqliteAdapter(), postgresAdapter()])('sale lookup: $name', (adapter: AdapterUnderTest) => {
  let s: Storage;
  let app: FastifyInstance;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    await s.transaction(async (tx) => {
      await tx.stores.upsert(amsterdamStore('s1'), 1);
      await tx.stores.upsert(amsterdamStore('s2', 'Winkel Rotterdam'), 1);
      for (const t of [A1, A2, R1]) await tx.terminals.insert(pairedTerminal(t, hashSecret(t.token)));
    });
    app = await quietApp(s, ADMIN, () => NOW);
  });
  afterEach(async () => {
    await app.close();
    await s.close();
  });

  const push = async (till: Till, docs: readonly object[]) => {
    const r = await app.inject({
      method: 'POST',
      url: syncPaths.push('journal'),
      headers: { authorization: `Bearer ${till.token}` },
      payload: docs.map((d) => ({ newDocumentState: { ...d, _deleted: false } })),
    });
    expect(r.statusCode).toBe(200);
  };
  const lookup = (saleId: string, till: Till | null) =>
    app.inject({
      method: 'GET',
      url: saleLookupPath(saleId),
      headers: till ? { authorization: `Bearer ${till.token}` } : {},
    });

  it("answers another till's sale of the same store with the returns already made of it", async () => {
    const sale = makeSale({ ...A1, seq: 1, prevHash: GENESIS_HASH });
    await push(A1, [sale]);
    const first = returnOf(sale, A2, 1, GENESIS_HASH);
    const second = returnOf(sale, A1, 2, sale.hash);
    await push(A2, [first]);
    await push(A1, [second]);

    const r = await lookup(sale.id, A2);
    expect(r.statusCode).toBe(200);
    const body = saleLookupResponseSchema.parse(r.json());
    expect(body.sale).toEqual(sale);
    expect(body.returns.map((x) => x.id)).toEqual([first.id, second.id]);
    expect(body.returns[0]?.reason).toBe('leaking carton');
  });

  it('upcasts a sale an older till wrote to the current version', async () => {
    const old = makeSaleV1({ ...A1, seq: 1, prevHash: GENESIS_HASH });
    await push(A1, [old]);
    const body = saleLookupResponseSchema.parse((await lookup(old.id, A2)).json());
    expect(body.sale.schemaVersion).toBe(5);
    expect(body.sale.totalCents).toBe(504);
    expect(body.sale.payments).toEqual(old.payments);
    expect(body.sale.redemptions).toEqual([]);
    expect(body.returns).toEqual([]);
  });

  it("answers another store's sale as unknown, exactly like one that does not exist; no token is 401", async () => {
    const rotterdam = makeSale({ ...R1, seq: 1, prevHash: GENESIS_HASH });
    await push(R1, [rotterdam]);
    expect((await lookup(rotterdam.id, R1)).statusCode).toBe(200);

    const foreign = await lookup(rotterdam.id, A1);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual({
      error: { type: 'sale-unknown', message: `This store has no sale ${rotterdam.id} on the server (yet).` },
    });
    expect(foreign.body).not.toContain('Bananen');
    const missing = await lookup('01KBZZZZZZZZZZZZZZZZZZZZZZ', A1);
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ error: { type: string } }>().error.type).toBe('sale-unknown');

    const anonymous = await lookup(rotterdam.id, null);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).not.toContain('Bananen');
  });

  it("leaves out a return that names the sale's id but another till's sale", async () => {
    const sale = makeSale({ ...A1, seq: 1, prevHash: GENESIS_HASH });
    await push(A1, [sale]);
    const stray = returnOf({ ...sale, terminalId: 'A2' }, A2, 1, GENESIS_HASH);
    await push(A2, [stray]);
    expect(saleLookupResponseSchema.parse((await lookup(sale.id, A1)).json()).returns).toEqual([]);
  });
});
