import type { KassaHost } from '../../../core/bridge/kassa-host';

declare global {
  interface Window {
    /** Set by Electron's preload (contextBridge); absent in the browser fallback. */
    kassa?: KassaHost;
  }
}

/** In Electron the preload already exposes a KassaHost; the renderer only checks it is there. */
export function electronHost(): KassaHost | undefined {
  return typeof window !== 'undefined' && window.kassa ? window.kassa : undefined;
}
