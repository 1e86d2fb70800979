import { EventEmitter } from 'node:events';
import type { DeviceInfo, RawScan, Unsubscribe } from '../../../core/bridge/kassa-host';
import {
  chooseDecoder,
  describeDevice,
  scannerConfigSchema,
  stableDeviceId,
  type DecoderChoice,
  type ScannerConfig,
} from './device-matching';
import type { DeviceSource, OpenHidDevice } from './device-source';
import { createDecoder } from './decoders/create-decoder';
import type { DecodeReason, ReportDecoder } from './decoders/report-decoder';

/**
 * The host's scanner service as the bridge sees it: the devices it knows, the scans they deliver
 * and the changes (plugged, unplugged, reconnected) the till must tell the cashier about.
 */
export interface ScannerService {
  listDevices(): DeviceInfo[];
  onScan(listener: (scan: RawScan) => void): Unsubscribe;
  onDevicesChanged(listener: (devices: DeviceInfo[]) => void): Unsubscribe;
}

export interface RunningScannerService extends ScannerService {
  /** First enumeration, then a rescan every `pollMs` until stopped. */
  start(): Promise<void>;
  /** Enumerate now: open new devices, reopen replugged ones, mark vanished ones unplugged. */
  rescan(): Promise<void>;
  stop(): Promise<void>;
}

export interface ScannerServiceOptions {
  source: DeviceSource;
  config?: Partial<ScannerConfig>;
  /** How often to look for plugged and replugged devices. */
  pollMs?: number;
  /** The moment stamped on each scan. */
  now?: () => number;
  /** Decoding refusals and device errors, for the host's log. */
  onProblem?: (problem: {
    deviceId: string;
    reason: DecodeReason | 'open-failed' | 'read-failed' | 'list-failed';
    message: string;
  }) => void;
}

interface Entry {
  info: DeviceInfo;
  path: string;
  choice: DecoderChoice | null;
  handle?: OpenHidDevice;
  decoder?: ReportDecoder;
}

const UNPLUGGED = 'Unplugged. Plug it back in: the till reconnects by itself.';

/**
 * Lists HID devices, opens the ones the till uses, decodes their reports into scans and keeps
 * going through unplug and replug: a vanished device is marked unplugged (the till tells the
 * cashier) and reopened by the next rescan once it is back. Nothing here blocks: enumeration
 * and reads are the device source's asynchronous calls.
 */
export function createScannerService(options: ScannerServiceOptions): RunningScannerService {
  const config = scannerConfigSchema.parse(options.config ?? {});
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 2_000;
  const events = new EventEmitter();
  const entries = new Map<string, Entry>();
  let lastPublished = '[]';
  let scanning: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const problem = (
    deviceId: string,
    reason: Parameters<NonNullable<ScannerServiceOptions['onProblem']>>[0]['reason'],
    message: string,
  ) => options.onProblem?.({ deviceId, reason, message });

  const listDevices = (): DeviceInfo[] =>
    [...entries.values()].map((e) => ({ ...e.info })).sort((a, b) => a.id.localeCompare(b.id));

  const publish = () => {
    const devices = listDevices();
    const json = JSON.stringify(devices);
    if (json === lastPublished) return;
    lastPublished = json;
    emitSafely('devices', devices);
  };

  const emitSafely = (event: 'scan' | 'devices', payload: unknown) => {
    for (const listener of events.listeners(event)) {
      try {
        (listener as (p: unknown) => void)(payload);
      } catch {
        // One broken listener must not silence the others (or the device).
      }
    }
  };

  const onReport = (entry: Entry, report: Uint8Array) => {
    const decoded = entry.decoder?.push(report);
    if (!decoded || !entry.choice) return;
    if (!decoded.ok) {
      problem(entry.info.id, decoded.reason, decoded.message);
      entry.info = { ...entry.info, message: `Last scan refused: ${decoded.message}` };
      publish();
      return;
    }
    if (!decoded.value) return;
    const { text, symbology, rawHex } = decoded.value;
    if (entry.info.message) {
      entry.info = withoutMessage(entry.info);
      publish();
    }
    emitSafely('scan', {
      text,
      source: entry.choice.decoder,
      ...(symbology ? { symbology } : {}),
      deviceId: entry.info.id,
      rawHex,
      at: now(),
    } satisfies RawScan);
  };

  const open = async (entry: Entry) => {
    if (!entry.choice) return;
    try {
      const handle = await options.source.open(entry.path);
      if (stopped) return void (await handle.close());
      entry.handle = handle;
      entry.decoder = createDecoder(entry.choice);
      entry.info = { ...withoutMessage(entry.info), state: 'open' };
      handle.onReport((report) => onReport(entry, report));
      handle.onError((error) => {
        if (entry.handle !== handle) return;
        problem(entry.info.id, 'read-failed', error.message);
        entry.handle = undefined;
        entry.decoder?.reset();
        void handle.close();
        entry.info = { ...entry.info, state: 'unplugged', message: UNPLUGGED };
        publish();
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      problem(entry.info.id, 'open-failed', message);
      entry.info = { ...entry.info, state: 'error', message: `Cannot open: ${message}` };
    }
  };

  const rescanOnce = async () => {
    let found;
    try {
      found = await options.source.list();
    } catch (e) {
      problem('*', 'list-failed', e instanceof Error ? e.message : String(e));
      return;
    }
    const seen = new Set<string>();
    for (const descriptor of found) {
      const id = stableDeviceId(descriptor);
      if (seen.has(id)) continue;
      seen.add(id);
      const choice = chooseDecoder(descriptor, config);
      const known = entries.get(id);
      const entry: Entry = known ?? {
        info: describeDevice(descriptor, choice),
        path: descriptor.path,
        choice,
      };
      if (entry.handle && entry.path !== descriptor.path) {
        // Replugged between two polls without a read error: the old handle points at nothing.
        const stale = entry.handle;
        entry.handle = undefined;
        entry.decoder?.reset();
        await stale.close();
      }
      entry.path = descriptor.path;
      entries.set(id, entry);
      if (choice && !entry.handle) await open(entry);
    }
    for (const [id, entry] of entries) {
      if (seen.has(id)) continue;
      if (!entry.choice) {
        entries.delete(id);
        continue;
      }
      if (entry.handle) {
        const handle = entry.handle;
        entry.handle = undefined;
        entry.decoder?.reset();
        await handle.close();
      }
      entry.info = { ...entry.info, state: 'unplugged', message: UNPLUGGED };
    }
    publish();
  };

  const rescan = () => {
    scanning ??= rescanOnce().finally(() => {
      scanning = null;
    });
    return scanning;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void rescan().finally(schedule), pollMs);
    timer.unref();
  };

  return {
    listDevices,
    onScan(listener) {
      events.on('scan', listener);
      return () => void events.off('scan', listener);
    },
    onDevicesChanged(listener) {
      events.on('devices', listener);
      return () => void events.off('devices', listener);
    },
    async start() {
      stopped = false;
      await rescan();
      schedule();
    },
    rescan,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await scanning;
      for (const entry of entries.values()) {
        const handle = entry.handle;
        entry.handle = undefined;
        if (handle) await handle.close();
      }
    },
  };
}

function withoutMessage(info: DeviceInfo): DeviceInfo {
  const { message: _message, ...rest } = info;
  return rest;
}
