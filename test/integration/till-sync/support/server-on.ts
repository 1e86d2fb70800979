import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freshSchema, startTestPostgres, type TestPostgres } from '../../../support/postgres';
import { freePort } from '../../../support/free-port';
import { kassaServerArgs } from '../../../support/kassa-server-command';

export type StorageKind = 'sqlite' | 'postgres';
export const STORAGE_KINDS: readonly StorageKind[] = ['sqlite', 'postgres'];

/**
 * The real server in its own process (`kassa-server serve`), on SQLite or on PostgreSQL, so a
 * test can SIGKILL it like a power cut and start it again on the same port and data. PostgreSQL
 * gets a database of its own (the CLI has no schema option, and the public schema of the shared
 * test database belongs to nobody), dropped by dispose().
 */
export class ServerOn {
  private child: ChildProcess | undefined;
  private constructor(
    readonly kind: StorageKind,
    readonly dataDir: string,
    readonly port: number,
    private readonly databaseUrl: string | undefined,
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  static async start(kind: StorageKind): Promise<ServerOn> {
    const dataDir = mkdtempSync(join(tmpdir(), `kassa-chaos-${kind}-`));
    let databaseUrl: string | undefined;
    let drop = async () => {};
    if (kind === 'postgres') {
      const cluster: TestPostgres = await startTestPostgres();
      const name = freshSchema('kassa_chaos');
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(cluster.url);
      url.pathname = `/${name}`;
      databaseUrl = url.toString();
      drop = async () => {
        const c = new pg.Client({ connectionString: cluster.url });
        await c.connect();
        try {
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await c.end();
        }
        await cluster.stop();
      };
    }
    const server = new ServerOn(kind, dataDir, await freePort(), databaseUrl, drop);
    await server.start();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get adminToken(): string {
    return readFileSync(join(this.dataDir, 'admin-token'), 'utf8').trim();
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null;
  }

  async start(): Promise<void> {
    const args = [...kassaServerArgs(), 'serve', '--port', String(this.port)];
    args.push('--data-dir', this.dataDir, '--log-level', 'warn');
    if (this.databaseUrl) args.push('--postgres', this.databaseUrl);
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((ok, fail) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Kassa sync server on')) ok();
      });
      child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      child.once('exit', (code) => fail(new Error(`server exited (${code}) before listening:\n${out}`)));
    });
  }

  /** SIGKILL: no graceful close, whatever was in flight is cut off. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGKILL');
    await exited;
    this.child = undefined;
  }

  /** Kills the process and removes its data (the data dir, and the PostgreSQL database). */
  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
    await this.dropDatabase();
  }
}
