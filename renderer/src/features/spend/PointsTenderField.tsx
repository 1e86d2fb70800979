import { useState } from 'react';
import { centsForPoints, pointsForCents, type PointsRate } from '../../../../core/loyalty/points-rate';
import { parseAmount } from '../../../../core/money/parse-amount';
import { formatMoney, type Cents } from '../../../../core/money';
import { useTranslation } from '../../i18n';

/** Paying part of the sale with points (useSpend's points tender). */
export interface PointsTenderControls {
  /** What the member may still redeem (the points on the tender already taken off). */
  redeemable: number;
  rate: Pick<PointsRate, 'pointsPerUnit' | 'unitCents'>;
  tender: { points: number; amountCents: number } | null;
  pay(points: number): Promise<boolean>;
  clear(): void;
}

/**
 * The cashier types how many points the member uses (at most what they may redeem); the amount
 * they pay at the program's rate is shown, and the rest is paid by cash or card.
 */
export function PointsTenderField({
  controls,
  currency,
  locale,
}: {
  controls: PointsTenderControls;
  currency: string;
  locale: string;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const money = (c: number) => formatMoney(c as Cents, currency, locale);
  const { redeemable, rate, tender } = controls;
  const use = async () => {
    const digits = typed.replace(/[\s.,]/g, '');
    const points = /^\d{1,10}$/.test(digits) ? Number(digits) : Number.NaN;
    if (await controls.pay(points)) setTyped('');
  };
  // The amount the customer wants to pay with points ("3,00"): the points it takes at the rate.
  const payAmount = async () => {
    const amount = parseAmount(typed, locale, currency);
    const points = amount.ok && amount.value > 0 ? pointsForCents(amount.value, rate) : Number.NaN;
    if (await controls.pay(points)) setTyped('');
  };
  return (
    <div className="points-tender" data-testid="points-tender">
      <p data-testid="points-redeemable" data-points={redeemable}>
        {t('spend.points.redeemable', {
          points: redeemable.toLocaleString(locale),
          amount: money(centsForPoints(redeemable, rate)),
        })}
      </p>
      {tender ? (
        <p data-testid="points-paid" data-points={tender.points} data-cents={tender.amountCents}>
          {t('spend.points.paid', {
            points: tender.points.toLocaleString(locale),
            amount: money(tender.amountCents),
          })}{' '}
          <button type="button" data-testid="points-remove" onClick={controls.clear}>
            {t('spend.points.remove')}
          </button>
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void use();
          }}
        >
          <label>
            {t('spend.points.label')}{' '}
            <input
              data-testid="points-amount"
              inputMode="numeric"
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          </label>
          <button type="submit" data-testid="points-use">
            {t('spend.points.apply')}
          </button>
          <button type="button" data-testid="points-use-amount" onClick={() => void payAmount()}>
            {t('spend.points.applyAmount')}
          </button>
        </form>
      )}
    </div>
  );
}
