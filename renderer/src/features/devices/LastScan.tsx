import type { DeviceInfo } from '../../../../core/bridge/kassa-host';
import { deviceName } from './describe-device';
import { visibleText } from './describe-scan';
import type { TestScan } from './useTestScan';

/** The "scan something now" panel: the last scan's raw reports, decoded text and classification. */
export function LastScan({
  last,
  devices,
}: {
  last: TestScan | null;
  devices: readonly DeviceInfo[] | null;
}) {
  if (!last) return <p data-testid="last-scan-waiting">Scan something now: the result shows here.</p>;
  const { scan, description } = last;
  const device = scan.deviceId ? devices?.find((d) => d.id === scan.deviceId) : undefined;
  const from = device ? deviceName(device) : (scan.deviceId ?? 'keyboard');
  return (
    <dl className="last-scan">
      <dt>Source</dt>
      <dd data-testid="last-scan-source">
        {scan.source} ({from})
      </dd>
      <dt>Symbology</dt>
      <dd data-testid="last-scan-symbology">{scan.symbology ?? 'not reported'}</dd>
      <dt>Raw reports</dt>
      <dd>
        <code data-testid="last-scan-raw">
          {scan.rawHex ?? 'none: a keyboard-wedge scan arrives as key presses, not reports'}
        </code>
      </dd>
      <dt>Decoded text</dt>
      <dd>
        <code data-testid="last-scan-text">{visibleText(scan.text)}</code>
      </dd>
      <dt>Reads as</dt>
      <dd
        data-testid="last-scan-kind"
        className={description.accepted ? 'accepted' : 'refused'}
        role={description.accepted ? undefined : 'alert'}
      >
        {description.text}
      </dd>
    </dl>
  );
}
