import { utf8ToBytes } from '@noble/hashes/utils.js';
import { withCheckDigit } from '../../../core/scan/gtin';
import { luhnCheckDigit } from '../../../core/scan/check-digit';
import { DEMO_SCAN_CONFIG } from '../../../core/scan/scan-config';
import { signCode } from '../../../core/scan/signed-code';
import { totp } from '../../../core/scan/totp';

export const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
export const MEMBER_SECRET = utf8ToBytes('bench member secret 0001');

/** A deterministic pseudo-random generator, so every run scans the same mix. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digits = (rand: () => number, n: number) =>
  Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

export interface MixEntry {
  family: string;
  text: string;
  symbology?: string;
  source?: 'wedge' | 'hid-pos' | 'magstripe';
}

/**
 * A supermarket till's day in proportions: mostly EAN-13, some weighed items, UPC/EAN-8,
 * a loyalty card or member QR per basket, a few coupons, gift cards, swipes, GS1 DataMatrix
 * labels on fresh goods, and misreads.
 */
export function scanMix(size: number, seed = 42): MixEntry[] {
  const rand = mulberry32(seed);
  const [coupon, gift] = DEMO_SCAN_CONFIG.signedCodes;
  const qrCode = totp(MEMBER_SECRET, NOW, DEMO_SCAN_CONFIG.memberQr!);
  const make: [number, () => MixEntry][] = [
    [55, () => ({ family: 'ean13', text: withCheckDigit('87' + digits(rand, 10)) })],
    [10, () => ({ family: 'weighed', text: withCheckDigit('21' + digits(rand, 5) + '0' + digits(rand, 4)) })],
    [4, () => ({ family: 'upca', text: withCheckDigit('0' + digits(rand, 10)) })],
    [3, () => ({ family: 'ean8', text: withCheckDigit('5' + digits(rand, 6)) })],
    [7, () => ({ family: 'loyalty', text: withCheckDigit('2620' + digits(rand, 8)) })],
    [
      2,
      () => {
        const data = '7083' + digits(rand, 11);
        const n = data + String(luhnCheckDigit(data));
        return { family: 'magstripe', text: `%B${n}^JANSEN/ANNA^2912?;${n}=2912?`, source: 'magstripe' };
      },
    ],
    [4, () => ({ family: 'coupon', text: signCode(coupon!, coupon!.keys[0]!, 'SPR1' + digits(rand, 6)) })],
    [2, () => ({ family: 'gift-card', text: signCode(gift!, gift!.keys[0]!, digits(rand, 10)) })],
    [4, () => ({ family: 'member-qr', text: `KASSA-M:M${digits(rand, 6)}:${qrCode}` })],
    [
      5,
      () => ({
        family: 'gs1',
        text: `]d201${withCheckDigit('0871' + digits(rand, 9))}17261231310300${digits(rand, 4)}10L${digits(rand, 4)}\u001d21${digits(rand, 6)}`,
      }),
    ],
    [4, () => ({ family: 'misread', text: '87' + digits(rand, 11) })],
  ];
  const total = make.reduce((s, [w]) => s + w, 0);
  return Array.from({ length: size }, () => {
    let r = rand() * total;
    for (const [w, f] of make) {
      if ((r -= w) < 0) return f();
    }
    return make[0]![1]();
  });
}
