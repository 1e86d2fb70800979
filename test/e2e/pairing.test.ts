import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostServer, type HostServer } from '../../electron/browser-host/host-server';
import { PairingPage } from './pages/pairing-page';
import { launchChromium } from './support/browser';
import { ensureRendererBuilt } from './support/renderer-build';
import { startTestSyncServer, type SyncServerControl } from './support/sync-server-control';

let server: SyncServerControl;
let host: HostServer;
let browser: Browser;
let configPath: string;

beforeAll(async () => {
  const rendererDir = ensureRendererBuilt();
  server = await startTestSyncServer();
  configPath = mkdtempSync(join(tmpdir(), 'kassa-e2e-pair-'));
  host = await startHostServer({ rendererDir, configPath });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await server?.dispose();
  rmSync(configPath, { recursive: true, force: true });
});

describe('pairing a new till', () => {
  it('says why a wrong code is refused, then pairs with the right one and opens the till', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    const pairing = new PairingPage(page);
    await pairing.pair(server.url, 'WRONG-CODE-1');
    await expect.poll(() => pairing.error().count(), { timeout: 10_000 }).toBe(1);
    expect(await pairing.error().getAttribute('data-reason')).toBe('code-invalid');
    expect(await page.getByTestId('scan-input').count()).toBe(0);

    await pairing.pair(server.url, await server.newPairingCode());
    await page.getByTestId('scan-input').waitFor({ timeout: 30_000 });
    // The demo store is Dutch: the paired till speaks Dutch from its first screen.
    expect(await page.getByTestId('device-status').textContent()).toBe('toetsenbordscanner');
    await page.close();
  });
});
