import type { ReactNode } from 'react';
import { translate, useTranslation } from '../../i18n';
import type { EnrolmentField } from './enrolment-form';
import type { Enrolment } from './useEnrolment';

/**
 * "Enrol member": name, e-mail and phone (optional), the two consents asked separately with the
 * version of their text shown, an optional referral code, and the card: one scanned (or typed) from
 * the store's stock of new cards, or a new number from this till's range, shown large so the
 * cashier can write it on a paper card. Every field says what is wrong with it, in the till's
 * language.
 */
export function EnrolmentPanel({ enrolment }: { enrolment: Enrolment }) {
  const { t } = useTranslation();
  if (!enrolment.open) {
    return (
      <button type="button" className="enrol-open" data-testid="enrol-open" onClick={enrolment.start}>
        {t('enrol.open')}
      </button>
    );
  }
  const { values, errors } = enrolment.form;
  const problem = (field: EnrolmentField) => {
    const e = errors[field];
    return e ? (
      <span className="field-problem" id={`enrol-${field}-problem`} data-testid={`enrol-error-${field}`}>
        {translate(t, e)}
      </span>
    ) : null;
  };
  const text = (
    field: Exclude<EnrolmentField, 'marketing' | 'dataProcessing'>,
    type = 'text',
    hint?: ReactNode,
  ) => (
    <label className="enrol-field">
      <span>{t(`enrol.field.${field}`)}</span>
      <input
        type={type}
        data-testid={`enrol-${field}`}
        value={values[field]}
        autoComplete="off"
        aria-invalid={errors[field] !== undefined}
        aria-describedby={errors[field] ? `enrol-${field}-problem` : undefined}
        onChange={(e) => enrolment.change(field, e.target.value)}
      />
      {hint}
      {problem(field)}
    </label>
  );
  const consentVersion = t('enrol.consent.version');
  return (
    <form
      className="enrolment"
      data-testid="enrolment"
      aria-label={t('enrol.title')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void enrolment.submit(consentVersion);
      }}
    >
      <h2>{t('enrol.title')}</h2>
      {text('fullName')}
      {text('email', 'email', <small>{t('enrol.optional')}</small>)}
      {text('phone', 'tel', <small>{t('enrol.optional')}</small>)}
      <CardChoice
        enrolment={enrolment}
        stockField={text('card', 'text', <small>{t('enrol.cardHint')}</small>)}
      >
        {problem('card')}
      </CardChoice>
      {text('referralCode', 'text', <small>{t('enrol.optional')}</small>)}
      <fieldset className="enrol-consent">
        <legend>{t('enrol.consent.title')}</legend>
        <label>
          <input
            type="checkbox"
            data-testid="enrol-marketing"
            checked={values.marketing}
            onChange={(e) => enrolment.change('marketing', e.target.checked)}
          />{' '}
          {t('enrol.consent.marketing')}
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="enrol-dataProcessing"
            checked={values.dataProcessing}
            aria-invalid={errors.dataProcessing !== undefined}
            onChange={(e) => enrolment.change('dataProcessing', e.target.checked)}
          />{' '}
          {t('enrol.consent.dataProcessing')}
        </label>
        {problem('dataProcessing')}
        <small data-testid="enrol-consent-version" data-version={consentVersion}>
          {t('enrol.consent.versionShown', { version: consentVersion })}
        </small>
      </fieldset>
      {enrolment.saveError && (
        <p className="message error" role="alert">
          {translate(t, enrolment.saveError)}
        </p>
      )}
      <button type="submit" data-testid="enrol-submit" disabled={enrolment.busy}>
        {enrolment.busy ? t('enrol.saving') : t('enrol.submit')}
      </button>
      <button type="button" data-testid="enrol-cancel" onClick={enrolment.cancel}>
        {t('enrol.cancel')}
      </button>
    </form>
  );
}

/** Card from stock (the field) or a new number of this till's range (reserved when chosen). */
function CardChoice({
  enrolment,
  stockField,
  children,
}: {
  enrolment: Enrolment;
  stockField: ReactNode;
  /** The card's problem, if any. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const fromRange = enrolment.form.cardSource === 'range';
  const card = enrolment.form.values.card;
  return (
    <fieldset className="enrol-card">
      <legend>{t('enrol.cardFrom.title')}</legend>
      <label>
        <input
          type="radio"
          name="enrol-card-source"
          data-testid="enrol-card-stock"
          checked={!fromRange}
          onChange={enrolment.chooseStockCard}
        />{' '}
        {t('enrol.cardFrom.stock')}
      </label>
      <label>
        <input
          type="radio"
          name="enrol-card-source"
          data-testid="enrol-card-range"
          checked={fromRange}
          onChange={() => void enrolment.issueNewNumber()}
        />{' '}
        {t('enrol.cardFrom.range')}
      </label>
      {fromRange ? (
        <div className="enrol-new-number">
          <span>{t('enrol.range.label')}</span>
          {/* Grouped by four for writing down; data-card holds the number itself. */}
          <output data-testid="enrol-new-number" data-card={card}>
            {card.replace(/(\d{4})(?=\d)/g, '$1 ')}
          </output>
          <small>{t('enrol.range.hint')}</small>
          {children}
        </div>
      ) : (
        stockField
      )}
      {enrolment.rangeProblem && (
        <p className="message" role="status" data-testid="enrol-range-problem">
          {translate(t, enrolment.rangeProblem)}
        </p>
      )}
    </fieldset>
  );
}
