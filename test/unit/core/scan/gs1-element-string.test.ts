import { describe, expect, it } from 'vitest';
import { gs1Date, parseGs1ElementString, GS } from '../../../../core/scan/gs1-element-string';

// GS1's own example GTIN (GS1 General Specifications and DataMatrix guideline).
const GTIN = '09506000134352';

describe('GS1 element strings', () => {
  it('reads GTIN, expiry, batch and serial from a DataMatrix string with a GS after the variable batch', () => {
    const r = parseGs1ElementString(`01${GTIN}17261231` + `10ABC123${GS}21SER-9`, 2026);
    expect(r).toEqual({
      ok: true,
      value: {
        gtin: GTIN,
        lookupCode: '9506000134352',
        expiry: '2026-12-31',
        batch: 'ABC123',
        serial: 'SER-9',
        elements: [
          { ai: '01', value: GTIN },
          { ai: '17', value: '261231' },
          { ai: '10', value: 'ABC123' },
          { ai: '21', value: 'SER-9' },
        ],
      },
    });
  });

  it('turns 3103 (kg, 3 decimals) into grams, and other decimals too', () => {
    expect(parseGs1ElementString(`01${GTIN}3103001250`, 2026)).toMatchObject({
      value: { netWeightGrams: 1250 },
    });
    expect(parseGs1ElementString(`01${GTIN}3102000125`, 2026)).toMatchObject({
      value: { netWeightGrams: 1250 },
    });
    expect(parseGs1ElementString(`01${GTIN}3100000002`, 2026)).toMatchObject({
      value: { netWeightGrams: 2000 },
    });
    expect(parseGs1ElementString(`01${GTIN}3105012345`, 2026)).toMatchObject({
      value: { netWeightGrams: 123 },
    });
  });

  it('reads the bracketed human-readable form and a leading FNC1', () => {
    expect(parseGs1ElementString(`(01)${GTIN}(10)LOT7(3103)000500`, 2026)).toMatchObject({
      ok: true,
      value: { batch: 'LOT7', netWeightGrams: 500 },
    });
    expect(parseGs1ElementString(`${GS}01${GTIN}`, 2026)).toMatchObject({ ok: true, value: { gtin: GTIN } });
  });

  it('catalogue key: GTIN-13 or GTIN-8 inside a padded GTIN-14, else the GTIN-14 itself', () => {
    expect(parseGs1ElementString('0100000096385074', 2026)).toMatchObject({
      value: { lookupCode: '96385074' },
    });
    expect(parseGs1ElementString('0114006381333938', 2026)).toMatchObject({
      value: { lookupCode: '14006381333938' },
    });
  });

  it('refuses a GTIN with a wrong check digit, naming it', () => {
    const r = parseGs1ElementString('0109506000134353', 2026);
    expect(r).toMatchObject({ ok: false, reason: 'checksum' });
    expect(r.ok ? '' : r.message).toContain('09506000134353');
  });

  it('says what is broken: truncated fixed field, unknown AI, impossible date, no GTIN', () => {
    expect(parseGs1ElementString('01095060001343', 2026)).toMatchObject({ reason: 'malformed' });
    expect(parseGs1ElementString(`01${GTIN}5512`, 2026)).toMatchObject({ reason: 'malformed' });
    expect(parseGs1ElementString(`01${GTIN}17261331`, 2026)).toMatchObject({ reason: 'malformed' });
    expect(parseGs1ElementString('10ABC', 2026)).toMatchObject({ reason: 'no-gtin' });
    expect(parseGs1ElementString('(01)123', 2026)).toMatchObject({ reason: 'malformed' });
  });

  it('dates: day 00 is the last day of the month; two-digit years use the GS1 sliding window', () => {
    expect(gs1Date('240200', 2026)).toBe('2024-02-29');
    expect(gs1Date('250200', 2026)).toBe('2025-02-28');
    expect(gs1Date('761231', 2026)).toBe('2076-12-31'); // +50 years: still this century
    expect(gs1Date('770101', 2026)).toBe('1977-01-01'); // +51: the previous century
    expect(gs1Date('010101', 2099)).toBe('2101-01-01'); // −98: the next century
    expect(gs1Date('260231', 2026)).toBeUndefined();
  });
});
