import type { ReturnEvent, SaleEvent } from '../../../../core/journal';
import { POINTS_ACCOUNT } from '../../../../core/loyalty/balance-rule';
import { formatMoney, type Cents } from '../../../../core/money';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { tenderOf, type ReceiptTender } from '../receipt/receipt';

/**
 * What a return receipt says, formatted for the store (currency, locale, time zone): the sale it
 * belongs to, the lines back with their refunds, the money back by tender type, and the member's
 * points taken back and credited back with the balance after. Pure, like receipt.ts.
 */
export interface ReturnReceipt {
  returnId: string;
  seq: number;
  saleSeq: number;
  saleDate: string;
  lines: { lineId: string; name: string; quantity: string; refund: string }[];
  total: string;
  refunds: ReceiptTender[];
  /** Points the return took back (a positive number), 0 when none. */
  pointsTakenBack: number;
  /** Spent points the return credited back, 0 when none. */
  pointsCredited: number;
  /** The member's spendable balance after the return (balance rule), null when not known here. */
  newBalance: number | null;
  reason: string;
}

export function returnReceiptOf(
  event: ReturnEvent,
  sale: Pick<SaleEvent, 'seq' | 'createdAt'>,
  store: Pick<StoreSettings, 'locale' | 'timeZone'>,
  newBalance: number | null,
): ReturnReceipt {
  const { locale } = store;
  const money = (c: number) => formatMoney(c as Cents, event.currency, locale);
  const kg = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const points = (event.loyalty?.ledger ?? []).filter((e) => e.account === POINTS_ACCOUNT);
  return {
    returnId: event.id,
    seq: event.seq,
    saleSeq: sale.seq,
    saleDate: new Intl.DateTimeFormat(locale, { timeZone: store.timeZone, dateStyle: 'medium' }).format(
      sale.createdAt,
    ),
    lines: event.lines.map((l) => ({
      lineId: l.lineId,
      name: l.name,
      quantity: l.weightGrams !== undefined ? `${kg.format(l.weightGrams / 1000)} kg` : `${l.quantity} ×`,
      refund: money(l.refundCents),
    })),
    total: money(event.totalCents),
    refunds: event.refunds.map((t) => tenderOf(t, money)),
    pointsTakenBack: points.filter((e) => e.amount < 0).reduce((n, e) => n - e.amount, 0),
    pointsCredited: points.filter((e) => e.amount > 0).reduce((n, e) => n + e.amount, 0),
    newBalance,
    reason: event.reason,
  };
}
