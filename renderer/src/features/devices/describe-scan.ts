import type { TFunction } from 'i18next';
import type { ProductCode, ScanClassification, ScanConfig } from '../../../../core/scan';
import { translate } from '../../i18n/translatable';
import { scanRefusalMessage } from '../checkout/scan-message';

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
 * Describes a classification for the person testing a scanner, in the till's language: the
 * family and the number the till would use, or the reason it was refused (its code, for the
 * technician, and the cashier's message for the scanned text).
 */
export function describeClassification(
  r: ScanClassification,
  config: ScanConfig,
  t: TFunction,
  scannedText = '',
): ScanDescription {
  if (!r.ok) {
    const message = translate(t, scanRefusalMessage(r, scannedText));
    return { accepted: false, text: t('devices.describe.refused', { reason: r.reason, message }) };
  }
  const item = r.value;
  switch (item.kind) {
    case 'product': {
      const p = item.product;
      if (p.kind === 'gtin') {
        return yes(
          t('devices.describe.product', { symbology: PRODUCT_SYMBOLOGY[p.symbology], gtin: p.gtin }),
        );
      }
      return yes(
        p.measure === 'weight'
          ? t('devices.describe.variableWeight', { code: p.lookupCode, grams: p.value })
          : t('devices.describe.variablePrice', { code: p.lookupCode, value: p.value }),
      );
    }
    case 'loyalty-card': {
      const name = config.loyaltyCards.find((f) => f.id === item.formatId)?.name ?? item.formatId;
      const via = t(`devices.describe.via.${item.via}`);
      const values = { name, number: item.cardNumber, via };
      return yes(
        item.holderName
          ? t('devices.describe.loyaltyCardHolder', { ...values, holder: item.holderName })
          : t('devices.describe.loyaltyCard', values),
      );
    }
    case 'coupon':
    case 'gift-card':
      return yes(t(`devices.describe.${item.kind}`, { code: item.code }));
    case 'member-qr':
      return yes(
        t('devices.describe.memberQr', {
          member: item.memberRef,
          verification: t(`devices.describe.verification.${item.verification}`),
        }),
      );
    case 'receipt':
      return yes(t('returns.describeScan', { sale: item.saleId, terminal: item.terminalId }));
    case 'gs1': {
      const extra = [
        item.batch !== undefined ? t('devices.describe.batch', { batch: item.batch }) : '',
        item.expiry !== undefined ? t('devices.describe.expiry', { expiry: item.expiry }) : '',
        item.netWeightGrams !== undefined ? `${item.netWeightGrams} g` : '',
      ].filter(Boolean);
      const gtin = t('devices.describe.gs1', { gtin: item.gtin });
      return yes(extra.length ? `${gtin}, ${extra.join(', ')}` : gtin);
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
