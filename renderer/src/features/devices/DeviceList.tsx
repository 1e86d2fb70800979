import type { DeviceInfo } from '../../../../core/bridge/kassa-host';
import { useTranslation } from '../../i18n';
import { decoderLabel, deviceIds, deviceName, sortDevices, usageLabel } from './describe-device';

/** Every HID device the host sees, the ones in use first, with their state. */
export function DeviceList({ devices }: { devices: readonly DeviceInfo[] | null }) {
  const { t } = useTranslation();
  if (devices === null) return <p>{t('devices.asking')}</p>;
  if (devices.length === 0) return <p data-testid="devices-empty">{t('devices.none')}</p>;
  return (
    <table className="device-list">
      <thead>
        <tr>
          <th>{t('devices.column.device')}</th>
          <th>{t('devices.column.ids')}</th>
          <th>{t('devices.column.usage')}</th>
          <th>{t('devices.column.use')}</th>
          <th>{t('devices.column.state')}</th>
        </tr>
      </thead>
      <tbody>
        {sortDevices(devices, t).map((d) => (
          <tr key={d.id} data-testid="device-row" data-device-id={d.id}>
            <td>{deviceName(d, t)}</td>
            <td>{deviceIds(d)}</td>
            <td>{usageLabel(d)}</td>
            <td data-testid="device-decoder" data-decoder={d.decoder ?? 'none'}>
              {decoderLabel(d, t)}
            </td>
            <td
              data-testid="device-state"
              data-state={d.state}
              role={d.decoder && d.state !== 'open' ? 'alert' : undefined}
            >
              {t(`devices.state.${d.state}`)}
              {/* The host's own words about the device, as they are. */}
              {d.message ? `: ${d.message}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
