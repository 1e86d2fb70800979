import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { PairResponse } from '../../core/sync/protocol';
import { DEMO_STARS_V2 } from '../../sync-server/src/demo/demo-programs';
import { seedDemoStorage } from '../../sync-server/src/demo/seed-demo';
import { demoMemberId } from '../../sync-server/src/demo/demo-members';
import { memberAppKeys } from '../../sync-server/src/domain/member-app-keys';
import { appendServerEvents } from '../../sync-server/src/domain/server-stream/append';
import { NON_PURCHASE_EVENT_TYPES } from '../../core/journal/server-events';
import { businessDayOf } from '../../core/store/store-settings';
import { SIM_MEMBER_COUNT, SIM_OPENING_POINTS } from './sim-loyalty';
import { issuePairingCode, pairTerminal } from '../../sync-server/src/domain/pairing';
import { DEFAULT_FOLD_CONFIG } from '../../sync-server/src/domain/projections/default-projections';
import { prepareProjections } from '../../sync-server/src/domain/projections/startup';
import { buildApp } from '../../sync-server/src/http/build-app';
import { createLogger } from '../../sync-server/src/logger';
import { PostgresStorage } from '../../sync-server/src/storage/postgres/postgres-storage';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite/sqlite-storage';
import type { Storage } from '../../sync-server/src/storage/storage';
import type { VirtualTime } from './virtual-time';

/** The moment the demo data and pairings are made, and every run's virtual time starts. */
export const SIM_EPOCH = Date.UTC(2026, 10, 25, 7, 0, 0);
/** The server's address as the tills know it; nothing listens there (requests go through inject). */
export const SIM_SERVER_URL = 'http://kassa-sim.invalid';
const ADMIN_TOKEN = 'sim-admin-token';
/** RxDB's open-source build keeps at most 13 collections open at once; a sim till opens 3. */
export const MAX_TILLS = 4;

export interface SimRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export interface SimAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What every run starts from: the demo store seeded and MAX_TILLS terminals paired, once per process. */
interface Template {
  dir: string;
  paired: PairResponse[];
}

let template: Promise<Template> | undefined;

