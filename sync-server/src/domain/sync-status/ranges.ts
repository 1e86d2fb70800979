/** Pure range arithmetic for the sync status: which missing seqs are still gaps once lost ones are taken out. */
export interface SeqRange {
  from: number;
  to: number;
}

/** `gaps` minus every `lost` range (both inclusive), lowest first; a gap split by a lost range becomes two. */
export function subtractRanges(gaps: readonly SeqRange[], lost: readonly SeqRange[]): SeqRange[] {
  let rest: SeqRange[] = gaps.map((g) => ({ ...g }));
  for (const l of lost) {
    rest = rest.flatMap((g) => {
      if (l.to < g.from || l.from > g.to) return [g];
      const parts: SeqRange[] = [];
      if (l.from > g.from) parts.push({ from: g.from, to: l.from - 1 });
      if (l.to < g.to) parts.push({ from: l.to + 1, to: g.to });
      return parts;
    });
  }
  return rest.sort((a, b) => a.from - b.from);
}

/** Merges overlapping or touching ranges, lowest first. */
export function mergeRanges(ranges: readonly SeqRange[]): SeqRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const out: SeqRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out;
}
