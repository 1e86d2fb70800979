import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import type { Role } from '../../../core/backoffice/api';
import { signinLog } from '../domain/backoffice/sessions';
import { addUser, disableUser, listUsers, ROLES, setPassword } from '../domain/backoffice/users';
import { CliFailure, out, withStorage } from './options';
import { iso, printTable } from './print';

/** The password from stdin (`echo … | kassa-server users add … --password-stdin`): never in argv or history. */
function passwordFromStdin(): string {
  const text = readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  if (!text)
    throw new CliFailure('No password on stdin: pipe it in, e.g. `read -s P; echo "$P" | kassa-server …`.');
  return text;
}

/** `users add|list|disable|password|signins`: the back office's named users (issue 10). */
export function userCommands(program: Command): void {
  const users = program.command('users').description('back-office users: HQ admins and store managers');

  users
    .command('add')
    .description('add a back-office user; the password is read from stdin')
    .argument('<login>', 'the sign-in name (an e-mail address, compared lower-case)')
    .requiredOption('--name <name>', 'the name the audit trail records')
    .requiredOption('--role <role>', ROLES.join(' or '))
    .option('--store <store...>', "a store manager's stores", [])
    .requiredOption('--password-stdin', 'read the password (at least 10 characters) from stdin')
    .action(
      async (login: string, opts: { name: string; role: string; store: string[] }, command: Command) => {
        if (!ROLES.includes(opts.role as Role)) throw new CliFailure(`--role must be ${ROLES.join(' or ')}.`);
        if (opts.role === 'store-manager' && opts.store.length === 0)
          throw new CliFailure('A store manager needs at least one --store.');
        const password = passwordFromStdin();
        const r = await withStorage(command, (s) =>
          addUser(
            s.db,
            { login, name: opts.name, role: opts.role as Role, storeIds: opts.store, password },
            Date.now(),
          ),
        );
        if (!r.ok) throw new CliFailure(`No user added: ${r.message}`);
        out(
          `User ${r.value.login} (${r.value.role}${r.value.storeIds.length ? `: ${r.value.storeIds.join(', ')}` : ''}) added.`,
        );
      },
    );

  users
    .command('list')
    .description('list the users, their roles and stores (never a password)')
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { json: boolean }, command: Command) => {
      const list = await withStorage(command, (s) => listUsers(s.db));
      if (opts.json) return out(JSON.stringify({ users: list }));
      printTable(
        out,
        ['login', 'name', 'role', 'stores', 'disabled'],
        list.map((u) => [u.login, u.name, u.role, u.storeIds.join(','), iso(u.disabledAt)]),
      );
    });

  users
    .command('disable')
    .description('disable a user and end their sessions at once')
    .argument('<login>')
    .action(async (login: string, _opts: unknown, command: Command) => {
      const r = await withStorage(command, (s) => disableUser(s.db, login, Date.now()));
      if (!r.ok) throw new CliFailure(r.message);
      out(`User ${login} disabled; their sessions ended.`);
    });

  users
    .command('password')
    .description("set a user's password from stdin; their sessions end")
    .argument('<login>')
    .requiredOption('--password-stdin', 'read the new password from stdin')
    .action(async (login: string, _opts: unknown, command: Command) => {
      const password = passwordFromStdin();
      const r = await withStorage(command, (s) => setPassword(s.db, login, password));
      if (!r.ok) throw new CliFailure(r.message);
      out(`Password of ${login} changed.`);
    });

  users
    .command('signins')
    .description('every sign-in attempt, newest first (who, from where, the outcome)')
    .option('--login <login>', 'only this login')
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { login?: string; json: boolean }, command: Command) => {
      const log = await withStorage(command, (s) => signinLog(s.db, opts.login));
      if (opts.json) return out(JSON.stringify({ signins: log }));
      printTable(
        out,
        ['at', 'login', 'address', 'ok', 'reason'],
        log.map((r) => [iso(r.at), r.login, r.address, r.ok ? 'yes' : 'no', r.reason]),
      );
    });
}
