import { useTranslation } from '../../i18n';
import { loyaltyUnit, useLoyaltyText } from '../../i18n/loyalty-text';
import { ClaimQr } from './ClaimQr';
import { ReceiptCode } from './ReceiptCode';
import { ReceiptVoucherSlip } from './ReceiptVoucherSlip';
import { TenderRows } from './TenderRows';
import type { Receipt } from './receipt';

/**
 * The receipt of the sale just completed, on screen and printable: "Print" opens the browser's
 * print dialog, and the print stylesheet (styles.css, @media print) prints only the receipt.
 */
export function ReceiptView({
  receipt,
  locale,
  claimToken,
  onClose,
}: {
  receipt: Receipt;
  locale: string;
  /** The claim code of a sale without a member, shown as a QR code; absent when none. */
  claimToken?: string | undefined;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const say = useLoyaltyText(locale);
  const { loyalty } = receipt;
  const points = (n: number) => n.toLocaleString(locale);
  return (
    <section
      className="receipt"
      data-testid="receipt"
      data-sale-id={receipt.saleId}
      aria-label={t('receipt.title')}
    >
      <header>
        <h2 data-testid="receipt-store">{receipt.storeName}</h2>
        <p>
          <span data-testid="receipt-datetime">{receipt.dateTime}</span> ·{' '}
          {t('receipt.sale', { seq: receipt.seq })}
        </p>
      </header>
      <table className="receipt-lines">
        <tbody>
          {receipt.lines.map((l) => (
            <tr key={l.lineId} data-testid="receipt-line">
              <td>{l.quantity}</td>
              <td>
                {l.name}
                {l.discount && (
                  <small className="receipt-line-discount" data-testid="receipt-line-discount">
                    {' '}
                    {l.discount}
                  </small>
                )}
              </td>
              <td className="amount">{l.amount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="receipt-totals">
        {receipt.discount && (
          <>
            <dt>{t('checkout.subtotal')}</dt>
            <dd data-testid="receipt-subtotal">{receipt.subtotal}</dd>
            <dt>{t('checkout.discount')}</dt>
            <dd data-testid="receipt-discount">{receipt.discount}</dd>
          </>
        )}
        <dt>{t('checkout.total')}</dt>
        <dd data-testid="receipt-total">
          <strong>{receipt.total}</strong>
        </dd>
        {receipt.donations.map((d) => (
          <div key={d.cause} className="receipt-donation" data-testid="receipt-donation">
            <dt>{t('tender.donation', { cause: d.cause })}</dt>
            <dd>{d.amount}</dd>
          </div>
        ))}
        <TenderRows tender={receipt.tender} locale={locale} />
      </dl>
      {(loyalty.member || loyalty.earned.length > 0) && (
        <div className="receipt-loyalty">
          {loyalty.member && (
            <p data-testid="receipt-member">{t('receipt.member', { member: loyalty.member })}</p>
          )}
          <p>
            {t('receipt.earned')}{' '}
            <strong data-testid="receipt-points" data-points={loyalty.pointsEarned}>
              {loyalty.earned.length === 0
                ? t('members.earnsNothing')
                : loyalty.earned
                    .map((e) =>
                      t('members.points', {
                        points: points(e.points),
                        unit: loyaltyUnit(t, e.unit, e.points, locale),
                      }),
                    )
                    .join(', ')}
            </strong>
          </p>
          {loyalty.redeemed.length > 0 && (
            <ul aria-label={t('receipt.redeemed')}>
              {loyalty.redeemed.map((r, i) => (
                <li key={i} data-testid="receipt-redeemed" data-points={r.points}>
                  {t('receipt.redeemedLine', { reward: r.text, points: points(r.points) })}
                </li>
              ))}
            </ul>
          )}
          {loyalty.reasons.length > 0 && (
            <ul>
              {loyalty.reasons.map((r, i) => (
                <li key={i} data-testid="receipt-reason">
                  {say(r)}
                </li>
              ))}
            </ul>
          )}
          {loyalty.newBalance !== null && (
            <p>
              {t('receipt.newBalance')}{' '}
              <strong data-testid="receipt-balance" data-points={loyalty.newBalance}>
                {points(loyalty.newBalance)}
              </strong>
            </p>
          )}
          {loyalty.tierNext && <p data-testid="receipt-tier-progress">{loyalty.tierNext}</p>}
          {loyalty.hint && <p data-testid="receipt-hint">{t('members.hint', { text: say(loyalty.hint) })}</p>}
        </div>
      )}
      {receipt.vouchers.map((v) => (
        <ReceiptVoucherSlip key={v.code} voucher={v} />
      ))}
      {claimToken && <ClaimQr token={claimToken} />}
      {receipt.code && <ReceiptCode code={receipt.code} />}
      <div className="receipt-actions">
        <button type="button" data-testid="receipt-print" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>
        <button type="button" data-testid="receipt-close" onClick={onClose}>
          {t('receipt.close')}
        </button>
      </div>
    </section>
  );
}