/** tmpfs when the machine has one: the server's SQLite runs with synchronous=FULL (one fsync per push). */
function scratchRoot(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/** The demo store seeded and MAX_TILLS terminals paired, into a fresh storage. */
async function seedAndPair(storage: Storage): Promise<PairResponse[]> {
  const seeded = await seedDemoStorage(storage, SIM_EPOCH);
  const paired: PairResponse[] = [];
  for (let i = 0; i < MAX_TILLS; i++) {
    const code = await issuePairingCode(storage, seeded.storeId, SIM_EPOCH, 60_000);
    if (!code.ok) throw new Error(code.message);
    const r = await pairTerminal(
      storage,
      { code: code.value.code, terminalName: `Sim till ${i + 1}` },
      SIM_EPOCH,
    );
    if (!r.ok) throw new Error(r.message);
    paired.push(r.value);
  }
  await memberAppKeys(storage, SIM_EPOCH);
  await openingBalances(storage, seeded.storeId);
  return paired;
}

/** The simulated members' ids (demo members 1–SIM_MEMBER_COUNT). */
export const SIM_MEMBER_IDS: readonly string[] = Array.from({ length: SIM_MEMBER_COUNT }, (_, i) =>
  demoMemberId(i + 1),
);

/**
 * Each simulated member starts with points to spend: one server `loyalty-action` event with one
 * ledger row, folded as any other, so balance = Σ ledger holds from the start.
 */
async function openingBalances(storage: Storage, storeId: string): Promise<void> {
  await storage.transaction((tx) =>
    appendServerEvents(
      tx,
      SIM_MEMBER_IDS.map((memberId, i) => ({
        id: `01K0S1M0PEN${String(i + 1).padStart(15, '0')}`,
        type: 'loyalty-action' as const,
        storeId,
        createdAt: SIM_EPOCH,
        businessDay: businessDayOf(SIM_EPOCH, 'Europe/Amsterdam'),
        memberId,
        action: { type: NON_PURCHASE_EVENT_TYPES[0] as (typeof NON_PURCHASE_EVENT_TYPES)[number], ref: null },
        key: `sim-opening-${memberId}`,
        ledger: [
          {
            id: `sim-opening:${memberId}`,
            account: 'points',
            unit: 'points',
            amount: SIM_OPENING_POINTS[i] ?? 1_000,
            programId: 'demo-stars',
            programVersion: 2,
            ruleId: 'sim-opening',
            text: 'Opening balance',
          },
        ],
        trace: [],
      })),
      SIM_EPOCH,
    ),
  );
}

async function makeTemplate(): Promise<Template> {
  const dir = mkdtempSync(join(scratchRoot(), 'kassa-sim-template-'));
  const storage = await SqliteStorage.open(dir);
  try {
    return { dir, paired: await seedAndPair(storage) };
  } finally {
    await storage.close();
  }
}

/** Where a run's server keeps its data: a SQLite file, or a PostgreSQL schema of its own. */
type Place = { kind: 'sqlite'; dir: string } | { kind: 'postgres'; url: string; schema: string };

function openAt(place: Place): Promise<Storage> {
  return place.kind === 'sqlite'
    ? SqliteStorage.open(place.dir)
    : PostgresStorage.open({ url: place.url, schema: place.schema });
}

async function removePlace(place: Place): Promise<void> {
  if (place.kind === 'sqlite') {
    rmSync(place.dir, { recursive: true, force: true });
    return;
  }
  const c = new pg.Client({ connectionString: place.url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${place.schema} CASCADE`);
  } finally {
    await c.end();
  }
}

/** Removes the per-process template (call once at the end of a CLI run or a test file). */
export async function disposeTemplate(): Promise<void> {
  if (!template) return;
  const t = await template;
  template = undefined;
  rmSync(t.dir, { recursive: true, force: true });
}

/**
 * The real sync server in this process: the Fastify app of sync-server/src/http on SQLite in a
 * temporary file (or PostgreSQL), with the projections prepared as the real start does. Requests come through
 * `app.inject` from the simulated network. A restart closes the app and the storage and opens
 * both again on the same file — what the server keeps is what SQLite committed.
 */
export class SimServer {
  private storage: Storage | undefined;
  private app: FastifyInstance | undefined;
  private downUntil = 0;
  private restarting: Promise<void> | undefined;
  private readonly handling = new Set<Promise<unknown>>();
  restarts = 0;

  private constructor(
    private readonly place: Place,
    private readonly vt: VirtualTime,
    readonly paired: readonly PairResponse[],
  ) {}

  /**
   * SQLite (a copy of the per-process template) or, with `pgUrl`, a fresh PostgreSQL schema seeded
   * for this run. PostgreSQL answers over a socket in real time, so two tills' requests at one
   * virtual instant may commit in either order: a PostgreSQL run checks the invariants but does not
   * replay exactly.
   */
  static async open(vt: VirtualTime, pgUrl?: string): Promise<SimServer> {
    if (pgUrl) {
      const place: Place = { kind: 'postgres', url: pgUrl, schema: `sim_${randomBytes(6).toString('hex')}` };
      const storage = await openAt(place);
      let paired: PairResponse[];
      try {
        paired = await seedAndPair(storage);
      } finally {
        await storage.close();
      }
      const server = new SimServer(place, vt, paired);
      await server.start();
      return server;
    }
    template ??= makeTemplate();
    const t = await template;
    const dir = mkdtempSync(join(scratchRoot(), 'kassa-sim-'));
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(t.dir, 'kassa.sqlite'), join(dir, 'kassa.sqlite'));
    const server = new SimServer({ kind: 'sqlite', dir }, vt, t.paired);
    await server.start();
    return server;
  }

  private async start(): Promise<void> {
    const storage = await openAt(this.place);
    await prepareProjections(storage, DEFAULT_FOLD_CONFIG, this.vt.calendarNow());
    this.storage = storage;
    this.app = await buildApp({
      storage,
      adminToken: ADMIN_TOKEN,
      clock: () => this.vt.calendarNow(),
      logger: createLogger('silent'),
      heartbeatMs: 3_600_000,
      fold: DEFAULT_FOLD_CONFIG,
    });
    await this.app.ready();
  }

  private async stop(): Promise<void> {
    await this.app?.close();
    await this.storage?.close();
    this.app = undefined;
    this.storage = undefined;
  }

  isUp(): boolean {
    return this.restarting === undefined && this.vt.now() >= this.downUntil && this.app !== undefined;
  }

  /** One request as the network delivers it; throws when the server is down (connection refused). */
  /**
   * PLANTED BUG (tests only): the server answers a push at once and stores it a moment later
   * (a write-behind queue flushed after 5 s); a crash in between loses what it acknowledged.
   */
  answerBeforeCommit = false;
  private readonly writeBehind = new Set<ReturnType<typeof setTimeout>>();

  deliver(req: SimRequest): Promise<SimAnswer> {
    const app = this.app;
    if (!this.isUp() || !app) return Promise.reject(new TypeError('fetch failed: connection refused'));
    if (this.answerBeforeCommit && req.url.endsWith('/journal/push')) {
      const later = setTimeout(() => {
        this.writeBehind.delete(later);
        void this.deliverNow(app, req).catch(() => undefined);
      }, 5_000);
      this.writeBehind.add(later);
      return Promise.resolve({ status: 200, headers: { 'content-type': 'application/json' }, body: '[]' });
    }
    return this.deliverNow(app, req);
  }

  private deliverNow(app: FastifyInstance, req: SimRequest): Promise<SimAnswer> {
    const work = app
      .inject({
        method: req.method as 'GET',
        url: req.url,
        headers: req.headers,
        ...(req.body !== undefined ? { payload: req.body } : {}),
      })
      .then((res) => ({
        status: res.statusCode,
        headers: Object.fromEntries(
          Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
        ),
        body: res.payload,
      }));
    this.handling.add(work);
    const done = () => this.handling.delete(work);
    work.then(done, done);
    return this.vt.track(work);
  }

  /**
   * The process dies between two requests (every request in hand is finished first: SQLite
   * commits a push whole or not at all) and is started again after `downMs` of virtual time.
   */
  crash(downMs: number): void {
    if (this.restarting) return;
    this.restarts++;
    this.downUntil = this.vt.now() + downMs;
    for (const t of this.writeBehind) clearTimeout(t);
    this.writeBehind.clear();
    this.restarting = this.vt.track(
      (async () => {
        await Promise.allSettled([...this.handling]);
        await this.stop();
        await this.start();
        this.restarting = undefined;
      })(),
    );
  }

  /**
   * HQ publishes a new version of the demo stars program through the admin API, earning
   * `pointsPerEuro`: tills online pull it with their next member look-up, tills offline keep
   * selling on the version they hold, and the server checks each sale against the version it names.
   * False when the server is down (HQ could not publish either).
   */
  async publishStars(version: number, pointsPerEuro: number): Promise<boolean> {
    if (!this.isUp()) return false;
    const program = {
      ...DEMO_STARS_V2,
      version,
      rules: DEMO_STARS_V2.rules.map((r) =>
        r.id === 'earn'
          ? {
              ...r,
              name: `${pointsPerEuro} points per euro`,
              then: [{ ...r.then[0], points: pointsPerEuro }],
            }
          : r,
      ),
    };
    const a = await this.deliver({
      method: 'POST',
      url: '/admin/programs',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(program),
    });
    if (a.status >= 300) throw new Error(`publishing demo-stars v${version}: ${a.status} ${a.body}`);
    return true;
  }

  /** The storage, for the invariant checks (read only). */
  db(): Storage {
    if (!this.storage) throw new Error('the server is restarting');
    return this.storage;
  }

  async close(): Promise<void> {
    await this.restarting;
    await this.stop();
    await removePlace(this.place);
  }
}
