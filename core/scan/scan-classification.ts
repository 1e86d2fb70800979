import type { ScanSource } from '../bridge/kassa-host';
import type { Err, Ok } from '../result/result';
import type { Gs1Data } from './gs1-element-string';
import type { ProductCode } from './product-code';
import type { ScanSymbology } from './symbology';

/** What classifyScan takes and gives: one union of classified scans, or a typed rejection. */
export interface RawScanInput {
  text: string;
  /** AIM identifier ("]E0") or name ("EAN-13") the scanner reported, if any. */
  symbology?: string;
  source?: ScanSource;
}

export interface ScanContext {
  /** The moment of the scan (epoch ms): TOTP windows and two-digit GS1 years depend on it. */
  nowMs: number;
  /**
   * The member's TOTP secret(s), when the till has them (core/loyalty/member-app-code.ts derives
   * them from the chain's member-app key): the current key's first, then a previous key's while
   * a rotation is under way. Without one a member QR classifies as `verification: 'unverified'`.
   */
  memberSecret?: (memberRef: string) => Uint8Array | readonly Uint8Array[] | undefined;
  /**
   * The last TOTP step this till accepted for the member (the caller remembers `step` of each
   * verified member QR). A code of that step or earlier is refused as 'code-reused' (RFC 6238
   * §5.2: an OTP is accepted once), so a screenshot passed on cannot be used within its window.
   */
  lastAcceptedStep?: (memberRef: string) => number | undefined;
}

/** Fields every classified scan has. */
export interface ScanBase {
  /** The scanned text after the AIM prefix and surrounding whitespace were removed. */
  text: string;
  symbology?: ScanSymbology;
  source?: ScanSource;
}

export type ScannedItem =
  | (ScanBase & { kind: 'product'; product: ProductCode })
  | (ScanBase & {
      kind: 'loyalty-card';
      cardNumber: string;
      formatId: string;
      via: 'barcode' | 'magstripe';
      /** Track 1 name of a swiped card, when present. */
      holderName?: string;
    })
  | (ScanBase & {
      kind: 'coupon' | 'gift-card';
      /** Normalised code (upper case, no separators): the key for "already used". */
      code: string;
      formatId: string;
      payload: string;
      fields: Record<string, string>;
      keyId: string;
    })
  | (ScanBase & {
      kind: 'member-qr';
      memberRef: string;
      code: string;
      /** 'verified' only with the member's secret from `context.memberSecret`. */
      verification: 'verified' | 'unverified';
      /** TOTP step that matched (verified only): remember (memberRef, step) to refuse a replay. */
      step?: number;
    })
  | (ScanBase & ({ kind: 'gs1' } & Gs1Data))
  /** A sale receipt's code (receipt-code.ts): the sale to take goods back against. */
  | (ScanBase & { kind: 'receipt'; storeId: string; terminalId: string; saleId: string });

export type ScanKind = ScannedItem['kind'];

export type ScanReason =
  /** Nothing was read. */
  | 'empty'
  | 'too-long'
  /** Not any family this store uses. */
  | 'unknown-code'
  /** A known family whose check digit is wrong: a misread or a typo. */
  | 'checksum'
  /** Structure of a known family, but broken (GS1, member QR, wrong coupon length). */
  | 'malformed'
  /** A magstripe swipe with no readable track. */
  | 'unreadable'
  /** A swiped card that is not one of the store's loyalty cards (e.g. a bank card). */
  | 'not-loyalty-card'
  /** A coupon/gift-card code whose signature does not verify: forged or mistyped. */
  | 'signature'
  /** A member code from an earlier window (a screenshot). */
  | 'code-expired'
  /** A member code that does not match the member's secret. */
  | 'code-wrong'
  /** A member code already accepted once (a second scan of the same code, or a copy of it). */
  | 'code-reused';

export type ScanFamily =
  | 'product'
  | 'loyalty-card'
  | 'magstripe'
  | 'coupon'
  | 'gift-card'
  | 'member-qr'
  | 'gs1'
  | 'receipt';
export type ScanRejection = Err<ScanReason, { family?: ScanFamily }>;
export type ScanClassification = Ok<ScannedItem> | ScanRejection;
