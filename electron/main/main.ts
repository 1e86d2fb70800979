import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { createConfigStore } from '../host/config-store';
import { createHostLogger } from '../host/host-logger';
import { createNodeHidSource } from '../host/scanner/node-hid-source';
import { loadScannerConfig } from '../host/scanner/scanner-config-file';
import { createScannerService } from '../host/scanner/scanner-service';
import { APP_DIR_NAME } from '../host/user-data-dir';
import { APP_ENTRY_URL, isAppUrl } from './app-origin';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { registerConfigIpc } from './ipc/config-ipc';
import { registerScannerIpc } from './ipc/scanner-ipc';
import { hardenSession, hardenWebContents } from './security';
import { createWindowOptions } from './window-options';

/**
 * Kassa's Electron main process: lifecycle, one window, security, and the host services (config,
 * scanners) registered one channel group per file. Everything else lives in the renderer.
 * Bundled by electron/build.ts to dist/electron/main.cjs; the renderer is dist/renderer.
 */
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = process.env.KASSA_RENDERER_DIR ?? join(here, '..', 'renderer');
const preloadPath = join(here, 'preload.cjs');

registerAppScheme(protocol);
app.enableSandbox();
// The same folder the browser fallback uses (~/.config/Kassa on Linux), or KASSA_USER_DATA.
app.setPath('userData', process.env.KASSA_USER_DATA ?? join(app.getPath('appData'), APP_DIR_NAME));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  const config = createConfigStore({ dir: app.getPath('userData') });
  const log = createHostLogger('kassa-electron-main');

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession);
    handleAppProtocol(protocol, rendererDir, async () => (await config.load()).serverUrl);

    const scannerConfig = await loadScannerConfig(app.getPath('userData'));
    if (scannerConfig.problem)
      log.warn({ module: 'scanner', problem: scannerConfig.problem }, 'scanner config ignored');
    const scanner = createScannerService({
      source: createNodeHidSource(),
      config: scannerConfig.config,
      onProblem: (p) => log.warn({ module: 'scanner', ...p }, 'scanner problem'),
    });
    registerConfigIpc(ipcMain, config);
    registerScannerIpc(
      ipcMain,
      scanner,
      () =>
        window && !window.isDestroyed()
          ? { send: (c, p) => window?.webContents.send(c, p), url: window.webContents.getURL() }
          : null,
      isAppUrl,
    );
    app.on('before-quit', () => void scanner.stop());

    window = new BrowserWindow(createWindowOptions(preloadPath));
    window.once('ready-to-show', () => window?.show());
    window.on('closed', () => (window = null));
    // A till must come back by itself: a crashed page reloads (its sale state is in IndexedDB).
    window.webContents.on('render-process-gone', (_event, details) => {
      log.error({ module: 'window', reason: details.reason }, 'renderer gone; reloading');
      if (details.reason !== 'clean-exit') window?.reload();
    });
    await window.loadURL(APP_ENTRY_URL);
    await scanner.start();
  });
}
