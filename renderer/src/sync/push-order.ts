/**
 * Keeps a till's journal pushes in seq order at the server. The balance rule counts the till's
 * own events above the member's `appliedThrough`, the highest seq of this till the server folded
 * (core/loyalty/balance-rule.ts): were seq 6 folded while seq 5 is still on the till, seq 5's
 * points would drop out of the balance the till shows, though no server balance holds them.
 * RxDB hands a backlog over as batches side by side, which the push handler queues; when one
 * fails, RxDB retries it after a wait, and the batches queued behind it must not overtake it.
 */
export class PushOutOfOrder extends Error {
  constructor(readonly waitingFor: number) {
    super(`Waiting for seq ${waitingFor} to reach the sync server before later events.`);
  }
}

function createPushOrder() {
  /** The lowest seq of every batch that failed and has not gone through since. */
  const failed = new Set<number>();
  const range = (seqs: readonly number[]) => [Math.min(...seqs), Math.max(...seqs)] as const;
  return {
    /** Throws PushOutOfOrder when an earlier batch failed and waits for its retry. */
    check(seqs: readonly number[]): void {
      if (seqs.length === 0) return;
      const [lo] = range(seqs);
      for (const f of failed) if (f < lo) throw new PushOutOfOrder(f);
    },
    failed(seqs: readonly number[]): void {
      if (seqs.length > 0) failed.add(range(seqs)[0]);
    },
    /** A batch the server answered: a failure it covers is resolved (its retry, or a new batching). */
    passed(seqs: readonly number[]): void {
      const [lo, hi] = range(seqs);
      for (const f of failed) if (f >= lo && f <= hi) failed.delete(f);
    },
  };
}

/** `push`, wrapped so that a batch behind one that failed is refused unsent until that one went through. */
export function inSeqOrder<Row, Answer>(
  push: (rows: Row[]) => Promise<Answer>,
  seqOf: (row: Row) => number,
): (rows: Row[]) => Promise<Answer> {
  const order = createPushOrder();
  return async (rows) => {
    const seqs = rows.map(seqOf);
    order.check(seqs);
    try {
      const answer = await push(rows);
      order.passed(seqs);
      return answer;
    } catch (e) {
      order.failed(seqs);
      throw e;
    }
  };
}
