import { resolve } from 'node:path';
import type { DestinationStream } from 'pino';
import { loadOrCreateAdminToken } from './admin-token';
import { runLedgerJobs } from './domain/jobs/ledger-jobs';
import { memberAppKeys } from './domain/member-app-keys';
import { DEFAULT_FOLD_CONFIG } from './domain/projections/default-projections';
import type { FoldConfig } from './domain/projections/projection';
import { prepareProjections } from './domain/projections/startup';
import { buildApp } from './http/build-app';
import { createLogger } from './logger';
import { openStorage } from './storage/open-storage';

export interface StartOptions {
  /** SQLite file and admin token live here (default ./data). */
  dataDir?: string;
  /** postgres://… to use PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  /** PostgreSQL schema to live in (tests use one per file). */
  databaseSchema?: string;
  host?: string;
  /** 0 = a free port chosen by the OS. */
  port?: number;
  logLevel?: string;
  /** Where the log goes (default stdout); tests read it from here. */
  logDestination?: DestinationStream;
  /** PEM certificate (chain) and private key: the server then speaks HTTPS only. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (pairing limits). */
  trustProxy?: boolean;
  /** Attempts on /pair per source address per minute (default 30). */
  pairAttemptsPerMinute?: number;
  /** SSE heartbeat period (default 15 s). */
  heartbeatMs?: number;
  /** The event types and projections to fold with (tests register a type the release does not know). */
  fold?: FoldConfig;
  /** How often the ledger jobs run (posting, expiry, tiers); default every hour, 0 = never. */
  jobsIntervalMs?: number;
  /** A member seen at a store in this many days replicates to its tills (default 90). */
  membersSeenDays?: number;
}

/** The ledger jobs' period: pending points are posted within the hour their window ends. */
export const JOBS_INTERVAL_MS = 60 * 60 * 1000;

/** Hosts only this machine can reach; anywhere else tokens need TLS. */
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export interface RunningSyncServer {
  url: string;
  port: number;
  adminToken: string;
  /** True when this start created the admin token (the CLI prints it once). */
  adminTokenCreated: boolean;
  close(): Promise<void>;
}

/**
 * Starts the sync server: opens (and migrates) the storage, then listens. Stop it with close();
 * starting again on the same dataDir and port resumes where it was (the e2e test does this).
 */
export async function startSyncServer(opts: StartOptions = {}): Promise<RunningSyncServer> {
  const dataDir = resolve(opts.dataDir ?? 'data');
  const logger = createLogger(opts.logLevel ?? 'info', opts.logDestination);
  const { token: adminToken, created } = loadOrCreateAdminToken(dataDir);
  const storage = await openStorage({
    dataDir,
    ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
    ...(opts.databaseSchema ? { schema: opts.databaseSchema } : {}),
  });
  // Projections new in this release catch up, and parked events it understands are folded,
  // before the first push is taken.
  const fold = opts.fold ?? DEFAULT_FOLD_CONFIG;
  try {
    await prepareProjections(storage, fold, Date.now(), logger);
    // The chain's member-app key (tills verify app codes with it): made by the first start of any instance.
    await memberAppKeys(storage, Date.now());
  } catch (e) {
    await storage.close();
    throw e;
  }
  const app = await buildApp(
    {
      storage,
      adminToken,
      clock: () => Date.now(),
      logger,
      heartbeatMs: opts.heartbeatMs ?? 15_000,
      fold,
      ...(opts.membersSeenDays === undefined ? {} : { membersSeenDays: opts.membersSeenDays }),
    },
    {
      ...(opts.tls ? { https: { cert: opts.tls.cert, key: opts.tls.key } } : {}),
      ...(opts.trustProxy ? { trustProxy: true } : {}),
      ...(opts.pairAttemptsPerMinute
        ? { pairRateLimit: { max: opts.pairAttemptsPerMinute, timeWindow: 60_000 } }
        : {}),
    },
  );
  // The ledger jobs every hour, at the server's clock; a run in progress finishes before the
  // storage closes. The timer never keeps the process alive on its own.
  let jobsRun: Promise<void> | undefined;
  const interval = opts.jobsIntervalMs ?? JOBS_INTERVAL_MS;
  const jobsTimer =
    interval > 0
      ? setInterval(() => {
          if (jobsRun) return; // the previous run is still going
          jobsRun = runLedgerJobs(storage, Date.now(), fold)
            .then((r) => logger.info({ module: 'jobs', ...r }, 'ledger jobs ran'))
            .catch((e: unknown) => logger.error({ module: 'jobs', err: e }, 'ledger jobs failed'))
            .finally(() => {
              jobsRun = undefined;
            });
        }, interval)
      : undefined;
  jobsTimer?.unref();
  app.addHook('onClose', async () => {
    if (jobsTimer) clearInterval(jobsTimer);
    await jobsRun;
  });
  app.addHook('onClose', async () => storage.close());
  const host = opts.host ?? '127.0.0.1';
  try {
    await app.listen({ host, port: opts.port ?? 8787 });
  } catch (e) {
    await app.close();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 8787);
  const scheme = opts.tls ? 'https' : 'http';
  logger.info({ module: 'start', port, scheme, storage: storage.dialect }, 'sync server listening');
  if (!opts.tls && !LOOPBACK.has(host)) {
    logger.warn(
      { module: 'start', host },
      `Listening on ${host} without TLS: terminal and admin tokens travel in clear text. ` +
        'Use --tls-cert/--tls-key or a reverse proxy with TLS (see sync-server/README.md, "HTTPS").',
    );
  }
  return {
    url: `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    adminToken,
    adminTokenCreated: created,
    close: () => app.close(),
  };
}
