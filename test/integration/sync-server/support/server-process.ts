import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kassaServerArgs } from '../../../support/kassa-server-command';
import { freePort } from '../../../support/free-port';

/**
 * The real server in its own process (`kassa-server serve`), so a test can SIGKILL it the way a
 * power cut would, and start it again on the same port and data dir.
 */
export class ServerProcess {
  private child: ChildProcess | undefined;
  private constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  static async start(dataDir: string): Promise<ServerProcess> {
    const p = new ServerProcess(dataDir, await freePort());
    await p.start();
    return p;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get adminToken(): string {
    return readFileSync(join(this.dataDir, 'admin-token'), 'utf8').trim();
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [
        ...kassaServerArgs(),
        'serve',
        '--port',
        String(this.port),
        '--data-dir',
        this.dataDir,
        '--log-level',
        'warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
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
}
