import { formatMoney } from '../../../../core/money';
import { useTranslation } from '../../i18n';
import type { BasketLine } from './basket';

interface Props {
  lines: readonly BasketLine[];
  currency: string;
  locale: string;
  onIncrement(lineId: string): void;
  onDecrement(lineId: string): void;
  onRemove(lineId: string): void;
  /** Loyalty discounts by line id. */
  discounts?: Readonly<Record<string, number>>;
}

export function BasketLines({
  lines,
  currency,
  locale,
  onIncrement,
  onDecrement,
  onRemove,
  discounts = {},
}: Props) {
  const { t } = useTranslation();
  const money = (c: number) => formatMoney(c as never, currency, locale);
  if (lines.length === 0) {
    return (
      <p className="basket-empty" data-testid="basket-empty">
        {t('checkout.empty')}
      </p>
    );
  }
  return (
    <table className="basket" data-testid="basket">
      <tbody>
        {lines.map((l) => (
          <tr key={l.lineId} data-testid="line" data-code={l.code}>
            <td className="line-name" data-testid="line-name">
              {l.name}
              {l.kind === 'weighed' && l.weightGrams !== undefined && (
                <span className="line-detail" data-testid="line-weight">
                  {' '}
                  {t('basket.weighed', {
                    weight: (l.weightGrams / 1000).toLocaleString(locale, { minimumFractionDigits: 3 }),
                    price: money(l.unitPriceCents),
                  })}
                </span>
              )}
            </td>
            <td className="line-qty">
              {l.kind === 'each' ? (
                <>
                  <button
                    type="button"
                    data-testid="line-decrement"
                    aria-label={t('basket.oneLess', { name: l.name })}
                    disabled={l.quantity <= 1}
                    onClick={() => onDecrement(l.lineId)}
                  >
                    −
                  </button>
                  <span data-testid="line-quantity">{l.quantity}</span>
                  <button
                    type="button"
                    data-testid="line-increment"
                    aria-label={t('basket.oneMore', { name: l.name })}
                    onClick={() => onIncrement(l.lineId)}
                  >
                    +
                  </button>
                </>
              ) : (
                <span data-testid="line-quantity">1</span>
              )}
            </td>
            <td className="line-amount" data-testid="line-amount">
              {money(l.amountCents)}
              {(discounts[l.lineId] ?? 0) > 0 && (
                <span className="line-discount" data-testid="line-discount" data-cents={discounts[l.lineId]}>
                  {' '}
                  {t('basket.discount', { amount: `−${money(discounts[l.lineId] ?? 0)}` })}
                </span>
              )}
            </td>
            <td>
              <button
                type="button"
                data-testid="line-remove"
                aria-label={t('basket.remove', { name: l.name })}
                onClick={() => onRemove(l.lineId)}
              >
                ✕
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
