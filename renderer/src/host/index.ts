import type { KassaHost } from '../../../core/bridge/kassa-host';
import { browserHost } from './host.browser';
import { electronHost } from './host.electron';

/** The one place that picks the host: Electron's preload bridge when present, else HTTP to the local host. */
export function getHost(): KassaHost {
  return electronHost() ?? browserHost();
}
