import type { Command } from 'commander';
import { REPORT_NAMES } from '../../../core/backoffice/api';
import { runReport } from '../domain/reports';
import { reportCsv, reportText } from '../domain/reports/report-format';
import { CliFailure, out, withStorage } from './options';

interface ReportOptions {
  store: string[];
  from: string;
  to: string;
  json: boolean;
  csv: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `kassa-server report <name> [--store X]... --from D --to D [--json|--csv]`: one back-office report. */
export function reportCommand(program: Command): void {
  program
    .command('report')
    .description(`a back-office report over a day range: ${REPORT_NAMES.join(', ')}`)
    .argument('<name>', 'which report')
    .option('--store <id>', 'only this store (repeat for several; none = every store)', collect, [])
    .requiredOption('--from <day>', 'first business day, YYYY-MM-DD')
    .requiredOption('--to <day>', 'last business day, YYYY-MM-DD')
    .option('--json', 'the ReportResult as JSON', false)
    .option('--csv', 'the table as CSV', false)
    .action(async (name: string, opts: ReportOptions, command: Command) => {
      if (opts.json && opts.csv) throw new CliFailure('Choose one of --json and --csv.');
      const r = await withStorage(command, (s) =>
        runReport(s, name, {
          ...(opts.store.length > 0 ? { storeIds: opts.store } : {}),
          from: opts.from,
          to: opts.to,
        }),
      );
      if (!r.ok) throw new CliFailure(`Cannot run the report: ${r.message}.`);
      if (opts.json) return out(JSON.stringify(r.value));
      if (opts.csv) return out(reportCsv(r.value));
      for (const line of reportText(r.value)) out(line);
    });
}
