import { cents, priceForMeasure, sumCents, type Cents } from '../../../../core/money';
import type { ProductCode } from '../../../../core/scan/product-code';
import type { Product } from '../../../../core/catalog/product';
import { err, ok, type Result } from '../../../../core/result/result';
import { JOURNAL_BOUNDS } from '../../../../core/journal/bounds';
import type { SanityLimits } from '../../../../core/store/store-policy';

/**
 * The basket at the till: pure data and pure functions, so the rules a cashier relies on
 * (merge a re-scanned item, price a weighed item once, never lose a line on a bad scan) are
 * unit-tested without React or a database.
 */
export interface BasketLine {
  lineId: string;
  productId: string;
  /** The catalogue code the scan resolved to. */
  code: string;
  name: string;
  /** 'each' lines take +/−; weighed and price-embedded lines are one label, one line. */
  kind: 'each' | 'weighed' | 'priced';
  quantity: number;
  weightGrams?: number;
  /** Per unit, per kg for a weighed line, the label price for a price-embedded line. */
  unitPriceCents: Cents;
  amountCents: Cents;
}

export interface Basket {
  readonly lines: readonly BasketLine[];
}

export const EMPTY_BASKET: Basket = { lines: [] };

/** What a line needs to know of a catalogue product. */
export type ProductForSale = Pick<Product, 'id' | 'code' | 'name' | 'priceCents' | 'unit'>;

export type AddReason = 'needs-scale-label' | 'not-sold-by-weight';

/** Adds a scanned product: a repeat scan of an item sold each adds one to its line. */
export function addProduct(
  basket: Basket,
  product: ProductForSale,
  code: ProductCode,
  newLineId: string,
): Result<Basket, AddReason> {
  const unitPrice = cents(product.priceCents);
  if (code.kind === 'gtin') {
    if (product.unit === 'kg') {
      return err(
        'needs-scale-label',
        `${product.name} is sold by weight: weigh it and scan the scale label.`,
      );
    }
    const existing = basket.lines.find((l) => l.kind === 'each' && l.productId === product.id);
    if (existing) return ok(changeQuantity(basket, existing.lineId, +1));
    const line: BasketLine = {
      lineId: newLineId,
      productId: product.id,
      code: product.code,
      name: product.name,
      kind: 'each',
      quantity: 1,
      unitPriceCents: unitPrice,
      amountCents: unitPrice,
    };
    return ok({ lines: [...basket.lines, line] });
  }
  if (code.measure === 'weight') {
    if (product.unit !== 'kg') {
      return err('not-sold-by-weight', `${product.name} is not sold by weight; scan its own barcode.`);
    }
    const line: BasketLine = {
      lineId: newLineId,
      productId: product.id,
      code: product.code,
      name: product.name,
      kind: 'weighed',
      quantity: 1,
      weightGrams: code.value,
      unitPriceCents: unitPrice,
      // Rounded once, from the grams on the label and the price per kg.
      amountCents: priceForMeasure(unitPrice, code.value, 1000),
    };
    return ok({ lines: [...basket.lines, line] });
  }
  // Price-embedded label: the scale or the back office priced it; the label's price is the line.
  const labelPrice = cents(code.value);
  const line: BasketLine = {
    lineId: newLineId,
    productId: product.id,
    code: product.code,
    name: product.name,
    kind: 'priced',
    quantity: 1,
    unitPriceCents: labelPrice,
    amountCents: labelPrice,
  };
  return ok({ lines: [...basket.lines, line] });
}

/** +1 / −1 on an 'each' line; the quantity never drops below 1 (removing is its own action). */
export function changeQuantity(basket: Basket, lineId: string, delta: 1 | -1): Basket {
  return {
    lines: basket.lines.map((l) => {
      if (l.lineId !== lineId || l.kind !== 'each') return l;
      const quantity = Math.max(1, l.quantity + delta);
      return { ...l, quantity, amountCents: cents(l.unitPriceCents * quantity) };
    }),
  };
}

/** The most a typed quantity may be at all: what a sale line may carry (the journal's bound). */
export const MAX_TYPED_QUANTITY = JOURNAL_BOUNDS.maxQuantity;

/** A typed quantity on an 'each' line; another kind of line, or a number out of bounds, is unchanged. */
export function setQuantity(basket: Basket, lineId: string, quantity: number): Basket {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_TYPED_QUANTITY) return basket;
  return {
    lines: basket.lines.map((l) =>
      l.lineId !== lineId || l.kind !== 'each'
        ? l
        : { ...l, quantity, amountCents: cents(l.unitPriceCents * quantity) },
    ),
  };
}

/** A line above a sanity limit of the store: a manager must allow it. */
export interface LimitBreach {
  limit: 'quantity' | 'weight' | 'amount';
  lineId: string;
  name: string;
  requested: number;
  max: number;
  unit: 'units' | 'grams' | 'cents';
}

/**
 * The first limit `after` goes over that `before` (the same line before the change, if any) was
 * not already over: lowering a line a manager allowed never asks again, raising it does.
 */
export function lineBreach(
  before: BasketLine | undefined,
  after: BasketLine,
  limits: SanityLimits,
): LimitBreach | null {
  const checks = [
    ['quantity', after.quantity, before?.quantity, limits.maxQuantity, 'units'],
    ['weight', after.weightGrams ?? 0, before?.weightGrams, limits.maxWeightGrams, 'grams'],
    ['amount', after.amountCents, before?.amountCents, limits.maxLineCents, 'cents'],
  ] as const;
  for (const [limit, value, was, max, unit] of checks) {
    if (value > max && (was === undefined || value > was)) {
      return { limit, lineId: after.lineId, name: after.name, requested: value, max, unit };
    }
  }
  return null;
}

/** The first line of `after` that a change took over a limit (compared with `before`). */
export function basketBreach(before: Basket, after: Basket, limits: SanityLimits): LimitBreach | null {
  for (const line of after.lines) {
    const breach = lineBreach(
      before.lines.find((l) => l.lineId === line.lineId),
      line,
      limits,
    );
    if (breach) return breach;
  }
  return null;
}

/** Voiding a line takes it out of the basket; nothing of it goes on the sale. */
export function removeLine(basket: Basket, lineId: string): Basket {
  return { lines: basket.lines.filter((l) => l.lineId !== lineId) };
}

export function basketTotal(basket: Basket): Cents {
  return sumCents(basket.lines.map((l) => l.amountCents));
}

export function itemCount(basket: Basket): number {
  return basket.lines.reduce((n, l) => n + l.quantity, 0);
}
