/**
 * `kassa-server [command] [options]` (`npm run kassa-server -- …`; `npm run server` = `serve`).
 * Commands: serve (the default), seed-demo, pair-code, stores (import, list, set-region, policy), managers (add, list, remove), terminals (list, revoke), exceptions, gaps, sales, refold, programs
 * (import, list, retire), rewards (import, list, retire), members (import, list, show), jobs (run), claims (redeem), gift-cards (issue, load, show); every one has --help. Global: --data-dir
 * (KASSA_DATA_DIR), --postgres <url> (KASSA_DATABASE_URL).
 * Exit codes: 0 done, 1 the command failed (message on stderr), 2 bad usage (bad option value,
 * unknown option or command). KASSA_DEBUG=1 adds the stack trace to a failure.
 */
import { Command, CommanderError } from 'commander';
import { claimsCommand } from './claims-command';
import { exceptionCommands } from './exception-commands';
import { giftCardCommands } from './gift-card-commands';
import { jobsCommand } from './jobs-command';
import { loyaltyCommands } from './loyalty-commands';
import { managerCommands } from './manager-commands';
import { addGlobalOptions } from './options';
import { refoldCommand } from './refold-command';
import { reportCommands } from './report-commands';
import { rewardsCommand } from './rewards-command';
import { serveCommand } from './serve-command';
import { shiftCommands } from './shift-commands';
import { statusCommand } from './status-command';
import { storeCommands } from './store-commands';
import { terminalCommands } from './terminal-commands';
import { userCommands } from './user-commands';

const program = new Command('kassa-server')
  .description('Kassa sync server and its operator commands')
  // Settings copied to every command added below.
  .exitOverride()
  .configureHelp({ showGlobalOptions: true, sortSubcommands: false });
addGlobalOptions(program);
serveCommand(program);
storeCommands(program);
managerCommands(program);
reportCommands(program);
exceptionCommands(program);
refoldCommand(program);
loyaltyCommands(program);
rewardsCommand(program);
jobsCommand(program);
claimsCommand(program);
giftCardCommands(program);
statusCommand(program);
shiftCommands(program);
userCommands(program);
terminalCommands(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) {
    // --help and --version exit 0; every usage error was already printed as one line: exit 2.
    process.exit(e.exitCode === 0 ? 0 : 2);
  }
  const debug = process.env.KASSA_DEBUG === '1';
  const message = e instanceof Error ? (debug && e.stack ? e.stack : e.message) : String(e);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
