import type { CouponVerdict } from '../../../../core/loyalty/coupon-check';
import { voucherValueOf } from '../../../../core/loyalty/voucher-code';
import { formatMoney, type Cents } from '../../../../core/money';
import { translate, useTranslation } from '../../i18n';
import { message, type Translatable } from '../../i18n/translatable';
import type { Spend } from './useSpend';

/** What a coupon on the sale does, or why it does nothing ("needs a basket of €25.00, €0.01 more"). */
export function couponText(v: CouponVerdict, currency: string, locale: string): Translatable {
  const money = (c: number) => formatMoney(c as Cents, currency, locale);
  if (v.applied) {
    const value = voucherValueOf(v.use.campaign);
    if (value !== null) {
      return message('spend.coupon.voucherApplied', {
        code: v.code,
        value: money(value),
        amount: money(v.use.discountCents),
      });
    }
    return v.use.discountCents > 0
      ? message('spend.coupon.applied', { code: v.code, amount: money(v.use.discountCents) })
      : message('spend.coupon.appliedPoints', { code: v.code });
  }
  if (v.reason === 'needs-more') {
    return v.minCents !== null
      ? message('spend.coupon.reason.needs-more', {
          code: v.code,
          min: money(v.minCents),
          short: money(v.shortCents),
        })
      : message('spend.coupon.reason.needs-more-short', { code: v.code, short: money(v.shortCents) });
  }
  return message(`spend.coupon.reason.${v.reason}`, { code: v.code });
}

/**
 * The spend of the open sale beside the basket: why the last thing the cashier tried was refused,
 * the coupons scanned (what each did, or why not), and the manager's PIN dialog for an override.
 */
export function SpendSummary({
  spend,
  currency,
  locale,
}: {
  spend: Spend;
  currency: string;
  locale: string;
}) {
  const { t } = useTranslation();
  const { notice, view } = spend;
  return (
    <section className="spend" aria-label={t('spend.title')}>
      {notice && (
        <p className="message error" role="alert" data-testid="spend-notice">
          {translate(t, notice)}
        </p>
      )}
      {view.coupons.length > 0 && (
        <ul className="coupons">
          {view.coupons.map((v) => (
            <li
              key={v.code}
              data-testid="coupon"
              data-code={v.code}
              data-applied={v.applied}
              data-reason={v.applied ? '' : v.reason}
            >
              {translate(t, couponText(v, currency, locale))}{' '}
              <button type="button" data-testid="coupon-remove" onClick={() => spend.removeCoupon(v.code)}>
                {t('spend.coupon.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {spend.dialog}
    </section>
  );
}
