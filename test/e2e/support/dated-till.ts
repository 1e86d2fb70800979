import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { startHostServer } from '../../../electron/browser-host/host-server';
import { CheckoutPage } from '../pages/checkout-page';
import { MemberPanel } from '../pages/member-panel';
import { PairingPage } from '../pages/pairing-page';
import { ReceiptView } from '../pages/receipt';
import type { DatedSyncServer } from './dated-sync-server';
import { ensureRendererBuilt } from './renderer-build';

export interface DatedTill {
  context: BrowserContext;
  checkout: CheckoutPage;
  panel: MemberPanel;
  receipt: ReceiptView;
  terminalId: string;
  /** Moves the till's clock (the page's Date; timers keep running) to a moment. */
  setTime(at: number): Promise<void>;
  /** Closes the browser context (and with it the till's RxDB) and its browser host; once. */
  close(): Promise<void>;
}

interface ShiftedClock {
  __kassaSetTime(at: number): void;
}

/**
 * The page's `Date` (now, and `new Date()` without arguments) shifted from the real clock; timers
 * and `performance.now()` are left alone. The calendar is all the programs read; Playwright's
 * `page.clock` fakes timers and `performance` too in every one of its modes, and the till's wedge
 * scanner and sync loop time themselves with those. `__kassaSetTime(at)` moves the clock later on
 * (the weekend case).
 */
function shiftedDateScript(offsetMs: number): string {
  return `(() => {
    const RealDate = Date;
    const realNow = () => RealDate.now();
    let shift = ${offsetMs};
    class ShiftedDate extends RealDate {
      constructor(...args) {
        if (args.length === 0) super(realNow() + shift);
        else super(...args);
      }
      static now() {
        return realNow() + shift;
      }
    }
    globalThis.Date = ShiftedDate;
    globalThis.__kassaSetTime = (at) => {
      shift = at - realNow();
    };
  })();`;
}

/**
 * A till of the demo store in its own browser context of a shared browser: its own browser host
 * (config, pairing), its own IndexedDB, paired through the pairing screen with `server`. The
 * page's clock is shifted to the server's before the page loads, so the till and the server live
 * on the same calendar.
 */
export async function openDatedTill(browser: Browser, server: DatedSyncServer): Promise<DatedTill> {
  const configPath = mkdtempSync(join(tmpdir(), 'kassa-e2e-host-'));
  const host = await startHostServer({ rendererDir: ensureRendererBuilt(), configPath });
  const context = await browser.newContext();
  // The page's Date runs `offset` ms from the machine's clock: the server's calendar.
  await context.addInitScript({ content: shiftedDateScript(server.now() - Date.now()) });
  const page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
  await page.goto(host.url);
  await new PairingPage(page).pair(server.url, await server.newPairingCode());
  const checkout = new CheckoutPage(page);
  await checkout.waitSynced(60_000);
  // The store's settings (its scan config: which codes are loyalty cards) have replicated.
  await checkout.storeName().filter({ hasText: /\S/ }).waitFor({ timeout: 60_000 });
  const config = (await (await fetch(new URL('/host/config', host.url))).json()) as {
    paired: { terminalId: string };
  };
  let closed = false;
  return {
    context,
    checkout,
    panel: new MemberPanel(page),
    receipt: new ReceiptView(page),
    terminalId: config.paired.terminalId,
    setTime: async (at) => {
      await page.evaluate((ms) => (globalThis as unknown as ShiftedClock).__kassaSetTime(ms), at);
    },
    async close() {
      if (closed) return;
      closed = true;
      await context.close();
      await host.close();
      rmSync(configPath, { recursive: true, force: true });
    },
  };
}
