import type { Product } from '../catalog/product';
import type { ReturnEvent, ReturnLine } from '../journal/return-event';
import type { SaleEvent, SaleLine } from '../journal/sale-event';
import { err, ok, type Result } from '../result/result';
import { basketLineFromSale } from '../rules/from-sale';
import type { Basket } from '../rules/model';

/**
 * What of a sale can still come back (issue 9), line by line. A line is counted in units, or in
 * grams for a weighed line (its quantity is 1). Money follows the cumulative share: after r of n
 * units have come back, Σ refunds of the line = floor(net × r / n), and the return that takes the
 * last unit gets the remainder — so however a line is returned in parts, the refunds add up to
 * exactly what it cost (amountCents − discountCents), never more.
 */

/**
 * part of `total` for `part` of `whole`, rounded down; the whole gets all of it (the remainder).
 * Exact at the journal's bounds too: 10^9 points × 10^11 cents is far beyond 2^53, where the
 * product in doubles rounds and floor() could give a point more than the member is owed.
 */
export function shareOf(total: number, part: number, whole: number): number {
  if (whole <= 0 || part <= 0) return 0;
  if (part >= whole) return total;
  const product = total * part;
  const integers = Number.isInteger(total) && Number.isInteger(part) && Number.isInteger(whole);
  if (Number.isSafeInteger(product) || !integers) return Math.floor(product / whole);
  const n = BigInt(total) * BigInt(part);
  const d = BigInt(whole);
  // BigInt division truncates toward zero; floor for a negative total.
  const q = n / d;
  return Number(n % d !== 0n && n < 0n ? q - 1n : q);
}

/** The returns that belong to this sale (a caller may hand over more). */
export function returnsOfSale(sale: SaleEvent, returns: readonly ReturnEvent[]): ReturnEvent[] {
  return returns.filter((r) => r.original.saleId === sale.id);
}

const isWeighed = (l: SaleLine): boolean => l.weightGrams !== undefined;
/** Units or grams the line holds. */
const wholeOf = (l: SaleLine): number => l.weightGrams ?? l.quantity;
/** What the line cost the customer. */
export const netOf = (l: SaleLine): number => Math.max(0, l.amountCents - l.discountCents);

/** How far each line of the sale has been returned already. */
export interface LineProgress {
  readonly line: SaleLine;
  /** Units (or grams) the line held. */
  readonly whole: number;
  /** Units (or grams) returned by earlier returns. */
  readonly returned: number;
  /** Cents refunded for it by earlier returns. */
  readonly refunded: number;
}

export function lineProgress(sale: SaleEvent, priorReturns: readonly ReturnEvent[]): LineProgress[] {
  const returned = new Map<string, number>();
  const refunded = new Map<string, number>();
  const byId = new Map(sale.lines.map((l) => [l.lineId, l]));
  for (const r of returnsOfSale(sale, priorReturns)) {
    for (const rl of r.lines) {
      const line = byId.get(rl.lineId);
      if (!line) continue;
      const units = isWeighed(line) ? (rl.weightGrams ?? wholeOf(line)) : rl.quantity;
      returned.set(rl.lineId, (returned.get(rl.lineId) ?? 0) + units);
      refunded.set(rl.lineId, (refunded.get(rl.lineId) ?? 0) + rl.refundCents);
    }
  }
  return sale.lines.map((line) => {
    const whole = wholeOf(line);
    return {
      line,
      whole,
      returned: Math.min(whole, returned.get(line.lineId) ?? 0),
      refunded: Math.min(netOf(line), refunded.get(line.lineId) ?? 0),
    };
  });
}

/** The refund for `units` more of a line: the cumulative share minus what was refunded already. */
export function refundFor(p: LineProgress, units: number): number {
  const net = netOf(p.line);
  const target = shareOf(net, p.returned + units, p.whole);
  return Math.max(0, Math.min(net, target) - p.refunded);
}

export interface ReturnableLine {
  lineId: string;
  productId: string;
  name: string;
  /** Units still returnable (a weighed line: 1 while grams are left, else 0). */
  quantity: number;
  /** Grams still returnable, for a weighed line. */
  weightGrams?: number;
  /** What returning all of the rest refunds. */
  refundableCents: number;
}

