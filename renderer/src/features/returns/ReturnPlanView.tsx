import { formatMoney, type Cents } from '../../../../core/money';
import type { Result } from '../../../../core/result/result';
import { useTranslation } from '../../i18n';
import { tenderOf } from '../receipt/receipt';
import { TenderRows } from '../receipt/TenderRows';
import type { ReturnPreview } from './return-plan';

/**
 * What the return will do, shown BEFORE the cashier confirms: the money back by the original
 * tender types, the points taken back and credited back, and the member's balance after it.
 */
export function ReturnPlanView({
  preview,
  currency,
  locale,
}: {
  preview: Result<ReturnPreview, string> | null;
  currency: string;
  locale: string;
}) {
  const { t } = useTranslation();
  if (!preview) return <p data-testid="return-plan-empty">{t('returns.plan.nothing')}</p>;
  if (!preview.ok) {
    return (
      <p className="error" role="alert" data-testid="return-plan-error">
        {t(`returns.plan.failed.${preview.reason as 'exceeds-sale'}`)}
      </p>
    );
  }
  const { plan, balanceAfter, overPolicy } = preview.value;
  const money = (c: number) => formatMoney(c as Cents, currency, locale);
  const n = (x: number) => x.toLocaleString(locale);
  return (
    <section className="return-plan" data-testid="return-plan" aria-label={t('returns.plan.title')}>
      <h3>{t('returns.plan.title')}</h3>
      <dl>
        <dt>{t('returns.plan.total')}</dt>
        <dd data-testid="return-plan-total" data-cents={plan.totalCents}>
          <strong>{money(plan.totalCents)}</strong>
        </dd>
        <TenderRows tender={plan.refunds.map((r) => tenderOf(r, money))} locale={locale} refund />
        {plan.pointsTakenBack > 0 && (
          <>
            <dt>{t('returns.plan.pointsTakenBack')}</dt>
            <dd data-testid="return-plan-taken" data-points={plan.pointsTakenBack}>
              −{n(plan.pointsTakenBack)}
            </dd>
          </>
        )}
        {plan.pointsCredited > 0 && (
          <>
            <dt>{t('returns.plan.pointsCredited')}</dt>
            <dd data-testid="return-plan-credited" data-points={plan.pointsCredited}>
              +{n(plan.pointsCredited)}
            </dd>
          </>
        )}
        {balanceAfter !== null && (
          <>
            <dt>{t('returns.plan.balanceAfter')}</dt>
            <dd data-testid="return-plan-balance" data-points={balanceAfter}>
              {n(balanceAfter)}
            </dd>
          </>
        )}
      </dl>
      {overPolicy && (
        <p className="error" role="alert" data-testid="return-over-policy">
          {t('returns.plan.overPolicy', {
            balance: n(overPolicy.balanceAfter),
            limit: n(0 - overPolicy.limit),
          })}
        </p>
      )}
    </section>
  );
}
