import { describe, expect, it } from 'vitest';
import { classifyScan } from '../../../../core/scan/classify';
import { DEMO_SCAN_CONFIG } from '../../../../core/scan/scan-config';
import { parseMagstripe, cardNumberCandidates } from '../../../../core/scan/magstripe';
import { luhnCheckDigit } from '../../../../core/scan/check-digit';

const now = { nowMs: Date.UTC(2026, 10, 25, 12) };
const PLASTIC = '708300000000123' + String(luhnCheckDigit('708300000000123')); // Kassa plastic card, Luhn
const swipe = (text: string) => classifyScan({ text, source: 'magstripe' }, DEMO_SCAN_CONFIG, now);

describe('magstripe swipes', () => {
  it('reads the card number from tracks 1 and 2, with the holder name from track 1', () => {
    expect(swipe(`%B${PLASTIC}^JANSEN/ANNA ^2912101000000?;${PLASTIC}=29121010000?\r`)).toEqual({
      ok: true,
      value: {
        kind: 'loyalty-card',
        cardNumber: PLASTIC,
        formatId: 'kassa-plastic',
        via: 'magstripe',
        holderName: 'JANSEN/ANNA',
        text: `%B${PLASTIC}^JANSEN/ANNA ^2912101000000?;${PLASTIC}=29121010000?`,
        source: 'magstripe',
      },
    });
  });

  it('reads track 2 alone, even from a reader that is not marked as a card reader', () => {
    expect(classifyScan({ text: `;${PLASTIC}=2912?` }, DEMO_SCAN_CONFIG, now)).toMatchObject({
      ok: true,
      value: { kind: 'loyalty-card', cardNumber: PLASTIC, via: 'magstripe' },
    });
  });

  it('reads track 3 alone, with or without an ISO 4909 format code', () => {
    expect(swipe(`+${PLASTIC}=00?`)).toMatchObject({ value: { cardNumber: PLASTIC } });
    expect(swipe(`+01${PLASTIC}=00?`)).toMatchObject({ value: { cardNumber: PLASTIC } });
    expect(cardNumberCandidates(parseMagstripe(`;1234=1?;01${PLASTIC}?`))).toContain(PLASTIC);
  });

  it('asks to swipe again when no track could be read', () => {
    const r = swipe('%E?;E?+E?');
    expect(r).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(r.ok ? '' : r.message).toMatch(/swipe it again/i);
  });

  it('recognises a payment card and never shows its full number', () => {
    const r = swipe('%B4111111111111111^DOE/JOHN^2912101?;4111111111111111=2912101?');
    expect(r).toMatchObject({ ok: false, reason: 'not-loyalty-card', detail: { family: 'magstripe' } });
    expect(r.ok ? '' : r.message).toContain('…1111');
    expect(r.ok ? '' : r.message).not.toContain('411111');
  });

  it('a loyalty card misread (bad Luhn) is a checksum error naming the expected digit', () => {
    const bad = PLASTIC.slice(0, 15) + String((Number(PLASTIC[15]) + 1) % 10);
    const r = swipe(`;${bad}=2912?`);
    expect(r).toMatchObject({ ok: false, reason: 'checksum' });
    expect(r.ok ? '' : r.message).toContain(`should be ${PLASTIC[15]}`);
  });
});
