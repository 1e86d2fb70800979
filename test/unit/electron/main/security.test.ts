import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { bridgeChannels, type PairInput, type TerminalConfig } from '../../../../core/bridge/kassa-host';
import type { ConfigStore } from '../../../../electron/host/config-store';
import type { ScannerService } from '../../../../electron/host/scanner/scanner-service';
import { answerAppRequest } from '../../../../electron/main/app-protocol';
import { registerConfigIpc } from '../../../../electron/main/ipc/config-ipc';
import { registerScannerIpc } from '../../../../electron/main/ipc/scanner-ipc';
import type { IpcMainLike, IpcSenderEvent } from '../../../../electron/main/ipc/sender-guard';
import { hardenSession, hardenWebContents } from '../../../../electron/main/security';
import { createWindowOptions } from '../../../../electron/main/window-options';

const config: TerminalConfig = { serverUrl: 'http://127.0.0.1:8787', paired: null };

function fakeIpc() {
  const handlers = new Map<string, (event: IpcSenderEvent, ...args: unknown[]) => unknown>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const call = (channel: string, frameUrl: string | null, ...args: unknown[]) =>
    Promise.resolve().then(() =>
      handlers.get(channel)!(
        frameUrl === null ? { senderFrame: null } : { senderFrame: { url: frameUrl } },
        ...args,
      ),
    );
  return { ipc, handlers, call };
}

function fakeStore(): ConfigStore & { paired: PairInput[] } {
  const paired: PairInput[] = [];
  return {
    path: '/x',
    paired,
    load: async () => config,
    save: async () => undefined,
    pair: async (input) => {
      paired.push(input);
      return { ok: false, reason: 'code-invalid', message: 'no' };
    },
  };
}

const OURS = 'app://kassa/index.html';

describe('main window options', () => {
  it('isolate the page: context isolation and sandbox on, Node integration off everywhere', () => {
    const prefs = createWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('config IPC', () => {
  it('answers our own page and refuses foreign or vanished frames', async () => {
    const { ipc, call } = fakeIpc();
    registerConfigIpc(ipc, fakeStore());
    await expect(call(bridgeChannels.getConfig, OURS)).resolves.toEqual(config);
    await expect(call(bridgeChannels.getConfig, 'https://evil.example/')).rejects.toThrow(
      /not Kassa's own page/,
    );
    await expect(call(bridgeChannels.getConfig, 'file:///etc/passwd')).rejects.toThrow(
      /not Kassa's own page/,
    );
    await expect(call(bridgeChannels.getConfig, 'app://other/index.html')).rejects.toThrow(
      /not Kassa's own page/,
    );
    await expect(call(bridgeChannels.getConfig, null)).rejects.toThrow(/not Kassa's own page/);
  });

  it('parses pairing payloads and never reaches the store with a bad one', async () => {
    const { ipc, call } = fakeIpc();
    const store = fakeStore();
    registerConfigIpc(ipc, store);
    await expect(
      call(bridgeChannels.pair, OURS, { serverUrl: 'javascript-is-not-a-url', code: '1234' }),
    ).rejects.toThrow(/invalid payload/);
    await expect(
      call(bridgeChannels.pair, OURS, { serverUrl: 'http://127.0.0.1:1', code: 'x' }),
    ).rejects.toThrow(/invalid payload/);
    await expect(call(bridgeChannels.pair, OURS)).rejects.toThrow(/invalid payload/);
    await expect(
      call(bridgeChannels.pair, OURS, { serverUrl: 'http://127.0.0.1:1', code: '1234' }, 'extra'),
    ).rejects.toThrow(/invalid payload/);
    await expect(call(bridgeChannels.getConfig, OURS, 'unexpected')).rejects.toThrow(/invalid payload/);
    expect(store.paired).toEqual([]);
    await expect(
      call(bridgeChannels.pair, OURS, { serverUrl: 'http://127.0.0.1:1', code: '1234' }),
    ).resolves.toMatchObject({ ok: false, reason: 'code-invalid' });
    await expect(
      call(bridgeChannels.pair, 'https://evil.example/', { serverUrl: 'http://127.0.0.1:1', code: '1234' }),
    ).rejects.toThrow(/not Kassa's own page/);
    expect(store.paired).toHaveLength(1);
  });
});

describe('scanner IPC', () => {
  function scanner(): ScannerService & { bus: EventEmitter } {
    const bus = new EventEmitter();
    return {
      bus,
      listDevices: () => [],
      onScan: (l) => (bus.on('scan', l), () => bus.off('scan', l)),
      onDevicesChanged: (l) => (bus.on('devices', l), () => bus.off('devices', l)),
    };
  }

  it('lists devices for our page only and pushes valid scans only to our page', async () => {
    const { ipc, call } = fakeIpc();
    const s = scanner();
    const sent: [string, unknown][] = [];
    let url = OURS;
    const off = registerScannerIpc(
      ipc,
      s,
      () => ({ url, send: (c, p) => sent.push([c, p]) }),
      (u) => u.startsWith('app://kassa/'),
    );
    await expect(call(bridgeChannels.listDevices, OURS)).resolves.toEqual([]);
    await expect(call(bridgeChannels.listDevices, 'http://127.0.0.1:9/')).rejects.toThrow();
    const scan = { text: '4006381333931', source: 'hid-pos', at: 1 };
    s.bus.emit('scan', scan);
    url = 'https://evil.example/';
    s.bus.emit('scan', scan);
    expect(sent).toEqual([[bridgeChannels.scan, scan]]);
    off();
    url = OURS;
    s.bus.emit('scan', scan);
    expect(sent).toHaveLength(1);
  });
});

describe('session and web contents hardening', () => {
  it('denies every permission request and check', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    hardenSession(session as never);
    const callback = vi.fn();
    session.setPermissionRequestHandler.mock.calls[0]![0]({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.setPermissionCheckHandler.mock.calls[0]![0]({}, 'hid', 'app://kassa', {})).toBe(false);
    expect(session.setDevicePermissionHandler.mock.calls[0]![0]({})).toBe(false);
  });

  it('blocks navigation away from app://kassa, new windows and webviews', () => {
    const contents = new EventEmitter() as EventEmitter & { setWindowOpenHandler: ReturnType<typeof vi.fn> };
    contents.setWindowOpenHandler = vi.fn();
    hardenWebContents(contents as never);
    const navigate = (event: string, url: string) => {
      const e = { preventDefault: vi.fn() };
      contents.emit(event, e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', 'app://kassa/settings')).toBe(false);
    expect(navigate('will-attach-webview', 'about:blank')).toBe(true);
    expect(contents.setWindowOpenHandler.mock.calls[0]![0]({ url: 'https://x' })).toEqual({ action: 'deny' });
  });
});

describe('app:// protocol', () => {
  it('serves the renderer with the CSP naming the server, and nothing outside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kassa-app-'));
    await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html>');
    await writeFile(join(dir, 'secret.txt'), 'x');
    const root = join(dir, 'renderer');
    const page = await answerAppRequest(root, 'app://kassa/', 'http://127.0.0.1:8787/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:8787;");
    expect(csp).toContain("object-src 'none'");
    expect((await answerAppRequest(root, 'app://kassa/..%2fsecret.txt', null)).status).toBe(404);
    expect((await answerAppRequest(root, 'app://elsewhere/index.html', null)).status).toBe(404);
  });
});
