import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { transferPoints } from '../domain/spending/points-transfer';
import { ReturnsRepo } from '../storage/repos/returns';
import { CliFailure, integerIn, out, withStorage } from './options';
import { iso, printTable } from './print';

/**
 * `members transfer <from> <to> <points>`: HQ gives points of one member to another (a
 * `points-transfer` event on the server's stream). `--key` makes a retry safe: the same key
 * answers the first transfer again.
 */
export function transferCommand(members: Command): void {
  members
    .command('transfer')
    .description("give points of one member to another (never more than the giver's spendable balance)")
    .argument('<from>', 'the giver: a card number or a member id')
    .argument('<to>', 'the receiver: a card number or a member id')
    .argument('<points>', 'how many points', integerIn(1, 1_000_000_000, 'The points'))
    .option('--note <text>', 'why (shown in both ledgers)')
    .option('--key <key>', 'idempotency key: the same key again is the same transfer (default: a new one)')
    .option('--json', 'machine-readable output', false)
    .action(
      async (
        from: string,
        to: string,
        points: number,
        opts: { note?: string; key?: string; json: boolean },
        command: Command,
      ) => {
        const request = {
          to,
          points,
          key: opts.key ?? randomUUID(),
          ...(opts.note !== undefined ? { note: opts.note } : {}),
        };
        const r = await withStorage(command, (s) => transferPoints(s, from, request, Date.now()));
        if (!r.ok) throw new CliFailure(r.message);
        if (opts.json) return out(JSON.stringify(r.value));
        const v = r.value;
        out(
          `${v.replayed ? 'Already done' : 'Transferred'}: ${v.points} points from ${v.fromMemberId} to ${v.toMemberId} (event ${v.eventId}); the giver has ${v.fromBalance} left.`,
        );
      },
    );
}

/** `returns [--store <id>]`: the returns the server folded, newest first, with the sale each returns from. */
export function returnsCommand(program: Command): void {
  program
    .command('returns')
    .description('list returns, newest first, with the sale each one returns from')
    .option('--store <id>', 'only returns at this store')
    .option('--limit <n>', 'how many returns to list (1–5000)', integerIn(1, 5_000, 'The limit'), 100)
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { store?: string; limit: number; json: boolean }, command: Command) => {
      const list = await withStorage(command, (s) =>
        new ReturnsRepo(s.kysely).list({
          ...(opts.store ? { storeId: opts.store } : {}),
          limit: opts.limit,
        }),
      );
      if (opts.json) return out(JSON.stringify({ returns: list }));
      if (list.length === 0) return out('No returns.');
      printTable(
        out,
        ['at', 'store', 'terminal', 'seq', 'return', 'sale', 'lines', 'refund', 'reason'],
        list.map((r) => [
          iso(r.createdAt),
          r.storeId,
          r.terminalId,
          String(r.seq),
          r.returnId,
          r.saleId,
          r.lines.map((l) => `${l.quantity}× ${l.name}`).join(', '),
          `${(r.totalCents / 100).toFixed(2)} ${r.currency}`,
          r.reason,
        ]),
      );
    });
}
