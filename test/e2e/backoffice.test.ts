import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../core/journal/sale-event';
import { syncPaths } from '../../core/sync/protocol';
import { DEMO_CARD } from '../../sync-server/src/demo/demo-members';
import { addUser } from '../../sync-server/src/domain/backoffice/users';
import { openStorage } from '../../sync-server/src/storage/open-storage';
import { pushRowsOf, Till } from '../integration/sync-server/support/spend-events';
import { startTestSyncServer, type TestSyncServer } from '../support/sync-server';
import { BackofficePage } from './pages/backoffice-page';
import { launchChromium } from './support/browser';
import { pairTerminal } from './support/other-terminals';
import { ensureRendererBuilt } from './support/renderer-build';

/*
 * The store manager's back office (issue 10), in Chromium against the real sync server: two tills
 * of the demo store spent the same points of one member while offline, so the server raised one
 * overdraft. The manager signs in, finds it under Exceptions, writes it off with a note, and then
 * sees the write-off in the member's ledger and in the audit trail, with the note.
 */

const MANAGER = { login: 'sanne@kassa.test', name: 'Sanne Bakker', password: 'winkel-amsterdam-2026' };
const NOTE = 'Two tills offline at once; the customer keeps the points';
/** Two referrals (250 points each) before the tills went offline; each till took 400 of the 500. */
const EARNED = 500;
const SPENT_PER_TILL = 400;
const SHORTFALL = 2 * SPENT_PER_TILL - EARNED;

let server: TestSyncServer;
let browser: Browser;
let page: Page;
let bo: BackofficePage;
let memberId = '';
/** The two tills' terminal ids. */
let tills: string[] = [];

const admin = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
  const res = await fetch(new URL(path, server.url), {
    method,
    headers: {
      authorization: `Bearer ${server.adminToken}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
};

const pairTill = (name: string) => pairTerminal(server, server.storeId, name);

/** A till coming back online: it pushes what it wrote, as its replication does. */
async function push(token: string, events: readonly JournalEvent[]): Promise<void> {
  const res = await fetch(new URL(syncPaths.push('journal'), server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(pushRowsOf(events)),
  });
  if (!res.ok) throw new Error(`push: HTTP ${res.status} ${await res.text()}`);
}

interface AdminMember {
  member: { memberId: string; balance: number };
  ledger: { account: string; amount: number; text: string }[];
}
const member = async () => (await admin('GET', `/admin/members/${DEMO_CARD}`)) as AdminMember;

/** The demo member earns 500 points, then two tills of the store each spend 400 of them offline. */
async function overdraftByTwoOfflineTills(): Promise<void> {
  for (let i = 0; i < EARNED / 250; i++) {
    await admin('POST', '/events', {
      card: DEMO_CARD,
      type: 'referral',
      ref: `friend-${i}`,
      key: `bo-ref-${i}`,
    });
  }
  memberId = (await member()).member.memberId;
  expect((await member()).member.balance).toBe(EARNED);
  const [one, two] = [await pairTill('Kassa 1'), await pairTill('Kassa 2')];
  tills = [one.terminalId, two.terminalId];
  for (const paired of [one, two]) {
    const till = new Till(paired.terminalId, paired.storeId);
    await push(paired.token, [till.sale({ memberId, spend: SPENT_PER_TILL })]);
  }
  expect((await member()).member.balance).toBe(-SHORTFALL);
}

/** A store manager of the demo store, as `kassa-server users add` makes one. */
async function addManager(): Promise<void> {
  const storage = await openStorage({ dataDir: server.dataDir });
  try {
    const added = await addUser(
      storage.db,
      { ...MANAGER, role: 'store-manager', storeIds: [server.storeId] },
      Date.now(),
    );
    if (!added.ok) throw new Error(`users add: ${added.reason}`);
  } finally {
    await storage.close();
  }
}

beforeAll(async () => {
  ensureRendererBuilt();
  server = await startTestSyncServer();
  await overdraftByTwoOfflineTills();
  await addManager();
  browser = await launchChromium();
  page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  bo = new BackofficePage(page);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const SOON = { timeout: 10_000 };
const texts = (rows: ReturnType<BackofficePage['auditRows']>) => rows.allTextContents();

describe('the store manager in the back office', () => {
  it('resolves an overdraft of two offline tills with a write-off and a note, and sees it in the member ledger and the audit trail', async () => {
    await bo.open(server.url);
    await bo.signIn(MANAGER.login, MANAGER.password);
    await expect.poll(() => bo.user().textContent(), SOON).toContain(MANAGER.name);

    // Exceptions: one open overdraft, the member 300 points short, both tills' sales side by side.
    await bo.go('exceptions');
    const overdrafts = page.locator('[data-testid=bo-exception-row][data-kind=overdraft]');
    await expect.poll(() => overdrafts.count(), SOON).toBe(1);
    expect(await overdrafts.getAttribute('data-status')).toBe('open');
    expect(await overdrafts.textContent()).toContain(memberId);
    await bo.openException('overdraft');
    expect(await page.getByTestId('bo-exception-stake').textContent()).toContain(`${SHORTFALL} punten`);
    await expect.poll(() => bo.involvedEvents().count(), SOON).toBe(2);
    const events = (await bo.involvedEvents().allTextContents()).join(' ');
    for (const till of tills) expect(events).toContain(till);

    // Honour both spends and write the shortfall off, saying why.
    await bo.resolve('write-off', NOTE);
    await expect.poll(() => bo.actionDone().textContent(), SOON).toBe('Gedaan: vastgelegd in de audittrail.');
    await expect.poll(() => bo.exceptionStatus().textContent(), SOON).toBe('Opgelost');
    expect(await bo.actionError().count()).toBe(0);
    expect(await page.getByTestId('bo-resolve-write-off').count()).toBe(0);
    await page.getByTestId('bo-exception-back').click();
    await expect.poll(() => overdrafts.count(), SOON).toBe(0);

    // The member's ledger: the write-off credited the shortfall; the balance is back at zero.
    await bo.go('member');
    await bo.lookUpMember(DEMO_CARD);
    await expect.poll(() => bo.memberBalance().textContent(), SOON).toBe('Saldo: 0 punten');
    const rows = await bo.ledgerRows().allTextContents();
    const writeOff = rows.filter((r) => r.includes('Overdraft written off'));
    expect(writeOff).toHaveLength(1);
    expect(writeOff[0]).toContain(String(SHORTFALL));
    expect((await member()).member.balance).toBe(0);

    // The audit trail: one entry, by the manager, with the note.
    await bo.auditForMember(memberId);
    await expect.poll(() => bo.auditRows().count(), SOON).toBe(1);
    const [entry] = await texts(bo.auditRows());
    expect(entry).toContain(NOTE);
    expect(entry).toContain(MANAGER.name);
    expect(entry).toContain('Honoreren en afschrijven');
    expect(entry).toContain(String(SHORTFALL));
  });
});
