import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase, type RxCollection, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { programDocId, type ProgramDoc } from '../../../core/loyalty/program-doc';
import type { MemberDoc } from '../../../core/loyalty/member-doc';
import { membersRxSchema } from '../../../core/schema/members.rx';
import { createKassaDatabase, type KassaDatabase } from '../../../renderer/src/db/database';
import { createProgramCompiler } from '../../../renderer/src/features/members/sale-loyalty';
import { tierProgressOf } from '../../../renderer/src/features/members/tier-progress';
import { memberDoc } from './members/fixtures';

/** The members collection as the builds before earned-by-month created it (schema version 0), written out. */
const membersRxSchemaV0 = {
  ...membersRxSchema,
  version: 0,
  properties: { ...membersRxSchema.properties, counters: { type: 'object' } },
} as const;

const { _deleted: _, ...old } = memberDoc({
  memberId: '01JANNA0000000000000000000',
  cards: ['2620000000019'],
  tier: 'Silver',
  balance: 420,
  lifetimeEarned: 900,
  appliedThrough: { T1: 7 },
});

// IndexedDB in Node: the till's real storage (Dexie), so the migration runs as it does in Chromium.
const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<unknown, unknown>;
const DEMO_TIERS = JSON.parse(readFileSync('sync-server/programs/demo/tier-ladder.json', 'utf8')) as Record<
  string,
  unknown
>;
const tiers: ProgramDoc = {
  docId: programDocId('demo-tiers', 1),
  programId: 'demo-tiers',
  version: 1,
  program: DEMO_TIERS,
  publishedAt: 0,
  serverSeq: 1,
  _deleted: false,
};

let db: KassaDatabase | undefined;
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

describe('members collection schema 0 → 1 on an upgraded till', () => {
  it('keeps the replicated member, and says the points history is not there yet until the server sends it', async () => {
    expect(membersRxSchema.version).toBe(1);
    const name = 'kassa-members-migration';
    const before = await createRxDatabase<{ members: RxCollection<typeof old> }>({
      name,
      storage: storage(),
      multiInstance: false,
    });
    await before.addCollections({ members: { schema: membersRxSchemaV0 } });
    await before.members.insert(old);
    await before.close();

    db = await createKassaDatabase(name, 'strict', storage());
    const kept = (await db.members.findOne(old.memberId).exec())?.toJSON();
    expect(kept).toEqual(old);
    const programs = createProgramCompiler().compile([tiers]);
    const store = { storeId: 'store-demo-ams', timeZone: 'Europe/Amsterdam' };
    const doc = { ...(kept as MemberDoc), _deleted: false };
    expect(tierProgressOf(doc, programs, store, Date.UTC(2026, 10, 25))).toEqual({
      kind: 'unknown',
      reason: 'points-history-not-replicated',
    });
    // The server's next document carries the months: the way to Gold shows.
    await db.members.upsert({
      ...old,
      serverSeq: 2,
      counters: { ...old.counters, earnedByMonth: { points: { '2026-03': 900 } } },
    });
    const fresh = {
      ...((await db.members.findOne(old.memberId).exec())?.toJSON() as MemberDoc),
      _deleted: false,
    };
    expect(tierProgressOf(fresh, programs, store, Date.UTC(2026, 10, 25))).toMatchObject({
      kind: 'progress',
      next: { tier: 'Gold', remaining: 2_100 },
    });
  });
});
