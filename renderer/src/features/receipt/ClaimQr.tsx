import { useMemo } from 'react';
import QRCode from 'qrcode';
import { CLAIM_WINDOW_DAYS } from '../../../../core/loyalty/claim-token';
import { useTranslation } from '../../i18n';

/** Light modules around the symbol, as the QR specification asks (4 modules). */
const QUIET_ZONE = 4;

/**
 * The claim code of a sale without a member (core/loyalty/claim-token.ts), as a QR code on the
 * receipt: the shopper scans it in the app and collects the points later. Drawn as one SVG path
 * from the qrcode library's module matrix, so it prints sharp and needs no data: URL or canvas.
 */
export function ClaimQr({ token }: { token: string }) {
  const { t } = useTranslation();
  const path = useMemo(() => {
    const { modules } = QRCode.create(token, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) d += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
      }
    }
    return { d, size: modules.size + 2 * QUIET_ZONE };
  }, [token]);
  return (
    <figure className="receipt-claim" data-testid="receipt-claim" data-claim-token={token}>
      <svg
        role="img"
        aria-label={t('receipt.claimCode')}
        viewBox={`0 0 ${path.size} ${path.size}`}
        width="160"
        height="160"
        shapeRendering="crispEdges"
      >
        <rect width={path.size} height={path.size} fill="#fff" />
        <path d={path.d} fill="#000" />
      </svg>
      <figcaption>{t('receipt.claim', { count: CLAIM_WINDOW_DAYS })}</figcaption>
    </figure>
  );
}
