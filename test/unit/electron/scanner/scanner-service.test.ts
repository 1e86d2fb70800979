import { describe, expect, it } from 'vitest';
import type { DeviceInfo, RawScan } from '../../../../core/bridge/kassa-host';
import type { HidDeviceDescriptor } from '../../../../electron/host/scanner/device-source';
import { createReplaySource } from '../../../../electron/host/scanner/replay-source';
import {
  createScannerService,
  type ScannerServiceOptions,
} from '../../../../electron/host/scanner/scanner-service';
import { fixture, reportsOf, type HidFixture } from './hid-fixtures';

const descriptorOf = (f: HidFixture, path: string): HidDeviceDescriptor => ({
  path,
  vendorId: f.device.vendorId,
  productId: f.device.productId,
  product: f.device.product,
  manufacturer: f.device.manufacturer,
  usagePage: f.device.usagePage,
  usage: f.device.usage,
  serialNumber: 'SN1',
});

function harness(devices: HidDeviceDescriptor[], options: Partial<ScannerServiceOptions> = {}) {
  const source = createReplaySource(devices);
  const service = createScannerService({ source, now: () => 1_700_000_000_000, pollMs: 60_000, ...options });
  const scans: RawScan[] = [];
  const changes: DeviceInfo[][] = [];
  service.onScan((s) => scans.push(s));
  service.onDevicesChanged((d) => changes.push(d));
  return { source, service, scans, changes };
}

const hidPos = fixture('access-is-lsr118-hidpos-qr-two-reports');
const keyboard = fixture('keyboard-de-code128');
const magstripe = fixture('magtek-swipe-tracks-1-2');

