import type { Command } from 'commander';
import { projectionNames, refoldProjection } from '../domain/projections/refold';
import { CliFailure, out, withStorage } from './options';

/** `refold --projection <name>`: rebuild one projection from the journal. */
export function refoldCommand(program: Command): void {
  program
    .command('refold')
    .description('rebuild a projection from the journal')
    .requiredOption('--projection <name>', `the projection: ${projectionNames().join(', ')}`)
    .action(async (opts: { projection: string }, command: Command) => {
      const r = await withStorage(command, (s) => refoldProjection(s, opts.projection, Date.now()));
      if (!r.ok) throw new CliFailure(r.message);
      out(`Refolded ${r.value.projection}: ${r.value.events} events.`);
    });
}
