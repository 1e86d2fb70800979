import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { MEMBERS_SEEN_DAYS, MEMBERS_SEEN_DAYS_MAX } from '../feed/collections';
import { startSyncServer } from '../start';
import { globalsOf, integerIn, LOG_LEVELS, out, readableFile } from './options';

interface ServeOptions {
  port: number;
  host: string;
  logLevel: string;
  tlsCert?: Buffer;
  tlsKey?: Buffer;
  trustProxy: boolean;
  membersSeenDays: number;
}

/** `serve`, also what runs when no command is given (`kassa-server --port 9000`). */
export function serveCommand(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description('run the sync server (the default command)')
    .addOption(
      new Option('--port <port>', 'port to listen on (0: any free port)')
        .env('KASSA_PORT')
        .default(8787)
        .argParser(integerIn(0, 65_535, 'The port')),
    )
    .option('--host <host>', 'address to listen on (beyond 127.0.0.1, use TLS)', '127.0.0.1')
    .addOption(
      new Option('--tls-cert <file>', 'PEM certificate (chain): serve HTTPS (with --tls-key)').argParser(
        readableFile,
      ),
    )
    .addOption(new Option('--tls-key <file>', 'PEM private key for --tls-cert').argParser(readableFile))
    .option('--trust-proxy', 'behind a reverse proxy: client address from X-Forwarded-For', false)
    .addOption(
      new Option(
        '--members-seen-days <n>',
        `a member seen at a store in the last n days replicates to its tills (1–${MEMBERS_SEEN_DAYS_MAX})`,
      )
        .env('KASSA_MEMBERS_SEEN_DAYS')
        .default(MEMBERS_SEEN_DAYS)
        .argParser(integerIn(1, MEMBERS_SEEN_DAYS_MAX, 'The members-seen window in days')),
    )
    .addOption(
      new Option('--log-level <level>', 'log level')
        .env('KASSA_LOG_LEVEL')
        .choices(LOG_LEVELS)
        .default('info'),
    )
    // Excess words are reported as an unknown command below, not as "too many arguments for serve".
    .allowExcessArguments(true)
    .action(async (opts: ServeOptions, command: Command) => {
      const [word] = command.args;
      if (word !== undefined) {
        const names = program.commands.map((c) => c.name()).join(', ');
        command.error(`error: unknown command '${word}'. Commands: ${names} (see --help).`, { exitCode: 2 });
      }
      if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) {
        command.error('error: --tls-cert and --tls-key go together: give both, or neither.', { exitCode: 2 });
      }
      const { dataDir, databaseUrl } = globalsOf(command);
      const server = await startSyncServer({
        dataDir,
        port: opts.port,
        host: opts.host,
        logLevel: opts.logLevel,
        ...(opts.tlsCert && opts.tlsKey ? { tls: { cert: opts.tlsCert, key: opts.tlsKey } } : {}),
        ...(opts.trustProxy ? { trustProxy: true } : {}),
        ...(databaseUrl ? { databaseUrl } : {}),
        membersSeenDays: opts.membersSeenDays,
      });
      out(`Kassa sync server on ${server.url} (${databaseUrl ? 'PostgreSQL' : `SQLite in ${dataDir}`})`);
      if (server.adminTokenCreated) {
        out(`Admin token (shown once; kept in ${resolve(dataDir, 'admin-token')}): ${server.adminToken}`);
      }
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