describe('scanner service over the replay source', () => {
  it('opens HID POS scanners by usage page and delivers their reassembled scans with raw bytes', async () => {
    const { source, service, scans } = harness([descriptorOf(hidPos, '/dev/hidraw3')]);
    await service.rescan();
    expect(service.listDevices()).toMatchObject([{ decoder: 'hid-pos', state: 'open', usagePage: 0x8c }]);
    source.play('/dev/hidraw3', reportsOf(hidPos));
    expect(scans).toEqual([
      {
        text: hidPos.expected[0]!.text,
        source: 'hid-pos',
        symbology: ']Q0',
        deviceId: service.listDevices()[0]!.id,
        rawHex: hidPos.reports.join(' '),
        at: 1_700_000_000_000,
      },
    ]);
    await service.stop();
  });

  it('leaves keyboards alone unless configured, then decodes them with the configured layout', async () => {
    const plain = harness([descriptorOf(keyboard, '/dev/hidraw1')]);
    await plain.service.rescan();
    expect(plain.service.listDevices()).toMatchObject([{ decoder: null, state: 'closed' }]);
    expect(plain.source.play('/dev/hidraw1', reportsOf(keyboard))).toBe(false);

    const configured = harness([descriptorOf(keyboard, '/dev/hidraw1')], {
      config: {
        devices: [
          {
            vendorId: keyboard.device.vendorId,
            productId: keyboard.device.productId,
            decoder: 'hid-keyboard',
            layout: 'de',
          },
        ],
      },
    });
    await configured.service.rescan();
    configured.source.play('/dev/hidraw1', reportsOf(keyboard));
    expect(configured.scans.map((s) => [s.source, s.text])).toEqual([['hid-keyboard', 'Kassa-ZY/7@x']]);
  });

  it('reads a configured magstripe reader', async () => {
    const { source, service, scans } = harness([descriptorOf(magstripe, '/dev/hidraw5')], {
      config: { devices: [{ vendorId: 0x0801, productId: 0x0002, decoder: 'magstripe', layout: 'us' }] },
    });
    await service.rescan();
    source.play('/dev/hidraw5', reportsOf(magstripe));
    expect(scans[0]).toMatchObject({ source: 'magstripe', text: magstripe.expected[0]!.text });
  });

  it('survives unplug and replug: tells the till, reconnects on a new path, keeps the device id', async () => {
    const { source, service, scans, changes } = harness([descriptorOf(hidPos, '/dev/hidraw3')]);
    await service.rescan();
    const id = service.listDevices()[0]!.id;

    source.unplug('/dev/hidraw3');
    expect(changes.at(-1)).toMatchObject([{ id, state: 'unplugged' }]);
    await service.rescan();
    expect(service.listDevices()).toMatchObject([{ id, state: 'unplugged' }]);

    // The kernel gives the replugged scanner another hidraw node.
    source.plug(descriptorOf(hidPos, '/dev/hidraw7'));
    await service.rescan();
    expect(changes.at(-1)).toEqual([expect.objectContaining({ id, state: 'open' })]);
    expect(changes.at(-1)?.[0]?.message).toBeUndefined();
    source.play('/dev/hidraw7', reportsOf(hidPos));
    expect(scans).toHaveLength(1);
    await service.stop();
  });

  it('reopens a device replugged between two polls on its new path, even without a read error', async () => {
    const { source, service, scans } = harness([descriptorOf(hidPos, '/dev/hidraw3')]);
    await service.rescan();
    // The old node vanished without failing the open handle; the device came back elsewhere.
    const list = source.list.bind(source);
    source.list = async () => (await list()).map((d) => ({ ...d, path: '/dev/hidraw9' }));
    source.plug(descriptorOf(hidPos, '/dev/hidraw9'));
    await service.rescan();
    expect(service.listDevices()).toMatchObject([{ state: 'open' }]);
    source.play('/dev/hidraw9', reportsOf(fixture('hidpos-ean13-single-report')));
    source.play('/dev/hidraw3', reportsOf(fixture('hidpos-ean13-single-report')));
    expect(scans).toHaveLength(1);
  });

  it('drops a half-received code when the device goes away mid-scan', async () => {
    const { source, service, scans } = harness([descriptorOf(hidPos, '/dev/hidraw3')]);
    await service.rescan();
    const [first, second] = reportsOf(hidPos);
    source.play('/dev/hidraw3', [first!]);
    source.unplug('/dev/hidraw3');
    source.plug(descriptorOf(hidPos, '/dev/hidraw3'));
    await service.rescan();
    source.play('/dev/hidraw3', [second!]);
    expect(scans.map((s) => s.text)).toEqual([' 100']);
  });

  it('shows why a scan was refused on the device, and clears it on the next good scan', async () => {
    const { source, service, scans } = harness([descriptorOf(hidPos, '/dev/hidraw3')]);
    await service.rescan();
    source.play('/dev/hidraw3', [Uint8Array.from([0x02, 0x01])]);
    expect(service.listDevices()[0]?.message).toMatch(/^Last scan refused: /);
    source.play('/dev/hidraw3', reportsOf(fixture('hidpos-ean13-single-report')));
    expect(scans.map((s) => s.text)).toEqual(['4006381333931']);
    expect(service.listDevices()[0]?.message).toBeUndefined();
  });

  it('marks a device it cannot open as an error and keeps serving the others', async () => {
    const ok = descriptorOf(hidPos, '/dev/hidraw3');
    const broken = { ...descriptorOf(hidPos, '/dev/hidraw4'), serialNumber: 'SN2' };
    const source = createReplaySource([ok, broken]);
    const real = source.open.bind(source);
    source.open = async (path) =>
      path === '/dev/hidraw4' ? Promise.reject(new Error('permission denied')) : real(path);
    const service = createScannerService({ source });
    await service.rescan();
    expect(service.listDevices().map((d) => [d.state, d.message])).toEqual([
      ['open', undefined],
      ['error', 'Cannot open: permission denied'],
    ]);
  });

  it('keeps its last list when enumeration fails, and reports the problem', async () => {
    const problems: string[] = [];
    const source = createReplaySource([descriptorOf(hidPos, '/dev/hidraw3')]);
    const service = createScannerService({ source, onProblem: (p) => problems.push(p.reason) });
    await service.rescan();
    source.list = () => Promise.reject(new Error('libusb gone'));
    await service.rescan();
    expect(service.listDevices()).toMatchObject([{ state: 'open' }]);
    expect(problems).toEqual(['list-failed']);
  });

  it('a listener that throws does not stop scans reaching the others', async () => {
    const { source, service, scans } = harness([descriptorOf(hidPos, '/dev/hidraw3')]);
    service.onScan(() => {
      throw new Error('broken screen');
    });
    await service.rescan();
    source.play('/dev/hidraw3', reportsOf(fixture('hidpos-ean13-single-report')));
    expect(scans).toHaveLength(1);
  });
});
