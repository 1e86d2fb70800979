import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { syncPaths } from '../../../../core/sync/protocol';
import { freePort } from '../../../support/free-port';
import { kassaServerArgs } from '../../../support/kassa-server-command';

/** One feed stream the server opened, as its own log tells: when the request came in, for whom. */
export interface StreamOpen {
  terminalId: string;
  /** Epoch ms of the request's "incoming request" line (before authentication and the head query). */
  arrivedAt: number;
}

/**
 * The real server (`kassa-server serve`) in its own process at log level info, reading its
 * structured log: every feed stream it opened, per run. stop() is the operator's SIGTERM (the
 * server closes its streams and exits); start() again runs on the same port and database.
 */
export class LoggedServer {
  private child: ChildProcess | undefined;
  /** The stream opens of each run, in log order: runs[0] before the first restart. */
  readonly runs: StreamOpen[][] = [];

  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly postgresUrl?: string,
  ) {}

  static async start(dataDir: string, postgresUrl?: string): Promise<LoggedServer> {
    const s = new LoggedServer(dataDir, await freePort(), postgresUrl);
    await s.start();
    return s;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get adminToken(): string {
    return readFileSync(join(this.dataDir, 'admin-token'), 'utf8').trim();
  }

  /** The stream opens of the current run. */
  get opens(): readonly StreamOpen[] {
    return this.runs[this.runs.length - 1] ?? [];
  }

  async start(): Promise<void> {
    const opens: StreamOpen[] = [];
    this.runs.push(opens);
    const arrivals = new Map<string, number>();
    const child = spawn(
      process.execPath,
      [
        ...kassaServerArgs(),
        ...(this.postgresUrl ? ['--postgres', this.postgresUrl] : []),
        'serve',
        '--port',
        String(this.port),
        '--data-dir',
        this.dataDir,
        '--log-level',
        'info',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    let pending = '';
    const onLine = (line: string) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as {
        msg?: string;
        time: number;
        requestId?: string;
        terminalId?: string;
        req?: { url?: string };
      };
      if (entry.msg === 'incoming request' && entry.req?.url === syncPaths.feedStream && entry.requestId) {
        arrivals.set(entry.requestId, entry.time);
      } else if (entry.msg === 'feed stream opened' && entry.terminalId && entry.requestId) {
        opens.push({ terminalId: entry.terminalId, arrivedAt: arrivals.get(entry.requestId) ?? entry.time });
        arrivals.delete(entry.requestId);
      }
    };
    await new Promise<void>((ok, fail) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        const text = d.toString();
        if (!out.includes('Kassa sync server on')) {
          out += text;
          if (out.includes('Kassa sync server on')) ok();
        }
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        lines.forEach(onLine);
      });
      child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      child.once('exit', (code) => fail(new Error(`server exited (${code}) before listening:\n${out}`)));
    });
  }

  /** SIGTERM, as an operator's restart sends it; resolves once the process has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await exited;
    this.child = undefined;
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGKILL');
    await exited;
    this.child = undefined;
  }
}
