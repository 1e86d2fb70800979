import type { Command } from 'commander';
import type { BusinessDayStatus, ShiftReconciliation } from '../../../core/backoffice/api';
import { businessDayStatus } from '../domain/shifts';
import { out, withStorage } from './options';

const euros = (cents: number) => (cents / 100).toFixed(2);

function shiftLines(s: ShiftReconciliation): string[] {
  return [
    `    shift ${s.shiftEventId} by ${s.cashier.name}, seq ${s.firstSeq}–${s.lastSeq}: ${s.status}` +
      `, cash counted ${euros(s.countedCashCents)} expected ${euros(s.expectedCashCents)}`,
    ...s.differences.map(
      (d) =>
        `      ${d.field}: till ${d.till}, server ${d.server} (events ${d.eventIds.join(', ') || 'none'})`,
    ),
    ...s.missingSeqs.map((m) => `      missing seq ${m.from === m.to ? m.from : `${m.from}–${m.to}`}`),
  ];
}

/** The text an operator reads: is the day closed, and per till its shifts and what does not reconcile. */
export function dayText(d: BusinessDayStatus): string {
  return [
    `Store ${d.storeId}, ${d.day}: ${d.closed ? 'closed' : 'NOT closed'}`,
    ...d.tills.flatMap((t) => [
      `  ${t.terminalId}${t.name ? ` (${t.name})` : ''}: ${t.sold} sales, ${t.shifts.length} shifts`,
      ...t.shifts.flatMap(shiftLines),
    ]),
  ].join('\n');
}

/** `shifts --store X --day D [--json]`: a business day's shifts reconciled (exit 1 for an unknown store). */
export function shiftCommands(program: Command): void {
  program
    .command('shifts')
    .description("a store's business day: each till's shifts reconciled against what the server folded")
    .requiredOption('--store <id>', 'the store')
    .requiredOption('--day <YYYY-MM-DD>', 'the business day')
    .option('--json', 'print the BusinessDayStatus as JSON')
    .action(async (opts: { store: string; day: string; json?: boolean }, command: Command) => {
      const day = await withStorage(command, async (s) => {
        if (!(await s.stores.get(opts.store))) throw new Error(`No store ${opts.store}.`);
        return businessDayStatus(s, opts.store, opts.day);
      });
      out(opts.json ? JSON.stringify(day, null, 2) : dayText(day));
    });
}
