import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { revokeInputSchema, revokeTerminal, terminalsWithRevocations } from '../domain/terminal-revocation';
import { CliFailure, out, withStorage } from './options';
import { iso, printTable } from './print';

/** The operator's login name for the audit, when the OS knows it. */
function operator(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** `terminals [list]|revoke`: the paired tills, and refusing a lost or cloned till's credential (issue 11). */
export function terminalCommands(program: Command): void {
  const terminals = program.command('terminals').description('list paired terminals and revoke a credential');

  terminals
    .command('list', { isDefault: true })
    .description('list the paired terminals; a revoked one shows when, by whom and why')
    .option('--store <id>', 'only this store')
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { store?: string; json: boolean }, command: Command) => {
      const list = await withStorage(command, (s) => terminalsWithRevocations(s, opts.store));
      if (opts.json) return out(JSON.stringify({ terminals: list }));
      printTable(
        out,
        ['terminal', 'store', 'name', 'paired', 'last seen', 'revoked', 'by', 'reason'],
        list.map((t) => [
          t.terminalId,
          t.storeId,
          t.name ?? '',
          iso(t.pairedAt),
          iso(t.lastSeenAt),
          iso(t.revocation?.revokedAt ?? null),
          t.revocation?.revokedBy ?? '',
          t.revocation?.reason ?? '',
        ]),
      );
    });

  terminals
    .command('revoke')
    .description(
      "refuse a terminal's credential from now on (push, pull and stream); the till must be paired again",
    )
    .argument('<terminalId>', 'the terminal (see `kassa-server terminals`)')
    .option('--reason <text>', 'why, for the audit (e.g. "till stolen", "token cloned")')
    .option('--json', 'machine-readable output', false)
    .action(async (terminalId: string, opts: { reason?: string; json: boolean }, command: Command) => {
      const input = revokeInputSchema.safeParse({ reason: opts.reason });
      if (!input.success)
        throw new CliFailure(`Nothing revoked: --reason ${input.error.issues[0]?.message}.`);
      const r = await withStorage(command, (s) =>
        revokeTerminal(
          s,
          { terminalId, by: operator(), ...(input.data.reason ? { reason: input.data.reason } : {}) },
          Date.now(),
        ),
      );
      if (!r.ok) throw new CliFailure(`Nothing revoked: ${r.message}`);
      if (opts.json) return out(JSON.stringify(r.value));
      const { revocation: v, already } = r.value;
      out(
        already
          ? `Terminal ${terminalId} was already revoked on ${iso(v.revokedAt)} by ${v.revokedBy}; nothing changed.`
          : `Terminal ${terminalId} revoked: its next push or pull is refused, and a running server closes its streams within seconds.`,
      );
    });
}
