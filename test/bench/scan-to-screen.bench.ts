/**
 * Scan-to-screen: from the last HID report of a scan to the product's line in the till's DOM.
 *
 * Path measured: replayed HID POS report → scanner service (decode) → browser host SSE →
 * renderer (classify, RxDB lookup in the replicated demo catalogue, basket, React render) in
 * headless Chromium. The clock starts in Node just before the report is handed to the device
 * source and stops in the page when a MutationObserver sees the line (both clocks are
 * performance.timeOrigin + now(), the same machine clock). Paint is not included.
 *
 * Alternative, same run: the same codes typed as a keyboard-wedge scanner (Playwright keystrokes,
 * 4 ms apart, Enter), timed from the Enter key to the line — the renderer's wedge path.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { startHostServer } from '../../electron/browser-host/host-server';
import { encodeHidPosReports } from '../../electron/host/scanner/hid-pos-encoder';
import { createReplaySource } from '../../electron/host/scanner/replay-source';
import { createScannerService } from '../../electron/host/scanner/scanner-service';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { launchChromium } from '../e2e/support/browser';
import { ensureRendererBuilt } from '../e2e/support/renderer-build';
import { startTestSyncServer } from '../support/sync-server';
import { table, writeSection } from './lib/report';
import { fmt, ratio, summarize } from './lib/stats';

const SCANS = 200;
const PER_BASKET = 20;
const DEVICE = '/dev/hidraw-bench';

const nowMs = () => performance.timeOrigin + performance.now();

async function installLineWatch(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen = new Map<string, number>();
    (window as unknown as { __lineSeen: Map<string, number> }).__lineSeen = seen;
    new MutationObserver(() => {
      const t = performance.timeOrigin + performance.now();
      for (const el of document.querySelectorAll<HTMLElement>('[data-testid="line"][data-code]')) {
        const code = el.dataset.code!;
        if (!seen.has(code)) seen.set(code, t);
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
}

const messageText = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-testid="checkout-message"]')?.textContent ?? '');

/** When the code's line appeared, or null when the till answered with a message instead or lost it (a misread). */
async function lineSeenAt(page: Page, code: string, messageBefore: string): Promise<number | null> {
  const handle = await page
    .waitForFunction(
      ([c, before]) => {
        const seen = (window as unknown as { __lineSeen: Map<string, number> }).__lineSeen.get(c!);
        if (seen !== undefined) return seen;
        const message = document.querySelector('[data-testid="checkout-message"]')?.textContent ?? '';
        return message && message !== before ? -1 : null;
      },
      [code, messageBefore] as const,
      { timeout: 3_000, polling: 'raf' },
    )
    .catch(() => null);
  // Neither line nor message in time: the keys went nowhere, a lost scan.
  if (handle === null) return null;
  const t = (await handle.jsonValue()) as number;
  return t < 0 ? null : t;
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  await new Promise((r) => setTimeout(r, 60));
}

async function clearBasket(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { __lineSeen: Map<string, number> }).__lineSeen.clear());
  while ((await page.getByTestId('line-remove').count()) > 0)
    await page.getByTestId('line-remove').first().click();
}

const rendererDir = ensureRendererBuilt();
const server = await startTestSyncServer();
const configPath = mkdtempSync(join(tmpdir(), 'kassa-bench-host-'));
const source = createReplaySource([
  { path: DEVICE, vendorId: 0x0c2e, productId: 0x0b8f, usagePage: 0x8c, usage: 2 },
]);
const scanner = createScannerService({ source, pollMs: 60_000 });
await scanner.start();
const host = await startHostServer({ rendererDir, configPath, scanner });
const paired = await fetch(new URL('/host/pair', host.url), {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ serverUrl: server.url, code: server.pairingCode }),
}).then((r) => r.json() as Promise<{ ok: boolean }>);
if (!paired.ok) throw new Error('pairing failed');

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(host.url);
  // The state attribute, not the text: the demo till speaks Dutch.
  await page.locator('[data-testid="sync-state"][data-state="synced"]').waitFor({ timeout: 120_000 });
  await installLineWatch(page);

  const codes = demoCatalogue()
    .filter((p) => p.unit === 'each' && /^\d{13}$/.test(p.code))
    .map((p) => p.code);
  const hid: number[] = [];
  const wedge: number[] = [];
  const misread = { hid: 0, wedge: 0 };
  const record = (path: 'hid' | 'wedge', seen: number | null, t0: number) => {
    if (seen === null) misread[path]++;
    else (path === 'hid' ? hid : wedge).push(seen - t0);
  };
  for (let i = 0; i < SCANS; i++) {
    const code = codes[i % codes.length]!;
    if (i % PER_BASKET === 0) await clearBasket(page);
    // A cashier scans a few times a second at most: let the page settle between scans, so each
    // scan is timed on its own and not queued behind the previous one (or the basket clearing).
    await settle(page);
    // Alternate the two paths so both meet the same basket sizes and the same warm-up.
    if (i % 2 === 0) {
      const before = await messageText(page);
      const t0 = nowMs();
      source.play(DEVICE, encodeHidPosReports(code, ']E0')!);
      record('hid', await lineSeenAt(page, code, before), t0);
    } else {
      const before = await messageText(page);
      await page.keyboard.type(code, { delay: 4 });
      const t0 = nowMs();
      await page.keyboard.press('Enter');
      record('wedge', await lineSeenAt(page, code, before), t0);
    }
  }
  // The first scans warm JIT and RxDB's query cache; keep the steady state.
  const ours = summarize(hid.slice(5));
  const alt = summarize(wedge.slice(5));
  writeSection(
    'scan-to-screen',
    `## Scan to screen (HID scanner → product line in Chromium)

Last HID POS report handed to the device source → line in the DOM (decode, SSE bridge, classify,
RxDB lookup in the 2,000-product demo replica, React render; headless Chromium, paint excluded).
Alternative: the same EAN-13s typed as a keyboard wedge (4 ms per key), Enter → line.
A misread is a scan the till answered with a message instead of the line, or lost (no line and no
message within 3 s), e.g. a wedge burst split by keystroke timing. Baskets of up to ${PER_BASKET} lines;
${SCANS / 2} scans per path, alternating, 60 ms apart; first 5 of each dropped. Target p99 < 50 ms.

${table(
  ['path', 'n', 'misread', 'p50 ms', 'p99 ms', 'p99 ratio'],
  [
    [
      'HID POS via host bridge (ours)',
      String(ours.n),
      String(misread.hid),
      fmt(ours.p50),
      fmt(ours.p99),
      ratio(alt.p99, ours.p99),
    ],
    ['keyboard wedge in the page', String(alt.n), String(misread.wedge), fmt(alt.p50), fmt(alt.p99), '1×'],
  ],
)}
`,
  );
} finally {
  await browser.close();
  await host.close();
  await scanner.stop();
  await server.close();
  rmSync(configPath, { recursive: true, force: true });
}
