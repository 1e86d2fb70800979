/**
 * The fleet benchmark's server process: seeds a fresh storage (stores, paired tills with known
 * tokens, members shared across stores, the points program), then runs the real sync server
 * (startSyncServer, a loopback listener) in this process, apart from the client's CPU. It also
 * keeps the server's own view of every push (request parsed → response finished, through
 * node:http's diagnostics channels) and its event-loop delay, and answers them over IPC, so the
 * bench can set what the client saw beside what the server saw.
 */
import diagnostics from 'node:diagnostics_channel';
import { mkdirSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { monitorEventLoopDelay, performance as perf } from 'node:perf_hooks';
import canonicalize from 'canonicalize';
import { hashSecret } from '../../../sync-server/src/domain/tokens';
import { startSyncServer } from '../../../sync-server/src/start';
import { openStorage } from '../../../sync-server/src/storage/open-storage';
import type { FleetServerConfig, FleetServerStats } from './fleet-server';
import { fleetTill, FLEET_PROGRAM, memberOf, storeOf } from './fleet-layout';

const config = JSON.parse(process.env.KASSA_FLEET_CONFIG ?? '{}') as FleetServerConfig;
const send = (m: unknown) => process.send?.(m);

async function seed(): Promise<void> {
  mkdirSync(config.dataDir, { recursive: true });
  const storage = await openStorage({
    dataDir: config.dataDir,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl, schema: config.schema } : {}),
  });
  try {
    await storage.transaction(async (tx) => {
      for (let s = 0; s < config.stores; s++) {
        await tx.stores.upsert(
          {
            storeId: storeOf(s),
            name: `Winkel ${s}`,
            currency: 'EUR',
            timeZone: 'Europe/Amsterdam',
            locale: 'nl-NL',
            variableMeasure: [],
          },
          1,
        );
      }
      for (let i = 0; i < config.tills; i++) {
        const t = fleetTill(i, config.stores);
        await tx.terminals.insert({
          terminalId: t.terminalId,
          storeId: t.storeId,
          name: null,
          tokenHash: hashSecret(t.token),
          pairedAt: 1,
        });
      }
      await tx.programs.publish(
        {
          programId: FLEET_PROGRAM.id,
          version: FLEET_PROGRAM.version,
          body: FLEET_PROGRAM as unknown as Record<string, unknown>,
          scopeStores: null,
        },
        1,
        (v) => canonicalize(v) as string,
      );
      await tx.members.upsert(
        Array.from({ length: config.members }, (_, i) => ({
          memberId: memberOf(i),
          homeStoreId: storeOf(i % config.stores),
          fullName: `Fleet Member ${i}`,
          enrolledAt: 0,
          optedIn: true,
          cards: [],
        })),
      );
    });
  } finally {
    await storage.close();
  }
}

// The server's own timing of each request: from the parsed request to the response's last byte.
// Absolute times (ms since the epoch, to the microsecond) so the bench can line them up with the
// client's own by the request's x-fleet-request id.
const now = () => performance.timeOrigin + performance.now();
const started = new WeakMap<IncomingMessage, number>();
let pushMs: number[] = [];
let requests: FleetServerStats['requests'] = [];
diagnostics.subscribe('http.server.request.start', (m) => {
  started.set((m as { request: IncomingMessage }).request, now());
});
diagnostics.subscribe('http.server.response.finish', (m) => {
  const { request } = m as { request: IncomingMessage };
  const t0 = started.get(request);
  if (t0 === undefined || !request.url?.endsWith('/push')) return;
  const t1 = now();
  pushMs.push(t1 - t0);
  const id = request.headers['x-fleet-request'];
  if (typeof id === 'string') requests.push([id, t0, t1]);
});
const loop = monitorEventLoopDelay({ resolution: 10 });

await seed();
const server = await startSyncServer({
  dataDir: config.dataDir,
  port: 0,
  logLevel: 'warn',
  jobsIntervalMs: 0,
  ...(config.databaseUrl ? { databaseUrl: config.databaseUrl, databaseSchema: config.schema } : {}),
});
loop.enable();
let elu = perf.eventLoopUtilization();
send({ type: 'ready', url: server.url });

process.on('message', (m: { type: string }) => {
  if (m.type === 'stats') {
    const cpu = process.cpuUsage();
    const stats: FleetServerStats = {
      pushMs,
      requests,
      loopP99Ms: loop.percentile(99) / 1e6,
      loopMaxMs: loop.max / 1e6,
      loopBusy: perf.eventLoopUtilization(elu).utilization,
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
    send({ type: 'stats', stats });
    pushMs = [];
    requests = [];
    loop.reset();
    elu = perf.eventLoopUtilization();
  } else if (m.type === 'close') {
    void server.close().then(() => {
      send({ type: 'closed' });
      process.disconnect();
    });
  }
});
