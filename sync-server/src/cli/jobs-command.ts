import { InvalidArgumentError, type Command } from 'commander';
import { runLedgerJobs } from '../domain/jobs/ledger-jobs';
import { out, withStorage } from './options';

/** ISO 8601 date-time with seconds and fraction optional and a zone offset required (Z, +01:00, +0100). */
const ISO_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))$/;

/**
 * A moment on the command line must say its zone: one without would be read in this machine's zone
 * and post or expire points an hour early or late. Refused (exit 2) otherwise.
 */
export function momentWithZone(value: string): number {
  const m = ISO_WITH_ZONE.exec(value);
  if (!m) {
    const why = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(value)
      ? 'has no zone offset'
      : 'is not an ISO 8601 date-time';
    throw new InvalidArgumentError(
      `--at ${why}: "${value}" (give e.g. 2026-11-28T08:15:00Z or 2026-11-28T09:15:00+01:00).`,
    );
  }
  const [, y, mo, d, h, mi, sec, , oh, om] = m;
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(sec ?? 0) > 59 ||
    Number(oh ?? 0) > 23 ||
    Number(om ?? 0) > 59
  ) {
    throw new InvalidArgumentError(`--at is not a real date-time: "${value}".`);
  }
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** `jobs run [--at <time>]`: the ledger's jobs (posting, expiry, tiers) at a moment, as the server runs them hourly. */
export function jobsCommand(program: Command): void {
  const jobs = program.command('jobs').description('the ledger jobs the server runs every hour');
  jobs
    .command('run')
    .description('post pending points whose return window ended, expire lots (FIFO), re-qualify tiers')
    .option('--at <time>', 'the moment to run at, ISO 8601 with a zone (default: now)', momentWithZone)
    .action(async (opts: { at?: number }, command: Command) => {
      const at = opts.at ?? Date.now();
      const r = await withStorage(command, (s) => runLedgerJobs(s, at));
      out(
        `Jobs at ${new Date(at).toISOString()}: ${r.posted.rows} rows posted (${r.posted.events} events), ` +
          `${r.expired.points} points expired from ${r.expired.lots} lots (${r.expired.events} events), ` +
          `${r.tiers.changed} tiers changed${r.foldFailures ? `, ${r.foldFailures} fold failures` : ''}.`,
      );
    });
}
