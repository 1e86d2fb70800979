import { createIdFactory } from '../../../../core/ids/ids';
import { sealEvent } from '../../../../core/journal/hash-chain';
import { eventHash } from '../../../../core/journal/hash-chain';
import { GENESIS_HASH, type SaleEvent, type SaleEventV1 } from '../../../../core/journal/sale-event';

const nextId = createIdFactory();
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

export interface SaleOptions {
  terminalId: string;
  storeId: string;
  seq: number;
  prevHash: string;
}

/** A sealed sale as a till writes it today (v5, no member, no round-up): two lines (one weighed), paid in cash. */
export function makeSale(o: SaleOptions): SaleEvent {
  const createdAt = T0 + o.seq * 60_000;
  return sealEvent<SaleEvent>({
    id: nextId(createdAt),
    type: 'sale',
    terminalId: o.terminalId,
    storeId: o.storeId,
    seq: o.seq,
    prevHash: o.prevHash,
    createdAt,
    businessDay: '2026-11-25',
    schemaVersion: 5,
    currency: 'EUR',
    lines: [
      {
        lineId: 'l1',
        productId: 'p-8710000000017',
        code: '8710000000017',
        name: 'Campina Halfvolle melk 1 L',
        quantity: 2,
        unitPriceCents: 129,
        amountCents: 258,
        discountCents: 0,
      },
      {
        lineId: 'l2',
        productId: 'p-2110001',
        code: '2110001',
        name: 'Bananen',
        quantity: 1,
        weightGrams: 1234,
        unitPriceCents: 199,
        amountCents: 246,
        discountCents: 0,
      },
    ],
    subtotalCents: 504,
    discountCents: 0,
    totalCents: 504,
    payments: [{ method: 'cash', amountCents: 504, tenderedCents: 1000, changeCents: 496 }],
    memberId: null,
    loyalty: null,
    flags: [],
    donations: [],
    redemptions: [],
    coupons: [],
    issuedCodes: [],
    overrides: [],
  });
}

/**
 * The same sale as the landed tills wrote it (schemaVersion 1: no subtotal, no discounts, no
 * memberId), sealed over exactly these fields — for the upgrade tests.
 */
export function makeSaleV1(o: SaleOptions): SaleEventV1 {
  const createdAt = T0 + o.seq * 60_000;
  const unsigned: Omit<SaleEventV1, 'hash'> = {
    id: nextId(createdAt),
    type: 'sale',
    terminalId: o.terminalId,
    storeId: o.storeId,
    seq: o.seq,
    prevHash: o.prevHash,
    createdAt,
    businessDay: '2026-11-25',
    schemaVersion: 1,
    currency: 'EUR',
    lines: [
      {
        lineId: 'l1',
        productId: 'p-8710000000017',
        code: '8710000000017',
        name: 'Campina Halfvolle melk 1 L',
        quantity: 2,
        unitPriceCents: 129,
        amountCents: 258,
      },
      {
        lineId: 'l2',
        productId: 'p-2110001',
        code: '2110001',
        name: 'Bananen',
        quantity: 1,
        weightGrams: 1234,
        unitPriceCents: 199,
        amountCents: 246,
      },
    ],
    totalCents: 504,
    payments: [{ method: 'cash', amountCents: 504, tenderedCents: 1000, changeCents: 496 }],
  };
  return { ...unsigned, hash: eventHash(unsigned) };
}

/** `count` chained sales starting at `fromSeq` (after `prevHash`). */
export function saleChain(
  terminalId: string,
  storeId: string,
  count: number,
  fromSeq = 1,
  prevHash = GENESIS_HASH,
): SaleEvent[] {
  const out: SaleEvent[] = [];
  let prev = prevHash;
  for (let seq = fromSeq; seq < fromSeq + count; seq++) {
    const e = makeSale({ terminalId, storeId, seq, prevHash: prev });
    out.push(e);
    prev = e.hash;
  }
  return out;
}

/** RxDB push rows for events (new documents: no assumed master state). */
export function pushRows(events: readonly SaleEvent[]) {
  return events.map((e) => ({ assumedMasterState: null, newDocumentState: { ...e, _deleted: false } }));
}

/**
 * A sale as an older till wrote it: the current sale's fields of later versions dropped, the
 * version set and the document sealed again over exactly what is left (for the upgrade tests).
 */
export function asOlderSale(sale: SaleEvent, version: 3 | 4): Record<string, unknown> & { hash: string } {
  const {
    hash: _h,
    redemptions: _r,
    coupons: _c,
    issuedCodes: _i,
    overrides: _o,
    flags,
    donations,
    ...common
  } = sale;
  const unsigned = { ...common, ...(version === 4 ? { flags, donations } : {}), schemaVersion: version };
  return { ...unsigned, hash: eventHash(unsigned) };
}
