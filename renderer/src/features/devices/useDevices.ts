import { useEffect, useState } from 'react';
import type { DeviceInfo, KassaHost } from '../../../../core/bridge/kassa-host';

/**
 * The host's devices, kept current: the first list, then every change (plugged, unplugged,
 * reconnected). A change that arrives before the first list wins over it. Null until known.
 */
export function useDevices(host: KassaHost): DeviceInfo[] | null {
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);
  useEffect(() => {
    let live = true;
    const off = host.onDevicesChanged((d) => live && setDevices(d));
    host.listDevices().then(
      (d) => live && setDevices((current) => current ?? d),
      () => live && setDevices((current) => current ?? []),
    );
    return () => {
      live = false;
      off();
    };
  }, [host]);
  return devices;
}
