import { InvalidArgumentError, type Command } from 'commander';
import { parseZonedInstant } from '../../../core/time/zoned-instant';
import { runLedgerJobs } from '../domain/jobs/ledger-jobs';
import { out, withStorage } from './options';

/**
 * A moment on the command line must say its zone: one without would be read in this machine's zone
 * and post or expire points an hour early or late. Refused (exit 2) otherwise.
 */
export function momentWithZone(value: string): number {
  const r = parseZonedInstant(value);
  if (!r.ok) throw new InvalidArgumentError(`--at ${r.message}.`);
  return r.value;
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
          `${r.tiers.changed} tiers changed` +
          // Referrals are credited after their push; the jobs only catch up (rarely anything to say).
          `${r.referrals.credited ? `, ${r.referrals.credited} referrals credited` : ''}` +
          `${r.foldFailures ? `, ${r.foldFailures} fold failures` : ''}.`,
      );
    });
}
