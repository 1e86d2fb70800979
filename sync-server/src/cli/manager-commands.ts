import type { Command } from 'commander';
import { addManager, listManagers, removeManager } from '../domain/managers';
import { CliFailure, out, withStorage } from './options';
import { iso, printTable } from './print';

/**
 * `managers add|list|remove`: who can override at a store's tills. The PIN is hashed at once
 * (salted scrypt) and never printed or stored. --pin lands in the shell's history: there is no
 * PIN change yet, so a manager whose PIN was seen is removed and added again with a new one.
 */
export function managerCommands(program: Command): void {
  const managers = program
    .command('managers')
    .description("add, list and remove a store's managers (PIN overrides at the till)");

  managers
    .command('add')
    .description("add a manager to a store; the store's tills check their PIN offline after their next pull")
    .argument('<store>', 'the store')
    .requiredOption('--name <name>', 'the name the till shows and the override event records')
    .requiredOption('--pin <pin>', '4 to 8 digits')
    .option('--json', 'machine-readable output', false)
    .action(async (store: string, opts: { name: string; pin: string; json: boolean }, command: Command) => {
      const r = await withStorage(command, (s) =>
        addManager(s, store, { name: opts.name, pin: opts.pin }, Date.now()),
      );
      if (!r.ok) throw new CliFailure(`No manager added: ${r.message}`);
      if (opts.json) return out(JSON.stringify({ manager: r.value }));
      out(`Manager ${r.value.managerId} "${r.value.name}" added to ${r.value.storeId}.`);
    });

  managers
    .command('list')
    .description("list a store's managers (never their PIN)")
    .argument('<store>', 'the store')
    .option('--json', 'machine-readable output', false)
    .action(async (store: string, opts: { json: boolean }, command: Command) => {
      const r = await withStorage(command, (s) => listManagers(s, store));
      if (!r.ok) throw new CliFailure(r.message);
      if (opts.json) return out(JSON.stringify({ managers: r.value }));
      printTable(
        out,
        ['manager', 'name', 'added'],
        r.value.map((m) => [m.managerId, m.name, iso(m.createdAt)]),
      );
    });

  managers
    .command('remove')
    .description("remove a manager; the store's tills refuse their PIN after their next pull")
    .argument('<store>', 'the store')
    .argument('<managerId>', 'the manager (see managers list)')
    .option('--json', 'machine-readable output', false)
    .action(async (store: string, managerId: string, opts: { json: boolean }, command: Command) => {
      const r = await withStorage(command, (s) => removeManager(s, store, managerId));
      if (!r.ok) throw new CliFailure(`Nothing removed: ${r.message}`);
      if (opts.json) return out(JSON.stringify({ removed: r.value }));
      out(`Manager ${r.value.managerId} "${r.value.name}" removed from ${r.value.storeId}.`);
    });
}
