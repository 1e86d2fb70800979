import { classifyScan, DEMO_SCAN_CONFIG, type ScanConfig } from '../../../../core/scan';
import type { ProductCode } from '../../../../core/scan/product-code';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { ScanSource } from '../../../../core/bridge/kassa-host';
import { message, type Translatable } from '../../i18n/translatable';
import { scanRefusalMessage } from './scan-message';

/** What the till does with one scan. */
export type ScanAction =
  | { type: 'product'; code: ProductCode }
  | { type: 'member-card'; cardNumber: string; cardName: string | null }
  | { type: 'message'; message: Translatable };

/**
 * The till's scan configuration. Store settings carry the variable-measure layouts; loyalty card
 * formats are not in them yet, so the demo store's card formats (number layouts only, no keys)
 * are used. Coupons, gift cards and member QR codes wait for the loyalty work.
 */
export function scanConfigFor(store: StoreSettings): ScanConfig {
  return {
    loyaltyCards: DEMO_SCAN_CONFIG.loyaltyCards,
    signedCodes: [],
    products: { variableMeasure: store.variableMeasure },
  };
}

export function interpretScan(
  text: string,
  config: ScanConfig,
  nowMs: number,
  source?: ScanSource,
  symbology?: string,
): ScanAction {
  const r = classifyScan(
    { text, ...(source ? { source } : {}), ...(symbology ? { symbology } : {}) },
    config,
    { nowMs },
  );
  if (!r.ok) return { type: 'message', message: scanRefusalMessage(r, text) };
  const item = r.value;
  switch (item.kind) {
    case 'product':
      return { type: 'product', code: item.product };
    case 'gs1':
      // A GS1-128 / DataBar label names the product by its GTIN.
      return {
        type: 'product',
        code: { kind: 'gtin', symbology: 'ean13', gtin: item.lookupCode, lookupCode: item.lookupCode },
      };
    case 'loyalty-card': {
      const format = config.loyaltyCards.find((f) => f.id === item.formatId);
      return { type: 'member-card', cardNumber: item.cardNumber, cardName: format?.name ?? null };
    }
    default:
      return { type: 'message', message: message(`scan.notYet.${item.kind}`) };
  }
}
