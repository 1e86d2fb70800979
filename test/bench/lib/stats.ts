/** Percentile of a sample (nearest-rank), in the sample's unit. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function summarize(samplesMs: readonly number[]): { p50: number; p99: number; n: number } {
  return { p50: percentile(samplesMs, 50), p99: percentile(samplesMs, 99), n: samplesMs.length };
}

export const fmt = (n: number, digits = 2): string =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits }) : 'n/a';

/** "3.4×" — how many times faster `ours` is than `theirs` (higher is better for throughput). */
export const ratio = (ours: number, theirs: number): string => `${fmt(ours / theirs, 1)}×`;
