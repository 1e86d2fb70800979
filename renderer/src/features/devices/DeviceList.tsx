import type { DeviceInfo } from '../../../../core/bridge/kassa-host';
import { decoderLabel, deviceIds, deviceName, sortDevices, usageLabel } from './describe-device';

/** Every HID device the host sees, the ones in use first, with their state. */
export function DeviceList({ devices }: { devices: readonly DeviceInfo[] | null }) {
  if (devices === null) return <p>Asking the host for its devices…</p>;
  if (devices.length === 0)
    return (
      <p data-testid="devices-empty">
        No HID devices. Keyboard-wedge scanners need none: scan below to test one.
      </p>
    );
  return (
    <table className="device-list">
      <thead>
        <tr>
          <th>Device</th>
          <th>Ids</th>
          <th>Usage</th>
          <th>Use</th>
          <th>State</th>
        </tr>
      </thead>
      <tbody>
        {sortDevices(devices).map((d) => (
          <tr key={d.id} data-testid="device-row" data-device-id={d.id}>
            <td>{deviceName(d)}</td>
            <td>{deviceIds(d)}</td>
            <td>{usageLabel(d)}</td>
            <td data-testid="device-decoder">{decoderLabel(d)}</td>
            <td data-testid="device-state" role={d.decoder && d.state !== 'open' ? 'alert' : undefined}>
              {d.state}
              {d.message ? `: ${d.message}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
