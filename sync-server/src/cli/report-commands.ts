import type { Command } from 'commander';
import { exceptionsReport, salesReport, terminalsReport } from '../domain/admin-reports';
import { integerIn, out, withStorage } from './options';
import { reportCommand } from './report-command';
import { formatEuro, printTable } from './print';

interface Filter {
  store?: string;
  terminal?: string;
  json: boolean;
}

const filterOf = (o: Filter) => ({
  ...(o.store ? { storeId: o.store } : {}),
  ...(o.terminal ? { terminalId: o.terminal } : {}),
});

/** `exceptions`, `gaps` and `sales`: what an operator reads. Each takes --json. */
export function reportCommands(program: Command): void {
  program
    .command('exceptions')
    .description('list tamper, chain-break, reused-seq and seq-gap exceptions')
    .option('--store <id>', 'only this store')
    .option('--terminal <id>', 'only this terminal')
    .option('--json', 'machine-readable output', false)
    .action(async (opts: Filter, command: Command) => {
      const r = await withStorage(command, (s) => exceptionsReport(s, filterOf(opts)));
      if (opts.json) return out(JSON.stringify(r));
      if (r.exceptions.length === 0) return out('No exceptions.');
      printTable(
        out,
        ['kind', 'terminal', 'seq', 'detected', 'message'],
        r.exceptions.map((e) => [
          e.kind,
          e.terminalId,
          String(e.seq ?? ''),
          e.detectedAt ? new Date(e.detectedAt).toISOString() : 'open',
          e.message,
        ]),
      );
    });

  program
    .command('gaps')
    .description('list terminals with missing seqs')
    .option('--store <id>', 'only this store')
    .option('--json', 'machine-readable output', false)
    .action(async (opts: Filter, command: Command) => {
      const terminals = await withStorage(command, (s) => terminalsReport(s, opts.store));
      if (opts.json) return out(JSON.stringify({ terminals }));
      const withGaps = terminals.filter((t) => t.gaps.length > 0);
      if (withGaps.length === 0) {
        const n = terminals.length;
        return out(`No seq gaps (${n} terminal${n === 1 ? '' : 's'}).`);
      }
      printTable(
        out,
        ['terminal', 'store', 'last seq', 'missing'],
        withGaps.map((t) => [
          t.terminalId,
          t.storeId,
          String(t.lastSeq),
          t.gaps.map((g) => (g.from === g.to ? `${g.from}` : `${g.from}–${g.to}`)).join(', '),
        ]),
      );
    });

  program
    .command('sales')
    .description('list the latest sales and the total of every matching sale')
    .option('--store <id>', 'only this store')
    .option('--terminal <id>', 'only this terminal')
    .option('--limit <n>', 'how many sales to list (1–5000)', integerIn(1, 5_000, 'The limit'), 50)
    .option('--json', 'machine-readable output', false)
    .action(async (opts: Filter & { limit: number }, command: Command) => {
      const r = await withStorage(command, (s) => salesReport(s, { ...filterOf(opts), limit: opts.limit }));
      if (opts.json) return out(JSON.stringify(r));
      printTable(
        out,
        ['serverSeq', 'terminal', 'seq', 'day', 'lines', 'total', 'donation'],
        r.sales.map((s) => [
          String(s.serverSeq),
          s.terminalId,
          String(s.seq),
          s.businessDay,
          String(s.lines.length),
          formatEuro(s.totalCents, s.currency),
          s.donationCents > 0 ? formatEuro(s.donationCents, s.currency) : '',
        ]),
      );
      out(`${r.totals.count} sales, total ${formatEuro(r.totals.totalCents, r.sales[0]?.currency ?? 'EUR')}`);
    });

  reportCommand(program);
}
