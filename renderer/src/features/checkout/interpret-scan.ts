import { classifyScan, DEMO_SCAN_CONFIG, type ScanConfig, type ScanContext } from '../../../../core/scan';
import type { ProductCode } from '../../../../core/scan/product-code';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { ScanSource } from '../../../../core/bridge/kassa-host';
import { message, type Translatable } from '../../i18n/translatable';
import { scanRefusalMessage } from './scan-message';

/** What the till does with one scan. */
export type ScanAction =
  | { type: 'product'; code: ProductCode }
  | { type: 'member-card'; cardNumber: string; cardName: string | null }
  /**
   * A member-app QR code that verified (`step`: remember it, the same step again is refused). An
   * unverified one becomes a message here; the type keeps 'unverified' for callers that check.
   */
  | { type: 'member-app'; memberRef: string; verification: 'verified' | 'unverified'; step?: number }
  | { type: 'message'; message: Translatable };

/**
 * The till's scan configuration. Store settings carry the variable-measure layouts; loyalty card
 * formats are not in them yet, so the demo store's card formats (number layouts only, no keys)
 * and member-app QR format are used. Coupons and gift cards wait for the spending work.
 */
export function scanConfigFor(store: StoreSettings): ScanConfig {
  return {
    loyaltyCards: DEMO_SCAN_CONFIG.loyaltyCards,
    signedCodes: [],
    ...(DEMO_SCAN_CONFIG.memberQr ? { memberQr: DEMO_SCAN_CONFIG.memberQr } : {}),
    products: { variableMeasure: store.variableMeasure },
  };
}

export function interpretScan(
  text: string,
  config: ScanConfig,
  nowMs: number,
  source?: ScanSource,
  symbology?: string,
  /** Member-app codes: the members' secrets this till holds and the steps it already accepted. */
  members: Pick<ScanContext, 'memberSecret' | 'lastAcceptedStep'> = {},
): ScanAction {
  const r = classifyScan(
    { text, ...(source ? { source } : {}), ...(symbology ? { symbology } : {}) },
    config,
    { nowMs, ...members },
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
    case 'member-qr':
      // No member-app key on this till yet (never online since it was paired): nobody can check it.
      if (item.verification !== 'verified')
        return { type: 'message', message: message('scan.memberApp.noKey') };
      return {
        type: 'member-app',
        memberRef: item.memberRef,
        verification: item.verification,
        ...(item.step !== undefined ? { step: item.step } : {}),
      };
    default:
      return { type: 'message', message: message(`scan.notYet.${item.kind}`) };
  }
}
