import { useMemo } from 'react';
import QRCode from 'qrcode';

/** Light modules around the symbol, as the QR specification asks (4 modules). */
const QUIET_ZONE = 4;

/**
 * A text as a QR code, drawn as one SVG path from the qrcode library's module matrix, so it
 * prints sharp and needs no data: URL or canvas.
 */
export function QrCode({ text, label, size = 160 }: { text: string; label: string; size?: number }) {
  const path = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) d += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
      }
    }
    return { d, size: modules.size + 2 * QUIET_ZONE };
  }, [text]);
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${path.size} ${path.size}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
    >
      <rect width={path.size} height={path.size} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}
