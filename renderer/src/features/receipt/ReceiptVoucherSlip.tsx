import { useTranslation } from '../../i18n';
import { QrCode } from './QrCode';
import type { ReceiptVoucher } from './receipt';
import './receipt-code.css';

/**
 * A voucher the sale issued, on its receipt: its value and last day, a QR code any till of the
 * chain scans on a later visit, and the same code printed for a cashier to type.
 */
export function ReceiptVoucherSlip({ voucher }: { voucher: ReceiptVoucher }) {
  const { t } = useTranslation();
  return (
    <figure className="receipt-code" data-testid="receipt-voucher" data-code={voucher.code}>
      <QrCode text={voucher.code} label={t('receipt.voucher.code')} size={120} />
      <figcaption>
        <strong data-testid="receipt-voucher-value">
          {t('receipt.voucher.value', { value: voucher.value })}
        </strong>
        {voucher.validUntil && (
          <>
            <br />
            <span data-testid="receipt-voucher-until">
              {t('receipt.voucher.until', { date: voucher.validUntil })}
            </span>
          </>
        )}
        <br />
        <code data-testid="receipt-voucher-code">{voucher.printed}</code>
      </figcaption>
    </figure>
  );
}
