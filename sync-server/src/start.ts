import { resolve } from 'node:path';
import { loadOrCreateAdminToken } from './admin-token';
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
  /** SSE heartbeat period (default 15 s). */
  heartbeatMs?: number;
}

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
  const logger = createLogger(opts.logLevel ?? 'info');
  const { token: adminToken, created } = loadOrCreateAdminToken(dataDir);
  const storage = await openStorage({
    dataDir,
    ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
    ...(opts.databaseSchema ? { schema: opts.databaseSchema } : {}),
  });
  const app = await buildApp({
    storage,
    adminToken,
    clock: () => Date.now(),
    logger,
    heartbeatMs: opts.heartbeatMs ?? 15_000,
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
  logger.info({ module: 'start', port, storage: storage.dialect }, 'sync server listening');
  return {
    url: `http://${host}:${port}`,
    port,
    adminToken,
    adminTokenCreated: created,
    close: () => app.close(),
  };
}
