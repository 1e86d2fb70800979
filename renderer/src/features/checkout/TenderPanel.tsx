import { useState } from 'react';
import { formatMoney, minorUnitDigits, type Cents } from '../../../../core/money';
import type { Payment } from '../../../../core/journal';
import { cardPayment, cashPayment, parseAmount, quickCashAmounts } from './tender';

interface Props {
  total: Cents;
  currency: string;
  locale: string;
  busy: boolean;
  onComplete(payment: Payment): Promise<boolean>;
  onError(text: string): void;
}

/** Tender: cash with the amount handed over and the change due, or card for the whole total. */
export function TenderPanel({ total, currency, locale, busy, onComplete, onError }: Props) {
  const [method, setMethod] = useState<'cash' | 'card'>('cash');
  const [tenderedText, setTenderedText] = useState('');
  const digits = minorUnitDigits(currency);
  const money = (c: number) => formatMoney(c as Cents, currency, locale);
  const tendered = parseAmount(tenderedText, digits);
  const change = tendered !== null && tendered >= total && total > 0 ? tendered - total : null;

  const complete = async () => {
    const payment = method === 'cash' ? cashPayment(total, tendered) : cardPayment(total);
    if (!payment.ok) {
      onError(payment.message);
      return;
    }
    if (await onComplete(payment.value)) setTenderedText('');
  };

  return (
    <section className="tender" aria-label="Payment">
      <div className="tender-methods" role="group" aria-label="Tender type">
        <button
          type="button"
          data-testid="tender-cash"
          aria-pressed={method === 'cash'}
          onClick={() => setMethod('cash')}
        >
          Cash
        </button>
        <button
          type="button"
          data-testid="tender-card"
          aria-pressed={method === 'card'}
          onClick={() => setMethod('card')}
        >
          Card
        </button>
      </div>
      {method === 'cash' && (
        <>
          <label htmlFor="tendered-amount">Handed over</label>
          <input
            id="tendered-amount"
            data-testid="tendered-amount"
            inputMode="decimal"
            autoComplete="off"
            value={tenderedText}
            onChange={(e) => setTenderedText(e.target.value)}
          />
          <div className="quick-cash">
            {quickCashAmounts(total, digits).map((amount) => (
              <button
                key={amount}
                type="button"
                data-testid={`quick-cash-${amount}`}
                onClick={() => setTenderedText((amount / 10 ** digits).toFixed(digits))}
              >
                {money(amount)}
              </button>
            ))}
          </div>
          <p className="change">
            Change due <strong data-testid="change-due">{change === null ? '—' : money(change)}</strong>
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
        {busy ? 'Saving…' : 'Complete sale'}
      </button>
    </section>
  );
}
