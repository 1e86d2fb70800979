import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSyncServer, type RunningSyncServer } from '../../../sync-server/src/start';
import { seedDemo } from '../../../sync-server/src/demo/seed-demo';

export interface AdminSale {
  eventId: string;
  terminalId: string;
  seq: number;
  totalCents: number;
  payments: { method: string; amountCents: number; tenderedCents?: number; changeCents?: number }[];
  lines: { code: string; quantity: number; weightGrams: number | null; amountCents: number }[];
}

/**
 * A real sync server on SQLite in a temporary data folder, seeded with the demo store. It can be
 * stopped and started again on the same port and folder: the network going away and coming back.
 */
export interface SyncServerControl {
  readonly url: string;
  readonly running: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  newPairingCode(): Promise<string>;
  sales(terminalId: string): Promise<AdminSale[]>;
  dispose(): Promise<void>;
}

export async function startTestSyncServer(): Promise<SyncServerControl> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-e2e-server-'));
  let server: RunningSyncServer | null = await startSyncServer({ dataDir, port: 0, logLevel: 'silent' });
  const port = server.port;
  const { url, adminToken } = server;
  const admin = async (path: string) => {
    const res = await fetch(new URL(path, url), { headers: { authorization: `Bearer ${adminToken}` } });
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
    return res.json() as Promise<unknown>;
  };
  return {
    url,
    get running() {
      return server !== null;
    },
    async stop() {
      await server?.close();
      server = null;
    },
    async start() {
      if (!server) server = await startSyncServer({ dataDir, port, logLevel: 'silent' });
    },
    async newPairingCode() {
      return (await seedDemo({ url, adminToken })).pairingCode;
    },
    async sales(terminalId) {
      const body = (await admin(`/admin/sales?terminalId=${encodeURIComponent(terminalId)}`)) as
        | { sales: AdminSale[] }
        | AdminSale[];
      return Array.isArray(body) ? body : body.sales;
    },
    async dispose() {
      await server?.close();
      server = null;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
