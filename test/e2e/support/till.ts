import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startHostServer } from '../../../electron/browser-host/host-server';
import type { ScannerService } from '../../../electron/host/scanner/scanner-service';
import { CheckoutPage } from '../pages/checkout-page';
import { PairingPage } from '../pages/pairing-page';
import { launchChromium } from './browser';
import { ensureRendererBuilt } from './renderer-build';
import { startTestSyncServer, type SyncServerControl } from './sync-server-control';

export interface Till {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  checkout: CheckoutPage;
  server: SyncServerControl;
  terminalId: string;
  /** The browser host's address: a new browser context there is the same till reinstalled. */
  hostUrl: string;
  close(): Promise<void>;
}

/**
 * One till as in the shop: the built renderer served by the browser host (the same bridge as
 * Electron's), in Chromium, paired through its pairing screen with a real sync server, with the
 * demo catalogue replicated before the test starts.
 */
export async function openPairedTill(
  options: {
    scanner?: ScannerService;
    /** The demo store's locale for this test (the demo store is nl-NL: a Dutch till). */
    locale?: string;
  } = {},
): Promise<Till> {
  const rendererDir = ensureRendererBuilt();
  const server = await startTestSyncServer();
  if (options.locale) await server.updateStore({ locale: options.locale });
  const configPath = mkdtempSync(join(tmpdir(), 'kassa-e2e-host-'));
  const host = await startHostServer({
    rendererDir,
    configPath,
    ...(options.scanner ? { scanner: options.scanner } : {}),
  });
  const browser = await launchChromium();
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
  await page.goto(host.url);
  await new PairingPage(page).pair(server.url, await server.newPairingCode());
  const checkout = new CheckoutPage(page);
  await checkout.waitSynced(60_000);
  const config = (await (await fetch(new URL('/host/config', host.url))).json()) as {
    paired: { terminalId: string };
  };
  return {
    browser,
    context,
    page,
    checkout,
    server,
    terminalId: config.paired.terminalId,
    hostUrl: host.url,
    async close() {
      await browser.close();
      await host.close();
      await server.dispose();
      rmSync(configPath, { recursive: true, force: true });
    },
  };
}
