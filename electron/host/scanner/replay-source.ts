import type { DeviceSource, HidDeviceDescriptor, OpenHidDevice } from './device-source';

/**
 * A device source that plays recorded report bytes: tests (and `npm start -- --replay`) plug
 * recorded devices in and out and feed their captures, byte for byte, through the same decoding
 * path node-hid's reports take.
 */
export interface ReplaySource extends DeviceSource {
  plug(device: HidDeviceDescriptor): void;
  /** Removes the device: an open handle fails the way node-hid's does on unplug. */
  unplug(path: string): void;
  /** Delivers reports to whoever has the device open. Returns false when nobody has it open. */
  play(path: string, reports: readonly Uint8Array[]): boolean;
}

export function createReplaySource(initial: readonly HidDeviceDescriptor[] = []): ReplaySource {
  const present = new Map<string, HidDeviceDescriptor>(initial.map((d) => [d.path, d]));
  const handles = new Map<string, Set<Handle>>();

  interface Handle {
    report: ((r: Uint8Array) => void)[];
    error: ((e: Error) => void)[];
  }

  return {
    async list() {
      return [...present.values()].map((d) => ({ ...d }));
    },
    async open(path) {
      if (!present.has(path)) throw new Error(`cannot open device with path ${path}`);
      const handle: Handle = { report: [], error: [] };
      const set = handles.get(path) ?? new Set();
      set.add(handle);
      handles.set(path, set);
      const device: OpenHidDevice = {
        onReport: (l) => void handle.report.push(l),
        onError: (l) => void handle.error.push(l),
        close: async () => void handles.get(path)?.delete(handle),
      };
      return device;
    },
    plug(device) {
      present.set(device.path, device);
    },
    unplug(path) {
      present.delete(path);
      const open = handles.get(path);
      handles.delete(path);
      for (const h of open ?? []) for (const l of h.error) l(new Error('could not read from HID device'));
    },
    play(path, reports) {
      const open = [...(handles.get(path) ?? [])];
      if (!open.length) return false;
      for (const report of reports)
        for (const h of open) for (const l of h.report) l(Uint8Array.from(report));
      return true;
    },
  };
}
