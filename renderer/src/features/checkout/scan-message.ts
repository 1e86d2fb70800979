import type { ScanRejection } from '../../../../core/scan';
import { message, type Translatable } from '../../i18n/translatable';

const MAX_SHOWN = 40;

/** The scanned text as a message quotes it: control characters dropped, a long scan cut short. */
function quoted(text: string): string {
  // eslint-disable-next-line no-control-regex -- a scan's control characters are not for reading
  const shown = text.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}…` : shown;
}

/**
 * What the cashier reads for a refused scan, by the classifier's reason (core's own messages are
 * English, for logs and tests): scan.refused.<reason>, quoting the code where that helps.
 */
export function scanRefusalMessage(r: ScanRejection, scannedText: string): Translatable {
  return message(`scan.refused.${r.reason}`, { code: quoted(scannedText) });
}
