import { useTranslation } from '../../i18n';
import type { ReceiptTender } from './receipt';

/**
 * The payments of a sale (or the refunds of a return) by type, as rows of a receipt's <dl>:
 * cash with what was handed over and the change, card, points with how many, a gift card by its
 * masked code.
 */
export function TenderRows({
  tender,
  locale,
  refund = false,
}: {
  tender: readonly ReceiptTender[];
  locale: string;
  /** A return's refunds: money going back, so no cash handed over and no change. */
  refund?: boolean;
}) {
  const testId = refund ? 'refund-tender' : 'receipt-tender';
  const { t } = useTranslation();
  return tender.map((p, i) => {
    switch (p.method) {
      case 'cash':
        return (
          <div key={i} className="receipt-tender" data-testid={testId} data-method="cash">
            <dt>{t('receipt.payments.cash')}</dt>
            <dd>{refund ? p.amount : p.tendered}</dd>
            {!refund && (
              <>
                <dt>{t('receipt.change')}</dt>
                <dd data-testid="receipt-change">{p.change}</dd>
              </>
            )}
          </div>
        );
      case 'card':
        return (
          <div key={i} className="receipt-tender" data-testid={testId} data-method="card">
            <dt>{t('receipt.payments.card')}</dt>
            <dd>{p.amount}</dd>
          </div>
        );
      case 'points':
        return (
          <div
            key={i}
            className="receipt-tender"
            data-testid={testId}
            data-method="points"
            data-points={p.points}
          >
            <dt>{t('receipt.payments.points', { points: p.points.toLocaleString(locale) })}</dt>
            <dd>{p.amount}</dd>
          </div>
        );
      case 'gift-card':
        return (
          <div key={i} className="receipt-tender" data-testid={testId} data-method="gift-card">
            <dt>{t('receipt.payments.giftCard', { code: p.code })}</dt>
            <dd>{p.amount}</dd>
          </div>
        );
    }
  });
}
