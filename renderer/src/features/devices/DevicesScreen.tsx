import type { KassaHost } from '../../../../core/bridge/kassa-host';
import type { ScanConfig } from '../../../../core/scan';
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
  const devices = useDevices(host);
  const last = useTestScan(host, scanConfig);
  return (
    <div className="devices-screen" data-testid="devices-screen">
      <header className="till-header">
        <h1>Devices</h1>
        <button type="button" data-testid="devices-close" onClick={onClose}>
          Back to the till
        </button>
      </header>
      <main className="devices-main">
        <section aria-label="Devices">
          <h2>HID devices</h2>
          <DeviceList devices={devices} />
        </section>
        <section aria-label="Test a scan">
          <h2>Scan something now</h2>
          <LastScan last={last} devices={devices} />
        </section>
      </main>
    </div>
  );
}
