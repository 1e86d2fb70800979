import { describe, expect, it } from 'vitest';
import {
  MEMBER_APP_QR_FORMAT,
  memberAppCodeChangesAt,
  memberAppKeyId,
  memberAppOtpauthUri,
  memberAppQrText,
  memberAppSecret,
} from '../../../../core/loyalty/member-app-code';
import { classifyScan, decodeBase32, DEMO_SCAN_CONFIG, totp, type ScanContext } from '../../../../core/scan';

const KEY = new Uint8Array(32).map((_, i) => i + 1);
const OLD_KEY = new Uint8Array(32).map((_, i) => 200 - i);
const ANNA = '01JANNA0000000000000000000';
const BRAM = '01JBRAM0000000000000000000';
/** The first millisecond of a 30-second step. */
const STEP = 59_000_000;
const AT = STEP * 30_000;

const context = (nowMs: number, extra: Partial<ScanContext> = {}): ScanContext => ({
  nowMs,
  memberSecret: (ref) => memberAppSecret(KEY, ref),
  ...extra,
});
const classify = (text: string, ctx: ScanContext) => classifyScan({ text }, DEMO_SCAN_CONFIG, ctx);

describe('member-app secrets derived from the chain key', () => {
  it('are deterministic, 32 bytes, and differ per member and per key', () => {
    expect(memberAppSecret(KEY, ANNA)).toEqual(memberAppSecret(KEY, ANNA));
    expect(memberAppSecret(KEY, ANNA)).toHaveLength(32);
    expect(memberAppSecret(KEY, ANNA)).not.toEqual(memberAppSecret(KEY, BRAM));
    expect(memberAppSecret(OLD_KEY, ANNA)).not.toEqual(memberAppSecret(KEY, ANNA));
  });

  it('name a key by an id derived from it, the same everywhere', () => {
    expect(memberAppKeyId(KEY)).toMatch(/^ma-[0-9a-f]{12}$/);
    expect(memberAppKeyId(KEY)).toBe(memberAppKeyId(new Uint8Array(KEY)));
    expect(memberAppKeyId(OLD_KEY)).not.toBe(memberAppKeyId(KEY));
  });

  it('give the QR text the app shows, and an otpauth URI with the same secret', () => {
    const text = memberAppQrText(KEY, ANNA, AT);
    expect(text).toBe(`KASSA-M:${ANNA}:${totp(memberAppSecret(KEY, ANNA), AT, MEMBER_APP_QR_FORMAT)}`);
    const uri = new URL(memberAppOtpauthUri(KEY, ANNA));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/Kassa:${ANNA}`);
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({
      issuer: 'Kassa',
      algorithm: 'SHA1',
      digits: '8',
      period: '30',
    });
    expect(decodeBase32(uri.searchParams.get('secret') ?? '')).toEqual(memberAppSecret(KEY, ANNA));
    expect(memberAppCodeChangesAt(AT + 29_999)).toBe(AT + 30_000);
  });
});

describe('a member-app code at the till', () => {
  it('verifies the live code, and the code of the step before or after (a slow scan, clock drift)', () => {
    const last = AT + 29_999;
    const code = memberAppQrText(KEY, ANNA, last);
    expect(classify(code, context(last))).toMatchObject({
      ok: true,
      value: { verification: 'verified', step: STEP },
    });
    // One step later it still counts; two steps later it is a screenshot.
    expect(classify(code, context(last + 1))).toMatchObject({ ok: true, value: { step: STEP } });
    expect(classify(code, context(AT + 59_999))).toMatchObject({ ok: true, value: { step: STEP } });
    expect(classify(code, context(AT + 60_000))).toMatchObject({ ok: false, reason: 'code-expired' });
    expect(classify(memberAppQrText(KEY, ANNA, AT + 30_000), context(last))).toMatchObject({
      ok: true,
      value: { step: STEP + 1 },
    });
  });

  it('refuses another member’s code under this member’s id, and a code of another chain key', () => {
    const bram = memberAppQrText(KEY, BRAM, AT).split(':')[2];
    expect(classify(`KASSA-M:${ANNA}:${bram}`, context(AT))).toMatchObject({
      ok: false,
      reason: 'code-wrong',
    });
    expect(classify(memberAppQrText(OLD_KEY, ANNA, AT), context(AT))).toMatchObject({
      ok: false,
      reason: 'code-wrong',
    });
  });

  it('accepts a code once: the same step again is refused, the next one is not', () => {
    const code = memberAppQrText(KEY, ANNA, AT);
    const accepted = context(AT + 1_000, { lastAcceptedStep: (ref) => (ref === ANNA ? STEP : undefined) });
    expect(classify(code, accepted)).toMatchObject({ ok: false, reason: 'code-reused' });
    // An older code (the step before) is refused the same way, not shown as valid.
    expect(classify(memberAppQrText(KEY, ANNA, AT - 30_000), accepted)).toMatchObject({
      ok: false,
      reason: 'code-reused',
    });
    expect(classify(memberAppQrText(KEY, ANNA, AT + 30_000), accepted)).toMatchObject({
      ok: true,
      value: { step: STEP + 1 },
    });
    // Another member's step does not block this one.
    expect(classify(memberAppQrText(KEY, BRAM, AT), accepted)).toMatchObject({ ok: true });
  });

  it('during a key rotation, verifies codes of the current and the previous key', () => {
    const both = context(AT, {
      memberSecret: (ref) => [memberAppSecret(KEY, ref), memberAppSecret(OLD_KEY, ref)],
    });
    expect(classify(memberAppQrText(KEY, ANNA, AT), both)).toMatchObject({ ok: true });
    expect(classify(memberAppQrText(OLD_KEY, ANNA, AT), both)).toMatchObject({ ok: true });
    expect(classify(memberAppQrText(OLD_KEY, ANNA, AT - 5 * 60_000), both)).toMatchObject({
      ok: false,
      reason: 'code-expired',
    });
    expect(classify(`KASSA-M:${ANNA}:00000000`, both)).toMatchObject({ ok: false, reason: 'code-wrong' });
  });
});
