import { err, ok, type Result } from '../result/result';
import { expandUpcE, gtinCheckDigit, hasValidCheckDigit } from './gtin';

export type ProductSymbology = 'ean13' | 'ean8' | 'upca' | 'upce';

/** One store-configured layout of GS1 in-store variable-measure codes (EAN-13 prefixes 20–29). */
export interface VariableMeasureLayout {
  /** Two-digit prefix, '20'…'29'. */
  prefix: string;
  /** What the value digits hold: a weight in grams or a line price in minor units. */
  measure: 'weight' | 'price';
  /** Digits of the item reference (PLU) after the prefix; the value takes the rest of the 10 digits. */
  itemDigits: number;
}

/** Per-store scanning configuration for product codes. */
export interface ProductCodeConfig {
  variableMeasure: readonly VariableMeasureLayout[];
}

/** The common Dutch/German layout: 21–22 weight in grams, 23–24 price, 5-digit PLU. */
export const DEFAULT_PRODUCT_CODE_CONFIG: ProductCodeConfig = {
  variableMeasure: [
    { prefix: '21', measure: 'weight', itemDigits: 5 },
    { prefix: '22', measure: 'weight', itemDigits: 5 },
    { prefix: '23', measure: 'price', itemDigits: 5 },
    { prefix: '24', measure: 'price', itemDigits: 5 },
  ],
};

export type ProductCode =
  | {
      kind: 'gtin';
      symbology: ProductSymbology;
      /** GTIN-13 (UPC-A and UPC-E are normalised to it) or GTIN-8. */
      gtin: string;
      /** Key of the product in the catalogue (`products.code`). */
      lookupCode: string;
    }
  | {
      kind: 'variable-measure';
      symbology: 'ean13';
      prefix: string;
      itemRef: string;
      measure: 'weight' | 'price';
      /** Grams for weight, minor units for price. */
      value: number;
      /** Catalogue key: prefix + item reference, e.g. '2112345'. */
      lookupCode: string;
    };

export type ProductCodeReason = 'empty' | 'not-digits' | 'length' | 'checksum';
export type ProductCodeResult = Result<ProductCode, ProductCodeReason>;

/**
 * Classifies a scanned or typed product code. Every input gives a value: a product code or a reason
 * a cashier can read. `symbology`, when the scanner reported one, settles EAN-8 versus UPC-E.
 */
export function classifyProductCode(
  input: string,
  config: ProductCodeConfig = DEFAULT_PRODUCT_CODE_CONFIG,
  symbology?: ProductSymbology,
): ProductCodeResult {
  const code = input.trim();
  if (code.length === 0) return err('empty', 'No code was read.');
  if (!/^\d+$/.test(code))
    return err('not-digits', `"${printable(code)}" is not a product barcode (digits only).`);
  switch (code.length) {
    case 13:
      return checked(code, 'EAN-13', () => ean13(code, config));
    case 12:
      return checked(code, 'UPC-A', () => gtin('upca', `0${code}`));
    case 8:
      return eightDigits(code, symbology);
    default:
      return err('length', `A product barcode has 8, 12 or 13 digits; this one has ${code.length}.`);
  }
}

function checked(code: string, name: string, then: () => ProductCodeResult): ProductCodeResult {
  if (hasValidCheckDigit(code)) return then();
  const expected = gtinCheckDigit(code.slice(0, -1));
  return err(
    'checksum',
    `${name} ${code}: the check digit should be ${expected}. Scan again or type it carefully.`,
  );
}

function eightDigits(code: string, symbology?: ProductSymbology): ProductCodeResult {
  const upcA = expandUpcE(code);
  const upceValid = upcA !== undefined && hasValidCheckDigit(upcA);
  const ean8Valid = hasValidCheckDigit(code);
  if (symbology === 'upce' || (symbology !== 'ean8' && !ean8Valid && upceValid)) {
    if (upcA && upceValid) return gtin('upce', `0${upcA}`);
    return err('checksum', `UPC-E ${code}: the check digit does not match. Scan again.`);
  }
  if (ean8Valid) return gtin('ean8', code);
  return err(
    'checksum',
    `EAN-8 ${code}: the check digit should be ${gtinCheckDigit(code.slice(0, 7))}. Scan again.`,
  );
}

function gtin(symbology: ProductSymbology, value: string): ProductCodeResult {
  return ok({ kind: 'gtin', symbology, gtin: value, lookupCode: value });
}

function ean13(code: string, config: ProductCodeConfig): ProductCodeResult {
  const layout = config.variableMeasure.find((l) => code.startsWith(l.prefix));
  if (!layout) return gtin('ean13', code);
  const itemEnd = 2 + layout.itemDigits;
  const itemRef = code.slice(2, itemEnd);
  return ok({
    kind: 'variable-measure',
    symbology: 'ean13',
    prefix: layout.prefix,
    itemRef,
    measure: layout.measure,
    value: Number(code.slice(itemEnd, 12)),
    lookupCode: layout.prefix + itemRef,
  });
}

/** Shows control characters of a bad scan so the message itself never garbles the screen. */
export function printable(s: string, max = 40): string {
  const shown = s.replace(
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we escape
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}
