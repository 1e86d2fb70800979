import { describe, expect, it } from 'vitest';
import { classifyProductCode, DEFAULT_PRODUCT_CODE_CONFIG } from '../../../core/scan/product-code';
import { productSchema } from '../../../core/catalog/product';
import {
  demoCatalogue,
  demoSamples,
  DEMO_STORE,
  variableMeasureBarcode,
} from '../../../sync-server/src/demo/demo-catalogue';

describe('demo catalogue', () => {
  const products = demoCatalogue();

  it('has at least 2,000 products, unique ids and codes, all valid product documents', () => {
    expect(products.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(products.map((p) => p.id)).size).toBe(products.length);
    expect(new Set(products.map((p) => p.code)).size).toBe(products.length);
    for (const p of products) productSchema.parse({ ...p, serverSeq: 1, _deleted: false });
    expect(new Set(products.map((p) => p.category)).size).toBeGreaterThanOrEqual(15);
    expect(new Set(products.map((p) => p.brand)).size).toBeGreaterThanOrEqual(50);
  });

  it('gives every packaged product a valid EAN-13 that a scan resolves to its code', () => {
    for (const p of products.filter((x) => x.code.length === 13)) {
      const r = classifyProductCode(p.code, DEFAULT_PRODUCT_CODE_CONFIG);
      expect(r.ok && r.value.lookupCode).toBe(p.code);
    }
  });

  it('has at least 20 weighed items a scale label resolves to, and price-embedded ones', () => {
    const weighed = products.filter((p) => p.unit === 'kg');
    expect(weighed.length).toBeGreaterThanOrEqual(20);
    for (const p of weighed) {
      expect(p.code).toMatch(/^21\d{5}$/);
      const scan = classifyProductCode(variableMeasureBarcode(p.code, 1234), DEFAULT_PRODUCT_CODE_CONFIG);
      expect(scan).toMatchObject({
        ok: true,
        value: { kind: 'variable-measure', measure: 'weight', value: 1234, lookupCode: p.code },
      });
    }
    const flowers = classifyProductCode(variableMeasureBarcode(demoSamples().flowers.code, 799));
    expect(flowers).toMatchObject({
      ok: true,
      value: { measure: 'price', value: 799, lookupCode: '2320001' },
    });
  });

  it('is the same on every run, so tests can name products', () => {
    expect(demoCatalogue()).toEqual(products);
    expect(demoSamples(products).milk).toMatchObject({ code: '8710000000017', priceCents: 129 });
    expect(demoSamples(products).bananas).toMatchObject({ code: '2110001', unit: 'kg' });
    expect(DEMO_STORE).toMatchObject({ currency: 'EUR', timeZone: 'Europe/Amsterdam', locale: 'nl-NL' });
  });
});
