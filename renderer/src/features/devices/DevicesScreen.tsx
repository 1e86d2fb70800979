import type { KassaHost } from '../../../../core/bridge/kassa-host';
import type { ScanConfig } from '../../../../core/scan';
import { useTranslation } from '../../i18n';
import { DeviceList } from './DeviceList';
import { LastScan } from './LastScan';
import { useDevices } from './useDevices';
import { useTestScan } from './useTestScan';
import './devices.css';

/**
 * The devices settings screen (manager-only later): the host's HID devices and which are in use,
 * and a test bench that shows the last scan as it arrived and as the till reads it. It is a test
 * bench: while it is open the till's basket takes no scans (the cashier screen stops listening).
 */
export function DevicesScreen({
  host,
  scanConfig,
  onClose,
}: {
  host: KassaHost;
  scanConfig: ScanConfig;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const devices = useDevices(host);
  const last = useTestScan(host, scanConfig);
  return (
    <div className="devices-screen" data-testid="devices-screen">
      <header className="till-header">
        <h1>{t('devices.title')}</h1>
        <button type="button" data-testid="devices-close" onClick={onClose}>
          {t('devices.back')}
        </button>
      </header>
      <main className="devices-main">
        <section aria-label={t('devices.title')}>
          <h2>{t('devices.hid')}</h2>
          <DeviceList devices={devices} />
        </section>
        <section aria-label={t('devices.testScan')}>
          <h2>{t('devices.scanNow')}</h2>
          <LastScan last={last} devices={devices} />
        </section>
      </main>
    </div>
  );
}
