import { err, ok } from '../result/result';
import { hasValidCheckDigitFor } from './check-digit';
import { GS, parseGs1ElementString } from './gs1-element-string';
import { matchLoyaltyCard } from './loyalty-card';
import { cardNumberCandidates, looksLikeMagstripe, maskCardNumber, parseMagstripe } from './magstripe';
import {
  parseMemberQr,
  startsMemberQr,
  verifyMemberCode,
  type MemberQr,
  type MemberQrFormat,
} from './member-qr';
import type { TotpCheck } from './totp';
import { classifyProductCode, printable, type ProductSymbology } from './product-code';
import { parseReceiptCode, startsReceiptCode } from './receipt-code';
import { MAX_SCAN_LENGTH, type ScanConfig } from './scan-config';
import type {
  RawScanInput,
  ScanBase,
  ScanClassification,
  ScanContext,
  ScanFamily,
  ScanReason,
  ScanRejection,
} from './scan-classification';
import { normalizeSignedCode, startsSignedCode, verifySignedCode } from './signed-code';
import { isGs1Symbology, normalizeSymbology, splitAimPrefix, type ScanSymbology } from './symbology';

/**
 * Classifies one scan. Every input gives a value — a classified scan or a typed reason with a
 * message a cashier can read — and nothing throws. Pure: time and secrets come from `context`.
 */
export function classifyScan(
  raw: RawScanInput,
  config: ScanConfig,
  context: ScanContext,
): ScanClassification {
  const rawText = typeof raw?.text === 'string' ? raw.text : '';
  if (rawText.length > MAX_SCAN_LENGTH) {
    return err('too-long', `That scan was too long (${rawText.length} characters) to be a code. Scan again.`);
  }
  const split = splitAimPrefix(rawText);
  const text = split.text.trim();
  const symbology = split.symbology ?? normalizeSymbology(raw?.symbology);
  // Result objects are built as literals, not spreads: this runs on every scan (see the bench).
  const base: ScanBase = { text, symbology, source: raw?.source };
  if (text.length === 0) return err('empty', 'No code was read. Scan again.');

  if (raw?.source === 'magstripe' || looksLikeMagstripe(text)) return magstripe(text, base, config);
  if (startsReceiptCode(text)) return receiptCode(text, base);
  if (config.memberQr && startsMemberQr(text, config.memberQr)) return memberQr(text, base, config, context);
  if (isGs1Symbology(symbology) || text.includes(GS) || /^\(\d{2,4}\)/.test(text)) {
    return gs1(text, base, context);
  }
  // A code of the wrong length may still be another family's (a product that shares a prefix);
  // its message is kept for when nothing else fits.
  let wrongLength: ScanRejection | undefined;
  for (const format of config.signedCodes) {
    if (!startsSignedCode(text, format)) continue;
    const r = verifySignedCode(normalizeSignedCode(text, format), format);
    if (r.ok) {
      const { kind, code, formatId, payload, fields, keyId } = r.value;
      return ok({
        text: base.text,
        symbology: base.symbology,
        source: base.source,
        kind,
        code,
        formatId,
        payload,
        fields,
        keyId,
      });
    }
    if (r.reason === 'signature') return reject('signature', r.message, format.kind);
    if (r.reason === 'length') wrongLength ??= reject('malformed', r.message, format.kind);
  }
  const result = /^\d+$/.test(text) ? digits(text, base, config, context) : unknown(text);
  return !result.ok && result.reason === 'unknown-code' && wrongLength ? wrongLength : result;
}

function reject(reason: ScanReason, message: string, family?: ScanFamily): ScanRejection {
  return family ? err(reason, message, { family }) : err(reason, message);
}

function unknown(text: string): ScanRejection {
  return reject(
    'unknown-code',
    `Unknown code "${printable(text)}": not a product, loyalty card, coupon, gift card or member code of this store.`,
  );
}

/** A receipt's code (receipt-code.ts): the sale it names, for a return. */
function receiptCode(text: string, base: ScanBase): ScanClassification {
  const r = parseReceiptCode(text);
  if (!r.ok) return reject('malformed', r.message, 'receipt');
  const { storeId, terminalId, saleId } = r.value;
  return ok({
    text: base.text,
    symbology: base.symbology,
    source: base.source,
    kind: 'receipt',
    storeId,
    terminalId,
    saleId,
  });
}

function digits(text: string, base: ScanBase, config: ScanConfig, context: ScanContext): ScanClassification {
  const card = matchLoyaltyCard(text, config.loyaltyCards);
  if (card.ok) {
    const { cardNumber, formatId } = card.value;
    return ok({
      text: base.text,
      symbology: base.symbology,
      source: base.source,
      kind: 'loyalty-card',
      cardNumber,
      formatId,
      via: 'barcode',
    });
  }
  if (card.reason === 'checksum') return reject('checksum', card.message, 'loyalty-card');

  // A GS1-128 or DataBar element string from a scanner that sent no symbology identifier.
  if (text.length >= 16 && text.startsWith('01')) {
    const parsed = gs1(text, base, context);
    if (parsed.ok) return parsed;
  }
  // A bare GTIN-14 (ITF-14 on an outer case, or a DataBar read without its AI).
  if (text.length === 14) return gs1(`01${text}`, base, context);

  const product = classifyProductCode(text, config.products, productSymbology(base.symbology));
  if (product.ok)
    return ok({
      text: base.text,
      symbology: base.symbology,
      source: base.source,
      kind: 'product',
      product: product.value,
    });
  if (product.reason === 'checksum') return reject('checksum', product.message, 'product');
  return unknown(text);
}

