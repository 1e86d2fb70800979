import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../../core/scan/gtin';
import { totp } from '../../../core/scan/totp';
import { DEFAULT_PRODUCT_CODE_CONFIG } from '../../../core/scan/product-code';
import type { StoreSettings } from '../../../core/store/store-settings';
import { interpretScan, scanConfigFor } from '../../../renderer/src/features/checkout/interpret-scan';
import { i18n, translate } from '../../../renderer/src/i18n';

const store: StoreSettings = {
  storeId: 's',
  name: 'Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [...DEFAULT_PRODUCT_CODE_CONFIG.variableMeasure],
};
const config = scanConfigFor(store);
const at = Date.UTC(2026, 0, 15);

describe('interpretScan', () => {
  it('routes product codes, weighed labels included, to the basket', () => {
    expect(interpretScan('8710000000017', config, at)).toMatchObject({
      type: 'product',
      code: { lookupCode: '8710000000017' },
    });
    expect(interpretScan(withCheckDigit('210004201250'), config, at)).toMatchObject({
      type: 'product',
      code: { kind: 'variable-measure', lookupCode: '2100042', value: 1250 },
    });
  });

  it('recognises a loyalty card for the basket', () => {
    const card = withCheckDigit('262012345678');
    expect(interpretScan(card, config, at)).toEqual({
      type: 'member-card',
      cardNumber: card,
      cardName: 'Kassa loyalty card',
    });
  });

  it('answers anything else with a message a cashier can read, in the till’s language', () => {
    const bad = interpretScan('8710000000018', config, at);
    expect(bad).toEqual({
      type: 'message',
      message: { key: 'scan.refused.checksum', values: { code: '8710000000018' } },
    });
    if (bad.type !== 'message') return;
    expect(translate(i18n.getFixedT('en'), bad.message)).toBe(
      'The check digit of 8710000000018 does not match: a misread or a typo. Scan again.',
    );
    expect(translate(i18n.getFixedT('nl'), bad.message)).toContain('controlecijfer van 8710000000018');
    expect(translate(i18n.getFixedT('ro'), bad.message)).toContain(
      'Cifra de control a codului 8710000000018',
    );
    const unknown = interpretScan('hello world', config, at);
    expect(unknown).toMatchObject({ type: 'message', message: { key: 'scan.refused.unknown-code' } });
  });
});

describe('interpretScan: member-app codes', () => {
  const format = config.memberQr!;
  const secret = new TextEncoder().encode('anna app secret 0123456789');
  const ref = '01JANNA0000000000000000000';
  const qr = `KASSA-M:${ref}:${totp(secret, at, format)}`;
  const members = { memberSecret: (r: string) => (r === ref ? secret : undefined) };

  it('a live code with the member’s secret is verified and names its step', () => {
    expect(interpretScan(qr, config, at, 'wedge', undefined, members)).toMatchObject({
      type: 'member-app',
      memberRef: ref,
      verification: 'verified',
      step: Math.floor(at / 30_000),
    });
  });

  it('the same code again after the till accepted its step is refused as reused', () => {
    const again = interpretScan(qr, config, at + 5_000, 'wedge', undefined, {
      ...members,
      lastAcceptedStep: () => Math.floor(at / 30_000),
    });
    expect(again).toMatchObject({ type: 'message', message: { key: 'scan.refused.code-reused' } });
  });

  it('without a member-app key on this till, the cashier is told why and what to do instead', () => {
    const r = interpretScan(qr, config, at);
    expect(r).toEqual({ type: 'message', message: { key: 'scan.memberApp.noKey' } });
    if (r.type !== 'message') return;
    expect(translate(i18n.getFixedT('en'), r.message)).toBe(
      'This till cannot check member app codes yet: it needs to reach the server once. Scan the member’s card or type their phone number.',
    );
  });

  it('a screenshot, a wrong code and a second scan each get their own message', () => {
    const en = (r: ReturnType<typeof interpretScan>) =>
      r.type === 'message' ? translate(i18n.getFixedT('en'), r.message) : r.type;
    const old = `KASSA-M:${ref}:${totp(secret, at - 5 * 60_000, format)}`;
    expect(en(interpretScan(old, config, at, 'wedge', undefined, members))).toContain(
      'a screenshot will not work',
    );
    const wrong = `KASSA-M:${ref}:${totp(new TextEncoder().encode('someone else'), at, format)}`;
    expect(en(interpretScan(wrong, config, at, 'wedge', undefined, members))).toContain(
      'does not match the member',
    );
    const again = interpretScan(qr, config, at, 'wedge', undefined, {
      ...members,
      lastAcceptedStep: () => Math.floor(at / 30_000),
    });
    expect(en(again)).toContain('already used at this till');
  });
});
