import { CLAIM_WINDOW_DAYS } from '../../../../core/loyalty/claim-token';
import { useTranslation } from '../../i18n';
import { QrCode } from './QrCode';

/**
 * The claim code of a sale without a member (core/loyalty/claim-token.ts), as a QR code on the
 * receipt: the shopper scans it in the app and collects the points later.
 */
export function ClaimQr({ token }: { token: string }) {
  const { t } = useTranslation();
  return (
    <figure className="receipt-claim" data-testid="receipt-claim" data-claim-token={token}>
      <QrCode text={token} label={t('receipt.claimCode')} />
      <figcaption>{t('receipt.claim', { count: CLAIM_WINDOW_DAYS })}</figcaption>
    </figure>
  );
}
