import type { ProductCode, ScanClassification, ScanConfig } from '../../../../core/scan';

/** One line for the test bench: what a scan classified as, or why it was refused. */
export interface ScanDescription {
  accepted: boolean;
  text: string;
}

const PRODUCT_SYMBOLOGY: Record<ProductCode['symbology'], string> = {
  ean13: 'EAN-13',
  ean8: 'EAN-8',
  upca: 'UPC-A',
  upce: 'UPC-E',
};

/**
 * Describes a classification for the person testing a scanner: the family and the number the
 * till would use, or the cashier-readable reason it was refused.
 */
export function describeClassification(r: ScanClassification, config: ScanConfig): ScanDescription {
  if (!r.ok) return { accepted: false, text: `Refused (${r.reason}): ${r.message}` };
  const item = r.value;
  switch (item.kind) {
    case 'product': {
      const p = item.product;
      if (p.kind === 'gtin') return yes(`${PRODUCT_SYMBOLOGY[p.symbology]} product ${p.gtin}`);
      const measure = p.measure === 'weight' ? `${p.value} g` : `price ${p.value} (minor units)`;
      return yes(`Variable-measure product ${p.lookupCode}, ${measure}`);
    }
    case 'loyalty-card': {
      const name = config.loyaltyCards.find((f) => f.id === item.formatId)?.name ?? item.formatId;
      const holder = item.holderName ? `, holder ${item.holderName}` : '';
      return yes(`${name} ${item.cardNumber} (${item.via}${holder})`);
    }
    case 'coupon':
      return yes(`Coupon ${item.code}`);
    case 'gift-card':
      return yes(`Gift card ${item.code}`);
    case 'member-qr':
      return yes(`Member app code for member ${item.memberRef} (${item.verification})`);
    case 'gs1': {
      const extra = [
        item.batch !== undefined ? `batch ${item.batch}` : '',
        item.expiry !== undefined ? `expiry ${item.expiry}` : '',
        item.netWeightGrams !== undefined ? `${item.netWeightGrams} g` : '',
      ].filter(Boolean);
      return yes(`GS1 GTIN ${item.gtin}${extra.length ? `, ${extra.join(', ')}` : ''}`);
    }
  }
}

const yes = (text: string): ScanDescription => ({ accepted: true, text });

/**
 * The decoded text with control characters shown as their Unicode control pictures (GS → ␝,
 * CR → ␍), so a GS1 separator or a stray terminator is visible instead of silently swallowed.
 */
export function visibleText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we show
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\u007f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0)),
  );
}
