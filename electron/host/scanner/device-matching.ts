import { z } from 'zod';
import type { DeviceInfo } from '../../../core/bridge/kassa-host';
import type { HidDeviceDescriptor } from './device-source';

export const HID_POS_BARCODE_USAGE_PAGE = 0x8c;

export const configuredDeviceSchema = z.object({
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  /** Only this HID interface's usage page (a composite scanner exposes several). */
  usagePage: z.number().int().optional(),
  decoder: z.enum(['hid-pos', 'hid-keyboard', 'magstripe']),
  /** For keyboard-mode scanners: the layout the scanner was set to. */
  layout: z.enum(['us', 'de', 'nl']).default('us'),
});
export type ConfiguredDevice = z.infer<typeof configuredDeviceSchema>;

export const scannerConfigSchema = z.object({
  devices: z.array(configuredDeviceSchema).default([]),
  /** Open every HID POS barcode scanner (usage page 0x8C) without configuring it. */
  autoHidPos: z.boolean().default(true),
});
export type ScannerConfig = z.infer<typeof scannerConfigSchema>;

export type DecoderChoice = Pick<ConfiguredDevice, 'decoder' | 'layout'>;

/**
 * Which decoder a device gets, or null when the till leaves it alone. Keyboards are opened only
 * when configured: reading the cashier's own keyboard raw would turn typing into "scans".
 */
export function chooseDecoder(device: HidDeviceDescriptor, config: ScannerConfig): DecoderChoice | null {
  const configured = config.devices.find(
    (c) =>
      c.vendorId === device.vendorId &&
      c.productId === device.productId &&
      (c.usagePage === undefined || c.usagePage === device.usagePage),
  );
  if (configured) return { decoder: configured.decoder, layout: configured.layout };
  if (config.autoHidPos && device.usagePage === HID_POS_BARCODE_USAGE_PAGE)
    return { decoder: 'hid-pos', layout: 'us' };
  return null;
}

/** Stable across replugs (the path is not): vendor, product, serial, interface usage. */
export function stableDeviceId(d: HidDeviceDescriptor): string {
  const hex = (n: number | undefined) => (n ?? 0).toString(16).padStart(4, '0');
  return `hid:${hex(d.vendorId)}:${hex(d.productId)}:${d.serialNumber ?? ''}:${hex(d.usagePage)}:${hex(d.usage)}`;
}

export function describeDevice(d: HidDeviceDescriptor, choice: DecoderChoice | null): DeviceInfo {
  return {
    id: stableDeviceId(d),
    vendorId: d.vendorId,
    productId: d.productId,
    ...(d.product ? { product: d.product } : {}),
    ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
    ...(d.usagePage !== undefined ? { usagePage: d.usagePage } : {}),
    ...(d.usage !== undefined ? { usage: d.usage } : {}),
    decoder: choice?.decoder ?? null,
    state: 'closed',
  };
}
