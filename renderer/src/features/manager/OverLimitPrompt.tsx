import { translate, useTranslation } from '../../i18n';
import type { OverLimit } from '../checkout/checkout-state';
import { breachMessage } from './line-limit-text';

interface Props {
  overLimit: OverLimit | null;
  currency: string;
  locale: string;
  onAsk(): void;
  onDismiss(): void;
}

/** Why the till did not apply a line change, and the way on: a manager, or leave it as it was. */
export function OverLimitPrompt({ overLimit, currency, locale, onAsk, onDismiss }: Props) {
  const { t } = useTranslation();
  if (!overLimit) return null;
  return (
    <div className="over-limit" role="alert" data-testid="over-limit">
      <p data-testid="over-limit-why">{translate(t, breachMessage(overLimit.breach, currency, locale))}</p>
      <button type="button" data-testid="over-limit-ask" onClick={onAsk}>
        {t('manager.ask')}
      </button>
      <button type="button" data-testid="over-limit-dismiss" onClick={onDismiss}>
        {t('basket.dismiss')}
      </button>
    </div>
  );
}
