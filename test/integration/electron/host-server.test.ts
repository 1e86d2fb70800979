import { mkdtemp, mkdir, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceInfo, RawScan } from '../../../core/bridge/kassa-host';
import { startHostServer, type HostServer } from '../../../electron/browser-host/host-server';
import type { ScannerService } from '../../../electron/host/scanner/scanner-service';
import { readSseEvents } from './sse-reader';

const store = {
  storeId: 'store-1',
  name: 'Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};

function fakeScanner(devices: DeviceInfo[]): ScannerService & { emitScan(s: RawScan): void } {
  const bus = new EventEmitter();
  return {
    listDevices: () => devices,
    onScan: (l) => (bus.on('scan', l), () => bus.off('scan', l)),
    onDevicesChanged: (l) => (bus.on('devices', l), () => bus.off('devices', l)),
    emitScan: (s) => bus.emit('scan', s),
  };
}

/** A stand-in sync server answering POST /pair the way the real one does. */
async function pairingServer(): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify();
  app.post('/pair', async (request, reply) => {
    const { code } = request.body as { code: string };
    if (code !== 'GOOD-CODE')
      return reply.code(404).send({ error: { type: 'code-invalid', message: 'Unknown code' } });
    return { terminalId: 'term-1', storeId: 'store-1', token: 'secret-token', store };
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

describe('browser host server', () => {
  let dir: string;
  let server: HostServer;
  const devices: DeviceInfo[] = [
    { id: 'hid:1', vendorId: 0x05e0, productId: 0x1200, decoder: 'hid-pos', state: 'open', usagePage: 0x8c },
  ];
  const scanner = fakeScanner(devices);

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kassa-host-'));
    const rendererDir = join(dir, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Kassa</title>');
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'do not serve');
    server = await startHostServer({ rendererDir, configPath: join(dir, 'config'), scanner });
  });
  afterEach(async () => server.close());

  it('serves the renderer on loopback with a strict CSP naming the configured server', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(server.url + '/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Kassa</title>');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:8787");
    const js = await fetch(server.url + '/assets/app.js');
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(server.url + '/assets/missing.js')).status).toBe(404);
    expect((await fetch(server.url + '/..%2fsecret.txt')).status).toBe(404);
  });

  it('answers the config of an unpaired terminal, then pairs with the server and keeps it', async () => {
    const config = await (await fetch(server.url + '/host/config')).json();
    expect(config).toEqual({ serverUrl: 'http://127.0.0.1:8787', paired: null });

    const sync = await pairingServer();
    try {
      const post = (code: string) =>
        fetch(server.url + '/host/pair', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ serverUrl: sync.url, code }),
        }).then((r) => r.json());
      expect(await post('BAD-CODE')).toMatchObject({
        ok: false,
        reason: 'code-invalid',
        message: 'Unknown code',
      });
      const outcome = await post('GOOD-CODE');
      expect(outcome).toMatchObject({
        ok: true,
        config: { serverUrl: sync.url, paired: { terminalId: 'term-1' } },
      });
      const saved = JSON.parse(await readFile(join(dir, 'config', 'terminal-config.json'), 'utf8'));
      expect(saved.paired.token).toBe('secret-token');
      const page = await fetch(server.url + '/');
      expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${sync.url}`);
    } finally {
      await sync.app.close();
    }
  });

  it('refuses a malformed pairing request and requests from another origin', async () => {
    const bad = await fetch(server.url + '/host/pair', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serverUrl: 'not a url', code: 'x' }),
    });
    expect(bad.status).toBe(422);
    const script = await fetch(server.url + '/host/pair', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serverUrl: 'javascript:alert(1)', code: 'GOOD-CODE' }),
    });
    expect(script.status).toBe(422);
    expect(await script.json()).toMatchObject({ error: { type: 'invalid-input', message: /http\(s\) URL/ } });
    const foreign = await fetch(server.url + '/host/config', { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
  });

  it('reports an unreachable server as a typed pairing outcome', async () => {
    const outcome = await fetch(server.url + '/host/pair', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serverUrl: 'http://127.0.0.1:1', code: 'GOOD-CODE' }),
    }).then((r) => r.json());
    expect(outcome).toMatchObject({ ok: false, reason: 'server-unreachable' });
  });

  it('lists devices and streams devices and scans as server-sent events', async () => {
    expect(await (await fetch(server.url + '/host/devices')).json()).toEqual(devices);
    const events = readSseEvents(server.url + '/host/events');
    const first = await events.next();
    expect(first).toEqual({ event: 'devices', data: devices });
    const scan: RawScan = {
      text: '4006381333931',
      source: 'hid-pos',
      symbology: 'EAN-13',
      at: 1,
      rawHex: '02',
    };
    scanner.emitScan(scan);
    expect(await events.next()).toEqual({ event: 'scan', data: scan });
    events.close();
  });
});
