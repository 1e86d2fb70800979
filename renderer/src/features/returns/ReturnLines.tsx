import type { ReturnableLine } from '../../../../core/loyalty/returnable';
import { formatMoney, type Cents } from '../../../../core/money';
import type { SaleLine } from '../../../../core/journal';
import { translate, useTranslation } from '../../i18n';
import type { AskedLines } from './return-state';

/** The sale's lines: what was sold, what can still come back, and the typed quantity back. */
export function ReturnLines({
  lines,
  returnable,
  quantities,
  asked,
  currency,
  locale,
  disabled,
  onQuantity,
}: {
  lines: readonly SaleLine[];
  returnable: readonly ReturnableLine[];
  quantities: Readonly<Record<string, string>>;
  asked: AskedLines | null;
  currency: string;
  locale: string;
  disabled: boolean;
  onQuantity(lineId: string, text: string): void;
}) {
  const { t } = useTranslation();
  const left = new Map(returnable.map((r) => [r.lineId, r]));
  const grams = (n: number) => t('returns.grams', { count: n.toLocaleString(locale) });
  return (
    <table className="return-lines">
      <thead>
        <tr>
          <th>{t('returns.columns.product')}</th>
          <th>{t('returns.columns.sold')}</th>
          <th>{t('returns.columns.returnable')}</th>
          <th>{t('returns.columns.back')}</th>
          <th>{t('returns.columns.refund')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => {
          const r = left.get(l.lineId);
          const weighed = l.weightGrams !== undefined;
          const most = r ? (weighed ? (r.weightGrams ?? 0) : r.quantity) : 0;
          const wrong = asked && !asked.ok && asked.lineId === l.lineId ? asked.message : null;
          return (
            <tr key={l.lineId} data-testid="return-line" data-line-id={l.lineId} data-returnable={most}>
              <td>{l.name}</td>
              <td>{weighed ? grams(l.weightGrams ?? 0) : l.quantity}</td>
              <td data-testid="return-line-left">{weighed ? grams(most) : most}</td>
              <td>
                <input
                  data-testid="return-qty"
                  inputMode="numeric"
                  size={5}
                  value={quantities[l.lineId] ?? ''}
                  disabled={disabled || most === 0}
                  aria-invalid={wrong ? true : undefined}
                  aria-label={t('returns.columns.back')}
                  onChange={(e) => onQuantity(l.lineId, e.target.value)}
                />
                {weighed && ' g'}
                {wrong && (
                  <small className="error" role="alert" data-testid="return-line-error">
                    {' '}
                    {translate(t, wrong)}
                  </small>
                )}
              </td>
              <td className="amount">{formatMoney((r?.refundableCents ?? 0) as Cents, currency, locale)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
