import type { Command } from 'commander';
import type { Actor } from '../../../core/journal/adjustment-event';
import { actOnException, auditTrail, exceptionDetail, listExceptions } from '../domain/exceptions';
import type { ExceptionStatus } from '../storage/repos/exceptions';
import { CliFailure, integerIn, out, withStorage } from './options';
import { printTable } from './print';

/** The operator at the console acts as the admin token does. */
const CLI_ACTOR: Actor = { userId: 'admin', name: 'admin token', role: 'admin-token' };
const STATUSES: readonly ExceptionStatus[] = ['open', 'acknowledged', 'resolved'];

/**
 * `exception list|show|ack|resolve` and `audit` (issue 10). `exceptions` (report-commands.ts) still
 * prints the older report with the derived kinds computed on the fly.
 */
export function exceptionCommands(program: Command): void {
  const ex = program.command('exception').description('list, show, acknowledge and resolve exceptions');
  ex.command('list')
    .description('exceptions with their status (newest first)')
    .option('--store <id>', 'only this store')
    .option('--terminal <id>', 'only this terminal')
    .option('--kind <kind>', 'only this kind')
    .option('--status <status>', 'open | acknowledged | resolved')
    .option('--day <YYYY-MM-DD>', 'only this business day')
    .option('--limit <n>', 'at most n', integerIn(1, 5_000, '--limit'), 100)
    .option('--json', 'machine-readable output', false)
    .action(async (o: Record<string, string | number | boolean | undefined>, command: Command) => {
      if (o.status !== undefined && !STATUSES.includes(o.status as ExceptionStatus))
        throw new CliFailure(`--status must be one of ${STATUSES.join(', ')}.`);
      const list = await withStorage(command, (s) =>
        listExceptions(s, {
          ...(o.store ? { storeIds: [String(o.store)] } : {}),
          ...(o.terminal ? { terminalId: String(o.terminal) } : {}),
          ...(o.kind ? { kind: String(o.kind) } : {}),
          ...(o.status ? { status: o.status as ExceptionStatus } : {}),
          ...(o.day ? { day: String(o.day) } : {}),
          limit: Number(o.limit),
        }),
      );
      if (o.json) return out(JSON.stringify({ exceptions: list }));
      if (list.length === 0) return out('No exceptions.');
      printTable(
        out,
        ['id', 'kind', 'status', 'store', 'terminal', 'points', 'cents', 'message'],
        list.map((e) => [
          String(e.id),
          e.kind,
          e.resolution ? `${e.status} (${e.resolution})` : e.status,
          e.storeId,
          e.terminalId,
          String(e.pointsAtStake),
          String(e.centsAtStake),
          e.message,
        ]),
      );
    });
  ex.command('show <id>')
    .description('one exception: its events, what can be done, what was done')
    .option('--json', 'machine-readable output', false)
    .action(async (id: string, o: { json: boolean }, command: Command) => {
      const d = await withStorage(command, (s) => exceptionDetail(s, idOf(id)));
      if (!d) throw new CliFailure(`No exception ${id}.`);
      if (o.json) return out(JSON.stringify(d));
      const e = d.exception;
      out(`#${e.id} ${e.kind} — ${e.status}${e.resolution ? ` (${e.resolution})` : ''}`);
      out(e.message);
      for (const ev of d.events) out(`  event ${ev.terminalId} seq ${ev.seq} ${ev.type} ${ev.eventId}`);
      for (const opt of d.options)
        out(`  option ${opt.resolution}: ${opt.effect}${opt.needsConfirm ? ' (needs --confirm)' : ''}`);
      for (const h of d.history)
        out(
          `  ${new Date(h.at).toISOString()} ${h.actor.name}: ${h.action} ${h.resolution ?? ''} — ${h.note}`,
        );
    });
  const act =
    (action: 'acknowledge' | 'resolve') =>
    async (
      id: string,
      resolution: string | undefined,
      o: { note: string; confirm: boolean; json: boolean },
      command: Command,
    ) => {
      const r = await withStorage(command, (s) =>
        actOnException(
          s,
          idOf(id),
          {
            action,
            note: o.note,
            ...(resolution ? { resolution } : {}),
            ...(o.confirm ? { confirm: true } : {}),
          },
          CLI_ACTOR,
          Date.now(),
        ),
      );
      if (!r.ok) throw new CliFailure(r.message);
      if (o.json) return out(JSON.stringify({ entry: r.value }));
      out(
        `Exception ${id}: ${action}${resolution ? ` ${resolution}` : ''} recorded (event ${r.value.eventId}).`,
      );
    };
  ex.command('ack <id>')
    .description('acknowledge: a manager is on it')
    .requiredOption('--note <text>', 'why (required)')
    .option('--json', 'machine-readable output', false)
    .action((id: string, o: { note: string; confirm: boolean; json: boolean }, command: Command) =>
      act('acknowledge')(id, undefined, { ...o, confirm: false }, command),
    );
  ex.command('resolve <id> <resolution>')
    .description('resolve with one of the exception’s options (see show)')
    .requiredOption('--note <text>', 'why (required)')
    .option('--confirm', 'confirm a resolution that asks for it (mark-lost)', false)
    .option('--json', 'machine-readable output', false)
    .action(act('resolve'));

  program
    .command('audit')
    .description('who changed what: adjustments and manager overrides (newest first)')
    .option('--store <id>', 'only this store')
    .option('--terminal <id>', 'only this terminal')
    .option('--member <id>', 'only this member')
    .option('--limit <n>', 'at most n', integerIn(1, 5_000, '--limit'), 200)
    .option('--json', 'machine-readable output', false)
    .action(async (o: Record<string, string | number | boolean | undefined>, command: Command) => {
      const entries = await withStorage(command, (s) =>
        auditTrail(s, {
          ...(o.store ? { storeIds: [String(o.store)] } : {}),
          ...(o.terminal ? { terminalId: String(o.terminal) } : {}),
          ...(o.member ? { memberId: String(o.member) } : {}),
          limit: Number(o.limit),
        }),
      );
      if (o.json) return out(JSON.stringify({ entries }));
      if (entries.length === 0) return out('No audit entries.');
      printTable(
        out,
        ['at', 'kind', 'store', 'who', 'action', 'points', 'cents', 'note'],
        entries.map((e) => [
          new Date(e.at).toISOString(),
          e.kind,
          e.storeId,
          `${e.actor.name} (${e.actor.role})`,
          [e.action, e.resolution].filter(Boolean).join(' '),
          String(e.points),
          String(e.cents),
          e.note,
        ]),
      );
    });
}

function idOf(id: string): number {
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n < 1) throw new CliFailure(`"${id}" is not an exception id.`);
  return n;
}
