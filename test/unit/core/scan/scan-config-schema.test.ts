import { describe, expect, it } from 'vitest';
import { parseScanConfig, scanConfigToJson } from '../../../../core/scan/scan-config-schema';
import { DEMO_SCAN_CONFIG } from '../../../../core/scan/scan-config';
import { classifyScan } from '../../../../core/scan/classify';
import { signCode } from '../../../../core/scan/signed-code';

describe('scan configuration as JSON', () => {
  it('the demo configuration survives JSON and still verifies its coupons', () => {
    const json = JSON.parse(JSON.stringify(scanConfigToJson(DEMO_SCAN_CONFIG)));
    const parsed = parseScanConfig(json);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toEqual(DEMO_SCAN_CONFIG);
    const coupon = DEMO_SCAN_CONFIG.signedCodes[0]!;
    const code = signCode(coupon, coupon.keys[0]!, 'SPR1000001');
    expect(classifyScan({ text: code }, parsed.value, { nowMs: 0 })).toMatchObject({
      value: { kind: 'coupon' },
    });
  });

  it('names the bad field of a broken configuration', () => {
    const json = scanConfigToJson(DEMO_SCAN_CONFIG);
    const broken = {
      ...json,
      signedCodes: [{ ...json.signedCodes[0]!, keys: [{ id: 'k', secret: 'abc' }] }],
    };
    expect(parseScanConfig(broken)).toMatchObject({
      ok: false,
      reason: 'invalid-scan-config',
      message: expect.stringContaining('signedCodes.0.keys.0.secret'),
    });
    expect(parseScanConfig({ ...json, loyaltyCards: [{ id: 'x' }] })).toMatchObject({
      message: expect.stringContaining('loyaltyCards.0.name'),
    });
    expect(
      parseScanConfig({ ...json, signedCodes: [{ ...json.signedCodes[0]!, prefix: 'OIL' }] }),
    ).toMatchObject({
      message: expect.stringContaining('Crockford'),
    });
  });
});
