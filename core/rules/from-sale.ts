import type { Product } from '../catalog/product';
import type { SaleLine } from '../journal/sale-event';
import type { BasketLine } from './model';

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
