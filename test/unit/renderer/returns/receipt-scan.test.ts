import { describe, expect, it } from 'vitest';
import { DEFAULT_PRODUCT_CODE_CONFIG } from '../../../../core/scan/product-code';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { interpretScan, scanConfigFor } from '../../../../renderer/src/features/checkout/interpret-scan';
import { i18n, translate } from '../../../../renderer/src/i18n';

const store: StoreSettings = {
  storeId: 'store-demo-ams',
  name: 'Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [...DEFAULT_PRODUCT_CODE_CONFIG.variableMeasure],
};
const at = Date.UTC(2026, 10, 28, 11);

describe('a receipt scanned at the till', () => {
  it('is the sale to take goods back against, not an unknown code', () => {
    expect(
      interpretScan(
        'KASSA-R:store-demo-ams:T01TILL:01KB0SALE00000000000000001',
        scanConfigFor(store),
        at,
        'wedge',
      ),
    ).toEqual({
      type: 'receipt',
      storeId: 'store-demo-ams',
      terminalId: 'T01TILL',
      saleId: '01KB0SALE00000000000000001',
    });
  });

  it('a damaged one says so in the till’s language', () => {
    const action = interpretScan('KASSA-R:store-demo-ams:T01TILL', scanConfigFor(store), at);
    expect(action.type).toBe('message');
    if (action.type !== 'message') return;
    expect(translate(i18n.getFixedT('en'), action.message)).toBe(
      'Code KASSA-R:store-demo-ams:T01TILL is damaged or incomplete. Scan it again.',
    );
  });
});
