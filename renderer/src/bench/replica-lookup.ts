import { createKassaDatabase } from '../db/database';
import { followMembers, type MemberSource } from '../features/members/follow-members';
import { identifyCard } from '../features/members/identify';
import { createMemberIndex } from '../features/members/member-index';

/**
 * The member index of a till's own replica, in the till's origin (test/bench/large-replica): the
 * RxDB database the till left on disk opened again, its members loaded into the index by
 * followMembers as useMembers does at start-up (timed: the cold start waits for it before an
 * unknown card is decided) beside the same load through RxDB's query alone, then card look-ups by
 * identifyCard alone, without the screen.
 */
export async function replicaLookup(
  cards: string[],
  memberIds: string[],
): Promise<{
  loadMs: number;
  rxdbLoadMs: number;
  size: number;
  samples: number[];
  misses: number;
  batchUs: number;
}> {
  const names = (await indexedDB.databases()).map((d) => d.name ?? '');
  const name = names
    .map((n) => /^rxdb-dexie-(kassa-[a-z0-9]+)--\d+--members$/.exec(n)?.[1])
    .find((n) => n !== undefined);
  if (!name) throw new Error(`no till replica here (${names.join(', ')})`);
  const db = await createKassaDatabase(name);
  try {
    const load = async (source: MemberSource) => {
      const index = createMemberIndex();
      const t0 = performance.now();
      const follow = followMembers(source, index);
      await follow.ready;
      const ms = performance.now() - t0;
      follow.stop();
      return { index, ms };
    };
    const collection = db.members as unknown as MemberSource;
    // The alternative: the same load through RxDB's query only (a source without its storage).
    const throughRxdb: MemberSource = { $: collection.$, find: (q) => collection.find(q) };
    await load(collection); // warm-up: the first read after the till closed fills IndexedDB's cache
    const rxdb = await load(throughRxdb);
    const { index, ms: loadMs } = await load(collection);
    if (rxdb.index.size !== index.size)
      throw new Error(`RxDB path loaded ${rxdb.index.size}, ours ${index.size}`);
    const found = (k: number) => {
      const id = identifyCard(cards[k]!, index);
      return id.kind === 'member' && id.memberId === memberIds[k];
    };
    const samples: number[] = [];
    let misses = 0;
    for (let k = 0; k < cards.length; k++) {
      const s = performance.now();
      const ok = found(k);
      samples.push(performance.now() - s);
      if (!ok) misses++;
    }
    // performance.now() is coarsened to 0.1 ms: the look-up's own cost shows in a batch mean.
    const b0 = performance.now();
    for (let r = 0; r < 10; r++) for (let k = 0; k < cards.length; k++) if (!found(k)) misses++;
    const batchUs = ((performance.now() - b0) / (10 * cards.length)) * 1000;
    return { loadMs, rxdbLoadMs: rxdb.ms, size: index.size, samples, misses, batchUs };
  } finally {
    await db.close();
  }
}
