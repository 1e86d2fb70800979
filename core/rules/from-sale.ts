import type { Product } from '../catalog/product';
import type { SaleEvent, SaleLine } from '../journal/sale-event';
import type { Basket, BasketLine } from './model';

/**
 * The checkout's sale line as the rules engine sees it. Category, brand and tags come from the
 * catalogue product; an unknown product still earns on its amount but matches no line conditions.
 * `sku` is the product id, so programs name products the way the catalogue does.
 */
export function basketLineFromSale(line: SaleLine, product: Product | undefined): BasketLine {
  return {
    lineId: line.lineId,
    sku: line.productId,
    category: product?.category ?? '',
    brand: product?.brand ?? '',
    tags: product?.tags ?? [],
    quantity: line.quantity,
    unitPriceCents: line.unitPriceCents,
    amountCents: line.amountCents,
  };
}

/**
 * The whole sale as the engine's basket: its lines, the customer's choices (basket flags such
 * as 'round-up'), the part paid with points (sale v5 `points` payments) and the coupons it used
 * (sale v5 `coupons`: a coupon rule's discount changes the points), so the server evaluates what
 * the till evaluated. A sale before v5 has no points payments and no coupons.
 */
export function basketFromSale(
  sale: Pick<SaleEvent, 'id' | 'currency' | 'lines' | 'flags'> & {
    readonly payments?: readonly { readonly method: string; readonly amountCents: number }[];
    readonly coupons?: readonly { readonly code: string }[];
  },
  product: (productId: string) => Product | undefined,
): Basket {
  let pointsPaidCents = 0;
  for (const p of sale.payments ?? []) if (p.method === 'points') pointsPaidCents += p.amountCents;
  return {
    id: sale.id,
    currency: sale.currency,
    lines: sale.lines.map((l) => basketLineFromSale(l, product(l.productId))),
    flags: sale.flags,
    ...(pointsPaidCents > 0 ? { pointsPaidCents } : {}),
    ...(sale.coupons && sale.coupons.length > 0 ? { coupons: sale.coupons.map((c) => c.code) } : {}),
  };
}
