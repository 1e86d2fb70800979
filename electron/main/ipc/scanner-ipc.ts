import { z } from 'zod';
import {
  bridgeChannels,
  deviceInfoSchema,
  rawScanSchema,
  type DeviceInfo,
} from '../../../core/bridge/kassa-host';
import type { ScannerService } from '../../host/scanner/scanner-service';
import { ForeignSenderError, InvalidPayloadError, isTrustedSender, type IpcMainLike } from './sender-guard';

const noArgs = z.tuple([]);

/** Where pushed events go: the main window's page, only while it shows our own origin. */
export interface ScanTarget {
  send(channel: string, payload: unknown): void;
  readonly url: string;
}

/**
 * The scanner channel group: list devices on request; push scans and device changes to the page.
 * Pushed payloads are parsed too, so the renderer only ever receives what the bridge declares.
 */
export function registerScannerIpc(
  ipc: IpcMainLike,
  scanner: ScannerService,
  target: () => ScanTarget | null,
  isOurs: (url: string) => boolean,
): () => void {
  ipc.handle(bridgeChannels.listDevices, async (event, ...args): Promise<DeviceInfo[]> => {
    if (!isTrustedSender(event)) throw new ForeignSenderError(bridgeChannels.listDevices);
    if (!noArgs.safeParse(args).success)
      throw new InvalidPayloadError(bridgeChannels.listDevices, 'takes no arguments');
    return scanner.listDevices().map((d) => deviceInfoSchema.parse(d));
  });
  const push = (channel: string, payload: unknown) => {
    const to = target();
    if (to && isOurs(to.url)) to.send(channel, payload);
  };
  const offScan = scanner.onScan((scan) => push(bridgeChannels.scan, rawScanSchema.parse(scan)));
  const offDevices = scanner.onDevicesChanged((devices) =>
    push(
      bridgeChannels.devicesChanged,
      devices.map((d) => deviceInfoSchema.parse(d)),
    ),
  );
  return () => {
    ipc.removeHandler(bridgeChannels.listDevices);
    offScan();
    offDevices();
  };
}
