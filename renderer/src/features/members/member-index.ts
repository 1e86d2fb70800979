import type { MemberDoc } from '../../../../core/loyalty/member-doc';

/**
 * The replica's members in memory, by card number, by phone hash and by id, so identifying a
 * member at the till is a map look-up, not an IndexedDB query. Pure: `follow-members.ts` feeds it
 * from `db.members` and its change stream (like db/catalogue-index.ts does for products).
 * Listeners hear every change, so a panel follows a pulled balance.
 */
export interface MemberIndex {
  byId(memberId: string): MemberDoc | undefined;
  byCard(cardNumber: string): MemberDoc | undefined;
  byPhoneHash(hash: string): MemberDoc | undefined;
  /** A new or changed member document (a deleted one is removed). */
  put(doc: MemberDoc): void;
  remove(memberId: string): void;
  readonly size: number;
  /** Called after every change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export function createMemberIndex(docs: Iterable<MemberDoc> = []): MemberIndex {
  const byId = new Map<string, MemberDoc>();
  const byCard = new Map<string, string>();
  const byPhone = new Map<string, string>();
  const listeners = new Set<() => void>();

  function unlink(doc: MemberDoc) {
    for (const c of doc.cards) if (byCard.get(c) === doc.memberId) byCard.delete(c);
    if (doc.phoneHash && byPhone.get(doc.phoneHash) === doc.memberId) byPhone.delete(doc.phoneHash);
  }
  function put(doc: MemberDoc) {
    const before = byId.get(doc.memberId);
    if (before) unlink(before);
    if (doc._deleted) {
      byId.delete(doc.memberId);
      return;
    }
    byId.set(doc.memberId, doc);
    for (const c of doc.cards) byCard.set(c, doc.memberId);
    if (doc.phoneHash) byPhone.set(doc.phoneHash, doc.memberId);
  }
  const notify = () => listeners.forEach((l) => l());
  const lookup = (map: Map<string, string>, key: string) => {
    const id = map.get(key);
    return id === undefined ? undefined : byId.get(id);
  };

  for (const d of docs) put(d);
  return {
    byId: (id) => byId.get(id),
    byCard: (card) => lookup(byCard, card),
    byPhoneHash: (hash) => lookup(byPhone, hash),
    put(doc) {
      put(doc);
      notify();
    },
    remove(memberId) {
      const before = byId.get(memberId);
      if (!before) return;
      unlink(before);
      byId.delete(memberId);
      notify();
    },
    get size() {
      return byId.size;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
