import type { ShownBalance } from '../../../../core/loyalty/balance-rule';
import type { SaleEvent, Tender } from '../../../../core/journal';
import { formatReceiptCode } from '../../../../core/scan/receipt-code';
import { formatMoney, type Cents } from '../../../../core/money';
import type { Evaluation } from '../../../../core/rules';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { LoyaltyLine } from '../../i18n/loyalty-text';
import { POINTS_TENDER_RULE, SPEND_PROGRAM_ID } from '../../../../core/loyalty/spend-ids';

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

/** One payment (or, on a return receipt, one refund) by its type, formatted. */
export type ReceiptTender =
  | { method: 'cash'; amount: string; tendered: string; change: string }
  | { method: 'card'; amount: string }
  /** Points paid (or credited back) and what they were worth. */
  | { method: 'points'; amount: string; points: number }
  /** A gift card (or store credit), its code masked: a receipt is no way to read a card's code. */
  | { method: 'gift-card'; amount: string; code: string };

/** A gift card's code as a receipt shows it: only its last four characters. */
export function maskGiftCardCode(code: string): string {
  return `•••• ${code.slice(-4)}`;
}

/** A payment or refund as the receipt says it, amounts in the store's format. */
export function tenderOf(t: Tender, money: (cents: number) => string): ReceiptTender {
  switch (t.method) {
    case 'cash':
      return {
        method: 'cash',
        amount: money(t.amountCents),
        tendered: money(t.tenderedCents ?? t.amountCents),
        change: money(t.changeCents ?? 0),
      };
    case 'card':
      return { method: 'card', amount: money(t.amountCents) };
    case 'points':
      return { method: 'points', amount: money(t.amountCents), points: t.points ?? 0 };
    case 'gift-card':
      return { method: 'gift-card', amount: money(t.amountCents), code: maskGiftCardCode(t.code ?? '') };
  }
}

export interface ReceiptLoyalty {
  /** The masked name ("J. de V…"), or the card of a provisional member; null for a sale without one. */
  member: string | null;
  /** Points earned per points currency: "+45 points". */
  earned: { unit: string; points: number }[];
  /** The spendable points this sale earned (the balance rule's account; what it spent is apart). */
  pointsEarned: number;
  /** Rewards redeemed on this sale, with the points each cost (a points payment is in the tender). */
  redeemed: { text: string; points: number }[];
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
  /**
   * The code that finds this sale again for a return (core/scan/receipt-code.ts), printed as text
   * and as a QR code; null only when an id cannot be carried by the code.
   */
  code: string | null;
  /** The vouchers this sale issued, for a later visit: printed as text and as a QR code. */
  vouchers: ReceiptVoucher[];
}

export interface ReceiptVoucher {
  /** The code as the scanner reads it (the QR code's text). */
  code: string;
  /** The code as printed, in groups of five a cashier can type. */
  printed: string;
  value: string;
  /** The last day it can be used, in the store's time zone; null when the sale did not say. */
  validUntil: string | null;
}

/** A code in groups of five ("KCV00-K0000-…"): hyphens are ignored when it is typed back. */
export function groupedCode(code: string): string {
  return (code.match(/.{1,5}/g) ?? []).join('-');
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
  const points = (sale.loyalty?.ledger ?? []).filter((e) => e.account === 'points');
  const day = new Intl.DateTimeFormat(locale, { timeZone: store.timeZone, dateStyle: 'medium' });
  const pointsEarned = points.reduce((n, e) => (e.programId === SPEND_PROGRAM_ID ? n : n + e.amount), 0);
  // The points tender's row is the tender line's; the other spend rows are rewards redeemed.
  const redeemed = points
    .filter((e) => e.programId === SPEND_PROGRAM_ID && e.amount < 0 && e.ruleId !== POINTS_TENDER_RULE)
    .map((e) => ({ text: e.text, points: -e.amount }));
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
    tender: sale.payments.map((p) => tenderOf(p, money)),
    loyalty: {
      member: member?.name ?? null,
      earned: Object.entries(evaluation?.points ?? {})
        .filter(([, n]) => n !== 0)
        .map(([unit, points]) => ({ unit, points })),
      pointsEarned,
      redeemed,
      reasons: (evaluation?.trace ?? [])
        .filter((t) => t.outcome === 'applied' || t.outcome === 'capped')
        .map(({ text, message }) => ({ text, message })),
      newBalance: member?.balance?.spendable ?? null,
      hint: hintOf(evaluation),
      tierNext: member?.tierNext ?? null,
    },
    code: receiptCodeOf(sale),
    // A sale written before v5 (a test fixture, a migrated journal) may have no issuedCodes.
    vouchers: (sale.issuedCodes ?? [])
      .filter((c) => c.kind === 'voucher')
      .map((c) => ({
        code: c.code,
        printed: groupedCode(c.code),
        value: money(c.valueCents ?? 0),
        validUntil: c.validUntil === undefined ? null : day.format(c.validUntil),
      })),
  };
}

/** The receipt code of a sale: `KASSA-R:<storeId>:<terminalId>:<saleId>`. */
export function receiptCodeOf(sale: Pick<SaleEvent, 'storeId' | 'terminalId' | 'id'>): string | null {
  const code = formatReceiptCode({ storeId: sale.storeId, terminalId: sale.terminalId, saleId: sale.id });
  return code.ok ? code.value : null;
}
