import { useState } from 'react';
import { formatMoney, type Cents } from '../../../../core/money';
import { formatAmountInput, parseAmount } from '../../../../core/money/parse-amount';
import { useTranslation } from '../../i18n';
import type { GiftCardTenderControls } from './useGiftCardTender';

/**
 * Gift card or store credit at the tender: scan it (the scan lands here) or type its code, see
 * its balance (the last known one when offline), pay part or all of what is left with it.
 */
export function GiftCardField({
  controls,
  paid,
  restCents,
  currency,
  locale,
}: {
  controls: GiftCardTenderControls;
  paid: readonly { code: string; amountCents: number }[];
  restCents: number;
  currency: string;
  locale: string;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [amount, setAmount] = useState('');
  const money = (c: number) => formatMoney(c as Cents, currency, locale);
  const { inHand } = controls;
  const suggested = inHand ? Math.min(inHand.balanceCents, restCents) : 0;
  const typed = parseAmount(amount, locale, currency);
  const payCents = amount.trim() === '' ? suggested : typed.ok ? typed.value : Number.NaN;
  return (
    <div className="gift-card-tender" data-testid="gift-card-tender">
      {paid.map((g) => (
        <p key={g.code} data-testid="gift-card-paid" data-code={g.code} data-cents={g.amountCents}>
          {t('spend.giftCard.paid', { code: `…${g.code.slice(-4)}`, amount: money(g.amountCents) })}{' '}
          <button type="button" data-testid="gift-card-remove" onClick={() => controls.remove(g.code)}>
            {t('spend.giftCard.remove')}
          </button>
        </p>
      ))}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void controls.check(code).then(() => setAmount(''));
        }}
      >
        <label>
          {t('spend.giftCard.label')}{' '}
          <input
            data-testid="gift-card-code"
            autoComplete="off"
            placeholder={t('spend.giftCard.placeholder')}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </label>
        <button type="submit" data-testid="gift-card-check">
          {t('spend.giftCard.check')}
        </button>
      </form>
      {inHand && (
        <div data-testid="gift-card-in-hand" data-balance={inHand.balanceCents} data-offline={inHand.offline}>
          <p>
            {inHand.offline
              ? t('spend.giftCard.balanceOffline', { amount: money(inHand.balanceCents) })
              : t('spend.giftCard.balance', { amount: money(inHand.balanceCents) })}
          </p>
          <input
            data-testid="gift-card-amount"
            inputMode="decimal"
            autoComplete="off"
            placeholder={formatAmountInput(suggested as Cents, locale, currency)}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
          <button
            type="button"
            data-testid="gift-card-pay"
            disabled={!(payCents > 0)}
            onClick={() =>
              void controls.pay(payCents).then((ok) => {
                if (ok) {
                  setCode('');
                  setAmount('');
                }
              })
            }
          >
            {t('spend.giftCard.pay', { amount: money(payCents > 0 ? payCents : 0) })}
          </button>
        </div>
      )}
    </div>
  );
}
