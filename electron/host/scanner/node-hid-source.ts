import { createRequire } from 'node:module';
import type * as NodeHidModule from 'node-hid';
import type { Device, HIDAsync } from 'node-hid';
import type { DeviceSource, HidDeviceDescriptor, OpenHidDevice } from './device-source';

type NodeHid = typeof NodeHidModule;

/**
 * The real devices, through node-hid 3's asynchronous API only: enumeration and reads run on
 * libuv's thread pool, so a slow USB bus never stalls the Electron main process (the synchronous
 * `HID.devices()` is known to freeze it for seconds). node-hid is loaded lazily so a till without
 * its native module still starts (the scanner list then says why).
 */
export function createNodeHidSource(load: () => NodeHid = defaultLoad): DeviceSource {
  let hid: NodeHid | null = null;
  const lib = () => (hid ??= load());

  return {
    async list() {
      const devices = await lib().devicesAsync();
      return devices.filter((d): d is Device & { path: string } => !!d.path).map(describe);
    },
    async open(path) {
      // Exclusive where the OS allows it (macOS seizes the device), so a keyboard-mode scanner
      // read raw does not also type into the page. Linux hidraw cannot grab: see scanner README.
      const device: HIDAsync = await lib().HIDAsync.open(path);
      return wrap(device);
    },
  };
}

function describe(d: Device & { path: string }): HidDeviceDescriptor {
  return {
    path: d.path,
    vendorId: d.vendorId,
    productId: d.productId,
    ...(d.product ? { product: d.product } : {}),
    ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
    ...(d.serialNumber ? { serialNumber: d.serialNumber } : {}),
    ...(d.usagePage !== undefined ? { usagePage: d.usagePage } : {}),
    ...(d.usage !== undefined ? { usage: d.usage } : {}),
    interface: d.interface,
  };
}

function wrap(device: HIDAsync): OpenHidDevice {
  return {
    onReport: (listener) => device.on('data', (data: Buffer) => listener(new Uint8Array(data))),
    onError: (listener) =>
      device.on('error', (e: unknown) => listener(e instanceof Error ? e : new Error(String(e)))),
    close: () => device.close().catch(() => undefined),
  };
}

function defaultLoad(): NodeHid {
  // CommonJS native module: required at run time, never bundled.
  return createRequire(import.meta.url)('node-hid') as NodeHid;
}
