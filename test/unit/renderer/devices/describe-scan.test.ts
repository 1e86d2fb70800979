import { describe, expect, it } from 'vitest';
import { classifyScan, DEMO_SCAN_CONFIG, withCheckDigit, GS } from '../../../../core/scan';
import { describeClassification, visibleText } from '../../../../renderer/src/features/devices/describe-scan';
import { i18n } from '../../../../renderer/src/i18n';

const NOW = Date.UTC(2026, 10, 25, 12);
const describeScan = (text: string, symbology?: string, language = 'en') =>
  describeClassification(
    classifyScan({ text, ...(symbology ? { symbology } : {}) }, DEMO_SCAN_CONFIG, { nowMs: NOW }),
    DEMO_SCAN_CONFIG,
    i18n.getFixedT(language),
    text,
  );

describe('describing a scan on the devices test bench', () => {
  it('names a product code by its symbology and GTIN', () => {
    expect(describeScan('4006381333931', ']E0')).toEqual({
      accepted: true,
      text: 'EAN-13 product 4006381333931',
    });
    expect(describeScan('96385074')).toEqual({ accepted: true, text: 'EAN-8 product 96385074' });
    expect(describeScan('96385074', undefined, 'nl').text).toBe('EAN-8-artikel 96385074');
    expect(describeScan('96385074', undefined, 'ro').text).toBe('Produs EAN-8 96385074');
  });

  it('names a weighed product by its catalogue key and weight', () => {
    const code = withCheckDigit('211234501234');
    expect(describeScan(code).text).toBe('Variable-measure product 2112345, 1234 g');
  });

  it('names a loyalty card by the store’s card name and number', () => {
    const card = withCheckDigit('262012345678');
    expect(describeScan(card)).toEqual({
      accepted: true,
      text: `Kassa loyalty card ${card} (barcode)`,
    });
  });

  it('shows GS1 element strings with their GTIN, batch and expiry', () => {
    const text = `01${withCheckDigit('0400638133393')}17271231${'10'}LOT42${GS}`;
    const d = describeScan(text, ']d2');
    expect(d.accepted).toBe(true);
    expect(d.text).toContain(`GS1 GTIN ${withCheckDigit('0400638133393')}`);
    expect(d.text).toContain('batch LOT42');
    expect(d.text).toContain('expiry 2027-12-31');
  });

  it('gives the reason and the cashier’s message when a scan is refused', () => {
    const d = describeScan('4006381333932');
    expect(d.accepted).toBe(false);
    expect(d.text).toMatch(/^Refused \(checksum\): .*check digit/);
    expect(describeScan('hello world').text).toMatch(/^Refused \(unknown-code\): Unknown code "hello world"/);
    expect(describeScan('4006381333932', undefined, 'nl').text).toMatch(
      /^Geweigerd \(checksum\): .*controlecijfer/,
    );
  });
});

describe('showing decoded text', () => {
  it('makes control characters visible instead of dropping them', () => {
    expect(visibleText(`01${GS}10AB\r\n`)).toBe('01\u241d10AB\u240d\u240a');
    expect(visibleText('\u007f')).toBe('\u2421');
  });

  it('leaves ordinary and non-ASCII text alone', () => {
    expect(visibleText('Müller 4006381333931')).toBe('Müller 4006381333931');
  });
});
