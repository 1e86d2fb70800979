import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  bridgeChannels,
  type DeviceInfo,
  type KassaHost,
  type PairInput,
  type RawScan,
} from '../../core/bridge/kassa-host';

/**
 * The only thing the renderer sees of Electron: `window.kassa`, one function per channel.
 * ipcRenderer itself is never exposed; listeners get the payload, never the event.
 */
function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => void ipcRenderer.off(channel, handler);
}

const kassa = {
  kind: 'electron',
  getConfig: () => ipcRenderer.invoke(bridgeChannels.getConfig),
  pair: (input: PairInput) => ipcRenderer.invoke(bridgeChannels.pair, input),
  listDevices: () => ipcRenderer.invoke(bridgeChannels.listDevices),
  onScan: (listener: (scan: RawScan) => void) => subscribe(bridgeChannels.scan, listener),
  onDevicesChanged: (listener: (devices: DeviceInfo[]) => void) =>
    subscribe(bridgeChannels.devicesChanged, listener),
} satisfies KassaHost;

contextBridge.exposeInMainWorld('kassa', kassa);
