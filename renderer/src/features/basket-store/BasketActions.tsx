import { useState } from 'react';
import { formatMoney, type Cents } from '../../../../core/money';
import { useTranslation } from '../../i18n';
import { basketTotal } from '../checkout/basket';
import type { ParkedBasket } from './basket-storage';
import { parkedLabel } from './parked-label';

interface Props {
  /** Lines on the open sale: void and park need some, recall needs none. */
  openLines: number;
  parked: readonly ParkedBasket[];
  currency: string;
  locale: string;
  timeZone: string;
  /** False once the tender has begun (busy): the sale is no longer voided or parked here. */
  enabled: boolean;
  onVoidSale(): void;
  onPark(name: string): void;
  onRecall(parkedId: string): void;
}

/** Void the whole open sale (asked once more), park it under a name, recall a parked one. */
export function BasketActions({
  openLines,
  parked,
  currency,
  locale,
  timeZone,
  enabled,
  onVoidSale,
  onPark,
  onRecall,
}: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState('');
  const open = openLines > 0;
  return (
    <div className="basket-actions" data-testid="basket-actions">
      {open && !confirming && (
        <button type="button" data-testid="void-sale" disabled={!enabled} onClick={() => setConfirming(true)}>
          {t('basket.voidSale')}
        </button>
      )}
      {open && confirming && (
        <div className="void-confirm" role="alertdialog" data-testid="void-sale-confirm">
          <p>{t('basket.voidSaleConfirm')}</p>
          <button
            type="button"
            data-testid="void-sale-yes"
            onClick={() => {
              setConfirming(false);
              onVoidSale();
            }}
          >
            {t('basket.voidSaleYes')}
          </button>
          <button type="button" data-testid="void-sale-no" onClick={() => setConfirming(false)}>
            {t('basket.voidSaleNo')}
          </button>
        </div>
      )}
      {open && (
        <form
          className="park"
          onSubmit={(e) => {
            e.preventDefault();
            onPark(name);
            setName('');
          }}
        >
          <input
            data-testid="park-name"
            aria-label={t('basket.parkName')}
            placeholder={t('basket.parkName')}
            autoComplete="off"
            maxLength={80}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" data-testid="park" disabled={!enabled}>
            {t('basket.park')}
          </button>
        </form>
      )}
      {parked.length > 0 && (
        <section className="parked" aria-label={t('basket.parkedList')} data-testid="parked-list">
          <h3>{t('basket.parkedList')}</h3>
          <ul>
            {parked.map((p) => {
              const label = parkedLabel(p, locale, timeZone);
              return (
                <li key={p.parkedId} data-testid="parked-basket" data-sale-id={p.sale.saleId}>
                  <button
                    type="button"
                    data-testid="recall"
                    disabled={open}
                    aria-label={t('basket.recall', { label })}
                    onClick={() => onRecall(p.parkedId)}
                  >
                    {label} · {formatMoney(basketTotal(p.sale.basket) as Cents, currency, locale)}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}
