import { createRequire } from 'node:module';
import * as gtin from 'gtin';
import { DEMO_SCAN_CONFIG } from '../../../core/scan/scan-config';
import { normalizeSignedCode, verifySignedCode } from '../../../core/scan/signed-code';
import { verifyTotp } from '../../../core/scan/totp';
import { MEMBER_SECRET } from './scan-mix';

interface Gs1Parsed {
  codeName: string;
  parsedCodeItems: { ai: string; data: unknown; raw: string }[];
}
const { parseBarcode } = createRequire(import.meta.url)('gs1-barcode-parser-mod') as {
  parseBarcode(s: string): Gs1Parsed;
};

/**
 * The alternative: the obvious hand-written classifier. It tries each family by regular
 * expression in sequence and leans on established npm libraries — `gtin` for EAN/UPC check
 * digits and `gs1-barcode-parser-mod` for GS1 element strings (both throw on bad input, so every
 * call is wrapped). Coupons and member codes use the same HMAC/TOTP code as ours, so the
 * comparison is about dispatch and validation, not cryptography.
 */
export function naiveClassify(text: string, nowMs: number): { kind: string } | { error: string } {
  const t = text.trim();
  try {
    let m = /^%B(\d{1,19})\^/.exec(t) ?? /^;(\d{1,19})=/.exec(t);
    if (m) return /^7083\d{12}$/.test(m[1]!) ? { kind: 'loyalty-card' } : { error: 'not-loyalty-card' };
    m = /^KASSA-M:([0-9A-Za-z_-]+):(\d{8})$/.exec(t);
    if (m) {
      const ok = verifyTotp(MEMBER_SECRET, m[2]!, nowMs, DEMO_SCAN_CONFIG.memberQr!).ok;
      return ok ? { kind: 'member-qr' } : { error: 'code-wrong' };
    }
    if (/^\](d2|Q3|C1|e0)/.test(t) || t.includes('\u001d')) {
      const p = parseBarcode(t);
      const item = p.parsedCodeItems.find((i) => i.ai === '01');
      return item && gtin.isValid(item.raw) ? { kind: 'gs1' } : { error: 'checksum' };
    }
    for (const format of DEMO_SCAN_CONFIG.signedCodes) {
      const n = normalizeSignedCode(t, format);
      if (new RegExp(`^${format.prefix}`).test(n)) {
        return verifySignedCode(n, format).ok ? { kind: format.kind } : { error: 'signature' };
      }
    }
    if (/^2620\d{9}$/.test(t)) return gtin.isValid(t) ? { kind: 'loyalty-card' } : { error: 'checksum' };
    if (/^(\d{8}|\d{12,13})$/.test(t)) {
      if (!gtin.isValid(t)) return { error: 'checksum' };
      return /^2[1-4]\d{11}$/.test(t) ? { kind: 'variable-measure' } : { kind: gtin.getFormat(t) };
    }
    return { error: 'unknown-code' };
  } catch {
    return { error: 'unknown-code' };
  }
}
