import type { Command } from 'commander';
import type { StoreSyncStatus, TillSyncStatus } from '../../../core/backoffice/api';
import { chainSyncStatus, storeSyncStatus } from '../domain/sync-status';
import { out, withStorage } from './options';

const ago = (now: number, at: number | null) =>
  at === null ? 'never' : `${Math.round((now - at) / 60_000)} min ago`;

function tillLine(t: TillSyncStatus, now: number): string {
  return (
    `  ${t.terminalId}${t.name ? ` (${t.name})` : ''}: ${t.online ? 'online' : 'offline'}, ` +
    `seen ${ago(now, t.lastSeenAt)}, seq ${t.lastSeq} (all up to ${t.contiguousSeq}), ` +
    `waiting ${t.pendingOnTill ?? 'unknown'}, gaps ${t.gaps.length}, lost ${t.lost.length}, ` +
    `chain ${t.chain}, parked ${t.parked}, refused ${t.refused}` +
    `${t.clockSkewMs === null ? '' : `, skew ${Math.round(t.clockSkewMs / 1000)} s`}${t.silent ? ', SILENT' : ''}`
  );
}

/** The text an operator reads: per store, whether everything is at HQ and what is missing where. */
export function statusText(statuses: readonly StoreSyncStatus[]): string {
  return statuses
    .map((s) =>
      [
        `Store ${s.storeId} (${s.businessDay}): ${s.allAtHq ? 'everything is at HQ' : 'NOT everything is at HQ'}`,
        ...s.tills.map((t) => tillLine(t, s.checkedAt)),
        ...s.missing.map((m) => `  - ${m}`),
      ].join('\n'),
    )
    .join('\n');
}

/** `status [--store X] [--json]`: is every till's sale at HQ? (exit 1 for an unknown store). */
export function statusCommand(program: Command): void {
  program
    .command('status')
    .description("every till's sync status: gaps, waiting events, silent tills, parked and refused events")
    .option('--store <id>', 'one store (default: every store)')
    .option('--json', 'print the StoreSyncStatus answers as JSON')
    .action(async (opts: { store?: string; json?: boolean }, command: Command) => {
      const now = Date.now();
      const statuses = await withStorage(command, async (s) => {
        if (opts.store === undefined) return chainSyncStatus(s, now);
        const one = await storeSyncStatus(s, opts.store, now);
        if (!one) throw new Error(`No store ${opts.store}.`);
        return [one];
      });
      out(opts.json ? JSON.stringify(statuses, null, 2) : statusText(statuses));
    });
}
