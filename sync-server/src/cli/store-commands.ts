import type { Command } from 'commander';
import { issuePairingCode, pairTerminal } from '../domain/pairing';
import { seedDemoStorage } from '../demo/seed-demo';
import { CliFailure, integerIn, out, withStorage } from './options';

/** `seed-demo` and `pair-code`: setting a store up and letting terminals in. */
export function storeCommands(program: Command): void {
  program
    .command('seed-demo')
    .description(
      'create the demo store, catalogue, members and programs (idempotent) and a one-time pairing code',
    )
    .option(
      '--pair',
      'also pair a demo terminal now and print its config (terminalId, storeId, token)',
      false,
    )
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { pair: boolean; json: boolean }, command: Command) => {
      const r = await withStorage(command, async (s) => {
        const seeded = await seedDemoStorage(s, Date.now());
        if (!opts.pair) return { seeded, terminal: undefined };
        const paired = await pairTerminal(
          s,
          { code: seeded.pairingCode, terminalName: 'Demo terminal' },
          Date.now(),
        );
        if (!paired.ok) throw new CliFailure(paired.message);
        return { seeded, terminal: paired.value };
      });
      if (opts.json) {
        out(JSON.stringify({ ...r.seeded, ...(r.terminal ? { terminal: r.terminal } : {}) }));
        return;
      }
      out(
        `Demo store ${r.seeded.storeId} "Kassa Demo Amsterdam": ${r.seeded.products} products (${r.seeded.productsWritten} written now).`,
      );
      out(
        `Loyalty: ${r.seeded.members} members (${r.seeded.membersWritten} written now), ${r.seeded.programs} programs (${r.seeded.programsPublished} published now). Demo card to type or scan: ${r.seeded.demoCard}`,
      );
      if (r.terminal) {
        const { terminalId, storeId, token } = r.terminal;
        out(
          `Paired demo terminal (keep the token secret): ${JSON.stringify({ terminalId, storeId, token })}`,
        );
      } else {
        out(
          `Pairing code for a terminal: ${r.seeded.pairingCode} (valid until ${new Date(r.seeded.pairingCodeExpiresAt).toISOString()})`,
        );
      }
    });

  program
    .command('pair-code')
    .description('issue a one-time pairing code for a store')
    .requiredOption('--store <id>', 'the store the terminal will belong to')
    .option(
      '--ttl-minutes <n>',
      'minutes the code stays valid (default 1440)',
      integerIn(1, 30 * 24 * 60, 'The lifetime in minutes'),
    )
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { store: string; ttlMinutes?: number; json: boolean }, command: Command) => {
      const ttl = opts.ttlMinutes === undefined ? undefined : opts.ttlMinutes * 60_000;
      const r = await withStorage(command, (s) => issuePairingCode(s, opts.store, Date.now(), ttl));
      if (!r.ok) throw new CliFailure(r.message);
      if (opts.json) return out(JSON.stringify(r.value));
      out(
        `Pairing code for ${r.value.storeId}: ${r.value.code} (valid until ${new Date(r.value.expiresAt).toISOString()})`,
      );
    });
}
