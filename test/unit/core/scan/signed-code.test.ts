import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import {
  normalizeSignedCode,
  signCode,
  verifySignedCode,
  type SignedCodeFormat,
} from '../../../../core/scan/signed-code';
import { DEMO_SCAN_CONFIG } from '../../../../core/scan/scan-config';

const coupon = DEMO_SCAN_CONFIG.signedCodes.find((f) => f.kind === 'coupon') as SignedCodeFormat;
const gift = DEMO_SCAN_CONFIG.signedCodes.find((f) => f.kind === 'gift-card') as SignedCodeFormat;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const verify = (text: string, f: SignedCodeFormat) => verifySignedCode(normalizeSignedCode(text, f), f);

describe('signed coupon and gift-card codes', () => {
  it('a code the HQ signed verifies offline, with its fields and key', () => {
    const code = signCode(coupon, coupon.keys[0]!, 'SPR1000042');
    expect(code).toMatch(/^KCSPR1000042[0-9A-Z]{8}$/);
    expect(verify(code, coupon)).toEqual({
      ok: true,
      value: {
        formatId: 'kassa-coupon',
        kind: 'coupon',
        code,
        payload: 'SPR1000042',
        fields: { campaign: 'SPR1', serial: '000042' },
        keyId: 'demo-2026',
      },
    });
  });

  it('a cashier may type it in groups, in lower case, with O for 0 and l for 1', () => {
    const code = signCode(coupon, coupon.keys[0]!, 'SPR1000042');
    const typed = `${code.slice(0, 2)}-${code.slice(2, 6)}-${code.slice(6, 12)}-${code.slice(12)}`
      .toLowerCase()
      .replace(/0/g, 'o')
      .replace(/1/g, 'l');
    expect(verify(typed, coupon)).toMatchObject({ ok: true, value: { code } });
  });

  it('property: any one changed character of a base32 code is refused', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CROCKFORD), { minLength: 10, maxLength: 10 }).map((a) => a.join('')),
        fc.nat(),
        fc.integer({ min: 1, max: 31 }),
        (payload, pos, shift) => {
          const code = signCode(coupon, coupon.keys[0]!, payload);
          const i = 2 + (pos % (code.length - 2));
          const swapped = CROCKFORD[(CROCKFORD.indexOf(code[i]!) + shift) % 32]!;
          const forged = code.slice(0, i) + swapped + code.slice(i + 1);
          expect(verify(forged, coupon)).toMatchObject({ ok: false, reason: 'signature' });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('digit gift cards: a made-up number is refused, a real one accepted', () => {
    const real = signCode(gift, gift.keys[0]!, '0000000123');
    expect(real).toMatch(/^9826\d{16}$/);
    expect(verify(real, gift)).toMatchObject({
      ok: true,
      value: { kind: 'gift-card', fields: { serial: '0000000123' } },
    });
    const madeUp = real.slice(0, 14) + (real.endsWith('000000') ? '000001' : '000000');
    expect(verify(madeUp, gift)).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('after a key rotation, codes signed with the previous key still verify and say which key', () => {
    const oldKey = { id: 'old-2025', secret: utf8ToBytes('old key') };
    const rotated: SignedCodeFormat = { ...coupon, keys: [...coupon.keys, oldKey] };
    const code = signCode(rotated, oldKey, 'WNTR000007');
    expect(verify(code, coupon)).toMatchObject({ ok: false, reason: 'signature' });
    expect(verify(code, rotated)).toMatchObject({ ok: true, value: { keyId: 'old-2025' } });
  });

  it('a code of the wrong length says how long it should be', () => {
    const r = verify('KC-1234', coupon);
    expect(r).toMatchObject({ ok: false, reason: 'length' });
    expect(r.ok ? '' : r.message).toContain('20 characters');
  });
});
