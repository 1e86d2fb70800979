import { describe, expect, it } from 'vitest';
import { classifyProductCode, type ProductCodeConfig } from '../../../../core/scan/product-code';
import { expandUpcE, withCheckDigit } from '../../../../core/scan/gtin';

describe('product codes (real published codes)', () => {
  it.each([
    ['4006381333931', 'ean13', '4006381333931'], // Stabilo pen, the EAN-13 textbook example
    ['5901234123457', 'ean13', '5901234123457'], // GS1's EAN-13 example
    ['96385074', 'ean8', '96385074'], // EAN-8 example
    ['036000291452', 'upca', '0036000291452'], // UPC-A example, normalised to GTIN-13
    ['049000006346', 'upca', '0049000006346'], // Coca-Cola 12 oz can
  ])('%s is a valid %s with catalogue key %s', (code, symbology, lookupCode) => {
    expect(classifyProductCode(code)).toEqual({
      ok: true,
      value: { kind: 'gtin', symbology, gtin: lookupCode, lookupCode },
    });
  });

  it('expands UPC-E to UPC-A: 04252614 → 042100005264, Coca-Cola 04963406 → 049000006346', () => {
    expect(expandUpcE('04252614')).toBe('042100005264');
    expect(expandUpcE('04963406')).toBe('049000006346');
    expect(classifyProductCode('04963406', undefined, 'upce')).toMatchObject({
      ok: true,
      value: { symbology: 'upce', lookupCode: '0049000006346' },
    });
  });

  it('applies each UPC-E zero-suppression rule (last digit 0–2, 3, 4, 5–9)', () => {
    expect(expandUpcE('01234505')?.slice(0, 11)).toBe('01200000345');
    expect(expandUpcE('01234535')?.slice(0, 11)).toBe('01230000045');
    expect(expandUpcE('01234545')?.slice(0, 11)).toBe('01234000005');
    expect(expandUpcE('01234575')?.slice(0, 11)).toBe('01234500007');
    expect(expandUpcE('21234575')).toBeUndefined(); // UPC-E has number systems 0 and 1 only
  });

  it('an EAN-8 reported as EAN-8 stays EAN-8 even when it could be read as UPC-E', () => {
    expect(classifyProductCode('96385074', undefined, 'ean8')).toMatchObject({
      value: { symbology: 'ean8' },
    });
  });

  it('reads weight from a GS1 variable-measure code (prefix 21, 5-digit PLU, grams)', () => {
    const code = withCheckDigit('211234501250'); // PLU 12345, 1.250 kg
    expect(classifyProductCode(code)).toEqual({
      ok: true,
      value: {
        kind: 'variable-measure',
        symbology: 'ean13',
        prefix: '21',
        itemRef: '12345',
        measure: 'weight',
        value: 1250,
        lookupCode: '2112345',
      },
    });
  });

  it('reads a price from a price-embedded code, with a store-specific layout', () => {
    const config: ProductCodeConfig = {
      variableMeasure: [{ prefix: '28', measure: 'price', itemDigits: 4 }],
    };
    const code = withCheckDigit('280042001499'); // PLU 0042, € 14.99
    expect(classifyProductCode(code, config)).toMatchObject({
      ok: true,
      value: {
        kind: 'variable-measure',
        measure: 'price',
        itemRef: '0042',
        value: 1499,
        lookupCode: '280042',
      },
    });
  });

  it('a bad check digit names the digit it should be', () => {
    const r = classifyProductCode('4006381333932');
    expect(r).toMatchObject({ ok: false, reason: 'checksum' });
    expect(r.ok ? '' : r.message).toContain('should be 1');
    expect(classifyProductCode('96385075')).toMatchObject({ reason: 'checksum' });
  });

  it('names the reason for input that is not a product code', () => {
    expect(classifyProductCode('   ')).toMatchObject({ reason: 'empty' });
    expect(classifyProductCode('12345')).toMatchObject({ reason: 'length' });
    const r = classifyProductCode('40063\u0007');
    expect(r).toMatchObject({ reason: 'not-digits' });
    expect(r.ok ? '' : r.message).toContain('\\x07');
  });
});
