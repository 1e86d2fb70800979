import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_CARD, demoMemberId } from '../../sync-server/src/demo/demo-members';
import { demoCatalogue } from '../../sync-server/src/demo/demo-catalogue';
import { MemberPanel } from './pages/member-panel';
import { openPersistentTill, type PersistentTill, type TillRun } from './support/persistent-till';

// Scenario 2 of issue 11: the till's browser process SIGKILLed the moment the cashier reads
// "Verkoop N afgerond." — no unload, no flush, no goodbye — with the sync server down. What the
// cashier saw completed must be in the journal on disk when Chromium starts again on the same
// profile, with its points, and reach the server once when it is back.
const each = demoCatalogue().filter((p) => p.unit === 'each' && p.code.length === 13);
const products = each.slice(0, 3);
if (products.length < 3) throw new Error('demo catalogue lacks the products this test needs');
const JOHANNA = demoMemberId(1);
/** Kills at the message and a little after it: the write must be durable before the message. */
const KILL_DELAYS_MS = [0, 20, 50];
const SOON = { timeout: 15_000 };

interface JournalSale {
  seq: number;
  id: string;
  memberId: string | null;
  points: number;
}

/** The sales in the till's journal on disk, read raw from IndexedDB by a page of the till. */
async function journalSales(page: Page): Promise<JournalSale[]> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    const name = names.find((n) => n.startsWith('rxdb-dexie-') && n.endsWith('--journal'));
    if (!name) return [];
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const store = Array.from(db.objectStoreNames).find((s) => s === 'docs') ?? db.objectStoreNames[0];
    type Row = {
      type?: string;
      seq?: number;
      id?: string;
      memberId?: string | null;
      /** Dexie's RxDB storage keeps it as '0' / '1' (an indexable string). */
      _deleted?: string | boolean;
      loyalty?: { ledger?: { account: string; amount: number }[] } | null;
    };
    const rows = await new Promise<Row[]>((ok) => {
      const all = db
        .transaction(store as string)
        .objectStore(store as string)
        .getAll();
      all.onsuccess = () => ok(all.result as Row[]);
    });
    db.close();
    return rows
      .filter((r) => r.type === 'sale' && r._deleted !== '1' && r._deleted !== true)
      .map((r) => ({
        seq: r.seq as number,
        id: r.id as string,
        memberId: r.memberId ?? null,
        points: (r.loyalty?.ledger ?? [])
          .filter((e) => e.account === 'points')
          .reduce((n, e) => n + e.amount, 0),
      }))
      .sort((a, b) => a.seq - b.seq);
  });
}

/** What the page's IndexedDB recorder (below) knows: journal sales whose write transaction completed. */
interface Committed {
  seqs: number[];
  durability: string[];
}

/**
 * Records, in the till's page, each journal sale once its readwrite transaction has fired
 * `complete` (with strict durability Chromium fires it only after the flush), and that
 * transaction's durability. The listener is added when the transaction is created, before Dexie
 * gets it, so it runs before anything the till does on the write's success. It only observes.
 */
function recordJournalCommits(): void {
  type Recorded = { seq: number }[];
  const w = window as unknown as { __kassaCommitted: Committed };
  w.__kassaCommitted = { seqs: [], durability: [] };
  const written = new WeakMap<IDBTransaction, Recorded>();
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof transaction>) {
    const tx = transaction.apply(this, args);
    if (this.name.endsWith('--journal') && tx.mode === 'readwrite') {
      const rows: Recorded = [];
      written.set(tx, rows);
      tx.addEventListener('complete', () => {
        if (rows.length === 0) return;
        w.__kassaCommitted.seqs.push(...rows.map((r) => r.seq));
        w.__kassaCommitted.durability.push(tx.durability);
      });
    }
    return tx;
  } as typeof transaction;
  for (const name of ['put', 'add'] as const) {
    const original = IDBObjectStore.prototype[name];
    IDBObjectStore.prototype[name] = function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
      const value = args[0] as { type?: string; seq?: number } | null;
      if (value?.type === 'sale' && typeof value.seq === 'number') {
        written.get(this.transaction)?.push({ seq: value.seq });
      }
      return original.apply(this, args);
    };
  }
}

/** The till is up and is the till of this terminal (not "open elsewhere"): its scan field is there. */
async function waitForTill(run: TillRun): Promise<void> {
  await run.page.getByTestId('scan-input').waitFor({ timeout: 30_000 });
}

/**
 * Rings up one product for Johanna, completes it by card, and SIGKILLs the browser `delayMs`
 * after the page first shows "Verkoop N afgerond." (a MutationObserver calls out to this process,
 * which kills at once or after the delay). Returns what the cashier saw and the points shown.
 */
