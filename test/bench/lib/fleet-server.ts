import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the server process seeds and where it keeps its data. */
export interface FleetServerConfig {
  dataDir: string;
  databaseUrl?: string;
  schema?: string;
  stores: number;
  tills: number;
  members: number;
}

/** The server's own figures since the previous stats() call. */
export interface FleetServerStats {
  /** Each push request, parsed → response finished (ms). */
  pushMs: number[];
  /** [x-fleet-request id, parsed at, finished at] of each push (ms since the epoch). */
  requests: [string, number, number][];
  loopP99Ms: number;
  loopMaxMs: number;
  /** Share of the wall time the server's event loop was busy (eventLoopUtilization). */
  loopBusy: number;
  /** The server process's CPU time since it started (ms). */
  cpuMs: number;
}

const MAIN = join(dirname(fileURLToPath(import.meta.url)), 'fleet-server-main.ts');

/**
 * The real sync server in a process of its own (fleet-server-main.ts), so the 500 tills' client
 * work and the server's work do not share one event loop or one core's time slice.
 */
export class FleetServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(config: FleetServerConfig): Promise<FleetServer> {
    const child = fork(MAIN, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, KASSA_FLEET_CONFIG: JSON.stringify(config) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((ok, fail) => {
      child.once('exit', (code) => fail(new Error(`fleet server exited (${code}) before listening`)));
      child.on('message', (m: { type: string; url?: string }) => {
        if (m.type === 'ready' && m.url) ok(m.url);
      });
    });
    return new FleetServer(child, url);
  }

  private ask<T>(type: string, answer: string, pick: (m: Record<string, unknown>) => T): Promise<T> {
    return new Promise((ok) => {
      const on = (m: Record<string, unknown>) => {
        if (m.type !== answer) return;
        this.child.off('message', on);
        ok(pick(m));
      };
      this.child.on('message', on);
      this.child.send({ type });
    });
  }

  /** The server's figures since the last call (and resets them). */
  stats(): Promise<FleetServerStats> {
    return this.ask('stats', 'stats', (m) => m.stats as FleetServerStats);
  }

  async close(): Promise<void> {
    const exited = new Promise((ok) => this.child.once('exit', ok));
    await this.ask('close', 'closed', () => undefined);
    await exited;
  }
}
