import type { Storage } from '../storage/storage';
import { importMembers } from '../domain/members';
import { issuePairingCode } from '../domain/pairing';
import { saveStoreIn } from '../domain/stores';
import { publishPrograms } from '../domain/programs';
import { DEMO_STORE, demoCatalogue } from './demo-catalogue';
import { seedDemoGiftCards, type DemoGiftCard } from './demo-gift-cards';
import { seedDemoSpending } from './demo-managers';
import { DEMO_CARD, demoMembers } from './demo-members';
import { seedDemoReferrals } from './demo-referrals';
import { DEMO_STORES } from './demo-stores';
import { demoPrograms } from './demo-programs';
import { seedDemoRewards } from './demo-rewards';
import { seedDemoUsers } from './demo-users';

export interface SeedDemoResult {
  storeId: string;
  /** A fresh one-time pairing code for the demo store (each call makes a new one). */
  pairingCode: string;
  pairingCodeExpiresAt: number;
  /** Products in the demo store's catalogue. */
  products: number;
  /** Products written by this call (0 when the catalogue was already there). */
  productsWritten: number;
  /** Demo members (with cards of the demo formats) and how many this call wrote. */
  members: number;
  membersWritten: number;
  /** Demo programs (sync-server/programs/demo/) and how many this call published. */
  programs: number;
  programsPublished: number;
  /** A demo member's key fob the cashier can type or scan. */
  demoCard: string;
  /** The demo's gift cards and store credit (codes to type or scan) and what is left on each. */
  giftCards: DemoGiftCard[];
}

/** Demo pairing codes last a week: the launcher seeds once, then the till pairs whenever. */
const DEMO_PAIRING_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Seeds the demo store "Kassa Demo Amsterdam", its catalogue, its members and its programs into a
 * storage, with two more stores that show the members' region scope (demo-stores.ts). Idempotent:
 * a second run writes nothing but a new pairing code (unchanged products and members keep their
 * serverSeq, programs are published once).
 */
export async function seedDemoStorage(storage: Storage, now: number): Promise<SeedDemoResult> {
  const productsWritten = await storage.transaction(async (tx) => {
    for (const store of DEMO_STORES) await saveStoreIn(tx, store, now);
    return tx.products.upsert(DEMO_STORE.storeId, demoCatalogue());
  });
  const members = await importMembers(storage, demoMembers(now), now);
  if (!members.ok) throw new Error(`demo members: ${members.message}`);
  await seedDemoReferrals(storage, now);
  const programs = await publishPrograms(storage, demoPrograms(), now);
  if (!programs.ok) throw new Error(`demo programs: ${programs.message}`);
  await seedDemoRewards(storage, now);
  // Managers, offline policy and the demo code keys: before the gift cards, which are signed with them.
  await seedDemoSpending(storage, now);
  await seedDemoUsers(storage, now);
  const giftCards = await seedDemoGiftCards(storage, now);
  const code = await issuePairingCode(storage, DEMO_STORE.storeId, now, DEMO_PAIRING_TTL_MS);
  if (!code.ok) throw new Error(code.message);
  return {
    storeId: DEMO_STORE.storeId,
    pairingCode: code.value.code,
    pairingCodeExpiresAt: code.value.expiresAt,
    products: await storage.products.count(DEMO_STORE.storeId),
    productsWritten,
    members: members.value.memberIds.length,
    membersWritten: members.value.written,
    programs: programs.value.length,
    programsPublished: programs.value.filter((p) => p.outcome === 'published').length,
    demoCard: DEMO_CARD,
    giftCards,
  };
}

export type SeedTarget = { storage: Storage; now?: number } | { url: string; adminToken: string };

/**
 * Seeds the demo either straight into a storage (the CLI, before a server runs) or through a
 * running server's admin API (the launcher and tests), so live terminals see the change.
 */
export async function seedDemo(target: SeedTarget): Promise<SeedDemoResult> {
  if ('storage' in target) return seedDemoStorage(target.storage, target.now ?? Date.now());
  const res = await fetch(new URL('/admin/demo/seed', target.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${target.adminToken}` },
  });
  if (!res.ok) throw new Error(`seeding the demo failed: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as SeedDemoResult;
}
