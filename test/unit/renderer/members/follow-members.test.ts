import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createKassaDatabase, type KassaDatabase } from '../../../../renderer/src/db/database';
import { followMembers, type MemberSource } from '../../../../renderer/src/features/members/follow-members';
import { createMemberIndex } from '../../../../renderer/src/features/members/member-index';
import { memberDoc } from './fixtures';

// The till's storage (RxDB on Dexie) on IndexedDB in Node: the start-up load reads Dexie's table.
const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<unknown, unknown>;
const id = (i: number) => `01KFOLLOW${String(i).padStart(17, '0')}`;
const card = (i: number) => `2620${String(i).padStart(9, '0')}`;

let db: KassaDatabase | undefined;
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

describe('the member index at start-up, from a replica on Dexie', () => {
  it('holds every stored member as RxDB hands it out, over several pages, and not the removed one', async () => {
    db = await createKassaDatabase(`kassa-follow-${Date.now()}`, 'relaxed', storage());
    const docs = Array.from({ length: 11 }, (_x, i) => {
      const { _deleted: _, ...d } = memberDoc({ memberId: id(i), cards: [card(i)], balance: i });
      return d;
    });
    await db.members.bulkInsert(docs);
    await (await db.members.findOne(id(7)).exec())!.remove();

    const index = createMemberIndex();
    const follow = followMembers(db.members as unknown as MemberSource, index, 3);
    await follow.ready;
    follow.stop();

    expect(index.size).toBe(10);
    expect(index.byCard(card(7))).toBeUndefined();
    const stored = (await db.members.find().exec()).map((d) => d.toJSON());
    for (const doc of stored) expect(index.byId(doc.memberId)).toEqual({ ...doc, _deleted: false });
    expect(index.byCard(card(10))?.balance).toBe(10);
  });

  it('keeps a change that arrived while the stored members were loading', async () => {
    db = await createKassaDatabase(`kassa-follow-live-${Date.now()}`, 'relaxed', storage());
    const { _deleted: _gone, ...anna } = memberDoc({ memberId: id(1), cards: [card(1)], balance: 10 });
    await db.members.insert(anna);
    const index = createMemberIndex();
    const follow = followMembers(db.members as unknown as MemberSource, index);
    await db.members.upsert({ ...anna, balance: 99 });
    await follow.ready;
    follow.stop();
    expect(index.byCard(card(1))?.balance).toBe(99);
  });
});
