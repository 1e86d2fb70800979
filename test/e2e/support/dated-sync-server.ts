import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemo } from '../../../sync-server/src/demo/seed-demo';
import { loadOrCreateAdminToken } from '../../../sync-server/src/admin-token';
import { DEFAULT_FOLD_CONFIG } from '../../../sync-server/src/domain/projections/default-projections';
import { prepareProjections } from '../../../sync-server/src/domain/projections/startup';
import { buildApp } from '../../../sync-server/src/http/build-app';
import { createLogger } from '../../../sync-server/src/logger';
import { openStorage } from '../../../sync-server/src/storage/open-storage';
import type { AdminMember, AdminSale } from './sync-server-control';

/** What `POST /events` answers (the fields the tests read). */
export interface EventAnswer {
  memberId: string;
  points: number;
  replayed: boolean;
}

/**
 * The real sync server (storage, projections and HTTP app as `startSyncServer` builds them, on
 * SQLite in a temp folder) whose injected clock starts at a date the test chooses and then runs
 * at the wall clock's pace. The demo is seeded through its admin API at that date, so what depends
 * on the seed's day (the birthday month, the anniversary) and what the programs read from the
 * calendar (weekends, enrolment windows) is the same on every run, whatever day CI runs.
 */
export interface DatedSyncServer {
  readonly url: string;
  readonly adminToken: string;
  /** The server's clock (epoch ms). */
  now(): number;
  newPairingCode(): Promise<string>;
  member(cardOrId: string): Promise<AdminMember>;
  sales(terminalId: string): Promise<AdminSale[]>;
  /** What the server raised for a terminal (`rule-drift`, seq gaps, …). */
  exceptions(terminalId: string): Promise<{ kind: string }[]>;
  /** A non-purchase action as HQ posts it (`POST /events`). */
  postEvent(body: Record<string, unknown>): Promise<EventAnswer>;
  close(): Promise<void>;
}

export async function startDatedSyncServer(startsAt: number): Promise<DatedSyncServer> {
  const offset = startsAt - Date.now();
  const clock = () => Date.now() + offset;
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-dated-sync-'));
  const logger = createLogger('silent');
  const { token: adminToken } = loadOrCreateAdminToken(dataDir);
  const storage = await openStorage({ dataDir });
  await prepareProjections(storage, DEFAULT_FOLD_CONFIG, clock(), logger);
  const app = await buildApp({
    storage,
    adminToken,
    clock,
    logger,
    heartbeatMs: 15_000,
    fold: DEFAULT_FOLD_CONFIG,
  });
  app.addHook('onClose', async () => storage.close());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(new URL(path, url), {
      method,
      headers: {
        authorization: `Bearer ${adminToken}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  let unusedCode: string | undefined = (await seedDemo({ url, adminToken })).pairingCode;
  return {
    url,
    adminToken,
    now: clock,
    async newPairingCode() {
      const code = unusedCode ?? (await seedDemo({ url, adminToken })).pairingCode;
      unusedCode = undefined;
      return code;
    },
    member: async (cardOrId) =>
      (await call('GET', `/admin/members/${encodeURIComponent(cardOrId)}`)) as AdminMember,
    sales: async (terminalId) =>
      (
        (await call('GET', `/admin/sales?terminalId=${encodeURIComponent(terminalId)}`)) as {
          sales: AdminSale[];
        }
      ).sales,
    exceptions: async (terminalId) =>
      (
        (await call('GET', `/admin/exceptions?terminalId=${encodeURIComponent(terminalId)}`)) as {
          exceptions: { kind: string }[];
        }
      ).exceptions,
    postEvent: async (body) => (await call('POST', '/events', body)) as EventAnswer,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