function productSymbology(s: ScanSymbology | undefined): ProductSymbology | undefined {
  return s === 'ean13' || s === 'ean8' || s === 'upca' || s === 'upce' ? s : undefined;
}

function gs1(text: string, base: ScanBase, context: ScanContext): ScanClassification {
  const year = new Date(context.nowMs).getUTCFullYear();
  const parsed = parseGs1ElementString(text, Number.isFinite(year) ? year : 2000);
  if (parsed.ok) {
    const { gtin, lookupCode, batch, expiry, bestBefore, netWeightGrams, serial, elements } = parsed.value;
    return ok({
      text: base.text,
      symbology: base.symbology,
      source: base.source,
      kind: 'gs1',
      gtin,
      lookupCode,
      batch,
      expiry,
      bestBefore,
      netWeightGrams,
      serial,
      elements,
    });
  }
  return reject(parsed.reason === 'no-gtin' ? 'unknown-code' : parsed.reason, parsed.message, 'gs1');
}

function magstripe(text: string, base: ScanBase, config: ScanConfig): ScanClassification {
  const swipe = parseMagstripe(text);
  // Some readers strip the sentinels and send only the card number.
  const candidates = /^\d{4,19}$/.test(text) ? [text] : cardNumberCandidates(swipe);
  if (candidates.length === 0) {
    return reject('unreadable', 'The card could not be read. Swipe it again, steadily.', 'magstripe');
  }
  let checksum: ScanRejection | undefined;
  for (const number of candidates) {
    const card = matchLoyaltyCard(number, config.loyaltyCards);
    if (card.ok) {
      const { cardNumber, formatId } = card.value;
      const holderName = swipe.track1?.name || undefined;
      return ok({
        text: base.text,
        symbology: base.symbology,
        source: base.source,
        kind: 'loyalty-card',
        cardNumber,
        formatId,
        via: 'magstripe',
        holderName,
      });
    }
    if (card.reason === 'checksum') checksum ??= reject('checksum', card.message, 'magstripe');
  }
  if (checksum) return checksum;
  const first = candidates[0] ?? '';
  const bankLike = first.length >= 13 && hasValidCheckDigitFor('luhn', first) && /^[3-6]/.test(first);
  return reject(
    'not-loyalty-card',
    bankLike
      ? `This is a payment card (${maskCardNumber(first)}), not a loyalty card. Ask for the loyalty card.`
      : `This card (${maskCardNumber(first)}) is not a loyalty card of this store.`,
    'magstripe',
  );
}

function memberQr(
  text: string,
  base: ScanBase,
  config: ScanConfig,
  context: ScanContext,
): ScanClassification {
  const format = config.memberQr;
  if (!format) return unknown(text);
  const qr = parseMemberQr(text, format);
  if (!qr.ok) return reject('malformed', qr.message, 'member-qr');
  const given = context.memberSecret?.(qr.value.memberRef);
  const secrets = given === undefined ? [] : given instanceof Uint8Array ? [given] : given;
  const { memberRef, code } = qr.value;
  if (secrets.length === 0)
    return ok({
      text: base.text,
      symbology: base.symbology,
      source: base.source,
      kind: 'member-qr',
      memberRef,
      code,
      verification: 'unverified',
    });
  const check = verifyWithAny(qr.value, secrets, context.nowMs, format);
  if (!check.ok) return reject(check.reason, check.message, 'member-qr');
  const step = check.value.step;
  const last = context.lastAcceptedStep?.(memberRef);
  if (last !== undefined && step <= last) {
    return reject(
      'code-reused',
      `Member ${memberRef}'s code was already used. If the member is not on this sale yet, ask them to wait for the next code in the app.`,
      'member-qr',
    );
  }
  return ok({
    text: base.text,
    symbology: base.symbology,
    source: base.source,
    kind: 'member-qr',
    memberRef,
    code,
    verification: 'verified',
    step,
  });
}

/**
 * The current key's secret first, then a previous key's (during a key rotation a member app may
 * still show codes of the old one). Expired under any key says more than wrong under all of them.
 */
function verifyWithAny(
  qr: MemberQr,
  secrets: readonly Uint8Array[],
  nowMs: number,
  format: MemberQrFormat,
): TotpCheck {
  let failure: TotpCheck | undefined;
  for (const secret of secrets) {
    const check = verifyMemberCode(qr, secret, nowMs, format);
    if (check.ok) return check;
    if (!failure || check.reason === 'code-expired') failure = check;
  }
  return failure ?? verifyMemberCode(qr, new Uint8Array(0), nowMs, format);
}
