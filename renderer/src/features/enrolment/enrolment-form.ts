import { JOURNAL_BOUNDS } from '../../../../core/journal/bounds';
import { normalisePhone, phoneHash } from '../../../../core/loyalty/phone';
import { err, ok, type Result } from '../../../../core/result/result';
import { message, type Translatable } from '../../i18n/translatable';

/**
 * The enrolment form at the till, pure: what the cashier typed, ticked and scanned, the checks that
 * turn it into an enrolment (name required, e-mail and phone optional but well formed, data
 * processing consent required, marketing consent separate, a card from the store's stock that no
 * member holds or a new number from this till's range), and one message per field. useEnrolment
 * writes the event; this file decides.
 */
export interface EnrolmentValues {
  fullName: string;
  email: string;
  phone: string;
  card: string;
  referralCode: string;
  marketing: boolean;
  dataProcessing: boolean;
}

export type EnrolmentField = keyof EnrolmentValues;
/** A card scanned or typed from the store's stock, or a number issued from this till's range. */
export type CardSource = 'stock' | 'range';
export type FieldErrors = Partial<Record<EnrolmentField, Translatable>>;

export const EMPTY_ENROLMENT: EnrolmentValues = {
  fullName: '',
  email: '',
  phone: '',
  card: '',
  referralCode: '',
  marketing: false,
  dataProcessing: false,
};

/** What the checks need to know of the till: the replica's members and the store's card formats. */
export interface EnrolmentChecks {
  /** The calling code of the store's country ('31'), for a phone number typed without +. */
  countryCode: string;
  /** A member of the replica holding this card. */
  cardTaken(card: string): boolean;
  /** A member of the replica with this phone number (its hash). */
  phoneTaken(hash: string): boolean;
  /** The number reads as a loyalty card of this store (core/scan classifies it). */
  isLoyaltyCard(card: string): boolean;
}

/** An enrolment that passed every check: the phone already hashed, never kept as typed. */
export interface ValidEnrolment {
  fullName: string;
  email: string | null;
  phone: { hash: string; last3: string } | null;
  card: string;
  cardSource: CardSource;
  referralCode: string | null;
  marketing: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const REFERRAL = /^[A-Za-z0-9-]{1,64}$/;
const fieldError = (reason: string): Translatable =>
  message(`enrol.error.${reason}` as 'enrol.error.card-taken');

/** The card field alone: checked as soon as a card is scanned into it. */
export function cardProblem(card: string, checks: EnrolmentChecks): Translatable | null {
  const c = card.trim();
  if (!c) return fieldError('card-required');
  if (c.length > JOURNAL_BOUNDS.maxCodeLength || !checks.isLoyaltyCard(c)) return fieldError('card-invalid');
  if (checks.cardTaken(c)) return fieldError('card-taken');
  return null;
}

export function validateEnrolment(
  values: EnrolmentValues,
  checks: EnrolmentChecks,
  cardSource: CardSource = 'stock',
): Result<ValidEnrolment, 'invalid', FieldErrors> {
  const errors: FieldErrors = {};
  const fullName = values.fullName.trim().replace(/\s+/g, ' ');
  if (!fullName) errors.fullName = fieldError('name-required');
  else if (fullName.length > JOURNAL_BOUNDS.maxNameLength) errors.fullName = fieldError('name-too-long');

  const email = values.email.trim();
  if (email && (email.length > 200 || !EMAIL.test(email))) errors.email = fieldError('email-invalid');

  let phone: ValidEnrolment['phone'] = null;
  if (values.phone.trim()) {
    const e164 = normalisePhone(values.phone, checks.countryCode);
    if (!e164) errors.phone = fieldError('phone-invalid');
    else {
      phone = { hash: phoneHash(e164), last3: e164.slice(-3) };
      if (checks.phoneTaken(phone.hash)) errors.phone = fieldError('phone-taken');
    }
  }

  const card = cardProblem(values.card, checks);
  if (card) errors.card = card;

  const referralCode = values.referralCode.trim();
  if (referralCode && !REFERRAL.test(referralCode)) errors.referralCode = fieldError('referral-invalid');

  if (!values.dataProcessing) errors.dataProcessing = fieldError('consent-required');

  if (Object.keys(errors).length > 0) {
    return err('invalid', 'The enrolment form has fields to correct.', errors);
  }
  return ok({
    fullName,
    email: email || null,
    phone,
    card: values.card.trim(),
    cardSource,
    referralCode: referralCode || null,
    marketing: values.marketing,
  });
}

export interface EnrolmentFormState {
  values: EnrolmentValues;
  errors: FieldErrors;
  cardSource: CardSource;
}

export const INITIAL_ENROLMENT_FORM: EnrolmentFormState = {
  values: EMPTY_ENROLMENT,
  errors: {},
  cardSource: 'stock',
};

export type EnrolmentFormAction =
  | { type: 'change'; field: EnrolmentField; value: string | boolean }
  /** A card scanned from the store's stock while the form is open fills the card field. */
  | { type: 'card-scanned'; card: string; checks: EnrolmentChecks }
  /** The next number of this till's range, reserved for this form: the member's card. */
  | { type: 'card-issued'; card: string }
  /** Back to a card from the stock (the issued number, if any, is not reused for another form). */
  | { type: 'card-from-stock' }
  | { type: 'refused'; errors: FieldErrors }
  | { type: 'reset' };

export function enrolmentFormReducer(
  state: EnrolmentFormState,
  action: EnrolmentFormAction,
): EnrolmentFormState {
  switch (action.type) {
    case 'change': {
      const { [action.field]: _cleared, ...errors } = state.errors;
      return { ...state, values: { ...state.values, [action.field]: action.value }, errors };
    }
    case 'card-scanned': {
      // A card scanned from the stock while a new number is shown: the cashier chose the card.
      const { card: _old, ...errors } = state.errors;
      const problem = cardProblem(action.card, action.checks);
      return {
        values: { ...state.values, card: action.card },
        errors: problem ? { ...errors, card: problem } : errors,
        cardSource: 'stock',
      };
    }
    case 'card-issued': {
      const { card: _old, ...errors } = state.errors;
      return { values: { ...state.values, card: action.card }, errors, cardSource: 'range' };
    }
    case 'card-from-stock': {
      if (state.cardSource === 'stock') return state;
      const { card: _old, ...errors } = state.errors;
      return { values: { ...state.values, card: '' }, errors, cardSource: 'stock' };
    }
    case 'refused':
      return { ...state, errors: action.errors };
    case 'reset':
      return INITIAL_ENROLMENT_FORM;
  }
}
