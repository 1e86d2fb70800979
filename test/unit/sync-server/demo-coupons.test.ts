import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createProgramCache, evaluate, parseProgram } from '../../../core/rules/index';
import { classifyScan } from '../../../core/scan/classify';
import { DEMO_SCAN_CONFIG } from '../../../core/scan/scan-config';
import { DEMO_STORE } from '../../../sync-server/src/demo/demo-catalogue';
import { demoCouponCodes } from '../../../sync-server/src/demo/demo-coupons';
import { DEMO_PROGRAM_FILES } from '../../../sync-server/src/demo/demo-programs';

/** The demo's printed XMAS coupons, as a cashier scans them at the demo till. */
const program = (() => {
  const r = parseProgram(DEMO_PROGRAM_FILES['xmas-coupon.json']);
  if (!r.ok) throw new Error(r.message);
  return createProgramCache().get(r.value);
})();
const WED_NOON = Date.UTC(2026, 11, 2, 11);

const basket = (cents: number, coupons: string[]) => ({
  id: 'b1',
  currency: 'EUR',
  lines: [
    {
      lineId: 'l1',
      sku: 'p1',
      category: 'food',
      brand: 'x',
      tags: [],
      quantity: 1,
      unitPriceCents: cents,
      amountCents: cents,
    },
  ],
  coupons,
});
const run = (cents: number, coupons: string[]) =>
  evaluate([program], basket(cents, coupons), null, {
    at: WED_NOON,
    storeId: DEMO_STORE.storeId,
    channel: 'store',
    timeZone: DEMO_STORE.timeZone,
    transactionId: 'tx1',
  });

describe('the demo coupons (campaign XMAS)', () => {
  const codes = demoCouponCodes();

  it('are three different codes, each a genuine coupon of the demo format', () => {
    expect(new Set(codes).size).toBe(3);
    for (const code of codes) {
      const r = classifyScan({ text: code, source: 'manual' }, DEMO_SCAN_CONFIG, { nowMs: WED_NOON });
      expect(r).toMatchObject({ ok: true, value: { kind: 'coupon', fields: { campaign: 'XMAS' } } });
    }
    // One character off is not a coupon of the shop: its signature does not match.
    const forged = `${codes[0]!.slice(0, -1)}${codes[0]!.endsWith('0') ? '1' : '0'}`;
    expect(
      classifyScan({ text: forged, source: 'manual' }, DEMO_SCAN_CONFIG, { nowMs: WED_NOON }),
    ).toMatchObject({
      ok: false,
    });
  });

  it('take €5 off a basket of €25, and say how much more a smaller basket needs', () => {
    expect(run(2500, [codes[0]!]).totals).toMatchObject({ discountCents: 500, netCents: 2000 });
    const short = run(2499, [codes[0]!]);
    expect(short.totals.discountCents).toBe(0);
    expect(short.nearMisses).toMatchObject([{ ruleId: 'xmas-5-off-25', amount: 1 }]);
    // Without the coupon, no discount and nothing to hint at.
    expect(run(5000, []).totals.discountCents).toBe(0);
  });

  it('are the codes the README prints for the demo', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const code of codes) expect(readme).toContain(code);
  });
});
