import type { StorageTx } from '../../storage/storage';
import { clearSeqGap, raiseSeqGap } from '../exceptions/derived';
import { advanceContiguous } from '../seq-tracking';
import type { Projection } from './projection';

const SEQ_PAGE = 1_000;

/**
 * Moves `contiguous` up through the seqs stored above it, a page at a time, stopping at the first
 * hole: closing a gap reads only the seqs it makes contiguous (plus one page), never every seq above.
 */
async function advance(tx: StorageTx, terminalId: string, contiguous: number): Promise<number> {
  for (;;) {
    const page = await tx.journal.seqsAbovePage(terminalId, contiguous, SEQ_PAGE);
    const next = advanceContiguous(contiguous, page);
    // A hole inside the page, or the end of the seqs: done.
    if (next - contiguous < page.length || page.length < SEQ_PAGE) return next;
    contiguous = next;
  }
}

/**
 * Per terminal: the highest seq received (the resume point of a reinstalled till) and the highest
 * seq below which nothing is missing (gaps above it are shown to a manager until they close).
 * Needs only the envelope, so parked events count too: a gap is about seqs, not about bodies.
 * Issue 10: the lowest gap is raised as a `seq-gap` exception (keyed by terminal and first missing
 * seq) and cleared when contiguous passes it. A fold has no clock passed in; the finding's time is
 * the wall clock of the fold.
 */
export const seqTrackingProjection: Projection = {
  name: 'seq-tracking',
  reads: 'envelope',
  async fold(tx, inputs) {
    const byTerminal = new Map<string, number[]>();
    for (const i of inputs) {
      const seqs = byTerminal.get(i.envelope.terminalId) ?? [];
      seqs.push(i.envelope.seq);
      byTerminal.set(i.envelope.terminalId, seqs);
    }
    for (const [terminalId, seqs] of byTerminal) {
      const t = await tx.terminals.get(terminalId);
      if (!t) continue; // events of a terminal that was removed: nothing to track
      let { contiguousSeq: contiguous, maxSeq: max } = t;
      for (const seq of seqs.sort((a, b) => a - b)) {
        // The common case (the next seq, nothing above it) needs no query.
        if (seq === contiguous + 1) {
          contiguous = seq >= max ? seq : await advance(tx, terminalId, contiguous);
        }
        max = Math.max(max, seq);
      }
      if (contiguous !== t.contiguousSeq || max !== t.maxSeq)
        await tx.terminals.updateSeqs(terminalId, contiguous, max);
      const now = Date.now();
      if (contiguous > t.contiguousSeq && t.maxSeq > t.contiguousSeq)
        await clearSeqGap(tx, terminalId, t.contiguousSeq + 1, now);
      if (max > contiguous && (contiguous !== t.contiguousSeq || t.maxSeq <= t.contiguousSeq)) {
        const [next] = await tx.journal.seqsAbovePage(terminalId, contiguous, 1);
        await raiseSeqGap(tx, t, contiguous + 1, (next ?? max + 1) - 1, now);
      }
    }
  },
  reset: (tx) => tx.terminals.resetSeqs(),
};
