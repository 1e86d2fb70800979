import { sealEvent } from '../../../../core/journal/hash-chain';
import type { ReturnEvent } from '../../../../core/journal/return-event';
import { GENESIS_HASH, type SaleEvent } from '../../../../core/journal/sale-event';
import type { Tender } from '../../../../core/journal/spend';
import { makeSale } from './sale-events';

/**
 * A till's chain of sales paid (partly) with gift cards, and returns refunded to a card, sealed as
 * a v5 till writes them. Each event follows the last one this till wrote.
 */
export function giftCardTill(till: { terminalId: string; storeId: string }, startAt?: number) {
  let seq = 0;
  let prevHash = GENESIS_HASH;
  const next = <E extends { hash: string }>(e: E): E => {
    prevHash = e.hash;
    return e;
  };
  return {
    /**
     * A sale of `totalCents` (one line): `giftCents` from the card `code`, the rest in cash.
     * `at` moves its createdAt (by default the minute of its seq).
     */
    sale(code: string, giftCents: number, totalCents = giftCents, at?: number): SaleEvent {
      seq++;
      const { hash: _h, ...base } = makeSale({ ...till, seq, prevHash });
      const payments: Tender[] = [{ method: 'gift-card', amountCents: giftCents, code }];
      if (totalCents > giftCents) payments.push({ method: 'cash', amountCents: totalCents - giftCents });
      return next(
        sealEvent<SaleEvent>({
          ...base,
          createdAt: at ?? (startAt !== undefined ? startAt + seq * 60_000 : base.createdAt),
          lines: [
            {
              lineId: 'l1',
              productId: 'p-gift',
              code: '8710000000017',
              name: 'Boeket tulpen',
              quantity: 1,
              unitPriceCents: totalCents,
              amountCents: totalCents,
              discountCents: 0,
            },
          ],
          subtotalCents: totalCents,
          totalCents,
          payments,
        }),
      );
    },
    /** A return of the whole of `sale`, `refundCents` back to the card `code`. */
    refund(sale: SaleEvent, code: string, refundCents: number): ReturnEvent {
      seq++;
      const base = makeSale({ ...till, seq, prevHash });
      return next(
        sealEvent<ReturnEvent>({
          id: base.id,
          type: 'return',
          schemaVersion: 1,
          terminalId: till.terminalId,
          storeId: till.storeId,
          seq,
          prevHash,
          createdAt: base.createdAt,
          businessDay: base.businessDay,
          currency: 'EUR',
          original: {
            saleId: sale.id,
            terminalId: sale.terminalId,
            storeId: sale.storeId,
            seq: sale.seq,
            businessDay: sale.businessDay,
          },
          lines: [
            {
              lineId: 'l1',
              productId: 'p-gift',
              name: 'Boeket tulpen',
              quantity: 1,
              refundCents,
            },
          ],
          totalCents: refundCents,
          refunds: [{ method: 'gift-card', amountCents: refundCents, code }],
          loyalty: null,
          restoredCoupons: [],
          reason: 'defect',
          overrides: [],
        }),
      );
    },
  };
}
