import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startHostServer, type HostServer } from '../../../electron/browser-host/host-server';
import { ensureRendererBuilt } from '../../e2e/support/renderer-build';

/**
 * A till for the large-replica benchmark: the production renderer build served by the browser
 * host, in headless Chromium on a persistent profile (IndexedDB in a directory on disk), so the
 * till can be closed — the whole browser — and started again on the same replica: a cold start.
 */

/** A private copy of the build: other work on this tree may rebuild dist/renderer mid-run. */
export function privateRendererCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-large-renderer-'));
  cpSync(ensureRendererBuilt(), dir, { recursive: true });
  return dir;
}

export interface ColdStart {
  /** Browser process started (not the till's work; shown apart). */
  launchMs: number;
  /** From navigation: the checkout screen's scan field is there. */
  screenMs: number;
  /** From navigation: a scanned member card shows the member (the index must hold them). */
  memberMs: number;
  /** From navigation: the sale with that member, one product, cash, is complete (receipt shown). */
  saleMs: number;
}

export interface ReplicaLookup {
  /** followMembers loading the replica's members into a new index (after one warm-up load). */
  loadMs: number;
  /** The same through RxDB's query only (followMembers given a source without the storage). */
  rxdbLoadMs: number;
  size: number;
  samples: number[];
  misses: number;
  batchUs: number;
}

export interface Memory {
  /** CDP Performance.getMetrics of the till's page. */
  jsHeapUsedMb: number;
  jsHeapTotalMb: number;
  /** Resident set of the till's renderer process (/proc), the largest renderer of this browser. */
  rendererRssMb: number;
  /** The same after a forced garbage collection (CDP HeapProfiler.collectGarbage). */
  afterGc: { jsHeapUsedMb: number; rendererRssMb: number };
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export class BenchTill {
  private context?: BrowserContext;
  page?: Page;
  private constructor(
    readonly label: string,
    readonly host: HostServer,
    private readonly configPath: string,
    readonly profileDir: string,
  ) {}

  static async create(label: string, rendererDir: string): Promise<BenchTill> {
    const configPath = mkdtempSync(join(tmpdir(), 'kassa-large-host-'));
    const profileDir = mkdtempSync(join(tmpdir(), 'kassa-large-profile-'));
    const host = await startHostServer({ rendererDir, configPath });
    return new BenchTill(label, host, configPath, profileDir);
  }

  /** Starts the browser on this till's profile; returns how long that took. */
  async launch(): Promise<number> {
    const t0 = performance.now();
    this.context = await chromium.launchPersistentContext(this.profileDir, {
      executablePath: process.env.KASSA_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
    });
    // tsx (esbuild keepNames) wraps named functions in __name(): the functions handed to
    // page.evaluate need it in the page too.
    await this.context.addInitScript('globalThis.__name = (f) => f;');
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    this.page.on('console', (m) => {
      if (m.type() === 'warning' || m.type() === 'error')
        process.stderr.write(`[${this.label} console] ${m.text()}\n`);
    });
    this.page.on('pageerror', (e) => process.stderr.write(`[${this.label} page] ${e.message}\n`));
    return performance.now() - t0;
  }

  async pair(serverUrl: string, code: string): Promise<void> {
    const page = this.page!;
    await page.goto(this.host.url);
    await page.getByTestId('pair-server-url').fill(serverUrl);
    await page.getByTestId('pair-code').fill(code);
    await page.getByTestId('pair-submit').click();
    await page.getByTestId('scan-input').waitFor({ timeout: 60_000 });
  }

  /** Members in the replica's IndexedDB (RxDB's Dexie store of `members`), read beside the till. */
  membersStored(): Promise<number> {
    return this.page!.evaluate(async () => {
      const dbs = await indexedDB.databases();
      const name = dbs.map((d) => d.name ?? '').find((n) => /^rxdb-dexie-kassa-.*--members$/.test(n));
      if (!name) return 0;
      return new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('docs', 'readonly');
          const req = tx.objectStore('docs').count();
          req.onsuccess = () => {
            db.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      });
    });
  }

