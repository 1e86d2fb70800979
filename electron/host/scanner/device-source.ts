/** A HID device as enumeration sees it. `path` opens it now; it may change across a replug. */
export interface HidDeviceDescriptor {
  path: string;
  vendorId: number;
  productId: number;
  product?: string;
  manufacturer?: string;
  serialNumber?: string;
  usagePage?: number;
  usage?: number;
  interface?: number;
}

export interface OpenHidDevice {
  /** Every input report, in order, as the device sent it (report id first when it uses ids). */
  onReport(listener: (report: Uint8Array) => void): void;
  /** A read failed: unplugged, or taken away. The device is unusable afterwards. */
  onError(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

/**
 * Where devices and their reports come from: node-hid on a real till, a replay of recorded
 * reports in tests. Everything after this interface (decoding, reconnecting) is the same path.
 */
export interface DeviceSource {
  list(): Promise<HidDeviceDescriptor[]>;
  open(path: string): Promise<OpenHidDevice>;
}
