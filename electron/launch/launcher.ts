import { DEMO_CARD } from '../../sync-server/src/demo/demo-members';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startSyncServer, type RunningSyncServer } from '../../sync-server/src/start';
import { startHostServer, type HostServer } from '../browser-host/host-server';
import { createConfigStore } from '../host/config-store';
import { createNodeHidSource } from '../host/scanner/node-hid-source';
import { loadScannerConfig } from '../host/scanner/scanner-config-file';
import { createScannerService, type RunningScannerService } from '../host/scanner/scanner-service';
import { findChromium, openAppWindow } from './chromium';
import { combineSources } from '../host/scanner/combined-source';
import { startDemoScanner } from './demo-scanner';
import { ensureDemoPaired } from './demo-setup';
import { findElectronBinary } from './electron-binary';
import { ensureElectronBuilt, ensureRendererBuilt } from './renderer-build';

export interface LauncherOptions {
  /** The repository root (package.json, node_modules, dist). */
  root: string;
  /** Server data: SQLite file, admin token, the Chromium profile. */
  dataDir: string;
  /** The terminal's user-data folder (terminal config, scanner config). */
  userDataDir: string;
  rendererDir: string;
  serverPort: number;
  /** The browser host's port: fixed by default so the till's IndexedDB origin stays the same. */
  hostPort: number;
  open: boolean;
  /** A replayed HID POS scanner fed with codes typed on stdin (browser fallback only). */
  demoScanner?: { input: NodeJS.ReadableStream };
  log: (line: string) => void;
}

export type LaunchMode = 'electron' | 'chromium' | 'url-only';

export interface RunningKassa {
  mode: LaunchMode;
  syncUrl: string;
  /** The browser host's URL (not in Electron mode). */
  hostUrl: string | null;
  /** Resolves when the till's window closed by itself (the launcher then stops everything). */
  windowClosed: Promise<void>;
  stop(): Promise<void>;
}

/**
 * `npm start`: the sync server (seeded and paired on first run), then the terminal — Electron when
 * its binary is installed, else the same host services behind the HTTP bridge, opened in the
 * system Chromium in app mode, else just the URL to open.
 */
export async function launchKassa(o: LauncherOptions): Promise<RunningKassa> {
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    cleanups.length = 0;
  };
  try {
    const server: RunningSyncServer = await startSyncServer({
      dataDir: o.dataDir,
      port: o.serverPort,
      logLevel: 'warn',
    });
    cleanups.push(() => server.close());
    o.log(`Sync server on ${server.url} (data in ${o.dataDir})`);

    const config = createConfigStore({ dir: o.userDataDir, defaultServerUrl: server.url });
    const demo = await ensureDemoPaired({ dataDir: o.dataDir, server, config });
    if (demo.status === 'paired-elsewhere')
      o.log(`This terminal is paired with ${demo.serverUrl}; leaving that pairing as it is.`);
    else if (demo.status === 'pairing-failed') o.log(`Pairing the demo terminal failed: ${demo.message}`);
    else if (demo.paired)
      o.log(`${demo.seeded ? 'Demo store seeded; ' : ''}terminal paired (config in ${config.path})`);
    if (demo.status === 'ready') o.log(`Demo loyalty card to scan or type at the till: ${DEMO_CARD}`);

    await ensureRendererBuilt(o.root, o.rendererDir, o.log);

    const electron = findElectronBinary(join(o.root, 'node_modules/electron'));
    if (electron) {
      await ensureElectronBuilt(o.root, o.log);
      const child = spawn(electron, [o.root], {
        stdio: 'inherit',
        env: { ...process.env, KASSA_USER_DATA: o.userDataDir, KASSA_RENDERER_DIR: o.rendererDir },
      });
      cleanups.push(() => killChild(child));
      o.log('Kassa is running in Electron.');
      if (o.demoScanner)
        o.log('Demo scanner: not available in Electron (its scanners live in the main process).');
      return { mode: 'electron', syncUrl: server.url, hostUrl: null, windowClosed: exited(child), stop };
    }

    const scanner = await startScanner(o);
    cleanups.push(() => scanner.stop());
    const host: HostServer = await startHostServer({
      rendererDir: o.rendererDir,
      configPath: o.userDataDir,
      port: o.hostPort,
      scanner,
    });
    cleanups.push(() => host.close());

    const chromium = findChromium();
    const display = hasDisplay();
    if (chromium && o.open && display) {
      const child = openAppWindow(chromium, host.url, join(o.dataDir, 'chromium-profile'));
      cleanups.push(() => killChild(child));
      o.log(`Electron is not installed — running Kassa in Chromium app mode at ${host.url}`);
      return {
        mode: 'chromium',
        syncUrl: server.url,
        hostUrl: host.url,
        windowClosed: windowClosed(child, host.url, o.log),
        stop,
      };
    }
    o.log(
      !chromium
        ? `Electron is not installed and no Chromium was found — open ${host.url} in a browser`
        : !o.open
          ? `Electron is not installed — Kassa is serving at ${host.url} (not opening Chromium: --no-open)`
          : `Electron is not installed and there is no display for Chromium — open ${host.url} in a browser`,
    );
    return {
      mode: 'url-only',
      syncUrl: server.url,
      hostUrl: host.url,
      windowClosed: new Promise(() => {}),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function startScanner(o: LauncherOptions): Promise<RunningScannerService> {
  const { config, problem } = await loadScannerConfig(o.userDataDir);
  if (problem) o.log(`Scanner config ignored: ${problem}`);
  let lastProblem = '';
  const hid = createNodeHidSource();
  const scanner = createScannerService({
    source: o.demoScanner ? combineSources({ hid, demo: startDemoScanner(o.demoScanner.input, o.log) }) : hid,
    config,
    onProblem: (p) => {
      // A missing libusb or permission problem repeats on every poll: say it once.
      const line = `Scanner ${p.deviceId}: ${p.reason}: ${p.message}`;
      if (line !== lastProblem) o.log(line);
      lastProblem = line;
    },
  });
  await scanner.start();
  return scanner;
}

/** Linux/BSD need an X or Wayland display for a window; macOS and Windows always have one. */
function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return !!(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * The cashier closing the window stops Kassa. Chromium failing to open one (exit code ≠ 0) does
 * not: the till keeps serving and the URL is printed again.
 */
function windowClosed(child: ChildProcess, url: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolveClosed) => {
    child.once('exit', (code) => {
      if (code === 0) return resolveClosed();
      log(`Chromium could not open a window (exit ${code ?? 'signal'}) — open ${url} in a browser`);
    });
    child.once('error', (e) => log(`Chromium could not start (${e.message}) — open ${url} in a browser`));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolveExit) => {
    child.once('exit', () => resolveExit());
    child.once('error', () => resolveExit());
  });
}

async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = exited(child);
  child.kill('SIGTERM');
  await Promise.race([gone, new Promise((r) => setTimeout(r, 3_000).unref())]);
}
