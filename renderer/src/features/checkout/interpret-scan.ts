import { classifyScan, DEMO_SCAN_CONFIG, type ScanConfig, type ScanContext } from '../../../../core/scan';
import type { SignedCodeKey } from '../../../../core/scan/signed-code';
import type { TerminalKeysStore } from '../../session/terminal-keys';
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
  /** A sale receipt's code (core/scan/receipt-code.ts): the sale to take goods back against. */
  | { type: 'receipt'; storeId: string; terminalId: string; saleId: string }
  /** A coupon whose signature verified: the spend feature puts it on the sale. */
  | { type: 'coupon'; code: string; formatId: string; campaign: string }
  /** A gift card (or store credit) whose signature verified: the tender takes it. */
  | { type: 'gift-card'; code: string; formatId: string }
  | { type: 'message'; message: Translatable };

/** The keys a till verifies one signed-code format with (current first); none: the format is left out. */
export type CodeKeysOf = (formatId: string) => readonly SignedCodeKey[];

/**
 * The demo stores' signed-code keys. The terminal keys do not carry signed-code keys yet (H8 adds
 * `codes`); until a till holds them, the demo keys of DEMO_SCAN_CONFIG (public in this repository)
 * are used for the demo stores ONLY, so the demo can scan its printed coupons and gift cards. Any
 * other store gets no signed codes until its keys arrive.
 */
const DEMO_STORE_IDS: ReadonlySet<string> = new Set(['store-demo-ams', 'store-demo-utr']);
export const demoCodeKeys =
  (storeId: string): CodeKeysOf =>
  (formatId) =>
    DEMO_STORE_IDS.has(storeId)
      ? (DEMO_SCAN_CONFIG.signedCodes.find((f) => f.id === formatId)?.keys ?? [])
      : [];

/**
 * The signed-code keys the session holds (`codeKeys(formatId)`, current first, from the terminal
 * keys' `codes`), falling back to the demo keys for the demo stores while a till holds none.
 */
export function codeKeysOf(
  keys: TerminalKeysStore & { codeKeys?(formatId: string): readonly SignedCodeKey[] },
  store: Pick<StoreSettings, 'storeId'>,
): CodeKeysOf {
  const demo = demoCodeKeys(store.storeId);
  return (formatId) => {
    const held = keys.codeKeys?.(formatId) ?? [];
    return held.length > 0 ? held : demo(formatId);
  };
}

/**
 * The till's scan configuration. Store settings carry the variable-measure layouts; loyalty card
 * formats are not in them yet, so the demo store's card formats (number layouts only, no keys)
 * and member-app QR format are used. Coupons and gift cards: DEMO_SCAN_CONFIG's formats with the
 * keys this till holds for them (a format without keys is left out: nothing could verify it).
 */
export function scanConfigFor(
  store: StoreSettings,
  codeKeys: CodeKeysOf = demoCodeKeys(store.storeId),
): ScanConfig {
  const signedCodes = DEMO_SCAN_CONFIG.signedCodes.flatMap((f) => {
    const keys = codeKeys(f.id);
    return keys.length > 0 ? [{ ...f, keys }] : [];
  });
  return {
    loyaltyCards: DEMO_SCAN_CONFIG.loyaltyCards,
    signedCodes,
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
    case 'receipt':
      return { type: 'receipt', storeId: item.storeId, terminalId: item.terminalId, saleId: item.saleId };
    case 'coupon':
      return {
        type: 'coupon',
        code: item.code,
        formatId: item.formatId,
        campaign: item.fields.campaign ?? item.payload,
      };
    case 'gift-card':
      return { type: 'gift-card', code: item.code, formatId: item.formatId };
  }
}
