import { useTranslation } from '../../i18n';
import { TenderRows } from '../receipt/TenderRows';
import type { ReturnReceipt } from './return-receipt';

/** The receipt of a return just written: what came back, the money back and the points. */
export function ReturnReceiptView({
  receipt,
  locale,
  onAnother,
  onClose,
}: {
  receipt: ReturnReceipt;
  locale: string;
  onAnother(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const n = (x: number) => x.toLocaleString(locale);
  const reason = t(`returns.reasons.${receipt.reason as 'other'}`, { defaultValue: receipt.reason });
  return (
    <section
      className="receipt return-receipt"
      data-testid="return-receipt"
      data-return-id={receipt.returnId}
      aria-label={t('returns.receipt.title')}
    >
      <header>
        <h2>{t('returns.receipt.title')}</h2>
        <p>{t('returns.receipt.of', { seq: receipt.saleSeq, date: receipt.saleDate })}</p>
      </header>
      <table className="receipt-lines">
        <tbody>
          {receipt.lines.map((l) => (
            <tr key={l.lineId} data-testid="return-receipt-line">
              <td>{l.quantity}</td>
              <td>{l.name}</td>
              <td className="amount">{l.refund}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="receipt-totals">
        <dt>{t('returns.receipt.refunded')}</dt>
        <dd data-testid="return-receipt-total">
          <strong>{receipt.total}</strong>
        </dd>
        <TenderRows tender={receipt.refunds} locale={locale} refund />
        {receipt.pointsTakenBack > 0 && (
          <>
            <dt>{t('returns.receipt.pointsTakenBack')}</dt>
            <dd data-testid="return-receipt-taken" data-points={receipt.pointsTakenBack}>
              −{n(receipt.pointsTakenBack)}
            </dd>
          </>
        )}
        {receipt.pointsCredited > 0 && (
          <>
            <dt>{t('returns.receipt.pointsCredited')}</dt>
            <dd data-testid="return-receipt-credited" data-points={receipt.pointsCredited}>
              +{n(receipt.pointsCredited)}
            </dd>
          </>
        )}
        {receipt.newBalance !== null && (
          <>
            <dt>{t('returns.receipt.newBalance')}</dt>
            <dd data-testid="return-receipt-balance" data-points={receipt.newBalance}>
              {n(receipt.newBalance)}
            </dd>
          </>
        )}
      </dl>
      <p>{t('returns.receipt.reason', { reason })}</p>
      <div className="receipt-actions">
        <button type="button" data-testid="receipt-print" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>
        <button type="button" data-testid="return-another" onClick={onAnother}>
          {t('returns.receipt.another')}
        </button>
        <button type="button" data-testid="return-receipt-close" onClick={onClose}>
          {t('receipt.close')}
        </button>
      </div>
    </section>
  );
}
