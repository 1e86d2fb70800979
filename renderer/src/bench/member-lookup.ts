import type { MemberDoc } from '../../../core/loyalty/member-doc';
import { phoneHash } from '../../../core/loyalty/phone';
import { createKassaDatabase, type KassaDatabase } from '../db/database';
import { followMembers, type MemberSource } from '../features/members/follow-members';
import { identifyCard } from '../features/members/identify';
import { createMemberIndex, type MemberIndex } from '../features/members/member-index';

/**
 * Card scan → member found with `count` members in the replica: the till's in-memory member index
 * (fed from db.members by followMembers, as useMembers does at start-up) beside RxDB findOne with
 * a selector on the same collection (Dexie storage, real IndexedDB).
 */
const cardOf = (i: number) => `26${String(i).padStart(11, '0')}`;
const phoneOf = (i: number) => `+3161${String(i).padStart(7, '0')}`;

/** A member document of the size a till replicates: two cards for some, visits, rule counters. */
function member(i: number, hashes: string[]): MemberDoc {
  const visits = Array.from({ length: i % 12 }, (_, k) => ({
    at: Date.UTC(2026, 0, 1) + k * 7 * 86_400_000,
    spendCents: 1_000 + ((i * 31 + k * 17) % 9_000),
  }));
  return {
    memberId: `mem-${String(i).padStart(7, '0')}`,
    cards: i % 10 === 0 ? [cardOf(i), `27${String(i).padStart(11, '0')}`] : [cardOf(i)],
    phoneHash: hashes[i] ?? null,
    displayName: `M. Member${i % 1000}…`,
    phoneLast3: String(i % 1000).padStart(3, '0'),
    tier: ['Silver', 'Gold', 'Platinum', null][i % 4] ?? null,
    segments: i % 3 === 0 ? ['coffee-lovers'] : [],
    birthday: `${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    enrolledAt: Date.UTC(2020, 0, 1) + (i % 2000) * 86_400_000,
    optedIn: i % 5 !== 0,
    balance: (i * 37) % 5_000,
    pendingPoints: i % 50,
    lifetimeEarned: (i * 53) % 20_000,
    appliedThrough: { 'T-01': i % 100 },
    counters: {
      purchaseCount: visits.length,
      visits,
      rules: { 'welcome/r1': { lifetime: 1 } },
      stamps: i % 4 === 0 ? { coffee: i % 9 } : {},
      challenges: {},
      badges: [],
    },
    serverSeq: i + 1,
    _deleted: false,
  };
}

const state: { db?: KassaDatabase; index?: MemberIndex; hashes: string[] } = { hashes: [] };

export interface MemberLoad {
  /** Generating the documents in the page (phone hashes included); not the till's work. */
  generateMs: number;
  /** RxDB bulkInsert into the Dexie replica. */
  insertMs: number;
  /** createMemberIndex over the documents in memory: the index alone. */
  buildMs: number;
  /** followMembers from db.members to `ready`: what a till does at start-up. */
  followMs: number;
  size: number;
}

export async function loadMembers(count: number): Promise<MemberLoad> {
  const g0 = performance.now();
  state.hashes = Array.from({ length: count }, (_, i) => phoneHash(phoneOf(i)));
  const docs = Array.from({ length: count }, (_, i) => member(i, state.hashes));
  const generateMs = performance.now() - g0;

  const db = await createKassaDatabase(`bench-members-${Date.now()}`, 'relaxed');
  const i0 = performance.now();
  for (let i = 0; i < docs.length; i += 5_000)
    await db.members.bulkInsert(docs.slice(i, i + 5_000).map(({ _deleted: _, ...d }) => d));
  const insertMs = performance.now() - i0;

  const b0 = performance.now();
  const built = createMemberIndex(docs);
  const buildMs = performance.now() - b0;
  if (built.size !== count) throw new Error(`createMemberIndex holds ${built.size} of ${count}`);

  const index = createMemberIndex();
  const f0 = performance.now();
  const follow = followMembers(db.members as unknown as MemberSource, index);
  await follow.ready;
  const followMs = performance.now() - f0;
  if (index.size !== count) throw new Error(`followMembers loaded ${index.size} of ${count}`);
  state.db = db;
  state.index = index;
  return { generateMs, insertMs, buildMs, followMs, size: index.size };
}

export type MemberLookupWay = 'index-card' | 'index-phone' | 'rxdb-card' | 'rxdb-phone';

/** `lookups` random members (all present), timed one by one. `batchUs`: the mean over one timed batch. */
export async function lookupMembers(
  way: MemberLookupWay,
  count: number,
  lookups: number,
  seed: number,
): Promise<{ samples: number[]; misses: number; batchUs: number }> {
  const { db, index, hashes } = state;
  if (!db || !index) throw new Error('loadMembers first');
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % count;
  };
  const targets = Array.from({ length: lookups }, next);
  const inMemory = (i: number): string | undefined => {
    if (way === 'index-phone') return index.byPhoneHash(hashes[i]!)?.memberId;
    const id = identifyCard(cardOf(i), index);
    return id.kind === 'member' ? id.memberId : undefined;
  };
  const find = async (i: number): Promise<string | undefined> => {
    switch (way) {
      case 'index-card':
      case 'index-phone':
        return inMemory(i);
      case 'rxdb-card':
        return (await db.members.findOne({ selector: { cards: { $elemMatch: { $eq: cardOf(i) } } } }).exec())
          ?.memberId;
      case 'rxdb-phone':
        return (await db.members.findOne({ selector: { phoneHash: hashes[i]! } }).exec())?.memberId;
    }
  };
  const samples: number[] = [];
  let misses = 0;
  for (const i of targets) {
    const t0 = performance.now();
    const found = await find(i);
    samples.push(performance.now() - t0);
    if (found !== `mem-${String(i).padStart(7, '0')}`) misses++;
  }
  // performance.now() is coarsened to 0.1 ms here: the index's own cost shows in a batch mean.
  let batchUs = Number.NaN;
  if (way.startsWith('index')) {
    const b0 = performance.now();
    let hits = 0;
    for (let k = 0; k < 20; k++) for (const i of targets) if (inMemory(i) !== undefined) hits++;
    batchUs = ((performance.now() - b0) / (20 * targets.length)) * 1000;
    if (hits !== 20 * targets.length) misses++;
  }
  return { samples, misses, batchUs };
}

export async function dropMembers(): Promise<void> {
  await state.db?.remove();
  state.db = undefined;
  state.index = undefined;
  state.hashes = [];
}
