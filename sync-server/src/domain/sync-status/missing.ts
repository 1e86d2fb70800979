import type { TillSyncStatus } from '../../../../core/backoffice/api';

/** Whether this till's sales are all at HQ: no open gap, nothing waiting, not silent, nothing parked. */
export function tillComplete(t: TillSyncStatus): boolean {
  return t.gaps.length === 0 && (t.pendingOnTill ?? 0) === 0 && !t.silent && t.parked === 0;
}

const seqs = (from: number, to: number) => (from === to ? `seq ${from}` : `seqs ${from}–${to}`);

/** What is missing at this till, in English for the CLI (the UI builds its own text). */
export function missingAt(t: TillSyncStatus, now: number): string[] {
  const till = t.name ? `${t.name} (${t.terminalId})` : t.terminalId;
  const out: string[] = [];
  for (const g of t.gaps)
    out.push(
      `Till ${till}: ${seqs(g.from, g.to)} not arrived (open ${Math.round((now - g.openSince) / 60_000)} min).`,
    );
  if ((t.pendingOnTill ?? 0) > 0)
    out.push(`Till ${till}: ${t.pendingOnTill} event(s) waiting on the till at its last push.`);
  if (t.silent)
    out.push(
      t.lastSeenAt === null
        ? `Till ${till}: never seen.`
        : `Till ${till}: silent for ${Math.round((now - t.lastSeenAt) / 60_000)} min.`,
    );
  if (t.parked > 0) out.push(`Till ${till}: ${t.parked} event(s) parked (not understood yet).`);
  return out;
}
