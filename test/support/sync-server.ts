import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../../sync-server/src/demo/seed-demo';
import { startSyncServer, type RunningSyncServer } from '../../sync-server/src/start';

export interface TestSyncServer {
  url: string;
  port: number;
  adminToken: string;
  /** A fresh one-time pairing code for the demo store. */
  pairingCode: string;
  storeId: string;
  dataDir: string;
  /** Stops the server, keeping its data (restart() resumes on the same port and data). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data dir. */
  restart(): Promise<void>;
  /** Stops it and deletes its data. */
  close(): Promise<void>;
}

/**
 * A real sync server on a temp dir (SQLite) with the demo store and catalogue seeded, listening on
 * a free port of 127.0.0.1. For integration and end-to-end tests.
 */
export async function startTestSyncServer(
  opts: { logLevel?: string; databaseUrl?: string; databaseSchema?: string } = {},
): Promise<TestSyncServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-sync-'));
  const start = (port: number) =>
    startSyncServer({
      dataDir,
      port,
      logLevel: opts.logLevel ?? 'silent',
      ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
      ...(opts.databaseSchema ? { databaseSchema: opts.databaseSchema } : {}),
    });
  let server: RunningSyncServer | undefined = await start(0);
  const first = server;
  const seeded = await seedDemo({ url: first.url, adminToken: first.adminToken });
  return {
    url: first.url,
    port: first.port,
    adminToken: first.adminToken,
    pairingCode: seeded.pairingCode,
    storeId: seeded.storeId,
    dataDir,
    async stop() {
      await server?.close();
      server = undefined;
    },
    async restart() {
      if (server) return;
      server = await start(first.port);
    },
    async close() {
      await server?.close();
      server = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
