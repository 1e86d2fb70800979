import { describe, expect, it } from 'vitest';
import type { DeviceInfo } from '../../../../core/bridge/kassa-host';
import {
  decoderLabel,
  deviceIds,
  deviceName,
  sortDevices,
  usageLabel,
} from '../../../../renderer/src/features/devices/describe-device';
import { i18n } from '../../../../renderer/src/i18n';

const t = i18n.getFixedT('en');

const device = (over: Partial<DeviceInfo>): DeviceInfo => ({
  id: 'd',
  vendorId: 0x0c2e,
  productId: 0x0b8f,
  decoder: null,
  state: 'closed',
  ...over,
});

describe('describing a HID device', () => {
  it('writes vendor and product ids the way lsusb does', () => {
    expect(deviceIds(device({ vendorId: 0x5e0, productId: 0x1200 }))).toBe('05e0:1200');
  });

  it('names a device by manufacturer and product, or by its ids when it has no name', () => {
    expect(deviceName(device({ manufacturer: 'Honeywell', product: 'Voyager 1400g' }), t)).toBe(
      'Honeywell Voyager 1400g',
    );
    expect(deviceName(device({}), t)).toBe('HID device 0c2e:0b8f');
    expect(deviceName(device({}), i18n.getFixedT('nl'))).toBe('HID-apparaat 0c2e:0b8f');
  });

  it('says whether the till uses a device and how', () => {
    expect(decoderLabel(device({ decoder: 'hid-pos' }), t)).toBe('in use: HID POS scanner');
    expect(decoderLabel(device({ decoder: 'magstripe' }), t)).toBe('in use: card reader');
    expect(decoderLabel(device({ decoder: null }), t)).toBe('not in use');
    expect(decoderLabel(device({ decoder: 'magstripe' }), i18n.getFixedT('ro'))).toBe(
      'în uz: cititor de carduri',
    );
  });

  it('shows the usage page and usage in hex', () => {
    expect(usageLabel(device({ usagePage: 0x8c, usage: 2 }))).toBe('0x8c/0x02');
    expect(usageLabel(device({}))).toBe('');
  });

  it('lists devices in use first, then by name', () => {
    const sorted = sortDevices(
      [
        device({ id: 'mouse', product: 'A mouse' }),
        device({ id: 'scanner', product: 'Z scanner', decoder: 'hid-pos' }),
        device({ id: 'keyboard', product: 'B keyboard' }),
      ],
      t,
    );
    expect(sorted.map((d) => d.id)).toEqual(['scanner', 'mouse', 'keyboard']);
  });
});
