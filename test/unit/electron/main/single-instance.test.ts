import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

/**
 * Scenario 11 of issue 11, in Electron: a second start of Kassa on a terminal (a double click on
 * the icon while it runs) must not open a second till on the same IndexedDB. main.ts takes
 * Electron's single-instance lock; the second process quits, and the running till comes to the
 * front. Electron is replaced by a fake app that records what main.ts asks of it.
 */
const electron = vi.hoisted(() => ({
  gotLock: true,
  app: undefined as unknown as FakeApp,
  windows: [] as FakeWindow[],
}));
type FakeApp = ReturnType<typeof fakeApp>;
type FakeWindow = InstanceType<ReturnType<typeof fakeWindowClass>>;

function fakeApp() {
  const events = new EventEmitter();
  return Object.assign(events, {
    quits: 0,
    readyAsked: 0,
    enableSandbox: () => undefined,
    setPath: () => undefined,
    getPath: (name: string) => `/nonexistent/${name}`,
    requestSingleInstanceLock: () => electron.gotLock,
    quit() {
      this.quits++;
    },
    whenReady() {
      this.readyAsked++;
      return Promise.resolve();
    },
  });
}

function fakeWindowClass() {
  return class {
    minimized = true;
    restores = 0;
    focuses = 0;
    readonly webContents = Object.assign(new EventEmitter(), {
      send: () => undefined,
      getURL: () => 'app://kassa/',
    });
    constructor() {
      electron.windows.push(this);
    }
    once() {}
    on() {}
    show() {}
    isDestroyed = () => false;
    isMinimized = () => this.minimized;
    restore() {
      this.restores++;
      this.minimized = false;
    }
    focus() {
      this.focuses++;
    }
    loadURL = async () => undefined;
  };
}

vi.mock('electron', () => {
  electron.app = fakeApp();
  return {
    app: electron.app,
    BrowserWindow: fakeWindowClass(),
    ipcMain: { handle: () => undefined, removeHandler: () => undefined },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    session: { defaultSession: {} },
  };
});
// The session hardening and app:// protocol have their own tests (security.test.ts).
vi.mock('../../../../electron/main/security', () => ({
  hardenSession: () => undefined,
  hardenWebContents: () => undefined,
}));
vi.mock('../../../../electron/main/app-protocol', () => ({
  registerAppScheme: () => undefined,
  handleAppProtocol: () => undefined,
}));
// No USB scanners in a test: a device source that never finds one.
vi.mock('../../../../electron/host/scanner/node-hid-source', () => ({
  createNodeHidSource: () => ({
    list: async () => [],
    open: async () => Promise.reject(new Error('no device')),
  }),
}));

let userData: string;
beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'kassa-single-instance-'));
  vi.stubEnv('KASSA_USER_DATA', userData);
  // Each start imports main.ts afresh; core's schemas then register their ids in zod's (not
  // reset) global registry a second time.
  vi.resetModules();
  z.globalRegistry.clear();
  electron.windows = [];
  // One fake app for the whole file (made by the mock's first import, kept across resetModules).
  if (electron.app) Object.assign(electron.app.removeAllListeners(), { quits: 0, readyAsked: 0 });
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(userData, { recursive: true, force: true });
});

/** Starts main.ts as Electron would, in a fresh module registry (a new process). */
async function startMain(): Promise<FakeApp> {
  await import('../../../../electron/main/main');
  return electron.app;
}

describe('Kassa started a second time on one terminal (Electron)', () => {
  it('quits without opening a window when another instance holds the lock', async () => {
    electron.gotLock = false;
    const app = await startMain();
    expect(app.quits).toBe(1);
    expect(app.readyAsked).toBe(0);
    expect(electron.windows).toHaveLength(0);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('the running instance brings its one window to the front instead of opening another', async () => {
    electron.gotLock = true;
    const app = await startMain();
    expect(app.quits).toBe(0);
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const [window] = electron.windows;

    app.emit('second-instance');
    expect(window!.restores).toBe(1);
    expect(window!.focuses).toBe(1);
    app.emit('second-instance');
    expect(window!.restores).toBe(1); // no longer minimised: only focused
    expect(window!.focuses).toBe(2);
    expect(electron.windows).toHaveLength(1);
    app.emit('before-quit'); // stops the scanner poll main.ts started
  });
});
