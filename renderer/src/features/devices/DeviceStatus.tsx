import type { KassaHost } from '../../../../core/bridge/kassa-host';
import { useDevices } from './useDevices';

/**
 * The scanners the host owns (HID), in the header: the cashier sees at once when one is
 * unplugged or failing. Keyboard-wedge scanners need no host and are not listed.
 */
export function DeviceStatus({ host }: { host: KassaHost }) {
  const devices = useDevices(host);
  if (devices === null) return null;
  const used = devices.filter((d) => d.decoder !== null);
  const broken = used.filter((d) => d.state === 'unplugged' || d.state === 'error');
  const text =
    used.length === 0
      ? 'keyboard scanner'
      : broken.length > 0
        ? broken
            .map((d) => `${d.product ?? 'scanner'} ${d.state}${d.message ? `: ${d.message}` : ''}`)
            .join('; ')
        : `${used.length} scanner${used.length === 1 ? '' : 's'} ready`;
  return (
    <span className="devices" data-testid="device-status" role={broken.length ? 'alert' : undefined}>
      {text}
    </span>
  );
}
