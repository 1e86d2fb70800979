import {
  browserHostPaths,
  deviceInfoSchema,
  rawScanSchema,
  terminalConfigSchema,
  type DeviceInfo,
  type KassaHost,
  type PairOutcome,
  type RawScan,
} from '../../../core/bridge/kassa-host';

/**
 * The bridge of the browser fallback: the local host process serves this page and the bridge on
 * the page's own origin (core/bridge browserHostPaths). Scans and device changes come on one SSE
 * stream, opened while anyone listens.
 */
export function browserHost(origin: string = window.location.origin): KassaHost {
  const url = (path: string) => new URL(path, origin).toString();
  const scanListeners = new Set<(scan: RawScan) => void>();
  const deviceListeners = new Set<(devices: DeviceInfo[]) => void>();
  let source: EventSource | undefined;

  const ensureStream = () => {
    if (source) return;
    source = new EventSource(url(browserHostPaths.events));
    source.addEventListener('scan', (e) => {
      const scan = rawScanSchema.safeParse(parseJson((e as MessageEvent<string>).data));
      if (scan.success) for (const l of scanListeners) l(scan.data);
    });
    source.addEventListener('devices', (e) => {
      const devices = deviceInfoSchema.array().safeParse(parseJson((e as MessageEvent<string>).data));
      if (devices.success) for (const l of deviceListeners) l(devices.data);
    });
  };
  const maybeClose = () => {
    if (scanListeners.size === 0 && deviceListeners.size === 0) {
      source?.close();
      source = undefined;
    }
  };

  return {
    kind: 'browser',
    async getConfig() {
      const response = await fetch(url(browserHostPaths.config), { cache: 'no-store' });
      if (!response.ok) throw new Error(`host config: HTTP ${response.status}`);
      return terminalConfigSchema.parse(await response.json());
    },
    async pair(input): Promise<PairOutcome> {
      let response: Response;
      try {
        response = await fetch(url(browserHostPaths.pair), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
      } catch {
        return { ok: false, reason: 'server-error', message: 'The terminal host is not answering.' };
      }
      const body = (await response.json().catch(() => null)) as
        | PairOutcome
        | { error?: { message?: string } }
        | null;
      if (response.ok && body && 'ok' in body) {
        return body.ok ? { ok: true, config: terminalConfigSchema.parse(body.config) } : body;
      }
      const message = (body && 'error' in body && body.error?.message) || `Host answered ${response.status}.`;
      return { ok: false, reason: response.status === 422 ? 'code-invalid' : 'server-error', message };
    },
    onScan(listener) {
      scanListeners.add(listener);
      ensureStream();
      return () => {
        scanListeners.delete(listener);
        maybeClose();
      };
    },
    async listDevices() {
      const response = await fetch(url(browserHostPaths.devices), { cache: 'no-store' });
      if (!response.ok) return [];
      return deviceInfoSchema.array().parse(await response.json());
    },
    onDevicesChanged(listener) {
      deviceListeners.add(listener);
      ensureStream();
      return () => {
        deviceListeners.delete(listener);
        maybeClose();
      };
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
