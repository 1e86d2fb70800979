import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../../sync-server/src/cli/main.ts');
const run = promisify(execFile);

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI and resolves with its exit code and output, whatever the code. */
async function kassa(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => done(port));
    });
  });
}

/** The operator's CLI (`npm run kassa-server -- <command>`), on a temp data dir. */
describe('kassa-server CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-cli-'));
  const cli = async (...args: string[]) => {
    const r = await kassa([...args, '--data-dir', dataDir]);
    if (r.code !== 0) throw Object.assign(new Error(`exit ${r.code}: ${r.stderr}`), r);
    return r.stdout;
  };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seeds the demo idempotently, issues pairing codes, and lists gaps, exceptions and sales', async () => {
    const first = JSON.parse(await cli('seed-demo', '--json')) as {
      products: number;
      productsWritten: number;
      pairingCode: string;
    };
    const second = JSON.parse(await cli('seed-demo', '--json')) as {
      products: number;
      productsWritten: number;
    };
    expect(first.products).toBeGreaterThanOrEqual(2000);
    expect(second).toMatchObject({ products: first.products, productsWritten: 0 });

    expect(await cli('pair-code', '--store', 'store-demo-ams')).toMatch(
      /Pairing code for store-demo-ams: [A-Z2-9]{4}-[A-Z2-9]{4}/,
    );
    const paired = JSON.parse(await cli('seed-demo', '--pair', '--json')) as {
      terminal: { terminalId: string; token: string };
    };
    expect(paired.terminal.token.length).toBeGreaterThan(20);
    expect(await cli('gaps')).toMatch(/No seq gaps \(1 terminal\)/);
    expect(await cli('exceptions')).toMatch(/No exceptions/);
    expect(await cli('sales')).toMatch(/0 sales/);
    expect(await cli('refold', '--projection', 'sales')).toMatch(/^Refolded sales: \d+ events\.$/m);
  });

  it('says what failed on stderr and exits 1, without a stack trace', async () => {
    const noStore = await kassa(['pair-code', '--store', 'nope', '--data-dir', dataDir]);
    expect(noStore).toMatchObject({ code: 1, stdout: '' });
    expect(noStore.stderr).toBe('There is no store "nope".\n');

    const noProjection = await kassa(['refold', '--projection', 'nope', '--data-dir', dataDir]);
    expect(noProjection.code).toBe(1);
    expect(noProjection.stderr).toMatch(/^No projection "nope"\. Projections: .*sales/);
    expect(noProjection.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['serve', ['--port', '--host', '--tls-cert', '--tls-key', '--log-level', '--data-dir', '--postgres']],
    ['seed-demo', ['--pair', '--json']],
    ['pair-code', ['--store', '--ttl-minutes', '--json']],
    ['exceptions', ['--store', '--terminal', '--json']],
    ['gaps', ['--store', '--json']],
    ['sales', ['--store', '--terminal', '--limit', '--json']],
    ['refold', ['--projection', 'sales', 'seq-tracking']],
  ])('prints the options of %s for --help and exits 0', async (command, options) => {
    const r = await kassa([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: kassa-server ${command}`);
    for (const o of options) expect(r.stdout).toContain(o);
  });

  it('lists every command for --help', async () => {
    const r = await kassa(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['serve', 'seed-demo', 'pair-code', 'exceptions', 'gaps', 'sales', 'refold']) {
      expect(r.stdout).toContain(c);
    }
  });

  it.each([
    [['--port', 'abc'], /--port.*'abc' is invalid/],
    [['serve', '--port', '70000'], /--port.*'70000' is invalid/],
    [['sales', '--limit', '-1'], /--limit.*'-1' is invalid/],
    [['pair-code', '--store', 's', '--ttl-minutes', '0'], /--ttl-minutes.*'0' is invalid/],
    [['pair-code'], /required option '--store <id>'/],
    [['sales', '--bogus'], /unknown option '--bogus'/],
    [['--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['serve', '--log-level', 'loud'], /--log-level.*'loud' is invalid/],
    [['serve', '--tls-cert', '/nonexistent/cert.pem', '--tls-key', '/nonexistent/key.pem'], /Cannot read/],
    [['serve', '--tls-cert', CLI], /--tls-cert and --tls-key go together/],
  ])('refuses %j with one line on stderr and exit 2', async (args, message) => {
    const r = await kassa([...args, '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('refuses a bad port from the environment too', async () => {
    const r = await kassa(['--data-dir', dataDir], { KASSA_PORT: 'abc' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/KASSA_PORT/);
  });

  it('starts a server when no command is given', async () => {
    const port = await freePort();
    const serverDir = mkdtempSync(join(tmpdir(), 'kassa-cli-serve-'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, '--port', String(port), '--data-dir', serverDir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      const started = Date.now();
      let health: Response | undefined;
      while (!health && Date.now() - started < 30_000) {
        health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
        if (!health) await new Promise((r) => setTimeout(r, 200));
      }
      expect(health?.status).toBe(200);
      expect(await health?.json()).toMatchObject({ status: 'ok', storage: 'sqlite' });
      expect(stdout).toContain(`Kassa sync server on http://127.0.0.1:${port}`);
      expect(stdout).not.toContain('Usage:');
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(serverDir, { recursive: true, force: true });
    }
  });
});
