import { z } from 'zod';
import { storeSettingsSchema } from '../store/store-settings';

/**
 * The one interface between the renderer and the host it runs in (Electron main process, or the
 * local host process of the browser fallback). The renderer sees nothing else of the host.
 */
export const terminalConfigSchema = z.object({
  serverUrl: z.string().url(),
  paired: z
    .object({
      terminalId: z.string(),
      storeId: z.string(),
      token: z.string(),
      store: storeSettingsSchema,
    })
    .nullable(),
});
export type TerminalConfig = z.infer<typeof terminalConfigSchema>;

export const scanSourceSchema = z.enum(['hid-pos', 'hid-keyboard', 'magstripe', 'wedge', 'manual']);
export type ScanSource = z.infer<typeof scanSourceSchema>;

/** A scan as a device delivered it, before classification. */
export const rawScanSchema = z.object({
  text: z.string().max(4096),
  source: scanSourceSchema,
  /** Symbology reported by the scanner (HID POS), when it reports one. */
  symbology: z.string().optional(),
  deviceId: z.string().optional(),
  /** Raw report bytes, hex, for the device test screen. */
  rawHex: z.string().optional(),
  at: z.number(),
});
export type RawScan = z.infer<typeof rawScanSchema>;

export const deviceInfoSchema = z.object({
  id: z.string(),
  vendorId: z.number().int(),
  productId: z.number().int(),
  product: z.string().optional(),
  manufacturer: z.string().optional(),
  usagePage: z.number().int().optional(),
  usage: z.number().int().optional(),
  /** How its reports are decoded: 'hid-pos' | 'hid-keyboard' | 'magstripe', or null when not used. */
  decoder: z.enum(['hid-pos', 'hid-keyboard', 'magstripe']).nullable(),
  state: z.enum(['open', 'closed', 'error', 'unplugged']),
  message: z.string().optional(),
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;

/** A pairing server is reached over HTTP(S) only: a javascript:, data: or file: URL is refused here. */
const httpUrl = z
  .string()
  .url()
  .refine((url) => /^https?:\/\//i.test(url), 'must be an http(s) URL');

export const pairInputSchema = z.object({
  serverUrl: httpUrl,
  code: z.string().min(4).max(64),
});
export type PairInput = z.infer<typeof pairInputSchema>;

export type PairOutcome =
  | { ok: true; config: TerminalConfig }
  | { ok: false; reason: 'code-invalid' | 'server-unreachable' | 'server-error'; message: string };

export type Unsubscribe = () => void;

export interface KassaHost {
  readonly kind: 'electron' | 'browser';
  getConfig(): Promise<TerminalConfig>;
  pair(input: PairInput): Promise<PairOutcome>;
  /** Scans from the devices the host owns (HID scanners, card readers). */
  onScan(listener: (scan: RawScan) => void): Unsubscribe;
  listDevices(): Promise<DeviceInfo[]>;
  /** Device changes (plugged, unplugged, reconnected): the till tells the cashier. */
  onDevicesChanged(listener: (devices: DeviceInfo[]) => void): Unsubscribe;
}

/** IPC / HTTP channel names of the bridge, one per method. */
export const bridgeChannels = {
  getConfig: 'kassa:config:get',
  pair: 'kassa:config:pair',
  listDevices: 'kassa:scanner:list',
  scan: 'kassa:scanner:scan',
  devicesChanged: 'kassa:scanner:devices-changed',
} as const;

/**
 * The same bridge over HTTP, for the browser fallback of `npm start` (no Electron binary): the
 * local host process serves the renderer and these endpoints on 127.0.0.1; scans and device
 * changes arrive on one SSE stream as events named 'scan' and 'devices'.
 */
export const browserHostPaths = {
  config: '/host/config',
  pair: '/host/pair',
  devices: '/host/devices',
  events: '/host/events',
} as const;
