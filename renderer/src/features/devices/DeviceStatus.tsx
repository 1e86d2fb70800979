import type { KassaHost } from '../../../../core/bridge/kassa-host';
import { useTranslation } from '../../i18n';
import { useDevices } from './useDevices';

/**
 * The scanners the host owns (HID), in the header: the cashier sees at once when one is
 * unplugged or failing. Keyboard-wedge scanners need no host and are not listed.
 */
export function DeviceStatus({ host }: { host: KassaHost }) {
  const { t } = useTranslation();
  const devices = useDevices(host);
  if (devices === null) return null;
  const used = devices.filter((d) => d.decoder !== null);
  const broken = used.filter((d) => d.state === 'unplugged' || d.state === 'error');
  const text =
    used.length === 0
      ? t('devices.status.keyboard')
      : broken.length > 0
        ? broken
            .map((d) => {
              const name = d.product ?? t('devices.status.scanner');
              const state = t(`devices.state.${d.state}`);
              return `${t('devices.status.broken', { name, state })}${d.message ? `: ${d.message}` : ''}`;
            })
            .join('; ')
        : t('devices.status.ready', { count: used.length });
  return (
    <span
      className="devices"
      data-testid="device-status"
      data-ready={used.length - broken.length}
      data-broken={broken.length}
      role={broken.length ? 'alert' : undefined}
    >
      {text}
    </span>
  );
}
