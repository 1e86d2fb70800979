import { describe, expect, it } from 'vitest';
import {
  EMPTY_ENROLMENT,
  enrolmentFormReducer,
  INITIAL_ENROLMENT_FORM,
  validateEnrolment,
  type EnrolmentChecks,
  type EnrolmentValues,
} from '../../../../renderer/src/features/enrolment/enrolment-form';
import { phoneHash } from '../../../../core/loyalty/phone';
import { CARD_ANNA, CARD_UNKNOWN } from '../members/fixtures';

const ANNA_PHONE = phoneHash('+31612345678');
const checks: EnrolmentChecks = {
  countryCode: '31',
  cardTaken: (card) => card === CARD_ANNA,
  phoneTaken: (hash) => hash === ANNA_PHONE,
  isLoyaltyCard: (card) => /^2620\d{9}$/.test(card),
};
const filled: EnrolmentValues = {
  ...EMPTY_ENROLMENT,
  fullName: '  Marieke   van Dam ',
  card: CARD_UNKNOWN,
  dataProcessing: true,
};
const keysOf = (v: EnrolmentValues) => {
  const r = validateEnrolment(v, checks);
  return r.ok ? {} : Object.fromEntries(Object.entries(r.detail ?? {}).map(([f, m]) => [f, m.key]));
};

describe('the enrolment form', () => {
  it('needs a name, a new card of this store and consent to process data; the rest is optional', () => {
    expect(validateEnrolment(filled, checks)).toEqual({
      ok: true,
      value: {
        fullName: 'Marieke van Dam',
        email: null,
        phone: null,
        card: CARD_UNKNOWN,
        cardSource: 'stock',
        referralCode: null,
        marketing: false,
      },
    });
    expect(keysOf(EMPTY_ENROLMENT)).toEqual({
      fullName: 'enrol.error.name-required',
      card: 'enrol.error.card-required',
      dataProcessing: 'enrol.error.consent-required',
    });
  });

  it('keeps only the hash and the last three digits of a phone number, in the store’s country', () => {
    const r = validateEnrolment({ ...filled, phone: '06 1234 5699', marketing: true }, checks);
    expect(r).toMatchObject({
      ok: true,
      value: {
        // sha256("kassa-phone:+31612345699"), written out (core/loyalty/phone.ts).
        phone: { hash: 'bcaf8e181a10a09c66bbf1f7b1743e89f1023f7c75566ad8790d1b73d955349a', last3: '699' },
        marketing: true,
      },
    });
    expect(JSON.stringify(r)).not.toContain('1234');
  });

  it('says per field what is wrong', () => {
    expect(
      keysOf({
        ...filled,
        fullName: 'x'.repeat(201),
        email: 'marieke@',
        phone: '12',
        card: '12345',
        referralCode: 'a b',
      }),
    ).toEqual({
      fullName: 'enrol.error.name-too-long',
      email: 'enrol.error.email-invalid',
      phone: 'enrol.error.phone-invalid',
      card: 'enrol.error.card-invalid',
      referralCode: 'enrol.error.referral-invalid',
    });
    expect(keysOf({ ...filled, phone: '+31 6 12345678' })).toEqual({ phone: 'enrol.error.phone-taken' });
    expect(keysOf({ ...filled, email: 'marieke@example.nl', referralCode: 'FRIEND-42' })).toEqual({});
  });

  it('refuses a scanned card that a member of the replica already holds, as soon as it is scanned', () => {
    const s = enrolmentFormReducer(INITIAL_ENROLMENT_FORM, { type: 'card-scanned', card: CARD_ANNA, checks });
    expect(s.values.card).toBe(CARD_ANNA);
    expect(s.errors.card?.key).toBe('enrol.error.card-taken');
    const next = enrolmentFormReducer(s, { type: 'card-scanned', card: CARD_UNKNOWN, checks });
    expect(next.values.card).toBe(CARD_UNKNOWN);
    expect(next.errors.card).toBeUndefined();
  });

  it('a new number of the till’s range is the card; a card scanned or the stock choice takes it back', () => {
    const refused = enrolmentFormReducer(INITIAL_ENROLMENT_FORM, {
      type: 'refused',
      errors: { card: { key: 'enrol.error.card-required' } },
    });
    const issued = enrolmentFormReducer(refused, { type: 'card-issued', card: '2620500000003' });
    expect(issued).toMatchObject({ cardSource: 'range', values: { card: '2620500000003' }, errors: {} });
    expect(
      validateEnrolment({ ...filled, card: issued.values.card }, checks, issued.cardSource),
    ).toMatchObject({
      ok: true,
      value: { card: '2620500000003', cardSource: 'range' },
    });
    const scanned = enrolmentFormReducer(issued, { type: 'card-scanned', card: CARD_UNKNOWN, checks });
    expect(scanned).toMatchObject({ cardSource: 'stock', values: { card: CARD_UNKNOWN } });
    const back = enrolmentFormReducer(issued, { type: 'card-from-stock' });
    expect(back).toMatchObject({ cardSource: 'stock', values: { card: '' } });
  });

  it('clears a field’s message when the cashier changes that field, and resets to empty', () => {
    const refused = enrolmentFormReducer(INITIAL_ENROLMENT_FORM, {
      type: 'refused',
      errors: { fullName: { key: 'enrol.error.name-required' }, card: { key: 'enrol.error.card-required' } },
    });
    const typed = enrolmentFormReducer(refused, { type: 'change', field: 'fullName', value: 'Ada' });
    expect(typed.values.fullName).toBe('Ada');
    expect(Object.keys(typed.errors)).toEqual(['card']);
    expect(enrolmentFormReducer(typed, { type: 'reset' })).toEqual(INITIAL_ENROLMENT_FORM);
  });
});
