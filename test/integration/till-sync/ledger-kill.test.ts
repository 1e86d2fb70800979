import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash } from '../../../core/journal/hash-chain';
import type { SaleEvent } from '../../../core/journal';
import { rulesMemberOf } from '../../../core/loyalty/rules-member';
import { evaluate } from '../../../core/rules/evaluate';
import { basketLineFromSale } from '../../../core/rules/from-sale';
import { parseProgram } from '../../../core/rules/validate';
import { DEMO_STORE } from '../../../sync-server/src/demo/demo-catalogue';
import { demoMemberId } from '../../../sync-server/src/demo/demo-members';
import starsPerEuro from '../../../sync-server/programs/demo/stars-per-euro.json';
import { seedDemo, type SeedDemoResult } from '../../../sync-server/src/demo/seed-demo';
import { call } from '../sync-server/support/http';
import { saleChain } from '../sync-server/support/sale-events';
import { ServerProcess } from '../sync-server/support/server-process';
import { Admin } from './support/admin';
import { twoOutages } from './support/two-outages';
import { openNodeTill } from './support/node-till';

/**
 * Issue 8, "Tests": a sale with a member folds into the ledger once under a server kill mid-push.
 * The till's own replication (renderer/src/sync/replication.ts) pushes 40 sales of the demo member
 * Johanna (card DEMO_CARD) while the real server process is SIGKILLed twice: once after it
 * committed a batch (the answer is lost), once while a batch is in flight. Each sale's ledger is
 * what core/rules evaluate gives with the demo's published "demo-stars" program version — the
 * program the server re-evaluates with — so its ids derive from the sale id and the server's
 * rule-drift check agrees: no exception at all is expected, rule-drift included.
 */
const SALES = 40;

let dataDir: string;
let server: ServerProcess;
let admin: Admin;
let seeded: SeedDemoResult;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kassa-ledger-kill-'));
  server = await ServerProcess.start(dataDir);
  seeded = await seedDemo({ url: server.url, adminToken: server.adminToken });
  admin = new Admin(server);
});
afterAll(async () => {
  await server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

const stars = (() => {
  const r = parseProgram(structuredClone(starsPerEuro));
  if (!r.ok) throw new Error(r.message);
  return r.value;
})();

interface MemberDetail {
  member: { memberId: string; balance: number; pendingPoints: number; lifetimeEarned: number };
  ledgerTotals: Record<string, number>;
  ledger: { entryId: string; terminalId: string; seq: number; amount: number; account: string }[];
}
async function memberOnServer(cardOrId: string): Promise<MemberDetail> {
  const r = await call(server, 'GET', `/admin/members/${encodeURIComponent(cardOrId)}?ledgerLimit=5000`, {
    token: server.adminToken,
  });
  if (r.status !== 200) throw new Error(`GET member: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as MemberDetail;
}

/**
 * A chain of sales of the member, each carrying the loyalty block a till writes: the member, the
 * program version it evaluated and the ledger rows evaluate gave (ids `<sale id>/demo-stars@1/…`).
 */
function loyalChain(terminalId: string, storeId: string, memberId: string): SaleEvent[] {
  const out: SaleEvent[] = [];
  let prevHash: string | undefined;
  for (const plain of saleChain(terminalId, storeId, SALES)) {
    const { hash: _h, ...base } = plain;
    const result = evaluate(
      [stars],
      {
        id: base.id,
        currency: base.currency,
        lines: base.lines.map((l) => basketLineFromSale(l, undefined)),
      },
      rulesMemberOf({
        memberId,
        tier: null,
        segments: [],
        birthday: null,
        enrolledAt: 0,
        optedIn: true,
        counters: { purchaseCount: 0, visits: [], rules: {}, stamps: {}, challenges: {}, badges: [] },
      }),
      {
        at: base.createdAt,
        storeId,
        channel: 'store',
        timeZone: DEMO_STORE.timeZone,
        transactionId: base.id,
      },
    );
    const doc = {
      ...base,
      ...(prevHash ? { prevHash } : {}),
      memberId,
      loyalty: {
        memberId,
        provisionalCard: null,
        programs: [{ programId: stars.id, version: stars.version }],
        ledger: result.ledger.map((e) => ({
          id: e.id,
          account: e.account,
          unit: e.unit,
          amount: e.amount,
          programId: e.programId,
          programVersion: e.programVersion,
          ruleId: e.ruleId,
          text: e.text,
        })),
      },
    };
    const sale = { ...doc, hash: eventHash(doc) } as SaleEvent;
    out.push(sale);
    prevHash = sale.hash;
  }
  return out;
}

describe('a member’s sales through a server killed mid-push', () => {
  it('books every sale’s points exactly once: balance, ledger rows, no exception', async () => {
    const paired = await admin.pair(seeded.storeId);
    const memberId = demoMemberId(1);
    const before = await memberOnServer(seeded.demoCard);
    expect(before.member.memberId).toBe(memberId);
    const sales = loyalChain(paired.terminalId, paired.storeId, memberId);
    const ledger = sales.flatMap((s) => s.loyalty?.ledger ?? []);
    const points = ledger.filter((e) => e.account === 'points').reduce((n, e) => n + e.amount, 0);
    const perSale = sales[0]!.loyalty!.ledger.length;
    for (const s of sales) {
      expect(s.loyalty!.ledger).toHaveLength(perSale);
      for (const e of s.loyalty!.ledger) expect(e.id.startsWith(`${s.id}/`)).toBe(true);
    }
    expect(points).toBeGreaterThan(0);

    const outage = twoOutages(server);
    const wrap = outage.wrap;
    const till = await openNodeTill(server, paired, { wrap, pushBatchSize: 5 });
    try {
      await till.db.journal.bulkInsert(sales);
      const journal = till.replication.journal!;
      await journal.awaitInitialReplication();
      await journal.awaitInSync();
      await outage.restarted();
      await journal.awaitInSync();
      expect(outage.outages()).toBe(2);
      expect(till.status.get().ackSeq).toBe(SALES);

      const after = await memberOnServer(seeded.demoCard);
      const mine = after.ledger.filter((l) => l.terminalId === paired.terminalId);
      expect(mine).toHaveLength(ledger.length);
      expect(mine).toHaveLength(SALES * perSale);
      expect(new Set(mine.map((l) => l.entryId))).toEqual(new Set(ledger.map((e) => e.id)));
      expect(after.member.balance + after.member.pendingPoints).toBe(
        before.member.balance + before.member.pendingPoints + points,
      );
      expect(after.member.lifetimeEarned).toBe(before.member.lifetimeEarned + points);
      expect(after.ledgerTotals.points).toBe((before.ledgerTotals.points ?? 0) + points);
      expect(after.member.balance + after.member.pendingPoints).toBe(after.ledgerTotals.points);

      expect(await admin.exceptions(paired.terminalId)).toEqual([]);
      expect(await admin.terminal(paired.terminalId)).toMatchObject({
        lastSeq: SALES,
        contiguousSeq: SALES,
        gaps: [],
      });
      const sold = await admin.sales(paired.terminalId);
      expect(sold.totals.count).toBe(SALES);
    } finally {
      await till.close();
    }
  });
});
