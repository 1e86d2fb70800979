import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairResponseSchema } from '../../../core/sync/protocol';
import { startHostServer, type HostServer } from '../../../electron/browser-host/host-server';
import { createReplaySource } from '../../../electron/host/scanner/replay-source';
import { createScannerService } from '../../../electron/host/scanner/scanner-service';
import { startTestSyncServer, type TestSyncServer } from '../../support/sync-server';
import { fixture, reportsOf } from '../../unit/electron/scanner/hid-fixtures';
import { readSseEvents } from './sse-reader';

/** The browser host as `npm start` runs it: a real sync server, and scans from a (replayed) HID device. */
describe('browser host with a real sync server and a replayed scanner', () => {
  let dir: string;
  let sync: TestSyncServer;
  let host: HostServer;
  const ean = fixture('hidpos-ean13-single-report');
  const source = createReplaySource();
  const scanner = createScannerService({ source, pollMs: 60_000 });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kassa-host-real-'));
    await mkdir(join(dir, 'renderer'));
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html>');
    sync = await startTestSyncServer();
    await scanner.start();
    host = await startHostServer({
      rendererDir: join(dir, 'renderer'),
      configPath: join(dir, 'user'),
      scanner,
    });
  });
  afterAll(async () => {
    await host?.close();
    await scanner.stop();
    await sync?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const pair = (code: string) =>
    fetch(host.url + '/host/pair', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serverUrl: sync.url, code }),
    }).then((r) => r.json());

  it('pairs with the server using a one-time code, and the code cannot be used twice', async () => {
    const outcome = await pair(sync.pairingCode);
    expect(outcome.ok).toBe(true);
    expect(pairResponseSchema.parse(outcome.config.paired).storeId).toBe(sync.storeId);
    const config = await (await fetch(host.url + '/host/config')).json();
    expect(config).toEqual(outcome.config);
    expect(await pair(sync.pairingCode)).toMatchObject({ ok: false, reason: 'code-invalid' });
  });

  it('streams a scanner plugged in while the page listens, then its scan, byte for byte', async () => {
    const events = readSseEvents(host.url + '/host/events');
    expect(await events.next()).toEqual({ event: 'devices', data: [] });

    source.plug({
      path: '/dev/hidraw0',
      vendorId: ean.device.vendorId,
      productId: ean.device.productId,
      usagePage: 0x8c,
      usage: 2,
      product: ean.device.product,
    });
    await scanner.rescan();
    const plugged = await events.next();
    expect(plugged).toMatchObject({
      event: 'devices',
      data: [{ state: 'open', decoder: 'hid-pos', product: ean.device.product }],
    });

    source.play('/dev/hidraw0', reportsOf(ean));
    expect(await events.next()).toMatchObject({
      event: 'scan',
      data: { text: '4006381333931', symbology: ']E0', source: 'hid-pos', rawHex: ean.reports[0] },
    });

    source.unplug('/dev/hidraw0');
    expect(await events.next()).toMatchObject({ event: 'devices', data: [{ state: 'unplugged' }] });
    events.close();
  });
});
