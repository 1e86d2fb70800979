import { useState } from 'react';
import { formatMoney, minorUnitDigits, type Cents } from '../../../../core/money';
import { formatAmountInput, parseAmount } from '../../../../core/money/parse-amount';
import type { Tender } from '../../../../core/journal';
import { message, useTranslation, type Translatable } from '../../i18n';
import { quickCashAmounts, splitPayments } from './tender';
import { PointsTenderField, type PointsTenderControls } from '../spend/PointsTenderField';
import { GiftCardField } from '../spend/GiftCardField';
import type { GiftCardTenderControls } from '../spend/useGiftCardTender';

/** A round-up the programs offer for this basket: the customer chooses it at the tender. */
export interface RoundUpChoice {
  cause: string;
  /** What the goods come to rounded up, and what that adds. */
  targetCents: number;
  extraCents: number;
  on: boolean;
  toggle(on: boolean): void;
}

interface Props {
  /** The amount due: the goods after discounts plus any donation the customer chose. */
  total: Cents;
  /** The donations in `total` (a round-up), shown beside it. */
  donations?: readonly { cause: string; cents: number }[];
  /** null when no program in force offers one, or the goods are already round. */
  roundUp?: RoundUpChoice | null;
  currency: string;
  locale: string;
  busy: boolean;
  /** The sale's payments: points and gift cards first (features/spend), then cash or card for the rest. */
  onComplete(payments: readonly Tender[]): Promise<boolean>;
  /** Points and gift cards already taken (spend-state.ts spendTenders); none by default. */
  spendTenders?: readonly Tender[];
  /** Paying part with points; null when no member or no points rate. */
  points?: PointsTenderControls | null;
  /** Paying part with a gift card or store credit (features/spend); null: not offered. */
  giftCard?: GiftCardTenderControls | null;
  onError(text: Translatable): void;
}

/** A thousand in the store's format ("1.000,00" on 'nl-NL'), to show how an amount is typed. */
const exampleAmount = (locale: string, currency: string) => {
  const digits = minorUnitDigits(currency);
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(1000);
};

/**
 * Tender: cash with the amount handed over, typed in the store's format ("1.000,00" on a Dutch
 * till) and the change due, or card for the whole total. A round-up the customer chooses is a
 * toggle here; the amount due (and so the change) includes it.
 */
export function TenderPanel({
  total,
  donations = [],
  roundUp = null,
  currency,
  locale,
  busy,
  onComplete,
  onError,
  spendTenders = [],
  points = null,
  giftCard = null,
}: Props) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<'cash' | 'card'>('cash');
  const [tenderedText, setTenderedText] = useState('');
  const money = (c: number) => formatMoney(c as Cents, currency, locale);
  const parsed = parseAmount(tenderedText, locale, currency);
  const tendered = parsed.ok ? parsed.value : null;
  // Cash or card pays what the points and gift cards leave.
  const rest = Math.max(0, total - spendTenders.reduce((n, t) => n + t.amountCents, 0)) as Cents;
  const change = tendered !== null && tendered >= rest && rest > 0 ? tendered - rest : null;
  const amountProblem = !parsed.ok && parsed.reason !== 'empty' ? parsed.reason : null;

  const complete = async () => {
    const payment = splitPayments({
      dueCents: total,
      spend: spendTenders,
      rest: method,
      tenderedCents: tendered,
    });
    if (!payment.ok) {
      onError(
        amountProblem && payment.reason === 'invalid-amount'
          ? message(`tender.amount.${amountProblem}`, { example: exampleAmount(locale, currency) })
          : message(`tender.error.${payment.reason}`),
      );
      return;
    }
    if (await onComplete(payment.value)) setTenderedText('');
  };

  return (
    <section className="tender" aria-label={t('tender.payment')}>
      {roundUp && (
        <button
          type="button"
          className="round-up"
          data-testid="round-up"
          aria-pressed={roundUp.on}
          onClick={() => roundUp.toggle(!roundUp.on)}
        >
          {t('tender.roundUp', {
            target: money(roundUp.targetCents),
            cause: roundUp.cause,
            extra: money(roundUp.extraCents),
          })}
        </button>
      )}
      {donations.length > 0 && (
        <dl className="amount-due">
          {donations.map((d) => (
            <div key={d.cause} data-testid="tender-donation" data-cents={d.cents}>
              <dt>{t('tender.donation', { cause: d.cause })}</dt>
              <dd>{money(d.cents)}</dd>
            </div>
          ))}
          <div>
            <dt>{t('tender.amountDue')}</dt>
            <dd data-testid="amount-due" data-cents={total}>
              <strong>{money(total)}</strong>
            </dd>
          </div>
        </dl>
      )}
      {points && <PointsTenderField controls={points} currency={currency} locale={locale} />}
      {giftCard && (
        <GiftCardField
          controls={giftCard}
          paid={spendTenders.flatMap((p) =>
            p.method === 'gift-card' && p.code ? [{ code: p.code, amountCents: p.amountCents }] : [],
          )}
          restCents={rest}
          currency={currency}
          locale={locale}
        />
      )}
      {spendTenders.length > 0 && (
        <p className="tender-rest">
          {t('tender.rest')}{' '}
          <strong data-testid="tender-rest" data-cents={rest}>
            {money(rest)}
          </strong>
        </p>
      )}
      <div className="tender-methods" role="group" aria-label={t('tender.methods')}>
        <button
          type="button"
          data-testid="tender-cash"
          aria-pressed={method === 'cash'}
          onClick={() => setMethod('cash')}
        >
          {t('tender.cash')}
        </button>
        <button
          type="button"
          data-testid="tender-card"
          aria-pressed={method === 'card'}
          onClick={() => setMethod('card')}
        >
          {t('tender.card')}
        </button>
      </div>
      {method === 'cash' && (
        <>
          <label htmlFor="tendered-amount">{t('tender.handedOver')}</label>
          <input
            id="tendered-amount"
            data-testid="tendered-amount"
            inputMode="decimal"
            autoComplete="off"
            aria-invalid={amountProblem !== null}
            aria-describedby={amountProblem ? 'tendered-amount-problem' : undefined}
            value={tenderedText}
            onChange={(e) => setTenderedText(e.target.value)}
          />
          {amountProblem && (
            <p className="amount-problem" id="tendered-amount-problem" data-testid="tendered-amount-problem">
              {t(`tender.amount.${amountProblem}`, { example: exampleAmount(locale, currency) })}
            </p>
          )}
          <div className="quick-cash">
            {quickCashAmounts(rest, minorUnitDigits(currency)).map((amount) => (
              <button
                key={amount}
                type="button"
                data-testid={`quick-cash-${amount}`}
                onClick={() => setTenderedText(formatAmountInput(amount, locale, currency))}
              >
                {money(amount)}
              </button>
            ))}
          </div>
          <p className="change">
            {t('tender.changeDue')}{' '}
            <strong data-testid="change-due">{change === null ? '—' : money(change)}</strong>
          </p>
        </>
      )}
      <button
        type="button"
        className="complete"
        data-testid="complete-sale"
        disabled={busy || total <= 0}
        onClick={() => void complete()}
      >
        {busy ? t('tender.saving') : t('tender.complete')}
      </button>
    </section>
  );
}
