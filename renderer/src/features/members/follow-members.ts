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
}

const PAGE = 2_000;

/**
 * Keeps `index` equal to the replica: every change RxDB emits (replication pulls included) goes
 * in at once, and the stored members load in pages behind it, never overwriting a member that
 * changed meanwhile. Returns the stop function and a promise for "everything loaded".
 */
export function followMembers(
  members: MemberSource,
  index: MemberIndex,
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
    for (;;) {
      if (stopped) return;
      const page = await members
        .find({ selector: { memberId: { $gt: after } }, sort: [{ memberId: 'asc' }], limit: PAGE })
        .exec();
      for (const d of page) {
        const doc = d.toJSON() as MemberDoc;
        if (!touched.has(doc.memberId)) index.put(doc);
      }
      const last = page[page.length - 1];
      if (page.length < PAGE || !last) break;
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
