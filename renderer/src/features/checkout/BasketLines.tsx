import { useState, type KeyboardEvent } from 'react';
import { formatMoney } from '../../../../core/money';
import { message, useTranslation, type Translatable } from '../../i18n';
import { MAX_TYPED_QUANTITY, type BasketLine } from './basket';

interface Props {
  lines: readonly BasketLine[];
  currency: string;
  locale: string;
  onIncrement(lineId: string): void;
  onDecrement(lineId: string): void;
  /** Voids the line (before tender). */
  onRemove(lineId: string): void;
  /** A quantity typed on a selected line and confirmed with Enter. */
  onSetQuantity?(lineId: string, quantity: number): void;
  /** What the till says when the typed text is not a quantity. */
  onInvalidQuantity?(text: Translatable): void;
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
  onSetQuantity,
  onInvalidQuantity,
  discounts = {},
}: Props) {
  const { t } = useTranslation();
  // The line whose quantity is being typed, and what was typed so far.
  const [typing, setTyping] = useState<{ lineId: string; text: string } | null>(null);
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') setTyping(null);
    if (e.key !== 'Enter' || !typing) return;
    e.preventDefault();
    const q = /^[0-9]{1,6}$/.test(typing.text.trim()) ? Number(typing.text.trim()) : NaN;
    if (!(q >= 1 && q <= MAX_TYPED_QUANTITY)) {
      onInvalidQuantity?.(message('basket.quantityInvalid', { max: MAX_TYPED_QUANTITY }));
      return;
    }
    setTyping(null);
    onSetQuantity?.(typing.lineId, q);
  };
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
                  {typing?.lineId === l.lineId ? (
                    <input
                      className="line-qty-input"
                      data-testid="line-quantity-input"
                      aria-label={t('basket.quantity', { name: l.name })}
                      inputMode="numeric"
                      autoComplete="off"
                      autoFocus
                      value={typing.text}
                      onChange={(e) => setTyping({ lineId: l.lineId, text: e.target.value })}
                      onKeyDown={onKey}
                      onBlur={() => setTyping(null)}
                    />
                  ) : (
                    <button
                      type="button"
                      className="line-qty-value"
                      data-testid="line-quantity"
                      aria-label={t('basket.typeQuantity', { name: l.name })}
                      disabled={!onSetQuantity}
                      onClick={() => setTyping({ lineId: l.lineId, text: String(l.quantity) })}
                    >
                      {l.quantity}
                    </button>
                  )}
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
                aria-label={t('basket.voidLine', { name: l.name })}
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
