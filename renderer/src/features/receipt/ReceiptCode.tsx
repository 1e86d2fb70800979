import { useTranslation } from '../../i18n';
import { QrCode } from './QrCode';
import './receipt-code.css';

/**
 * The code that finds the sale again for a return (core/scan/receipt-code.ts): a QR code for the
 * till's scanner, and the same text printed below it for a cashier to type.
 */
export function ReceiptCode({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <figure className="receipt-code" data-testid="receipt-code" data-code={code}>
      <QrCode text={code} label={t('receipt.code')} size={120} />
      <figcaption>
        {t('receipt.code')}
        <br />
        <code data-testid="receipt-code-text">{code}</code>
      </figcaption>
    </figure>
  );
}
