// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceInfo, KassaHost, RawScan } from '../../../../core/bridge/kassa-host';
import { DEMO_SCAN_CONFIG } from '../../../../core/scan';
import { DevicesScreen } from '../../../../renderer/src/features/devices/DevicesScreen';

const scanner: DeviceInfo = {
  id: 'hid:0c2e:0b8f::008c:0002',
  vendorId: 0x0c2e,
  productId: 0x0b8f,
  manufacturer: 'Honeywell',
  product: 'Voyager 1400g',
  usagePage: 0x8c,
  usage: 2,
  decoder: 'hid-pos',
  state: 'open',
};

/** A host whose device list answers when the test says so, and that counts its listeners. */
function fakeHost() {
  const scans = new Set<(s: RawScan) => void>();
  const changes = new Set<(d: DeviceInfo[]) => void>();
  let answerList: (d: DeviceInfo[]) => void = () => {};
  const host: KassaHost = {
    kind: 'browser',
    getConfig: () => Promise.reject(new Error('not used')),
    pair: () => Promise.reject(new Error('not used')),
    listDevices: () => new Promise((resolve) => (answerList = resolve)),
    onScan(l) {
      scans.add(l);
      return () => scans.delete(l);
    },
    onDevicesChanged(l) {
      changes.add(l);
      return () => changes.delete(l);
    },
  };
  return {
    host,
    listeners: () => scans.size + changes.size,
    answerList: (d: DeviceInfo[]) => act(async () => answerList(d)),
    change: (d: DeviceInfo[]) => act(() => changes.forEach((l) => l(d))),
    scan: (s: RawScan) => act(() => scans.forEach((l) => l(s))),
  };
}

const open = (host: KassaHost) =>
  render(<DevicesScreen host={host} scanConfig={DEMO_SCAN_CONFIG} onClose={() => {}} />);
const state = () => screen.getByTestId('device-state').textContent;

afterEach(cleanup);

describe('devices screen', () => {
  it('keeps a device change that arrived before the first list answered', async () => {
    const fake = fakeHost();
    open(fake.host);
    fake.change([{ ...scanner, state: 'unplugged', message: 'Unplugged.' }]);
    await fake.answerList([scanner]);
    expect(state()).toBe('unplugged: Unplugged.');
    expect(screen.getByTestId('device-state').getAttribute('role')).toBe('alert');
  });

  it('names the device a scan came from and the symbology it reported', async () => {
    const fake = fakeHost();
    open(fake.host);
    await fake.answerList([scanner]);
    expect(screen.getByTestId('last-scan-waiting')).toBeTruthy();
    fake.scan({
      text: '96385074',
      source: 'hid-pos',
      symbology: ']E4',
      deviceId: scanner.id,
      rawHex: '02085d4534...',
      at: 0,
    });
    expect(screen.getByTestId('last-scan-source').textContent).toBe('hid-pos (Honeywell Voyager 1400g)');
    expect(screen.getByTestId('last-scan-symbology').textContent).toBe(']E4');
    expect(screen.getByTestId('last-scan-kind').textContent).toBe('EAN-8 product 96385074');
  });

  it('stops listening to the host when it is closed', async () => {
    const fake = fakeHost();
    const view = open(fake.host);
    await fake.answerList([]);
    expect(screen.getByTestId('devices-empty')).toBeTruthy();
    expect(fake.listeners()).toBe(2);
    view.unmount();
    expect(fake.listeners()).toBe(0);
  });
});
