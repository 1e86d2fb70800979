import type { DeviceInfo } from '../../../../core/bridge/kassa-host';

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** "0c2e:0b8f", the way lsusb and the scanner config file write a device. */
export function deviceIds(d: Pick<DeviceInfo, 'vendorId' | 'productId'>): string {
  return `${hex4(d.vendorId)}:${hex4(d.productId)}`;
}

/** "Honeywell Voyager 1400g", or the ids when the device names neither. */
export function deviceName(d: DeviceInfo): string {
  const name = [d.manufacturer, d.product].filter(Boolean).join(' ');
  return name || `HID device ${deviceIds(d)}`;
}

const DECODERS: Record<NonNullable<DeviceInfo['decoder']>, string> = {
  'hid-pos': 'in use: HID POS scanner',
  'hid-keyboard': 'in use: keyboard-mode scanner',
  magstripe: 'in use: card reader',
};

export function decoderLabel(d: DeviceInfo): string {
  return d.decoder ? DECODERS[d.decoder] : 'not in use';
}

/** HID usage page and usage, e.g. "0x8c/0x02" (0x8C is the barcode-scanner page). */
export function usageLabel(d: DeviceInfo): string {
  if (d.usagePage === undefined) return '';
  const usage = d.usage === undefined ? '' : `/0x${d.usage.toString(16).padStart(2, '0')}`;
  return `0x${d.usagePage.toString(16)}${usage}`;
}

/** Devices in use first, then by name: the ones that matter at the top. */
export function sortDevices(devices: readonly DeviceInfo[]): DeviceInfo[] {
  return [...devices].sort(
    (a, b) =>
      Number(b.decoder !== null) - Number(a.decoder !== null) || deviceName(a).localeCompare(deviceName(b)),
  );
}
