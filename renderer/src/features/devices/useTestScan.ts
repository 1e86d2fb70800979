import { useCallback, useEffect, useMemo, useState } from 'react';
import type { KassaHost, RawScan } from '../../../../core/bridge/kassa-host';
import { classifyScan, type ScanClassification, type ScanConfig } from '../../../../core/scan';
import { useTranslation } from '../../i18n';
import { useWedgeScanner } from '../../scanning/useWedgeScanner';
import { describeClassification, type ScanDescription } from './describe-scan';

/** The last scan the test bench saw, as delivered and as the till would read it. */
export interface TestScan {
  scan: RawScan;
  description: ScanDescription;
}

/**
 * "Scan something now": the last scan from any source — the host's HID devices, and keyboard-wedge
 * scanners through the same hook the cashier screen uses — classified with the till's own scan
 * configuration, described in the till's language (again when it changes). Nothing here touches a basket.
 */
export function useTestScan(host: KassaHost, config: ScanConfig): TestScan | null {
  const { t } = useTranslation();
  const [last, setLast] = useState<{ scan: RawScan; classified: ScanClassification } | null>(null);
  const show = useCallback(
    (scan: RawScan) => {
      const input = {
        text: scan.text,
        source: scan.source,
        ...(scan.symbology ? { symbology: scan.symbology } : {}),
      };
      const classified = classifyScan(input, config, { nowMs: scan.at });
      setLast({ scan, classified });
    },
    [config],
  );
  useEffect(() => host.onScan(show), [host, show]);
  useWedgeScanner((text) => show({ text, source: 'wedge', at: Date.now() }));
  return useMemo(
    () =>
      last && {
        scan: last.scan,
        description: describeClassification(last.classified, config, t, last.scan.text),
      },
    [last, config, t],
  );
}
