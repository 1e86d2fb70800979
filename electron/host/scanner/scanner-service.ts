import type { DeviceInfo, RawScan, Unsubscribe } from '../../../core/bridge/kassa-host';

/**
 * The host's scanner service as the bridge sees it: the devices it knows, the scans they deliver
 * and the changes (plugged, unplugged, reconnected) the till must tell the cashier about.
 */
export interface ScannerService {
  listDevices(): DeviceInfo[];
  onScan(listener: (scan: RawScan) => void): Unsubscribe;
  onDevicesChanged(listener: (devices: DeviceInfo[]) => void): Unsubscribe;
}
