import type { TFunction } from 'i18next';
import type { DeviceInfo } from '../../../../core/bridge/kassa-host';

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** "0c2e:0b8f", the way lsusb and the scanner config file write a device. */
export function deviceIds(d: Pick<DeviceInfo, 'vendorId' | 'productId'>): string {
  return `${hex4(d.vendorId)}:${hex4(d.productId)}`;
}

/** "Honeywell Voyager 1400g", or "HID device 0c2e:0b8f" (translated) when the device names neither. */
export function deviceName(d: DeviceInfo, t: TFunction): string {
  const name = [d.manufacturer, d.product].filter(Boolean).join(' ');
  return name || t('devices.unnamed', { ids: deviceIds(d) });
}

/** Whether the till uses a device and how: "in use: HID POS scanner", "not in use". */
export function decoderLabel(d: DeviceInfo, t: TFunction): string {
  return t(`devices.decoder.${d.decoder ?? 'none'}`);
}

/** HID usage page and usage, e.g. "0x8c/0x02" (0x8C is the barcode-scanner page). */
export function usageLabel(d: DeviceInfo): string {
  if (d.usagePage === undefined) return '';
  const usage = d.usage === undefined ? '' : `/0x${d.usage.toString(16).padStart(2, '0')}`;
  return `0x${d.usagePage.toString(16)}${usage}`;
}

/** Devices in use first, then by name: the ones that matter at the top. */
export function sortDevices(devices: readonly DeviceInfo[], t: TFunction): DeviceInfo[] {
  return [...devices].sort(
    (a, b) =>
      Number(b.decoder !== null) - Number(a.decoder !== null) ||
      deviceName(a, t).localeCompare(deviceName(b, t)),
  );
}
