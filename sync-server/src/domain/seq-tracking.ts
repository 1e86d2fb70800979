/**
 * Per-terminal seq tracking. `contiguous` is the highest seq below which nothing is missing;
 * anything received above it leaves gaps that a manager is told about until they close.
 */
export interface SeqGap {
  from: number;
  to: number;
}

/** Moves `contiguous` up through the seqs received above it (ascending, distinct). */
export function advanceContiguous(contiguous: number, seqsAbove: readonly number[]): number {
  let c = contiguous;
  for (const s of seqsAbove) {
    if (s === c + 1) c = s;
    else if (s > c + 1) break;
  }
  return c;
}

/** The missing ranges between `contiguous` and the highest seq received. */
export function gapsOf(contiguous: number, seqsAbove: readonly number[]): SeqGap[] {
  const gaps: SeqGap[] = [];
  let expected = contiguous + 1;
  for (const s of seqsAbove) {
    if (s < expected) continue;
    if (s > expected) gaps.push({ from: expected, to: s - 1 });
    expected = s + 1;
  }
  return gaps;
}
