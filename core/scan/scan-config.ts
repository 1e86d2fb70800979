import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { LoyaltyCardFormat } from './loyalty-card';
import type { MemberQrFormat } from './member-qr';
import { DEFAULT_PRODUCT_CODE_CONFIG, type ProductCodeConfig } from './product-code';
import type { SignedCodeFormat } from './signed-code';

/**
 * Everything a till needs to classify the scans of one store. Served with the store settings;
 * keys are held by the terminal (DESIGN.md), never printed or logged.
 *
 * Families are tried in a fixed order, so overlaps are settled the same way on every till:
 * magstripe → member QR → GS1 element string → coupon/gift card → loyalty card → product.
 * A loyalty prefix inside a GS1 in-store range (20–29) therefore wins over a product layout.
 */
export interface ScanConfig {
  loyaltyCards: readonly LoyaltyCardFormat[];
  /** Coupon and gift-card formats, each with its own prefix and keys. */
  signedCodes: readonly SignedCodeFormat[];
  /** Absent when the store has no member app. */
  memberQr?: MemberQrFormat;
  products: ProductCodeConfig;
}

/** Scans longer than this are refused before any parsing (the bridge caps raw scans the same). */
export const MAX_SCAN_LENGTH = 4096;

/** Product codes only: what a till knows before its store's settings arrive. */
export const DEFAULT_SCAN_CONFIG: ScanConfig = {
  loyaltyCards: [],
  signedCodes: [],
  products: DEFAULT_PRODUCT_CODE_CONFIG,
};

// Demo keys: public in this repository, so for the demo store only (the demo seed puts them in
// the server's secrets, so codes printed for the demo verify on its tills).
export const DEMO_COUPON_KEY = { id: 'demo-2026', secret: utf8ToBytes('kassa demo coupon key 2026') };
export const DEMO_GIFT_KEY = { id: 'demo-2026', secret: utf8ToBytes('kassa demo gift-card key 2026') };

/**
 * The demo store's formats (seeded by `seed-demo`):
 * - Kassa loyalty key fob: EAN-13 printed, prefix 2620 (GS1 restricted-circulation range 26,
 *   unused by the store's variable-measure layouts 21–24), 13 digits, GS1 mod-10.
 * - Kassa plastic card (magstripe and barcode): prefix 7083, 16 digits, Luhn (ISO 7812 numbering).
 * - Partner card (a partner chain's cards accepted here): prefix 31, 10 digits, mod-11.
 * - Coupons: `KC` + campaign (4) + serial (6), Crockford base32, + 8-character MAC (20 characters,
 *   printed as KC-XXXX-XXXXXX-XXXXXXXX).
 * - Gift cards: `9826` + serial (10 digits) + 6-digit MAC (20 digits, Code 128).
 * - Member app QR: `KASSA-M:<memberRef>:<8-digit TOTP>`, SHA-1, 30 s steps, ±1 step,
 *   expired codes recognised up to 10 minutes back.
 */
export const DEMO_SCAN_CONFIG: ScanConfig = {
  loyaltyCards: [
    { id: 'kassa-fob', name: 'Kassa loyalty card', prefix: '2620', length: 13, checkDigit: 'gs1' },
    { id: 'kassa-plastic', name: 'Kassa plastic card', prefix: '7083', length: 16, checkDigit: 'luhn' },
    { id: 'partner', name: 'Partner card', prefix: '31', length: 10, checkDigit: 'mod11' },
  ],
  signedCodes: [
    {
      id: 'kassa-coupon',
      kind: 'coupon',
      name: 'coupon',
      prefix: 'KC',
      alphabet: 'base32',
      payloadLength: 10,
      fields: [
        { name: 'campaign', length: 4 },
        { name: 'serial', length: 6 },
      ],
      macLength: 8,
      keys: [DEMO_COUPON_KEY],
    },
    {
      id: 'kassa-gift-card',
      kind: 'gift-card',
      name: 'gift card',
      prefix: '9826',
      alphabet: 'digits',
      payloadLength: 10,
      fields: [{ name: 'serial', length: 10 }],
      macLength: 6,
      keys: [DEMO_GIFT_KEY],
    },
  ],
  memberQr: {
    prefix: 'KASSA-M:',
    digits: 8,
    stepSeconds: 30,
    algorithm: 'sha1',
    toleranceSteps: 1,
    lookbackSteps: 20,
  },
  products: DEFAULT_PRODUCT_CODE_CONFIG,
};
