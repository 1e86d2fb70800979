import type { MemberRecord } from '../../storage/repos/members';
import type { StorageTx } from '../../storage/storage';

/** Above this many members remembered in one transaction (a long catch-up), start afresh. */
const MAX_REMEMBERED = 10_000;

/**
 * The members a batch's sales name, read once per transaction and shared by the rule-drift check
 * and the ledger, which both need them as they were before the batch's sales (one read of a
 * hundred member rows cost as much as the re-evaluation). Sound because the ledger is the only
 * writer of what they read within a push or a catch-up, it reads before it writes, and it forgets
 * the members it writes BEFORE writing them: what is remembered is always what the database holds.
 * On PostgreSQL the rows it reads stay locked until the transaction ends (another terminal's fold
 * would otherwise write the same members from the same stale read). It forgets everything when a
 * savepoint of the transaction is rolled back (on PostgreSQL that releases the locks taken inside
 * it, so the next read locks them again) and when it resets (refold). A member not found is never
 * remembered (an enrolment of the same push creates it); enrolments only add members. Jobs and HQ
 * imports write members in transactions that fold no sale.
 */
export function createMemberSnapshots() {
  const byTx = new WeakMap<StorageTx, Map<string, MemberRecord>>();
  return {
    async read(tx: StorageTx, memberIds: readonly string[]): Promise<Map<string, MemberRecord>> {
      let known = byTx.get(tx);
      if (!known || known.size > MAX_REMEMBERED) {
        const fresh = (known = new Map());
        byTx.set(tx, fresh);
        // Read again after a rollback: the rows were read (and locked) inside the savepoint.
        tx.onRollback(() => fresh.clear());
      }
      const missing = memberIds.filter((id) => !known.has(id));
      // Locked: the ledger writes these figures back before this transaction commits.
      if (missing.length > 0)
        for (const [id, m] of await tx.members.getMany(missing, { lock: true })) known.set(id, m);
      const out = new Map<string, MemberRecord>();
      for (const id of memberIds) {
        const m = known.get(id);
        if (m) out.set(id, m);
      }
      return out;
    },

    /** Forgets these members (all of the transaction's when none are named). */
    forget(tx: StorageTx, memberIds?: Iterable<string>): void {
      const known = byTx.get(tx);
      if (!known) return;
      if (memberIds === undefined) known.clear();
      else for (const id of memberIds) known.delete(id);
    },
  };
}
export type MemberSnapshots = ReturnType<typeof createMemberSnapshots>;
