import type { DeviceInfo } from '../../../../core/bridge/kassa-host';
import { useTranslation } from '../../i18n';
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
  const { t } = useTranslation();
  if (!last) return <p data-testid="last-scan-waiting">{t('devices.last.waiting')}</p>;
  const { scan, description } = last;
  const device = scan.deviceId ? devices?.find((d) => d.id === scan.deviceId) : undefined;
  const from = device ? deviceName(device, t) : (scan.deviceId ?? t('devices.last.keyboard'));
  return (
    <dl className="last-scan">
      <dt>{t('devices.last.source')}</dt>
      <dd data-testid="last-scan-source">
        {scan.source} ({from})
      </dd>
      <dt>{t('devices.last.symbology')}</dt>
      <dd data-testid="last-scan-symbology">{scan.symbology ?? t('devices.last.notReported')}</dd>
      <dt>{t('devices.last.raw')}</dt>
      <dd>
        <code data-testid="last-scan-raw">{scan.rawHex ?? t('devices.last.rawNone')}</code>
      </dd>
      <dt>{t('devices.last.text')}</dt>
      <dd>
        <code data-testid="last-scan-text">{visibleText(scan.text)}</code>
      </dd>
      <dt>{t('devices.last.readsAs')}</dt>
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
