import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startHostServer } from '../../../electron/browser-host/host-server';
import { launchChromium } from './browser';
import { ensureRendererBuilt } from './renderer-build';

export interface BenchPage {
  page: Page;
  close(): Promise<void>;
}

/**
 * The renderer's benchmark page (renderer/bench.html, built with the app) in Chromium, served by
 * the browser host like the till itself: the benchmarks measure the production code on real
 * IndexedDB on this machine's disk.
 */
export async function openBenchPage(): Promise<BenchPage> {
  const rendererDir = ensureRendererBuilt();
  const configPath = mkdtempSync(join(tmpdir(), 'kassa-bench-host-'));
  const host = await startHostServer({ rendererDir, configPath });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    page.on('pageerror', (e) => process.stderr.write(`[bench page] ${e.message}\n`));
    await page.goto(`${host.url}/bench.html`);
    await page.getByText('ready').waitFor({ timeout: 30_000 });
    const opened = browser;
    return {
      page,
      async close() {
        await opened.close();
        await host.close();
        rmSync(configPath, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close();
    await host.close();
    throw e;
  }
}