async function sellAndKill(
  run: TillRun,
  panel: MemberPanel,
  code: string,
  delayMs: number,
): Promise<{ seen: string; earned: number; committed: Committed }> {
  const { page, checkout } = run;
  await page.locator('body').click();
  if ((await panel.memberId()) !== JOHANNA) {
    await checkout.wedgeScan(DEMO_CARD);
    await expect.poll(() => panel.memberId(), SOON).toBe(JOHANNA);
  }
  await checkout.wedgeScan(code);
  await expect.poll(() => checkout.lines().count(), SOON).toBe(1);
  await expect.poll(() => panel.earnedPoints(), SOON).toBeGreaterThan(0);
  const earned = await panel.earnedPoints();

  let seen: { text: string; committed: Committed } | undefined;
  await page.exposeBinding('__kassaShowedComplete', (_source, text: string, committed: Committed) => {
    if (seen !== undefined) return;
    seen = { text, committed };
    if (delayMs === 0) run.kill();
    else setTimeout(() => run.kill(), delayMs);
  });
  await page.evaluate(() => {
    const w = window as unknown as {
      __kassaShowedComplete: (t: string, c: Committed) => void;
      __kassaCommitted: Committed;
    };
    const check = () => {
      const text = document.querySelector('[data-testid="checkout-message"]')?.textContent ?? '';
      if (/Verkoop \d+ afgerond/.test(text)) {
        observer.disconnect();
        // What had committed when the cashier could first read the message.
        const { seqs, durability } = w.__kassaCommitted;
        w.__kassaShowedComplete(text, { seqs: [...seqs], durability: [...durability] });
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByTestId('tender-card').click();
  // The click may still be in flight when the browser dies.
  await checkout.completeSale().catch(() => undefined);
  await run.gone();
  if (seen === undefined) throw new Error('the browser died before the till said the sale was complete');
  return { seen: seen.text, committed: seen.committed, earned };
}

let till: PersistentTill;
beforeAll(async () => {
  till = await openPersistentTill({ initScript: recordJournalCommits });
}, 90_000);
afterAll(async () => {
  await till?.close();
});

describe('the till killed right after "sale complete"', () => {
  it('keeps every sale the cashier saw completed, with its points, and the server gets each once', async () => {
    const { server, terminalId } = till;
    const opening = (await server.member(DEMO_CARD))?.member.balance ?? NaN;
    expect(opening).toBeGreaterThanOrEqual(0);
    await server.stop();
    let run = till.first;
    await expect.poll(() => run.checkout.syncStateValue(), SOON).toBe('offline');

    const completed: { seq: number; earned: number }[] = [];
    for (const [i, delayMs] of KILL_DELAYS_MS.entries()) {
      const panel = new MemberPanel(run.page);
      const { seen, earned, committed } = await sellAndKill(run, panel, products[i]!.code, delayMs);
      expect(seen).toBe(`Verkoop ${i + 1} afgerond.`);
      // "Complete" was on screen only once the sale's journal write had committed, strictly.
      expect(committed.seqs).toContain(i + 1);
      expect(committed.durability.length).toBeGreaterThan(0);
      for (const d of committed.durability) expect(d).toBe('strict');
      completed.push({ seq: i + 1, earned });
      expect(run.pageErrors).toEqual([]);

      // Chromium again on the same profile: no pairing screen, the till is back and leads.
      run = await till.launch();
      await waitForTill(run);
      expect(await run.page.getByTestId('pair-code').count()).toBe(0);
      expect(await journalSales(run.page)).toEqual(
        completed.map((c) => ({
          seq: c.seq,
          id: expect.any(String),
          memberId: JOHANNA,
          points: c.earned,
        })),
      );
      await expect.poll(() => run.checkout.syncStateValue(), SOON).toBe('offline');
      expect(await run.checkout.syncWaitingCount()).toBe(completed.length);
      // The balance rule: the server's balance plus what this till has not had folded yet.
      const pending = completed.reduce((n, c) => n + c.earned, 0);
      await run.page.locator('body').click();
      await run.checkout.wedgeScan(DEMO_CARD);
      const restartedPanel = new MemberPanel(run.page);
      await expect.poll(() => restartedPanel.memberId(), SOON).toBe(JOHANNA);
      await expect.poll(() => restartedPanel.balance(), SOON).toBe(opening + pending);
      expect(await restartedPanel.unsyncedPoints()).toBe(pending);
    }

    // The server back: each sale once, seqs 1..n, its points folded once.
    const total = completed.reduce((n, c) => n + c.earned, 0);
    await server.start();
    await run.checkout.waitSynced(30_000);
    await expect.poll(() => run.checkout.syncWaitingCount(), SOON).toBe(0);
    const sales = await server.sales(terminalId);
    expect(sales.map((s) => [s.seq, s.memberId]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(
      completed.map((c) => [c.seq, JOHANNA]),
    );
    expect(new Set(sales.map((s) => s.eventId)).size).toBe(completed.length);
    expect(await server.exceptions(terminalId)).toEqual([]);
    const member = await server.member(DEMO_CARD);
    expect(member?.member.balance).toBe(opening + total);
    const ours = (member?.ledger ?? []).filter((e) => e.terminalId === terminalId && e.account === 'points');
    expect(ours.reduce((n, e) => n + e.amount, 0)).toBe(total);
    expect(new Set(ours.map((e) => e.entryId)).size).toBe(ours.length);
    // And the till, told by the server, shows the same number with nothing unsynced.
    const panel = new MemberPanel(run.page);
    await expect.poll(() => panel.unsyncedPoints(), { timeout: 30_000 }).toBe(0);
    expect(await panel.balance()).toBe(opening + total);
    expect(run.pageErrors).toEqual([]);
  }, 180_000);
});
