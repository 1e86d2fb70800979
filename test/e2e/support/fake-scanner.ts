import type { DeviceInfo, RawScan } from '../../../core/bridge/kassa-host';
import type { ScannerService } from '../../../electron/host/scanner/scanner-service';

/** A HID POS scanner the test holds in its hand: it scans, and it can be unplugged. */
export interface FakeScanner extends ScannerService {
  scan(text: string): void;
  unplug(): void;
}

export function createFakeScanner(): FakeScanner {
  const scanListeners = new Set<(scan: RawScan) => void>();
  const deviceListeners = new Set<(devices: DeviceInfo[]) => void>();
  let device: DeviceInfo = {
    id: 'fake-hid-pos',
    vendorId: 0x05e0,
    productId: 0x1200,
    product: 'Test HID POS scanner',
    decoder: 'hid-pos',
    state: 'open',
  };
  return {
    listDevices: () => [device],
    onScan(listener) {
      scanListeners.add(listener);
      return () => scanListeners.delete(listener);
    },
    onDevicesChanged(listener) {
      deviceListeners.add(listener);
      return () => deviceListeners.delete(listener);
    },
    scan(text) {
      const scan: RawScan = {
        text,
        source: 'hid-pos',
        symbology: 'ean13',
        deviceId: device.id,
        at: Date.now(),
      };
      for (const l of scanListeners) l(scan);
    },
    unplug() {
      device = { ...device, state: 'unplugged' };
      for (const l of deviceListeners) l([device]);
    },
  };
}
