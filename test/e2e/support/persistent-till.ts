import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startHostServer } from '../../../electron/browser-host/host-server';
import { CheckoutPage } from '../pages/checkout-page';
import { PairingPage } from '../pages/pairing-page';
import { ensureRendererBuilt } from './renderer-build';
import { startTestSyncServer, type SyncServerControl } from './sync-server-control';

/** One run of Chromium on the till's profile: the till as the cashier sees it until it dies. */
export interface TillRun {
  context: BrowserContext;
  page: Page;
  checkout: CheckoutPage;
  /** The Chromium browser process (the OS process, not Playwright's handle). */
  pid: number;
  /** SIGKILL of the browser process, as a power cut or the OOM killer would do it. */
  kill(): void;
  /** Resolves once the browser is gone, its children too, so the profile can be opened again. */
  gone(): Promise<void>;
  /** Uncaught errors of the page during this run. */
  pageErrors: string[];
}

/**
 * A till whose browser profile lives on disk: IndexedDB, localStorage and the Web Lock of its
 * window survive the browser process only as a real till's would. `launch()` starts Chromium on
 * the same profile again; the browser host (pairing, config) and the sync server stay up.
 */
export interface PersistentTill {
  server: SyncServerControl;
  hostUrl: string;
  terminalId: string;
  profileDir: string;
  /** The run the till was paired in. */
  first: TillRun;
  launch(): Promise<TillRun>;
  close(): Promise<void>;
}

export async function openPersistentTill(
  options: {
    /** Runs in every page of every run before the till's own scripts (Playwright addInitScript). */
    initScript?: () => void;
  } = {},
): Promise<PersistentTill> {
  const rendererDir = ensureRendererBuilt();
  const server = await startTestSyncServer();
  const configPath = mkdtempSync(join(tmpdir(), 'kassa-e2e-host-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'kassa-e2e-profile-'));
  const host = await startHostServer({ rendererDir, configPath });
  let current: TillRun | undefined;
  const launch = async () => {
    current = await launchOn(profileDir, host.url, options.initScript);
    return current;
  };
  const first = await launch();
  await new PairingPage(first.page).pair(server.url, await server.newPairingCode());
  await first.checkout.waitSynced(60_000);
  const config = (await (await fetch(new URL('/host/config', host.url))).json()) as {
    paired: { terminalId: string };
  };
  return {
    server,
    hostUrl: host.url,
    terminalId: config.paired.terminalId,
    profileDir,
    first,
    launch,
    async close() {
      await current?.context.close().catch(() => undefined);
      await host.close();
      await server.dispose();
      rmSync(configPath, { recursive: true, force: true });
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

async function launchOn(profileDir: string, url: string, initScript?: () => void): Promise<TillRun> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.KASSA_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  if (initScript) await context.addInitScript(initScript);
  const pid = browserPid(profileDir);
  const closed = new Promise<void>((resolve) => context.once('close', () => resolve()));
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url);
  return {
    context,
    page,
    checkout: new CheckoutPage(page),
    pid,
    pageErrors,
    kill: () => process.kill(pid, 'SIGKILL'),
    async gone() {
      await closed;
      // The renderer, GPU and utility processes follow their browser within moments.
      for (let i = 0; i < 100 && processesOf(profileDir).length > 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const left = processesOf(profileDir);
      if (left.length > 0)
        throw new Error(`Chromium processes ${left.map((p) => p.pid).join(', ')} outlived it`);
    },
  };
}

/** Every live process whose command line names this profile, with its parent. */
function processesOf(profileDir: string): { pid: number; ppid: number }[] {
  const found: { pid: number; ppid: number }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes(`--user-data-dir=${profileDir}`)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the ")" that closes the command name: state, ppid, …
      const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state[0] === 'Z') continue;
      found.push({ pid: Number(entry), ppid: Number(state[1]) });
    } catch {
      // Gone between the listing and the read.
    }
  }
  return found;
}

/** The browser process of the profile: the one of its processes whose parent is not one of them. */
function browserPid(profileDir: string): number {
  const procs = processesOf(profileDir);
  const pids = new Set(procs.map((p) => p.pid));
  const roots = procs.filter((p) => !pids.has(p.ppid));
  if (roots.length !== 1) throw new Error(`expected one Chromium browser process, found ${roots.length}`);
  return roots[0]!.pid;
}
