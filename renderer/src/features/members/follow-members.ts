import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import type { MemberIndex } from './member-index';

/** What following needs of an RxCollection of members (db.members): its change stream and queries. */
export interface MemberSource {
  readonly $: {
    subscribe(next: (ev: { documentId: string; operation: string; documentData: MemberDoc }) => void): {
      unsubscribe(): void;
    };
  };
  find(query: { selector: Record<string, unknown>; sort: Record<string, 'asc' | 'desc'>[]; limit: number }): {
    exec(): Promise<{ toJSON(): unknown }[]>;
  };
  /** RxDB's storage under the collection; on Dexie its `internals` hold the Dexie table of the documents. */
  readonly storageInstance?: { readonly internals: unknown };
}

const PAGE = 2_000;

/** What the start-up load needs of a Dexie table (dexie's Table): a page in primary-key order. */
interface DocsTable {
  where(index: ':id'): { above(key: string): { limit(n: number): { toArray(): Promise<StoredMember[]> } } };
}
/** A member as RxDB's Dexie storage keeps it: `_deleted` as '0'/'1' (its boolean index), plus its own fields. */
type StoredMember = Omit<MemberDoc, '_deleted'> & {
  _deleted: unknown;
  _meta?: unknown;
  _rev?: unknown;
  _attachments?: unknown;
};

/**
 * The replica's Dexie table, when the collection is on RxDB's Dexie storage. RxDB's own query
 * walks an IndexedDB cursor one document per request and rebuilds every document field by field;
 * a page read with getAll (Dexie's toArray over a key range) is one request: at 100,000 members
 * the start-up load went from seconds to a fraction (test/bench/large-replica.bench.ts).
 */
async function dexieDocs(members: MemberSource): Promise<DocsTable | undefined> {
  const internals = (await members.storageInstance?.internals) as
    | { dexieTable?: Partial<DocsTable> }
    | undefined;
  return typeof internals?.dexieTable?.where === 'function' ? (internals.dexieTable as DocsTable) : undefined;
}

/** The stored row as the member document RxDB would hand out (no storage fields). */
function fromStored(row: StoredMember): MemberDoc | undefined {
  if (row._deleted === '1' || row._deleted === true) return undefined;
  const { _meta: _m, _rev: _r, _attachments: _a, ...doc } = row;
  return { ...doc, _deleted: false };
}

/**
 * Keeps `index` equal to the replica: every change RxDB emits (replication pulls included) goes
 * in at once, and the stored members load in pages behind it, never overwriting a member that
 * changed meanwhile. Returns the stop function and a promise for "everything loaded".
 */
export function followMembers(
  members: MemberSource,
  index: MemberIndex,
  /** Members read per page while loading (tests use a small one). */
  pageSize = PAGE,
): { ready: Promise<void>; stop(): void } {
  const touched = new Set<string>();
  let loaded = false;
  let stopped = false;
  const sub = members.$.subscribe((ev) => {
    if (!loaded) touched.add(ev.documentId);
    if (ev.operation === 'DELETE' || ev.documentData._deleted) index.remove(ev.documentId);
    else index.put(ev.documentData);
  });
  const ready = (async () => {
    let after = '';
    const table = await dexieDocs(members).catch(() => undefined);
    for (;;) {
      if (stopped) return;
      if (table) {
        const rows = await table.where(':id').above(after).limit(pageSize).toArray();
        for (const row of rows) {
          const doc = fromStored(row);
          if (doc && !touched.has(doc.memberId)) index.put(doc);
        }
        const last = rows[rows.length - 1];
        if (rows.length < pageSize || !last) break;
        after = last.memberId;
        continue;
      }
      const page = await members
        .find({ selector: { memberId: { $gt: after } }, sort: [{ memberId: 'asc' }], limit: pageSize })
        .exec();
      for (const d of page) {
        const doc = d.toJSON() as MemberDoc;
        if (!touched.has(doc.memberId)) index.put(doc);
      }
      const last = page[page.length - 1];
      if (page.length < pageSize || !last) break;
      after = (last.toJSON() as MemberDoc).memberId;
    }
    loaded = true;
    touched.clear();
  })();
  return {
    ready,
    stop() {
      stopped = true;
      sub.unsubscribe();
    },
  };
}