  /** Waits until the replica holds `expected` members; returns ms from the call. */
  async waitReplica(expected: number, timeoutMs: number, onSample?: () => void): Promise<number> {
    const t0 = performance.now();
    for (;;) {
      const n = await this.membersStored();
      if (n >= expected) return performance.now() - t0;
      if (performance.now() - t0 > timeoutMs)
        throw new Error(`${this.label}: ${n} of ${expected} members replicated after ${timeoutMs} ms`);
      onSample?.();
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  async closeBrowser(): Promise<void> {
    await this.context?.close();
    this.context = undefined;
    this.page = undefined;
  }

  /**
   * Close and start again on the same profile, then the first sale: the member's card, one
   * product, cash, complete. Times are from navigation.
   */
  async coldStart(card: string, memberId: string, productCode: string): Promise<ColdStart> {
    await this.closeBrowser();
    const launchMs = await this.launch();
    const page = this.page!;
    const t0 = performance.now();
    await page.goto(this.host.url);
    await page.getByTestId('scan-input').waitFor({ timeout: 60_000 });
    const screenMs = performance.now() - t0;
    await scanInPage(page, card);
    await page.locator(`[data-testid="member"][data-member-id="${memberId}"]`).waitFor({ timeout: 180_000 });
    const memberMs = performance.now() - t0;
    await scanInPage(page, productCode);
    await page.getByTestId('line').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('tender-cash').click();
    await page.getByTestId('tendered-amount').fill('100');
    await page.getByTestId('complete-sale').click();
    await page.getByTestId('receipt').waitFor({ timeout: 30_000 });
    const saleMs = performance.now() - t0;
    await page.getByTestId('receipt-close').click();
    return { launchMs, screenMs, memberMs, saleMs };
  }

  /**
   * Card scans through the till's own path, in its page: the keys of a wedge scanner dispatched as
   * keydown events (useWedgeScanner → classify → members.scanned → identifyCard on the member
   * index → React), timed from the scan's last key to the DOM showing that member. Between scans
   * the member is taken off the sale (not timed).
   */
  scanCards(cards: string[], memberIds: string[]): Promise<{ samples: number[]; misses: number }> {
    return this.page!.evaluate(
      async ([cards, ids]) => {
        const until = (pred: () => boolean, ms: number) =>
          new Promise<number | undefined>((resolve) => {
            if (pred()) return resolve(performance.now());
            const timer = setTimeout(() => {
              mo.disconnect();
              resolve(undefined);
            }, ms);
            const mo = new MutationObserver(() => {
              if (!pred()) return;
              const at = performance.now();
              clearTimeout(timer);
              mo.disconnect();
              resolve(at);
            });
            mo.observe(document.body, { subtree: true, childList: true, attributes: true });
          });
        const press = (key: string) => {
          const target = document.activeElement ?? document.body;
          target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        };
        const samples: number[] = [];
        let misses = 0;
        for (let k = 0; k < cards.length; k++) {
          const remove = document.querySelector<HTMLElement>('[data-testid="member-remove"]');
          if (remove) {
            remove.click();
            await until(() => !document.querySelector('[data-testid="member"]'), 2_000);
          }
          const card = cards[k]!;
          const selector = `[data-testid="member"][data-member-id="${ids[k]}"]`;
          for (const c of card) press(c);
          const t0 = performance.now();
          press('Enter');
          const at = await until(() => document.querySelector(selector) !== null, 5_000);
          if (at === undefined) {
            misses++;
            const said = document.querySelector('[data-testid="checkout-message"]')?.textContent ?? '';
            const panel =
              document.querySelector('[data-testid="member-panel"]')?.outerHTML.slice(0, 400) ?? '';
            const typed = document.querySelector<HTMLInputElement>('[data-testid="scan-input"]')?.value ?? '';
            console.warn(
              `scan ${k} of ${card} (${ids[k]}, before ${ids[k - 1]}): not shown; message: ${said}; scan field: "${typed}"; ${panel}`,
            );
          } else samples.push(at - t0);
        }
        return { samples, misses };
      },
      [cards, memberIds] as const,
    );
  }

  /**
   * The till's page left for the benchmark page of the same origin (renderer/src/bench/replica-lookup.ts):
   * the replica's member index loaded again and card look-ups by identifyCard alone.
   */
  async replicaLookup(cards: string[], memberIds: string[]): Promise<ReplicaLookup> {
    const page = this.page!;
    await page.goto(`${this.host.url}/bench.html`);
    await page.getByText('ready').waitFor({ timeout: 30_000 });
    return page.evaluate(
      ([c, m]) =>
        (
          window as unknown as {
            kassaBench: {
              replicaLookup(c: string[], m: string[]): Promise<ReplicaLookup>;
            };
          }
        ).kassaBench.replicaLookup(c, m),
      [cards, memberIds] as const,
    );
  }

  async memory(): Promise<Memory> {
    const page = this.page!;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const sample = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
      return {
        jsHeapUsedMb: metric('JSHeapUsedSize') / 2 ** 20,
        jsHeapTotalMb: metric('JSHeapTotalSize') / 2 ** 20,
        rendererRssMb: this.rendererRssMb(),
      };
    };
    const asFound = await sample();
    // Then what the page really holds: V8 collects lazily, so garbage of the scans is in the first.
    await cdp.send('HeapProfiler.collectGarbage');
    const afterGc = await sample();
    await cdp.detach();
    return {
      ...asFound,
      afterGc: { jsHeapUsedMb: afterGc.jsHeapUsedMb, rendererRssMb: afterGc.rendererRssMb },
    };
  }

  /** The largest RSS among the renderer processes under this till's browser (found by its profile dir). */
  rendererRssMb(): number {
    const procs = new Map<number, { ppid: number; cmd: string }>();
    for (const e of readdirSync('/proc')) {
      if (!/^\d+$/.test(e)) continue;
      try {
        const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        procs.set(Number(e), { ppid, cmd: readFileSync(`/proc/${e}/cmdline`, 'utf8') });
      } catch {
        // The process ended while we read.
      }
    }
    const ours = (pid: number): boolean => {
      for (let p = pid, hops = 0; p > 1 && hops < 10; hops++) {
        const info = procs.get(p);
        if (!info) return false;
        if (info.cmd.includes(this.profileDir) && !info.cmd.includes('--type=')) return true;
        p = info.ppid;
      }
      return false;
    };
    let max = 0;
    for (const [pid, info] of procs) {
      if (!info.cmd.includes('--type=renderer') || !ours(pid)) continue;
      try {
        const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
        max = Math.max(max, Number(rss ?? 0) / 1024);
      } catch {
        // Gone.
      }
    }
    return max;
  }

  async close(): Promise<void> {
    await this.closeBrowser();
    await this.host.close();
    rmSync(this.configPath, { recursive: true, force: true });
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}

/** A wedge scanner's burst in the page: keydown per character, then Enter. */
export function scanInPage(page: Page, code: string): Promise<void> {
  return page.evaluate((code) => {
    const press = (key: string) => {
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    };
    for (const c of code) press(c);
    press('Enter');
  }, code);
}
