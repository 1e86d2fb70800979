import type { MemberDoc } from '../../../core/loyalty/member-doc';
import type { TerminalIdentity } from '../domain/terminal-auth';
import { toDoc, type MemberRecord } from '../storage/repos/members';
import type { Storage, StorageTx } from '../storage/storage';

/**
 * A member by card for a till that does not replicate them (another region's member at this
 * store): the masked document, and the member is marked seen at this store, so the feed keeps
 * them on its tills (DESIGN.md "Read models": "looked up online on demand, and then kept").
 */
export async function lookupMemberByCard(
  storage: Storage,
  who: TerminalIdentity,
  card: string,
  now: number,
): Promise<MemberDoc | undefined> {
  return lookup(storage, who, now, (tx) => tx.members.byCard(card));
}

/** The same by member id: a verified member-app code names a member this till does not replicate. */
export async function lookupMemberById(
  storage: Storage,
  who: TerminalIdentity,
  memberId: string,
  now: number,
): Promise<MemberDoc | undefined> {
  return lookup(storage, who, now, (tx) => tx.members.get(memberId));
}

async function lookup(
  storage: Storage,
  who: TerminalIdentity,
  now: number,
  find: (tx: StorageTx) => Promise<MemberRecord | undefined>,
): Promise<MemberDoc | undefined> {
  return storage.transaction(async (tx) => {
    const m = await find(tx);
    if (!m) return undefined;
    await tx.members.markSeen(m.memberId, who.storeId, now);
    // The till's checkpoint is past this member's serverSeq: give it a new one for this store.
    await tx.members.republish(m.memberId, who.storeId);
    const cards = await tx.members.cardsOf([m.memberId]);
    const fresh = (await tx.members.get(m.memberId)) ?? m;
    return toDoc(fresh, cards.get(m.memberId) ?? []);
  });
}