/** Per original line: what has not come back yet and the money still refundable for it. */
export function returnableLines(sale: SaleEvent, priorReturns: readonly ReturnEvent[]): ReturnableLine[] {
  return lineProgress(sale, priorReturns).map((p) => {
    const left = p.whole - p.returned;
    const weighed = isWeighed(p.line);
    return {
      lineId: p.line.lineId,
      productId: p.line.productId,
      name: p.line.name,
      quantity: weighed ? (left > 0 ? 1 : 0) : left,
      ...(weighed ? { weightGrams: left } : {}),
      refundableCents: refundFor(p, left),
    };
  });
}

export interface ReturnAsk {
  lineId: string;
  quantity: number;
  /** Grams, for a weighed line; omitted means all grams still returnable. */
  weightGrams?: number;
}

export type ReturnLinesReason = 'nothing-to-return' | 'exceeds-sale' | 'unknown-line';

/** The lines of this return, checked against what is returnable, in the sale's line order. */
export function returnLinesFor(
  progress: readonly LineProgress[],
  asked: readonly ReturnAsk[],
): Result<{ lines: ReturnLine[]; units: Map<string, number> }, ReturnLinesReason> {
  const byId = new Map(progress.map((p) => [p.line.lineId, p]));
  const units = new Map<string, number>();
  for (const a of asked) {
    const p = byId.get(a.lineId);
    if (!p) return err('unknown-line', `Line ${a.lineId} is not on this sale`);
    if (!Number.isInteger(a.quantity) || a.quantity < 0) {
      return err('exceeds-sale', `Line ${a.lineId}: ${a.quantity} is not a quantity`);
    }
    if (a.quantity === 0) continue;
    const want = isWeighed(p.line) ? (a.weightGrams ?? p.whole - p.returned) : a.quantity;
    if (!Number.isInteger(want) || want < 0) {
      return err('exceeds-sale', `Line ${a.lineId}: ${want} is not a weight`);
    }
    units.set(a.lineId, (units.get(a.lineId) ?? 0) + want);
  }
  const lines: ReturnLine[] = [];
  for (const p of progress) {
    const u = units.get(p.line.lineId) ?? 0;
    if (u === 0) continue;
    if (u > p.whole - p.returned) {
      return err('exceeds-sale', `Line ${p.line.lineId}: ${u} asked, ${p.whole - p.returned} returnable`);
    }
    const weighed = isWeighed(p.line);
    lines.push({
      lineId: p.line.lineId,
      productId: p.line.productId,
      name: p.line.name,
      quantity: weighed ? 1 : u,
      ...(weighed ? { weightGrams: u } : {}),
      refundCents: refundFor(p, u),
    });
  }
  if (lines.length === 0) return err('nothing-to-return', 'Nothing is asked to come back');
  return ok({ lines, units });
}

/**
 * The goods of the sale as the rules engine sees them, `units(p)` of each line (0 leaves it out):
 * each line at its share of the amount it was sold for, with the sale's coupons and flags, and
 * `pointsPaidCents` of it paid with points (no points are earned on that part). Used for the
 * whole sale and for what the customer keeps.
 */
export function basketOf(
  sale: SaleEvent,
  progress: readonly LineProgress[],
  units: (p: LineProgress) => number,
  opts: { product?: (productId: string) => Product | undefined; pointsPaidCents: number },
): Basket {
  const lines = progress.flatMap((p) => {
    const n = units(p);
    if (n <= 0) return [];
    const weighed = isWeighed(p.line);
    const line = {
      ...p.line,
      quantity: weighed ? 1 : n,
      ...(weighed ? { weightGrams: n } : {}),
      amountCents: shareOf(p.line.amountCents, n, p.whole),
    };
    return [basketLineFromSale(line, opts.product?.(p.line.productId))];
  });
  const coupons = [...new Set(sale.coupons.map((c) => c.code))];
  // Spread from a variable: a field the engine gained with the points rate (core/rules model.ts).
  const pointsPaid = opts.pointsPaidCents > 0 ? { pointsPaidCents: opts.pointsPaidCents } : {};
  return {
    id: sale.id,
    currency: sale.currency,
    lines,
    ...(coupons.length > 0 ? { coupons } : {}),
    ...(sale.flags.length > 0 ? { flags: sale.flags } : {}),
    ...pointsPaid,
  };
}
