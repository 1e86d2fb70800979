import type { Product } from '../../../core/catalog/product';
import { withCheckDigit } from '../../../core/scan/gtin';
import { DEFAULT_PRODUCT_CODE_CONFIG } from '../../../core/scan/product-code';
import type { StoreSettings } from '../../../core/store/store-settings';
import type { ProductInput } from '../storage/repos/products';
import { CATEGORIES, PRICE_EMBEDDED, WEIGHED } from './catalogue-data';
import { seededRandom } from './prng';

export const DEMO_STORE: StoreSettings = {
  storeId: 'store-demo-ams',
  name: 'Kassa Demo Amsterdam',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: DEFAULT_PRODUCT_CODE_CONFIG.variableMeasure.map((l) => ({ ...l })),
};

const VARIANTS = ['', 'biologisch', 'voordeelverpakking'] as const;
const HOUSE_BASIC = 'Kassa Basic';

/** Rounds to a shelf price ending in 9 cents, as supermarkets price. */
function shelfPrice(cents: number): number {
  return Math.max(9, Math.round(cents / 10) * 10 - 1);
}

/**
 * The demo catalogue: deterministic (seeded PRNG, fixed iteration order), so tests can rely on
 * specific products. EANs use the Dutch GS1 prefix 87 with a per-brand company number and valid
 * check digits; weighed items are prefix 21 + a 5-digit PLU (core/scan lookupCode), a few
 * price-embedded items prefix 23 + PLU.
 */
export function demoCatalogue(): ProductInput[] {
  const rnd = seededRandom(20251125);
  const products: ProductInput[] = [];
  const brandNumbers = new Map<string, { company: number; next: number }>();
  const eanFor = (brand: string): string => {
    let b = brandNumbers.get(brand);
    if (!b) {
      b = { company: 10_000 + brandNumbers.size * 37, next: 1 };
      brandNumbers.set(brand, b);
    }
    const data = `87${String(b.company).padStart(5, '0')}${String(b.next++).padStart(5, '0')}`;
    return withCheckDigit(data);
  };

  for (const { category, brands, items } of CATEGORIES) {
    for (const brand of [...brands, HOUSE_BASIC]) {
      const brandFactor = brand === HOUSE_BASIC ? 0.7 : brand === 'Kassa' ? 0.85 : 0.9 + rnd() * 0.4;
      for (const [item, sizes, basePrice] of items) {
        sizes.forEach((size, sizeIndex) => {
          for (const variant of VARIANTS) {
            const variantFactor =
              variant === 'biologisch' ? 1.35 : variant === 'voordeelverpakking' ? 1.8 : 1;
            const price = shelfPrice(basePrice * brandFactor * variantFactor * (1 + sizeIndex * 0.7));
            const code = eanFor(brand);
            const tags: string[] = [];
            if (variant === 'biologisch') tags.push('biologisch');
            if (variant === 'voordeelverpakking') tags.push('voordeel');
            if (brand === 'Kassa' || brand === HOUSE_BASIC) tags.push('huismerk');
            if (rnd() < 0.08) tags.push('actie');
            products.push({
              id: `p-${code}`,
              code,
              name: [brand, item, variant, size].filter(Boolean).join(' '),
              priceCents: price,
              unit: 'each',
              category,
              brand,
              tags,
            });
          }
        });
      }
    }
  }
  WEIGHED.forEach(([name, category, perKg], i) => {
    const code = `21${String(10_001 + i)}`;
    products.push({
      id: `p-${code}`,
      code,
      name,
      priceCents: perKg,
      unit: 'kg',
      category,
      brand: 'Versafdeling',
      tags: ['gewogen'],
    });
  });
  PRICE_EMBEDDED.forEach(([name, category, typical], i) => {
    const code = `23${String(20_001 + i)}`;
    products.push({
      id: `p-${code}`,
      code,
      name,
      priceCents: typical,
      unit: 'each',
      category,
      brand: 'Versafdeling',
      tags: ['prijs-in-code'],
    });
  });
  return products;
}

function byName(products: readonly ProductInput[], name: string): ProductInput {
  const p = products.find((x) => x.name === name);
  if (!p) throw new Error(`demo catalogue lost "${name}"`);
  return p;
}

/** Products tests and demos can rely on (same codes on every machine). */
export function demoSamples(products: readonly ProductInput[] = demoCatalogue()) {
  return {
    milk: byName(products, 'Campina Halfvolle melk 1 L'),
    coffee: byName(products, 'Douwe Egberts Aroma rood filterkoffie 500 g'),
    stroopwafels: byName(products, 'Verkade Stroopwafels 8 stuks'),
    /** Weighed, price per kg: scan 21 10001 + 5-digit grams + check digit. */
    bananas: byName(products, 'Bananen'),
    cheeseWeighed: byName(products, 'Jong belegen Goudse kaas van het mes'),
    /** Price-embedded: scan 23 20001 + 5-digit cents + check digit. */
    flowers: byName(products, 'Boeket seizoensbloemen'),
  };
}

/** A scannable EAN-13 for a weighed or price-embedded demo product: prefix+PLU, value, check digit. */
export function variableMeasureBarcode(lookupCode: string, value: number): string {
  return withCheckDigit(`${lookupCode}${String(value).padStart(12 - lookupCode.length, '0')}`);
}

export type DemoProduct = Product;
