import type { ShownBalance } from '../../../../core/loyalty/balance-rule';
import type { SaleEvent } from '../../../../core/journal';
import { formatMoney, type Cents } from '../../../../core/money';
import type { Evaluation } from '../../../../core/rules';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { LoyaltyLine } from '../../i18n/loyalty-text';

/**
 * What a receipt says, every amount and moment already formatted for the store (its currency,
 * locale and time zone), so the component only lays it out and a test can read it as a shopper
 * would. Pure: fed by the sale event as written, the evaluation it was written with, and the
 * member's balance by the balance rule.
 */
export interface ReceiptLine {
  lineId: string;
  name: string;
  /** "2 ×" or "0,512 kg". */
  quantity: string;
  amount: string;
  /** The loyalty discount on this line ("−€ 0,50"), null when none. */
  discount: string | null;
}

export type ReceiptTender =
  | { method: 'cash'; amount: string; tendered: string; change: string }
  | { method: 'card'; amount: string };

export interface ReceiptLoyalty {
  /** The masked name ("J. de V…"), or the card of a provisional member; null for a sale without one. */
  member: string | null;
  /** Points earned per points currency: "+45 points". */
  earned: { unit: string; points: number }[];
  /** The spendable points this sale added (the balance rule's account). */
  pointsEarned: number;
  /**
   * Why: the engine's trace lines ("2× points (+45) — Weekend double points"), which the view says
   * in the till's language (i18n/loyalty-text.ts).
   */
  reasons: LoyaltyLine[];
  /** The member's spendable balance after this sale (balance rule), null when not known here. */
  newBalance: number | null;
  /** The nearest near-miss hint ("Spend €4.50 more for 100 bonus points"), said like the reasons. */
  hint: LoyaltyLine | null;
  /** The way to the next tier after this sale ("3.000 punten tot Gold"), null when none to name. */
  tierNext: string | null;
}

export interface Receipt {
  storeName: string;
  saleId: string;
  seq: number;
  /** Date and time in the store's time zone. */
  dateTime: string;
  lines: ReceiptLine[];
  subtotal: string;
  /** null when no line had a discount. */
  discount: string | null;
  total: string;
  /** What the customer gave on top of the goods (a round-up), per cause; the tender covers it. */
  donations: { cause: string; amount: string }[];
  tender: ReceiptTender[];
  loyalty: ReceiptLoyalty;
}

export interface ReceiptMember {
  /** As the panel shows it: the masked name, or the provisional card's number. */
  name: string;
  /** The balance rule over the member and this till's events, the sale included. */
  balance: ShownBalance | undefined;
  /** The way to the next tier with this sale counted, as the panel says it; null when none. */
  tierNext?: string | null;
}

/** The nearest hint, as the engine said it (text and message). */
function hintOf(evaluation: Evaluation | null): LoyaltyLine | null {
  const hint = evaluation?.nearMisses[0];
  return hint ? { text: hint.text, message: hint.message } : null;
}

export function receiptOf(
  sale: SaleEvent,
  evaluation: Evaluation | null,
  store: Pick<StoreSettings, 'name' | 'locale' | 'timeZone'>,
  member: ReceiptMember | null = null,
): Receipt {
  const { locale } = store;
  const money = (c: number) => formatMoney(c as Cents, sale.currency, locale);
  const kg = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone: store.timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(sale.createdAt);
  const pointsEarned = (sale.loyalty?.ledger ?? []).reduce(
    (n, e) => (e.account === 'points' ? n + e.amount : n),
    0,
  );
  return {
    storeName: store.name,
    saleId: sale.id,
    seq: sale.seq,
    dateTime,
    lines: sale.lines.map((l) => ({
      lineId: l.lineId,
      name: l.name,
      quantity: l.weightGrams !== undefined ? `${kg.format(l.weightGrams / 1000)} kg` : `${l.quantity} ×`,
      amount: money(l.amountCents),
      discount: l.discountCents > 0 ? `−${money(l.discountCents)}` : null,
    })),
    subtotal: money(sale.subtotalCents),
    discount: sale.discountCents > 0 ? `−${money(sale.discountCents)}` : null,
    total: money(sale.totalCents),
    donations: sale.donations.map((d) => ({ cause: d.cause, amount: money(d.cents) })),
    tender: sale.payments.map((p) =>
      p.method === 'cash'
        ? {
            method: 'cash',
            amount: money(p.amountCents),
            tendered: money(p.tenderedCents ?? p.amountCents),
            change: money(p.changeCents ?? 0),
          }
        : { method: 'card', amount: money(p.amountCents) },
    ),
    loyalty: {
      member: member?.name ?? null,
      earned: Object.entries(evaluation?.points ?? {})
        .filter(([, n]) => n !== 0)
        .map(([unit, points]) => ({ unit, points })),
      pointsEarned,
      reasons: (evaluation?.trace ?? [])
        .filter((t) => t.outcome === 'applied' || t.outcome === 'capped')
        .map(({ text, message }) => ({ text, message })),
      newBalance: member?.balance?.spendable ?? null,
      hint: hintOf(evaluation),
      tierNext: member?.tierNext ?? null,
    },
  };
}
