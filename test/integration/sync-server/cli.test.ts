import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { kassaServerArgs } from '../../support/kassa-server-command';
import { CLI, kassa } from './support/cli';
import { freePort } from '../../support/free-port';

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../sync-server/programs/examples');

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
    for (const c of [
      'serve',
      'seed-demo',
      'pair-code',
      'exceptions',
      'gaps',
      'sales',
      'refold',
      'programs',
      'members',
    ]) {
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
      [...kassaServerArgs(), '--port', String(port), '--data-dir', serverDir],
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

/** `programs import|list|retire` and `members import|list|show`, on their own data dir. */
describe('kassa-server CLI: programs and members', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-cli-loyalty-'));
  const file = (name: string, content: unknown) => {
    const path = join(dataDir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const cli = (...args: string[]) => kassa([...args, '--data-dir', dataDir]);
  const stars = join(EXAMPLES, 'starbucks-stars.json');
  const weekend = join(EXAMPLES, 'weekend-double.json');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports program files, refuses a bad one with its file and path (nothing published), and lists them', async () => {
    const bad = file('bad.json', {
      id: 'broken',
      version: 1,
      name: 'Broken',
      kind: 'points',
      status: 'active',
      rules: [
        { id: 'a', name: 'A', then: [{ type: 'points-fixed', points: 1 }] },
        { id: 'b', name: 'B', then: [{ type: 'points-fixed', points: 1 }] },
        { id: 'c', name: 'C', then: [{ type: 'points-fixed', points: -1 }], priority: 1.5 },
      ],
    });
    const notJson = file('not-json.json', '{ nope');
    const refused = await cli('programs', 'import', stars, bad, notJson, join(dataDir, 'missing.json'));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    const lines = refused.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('Nothing published.');
    expect(lines).toContain(`${bad}: rules[2].then[0].points: must be a whole number ≥ 0`);
    expect(lines).toContain(`${bad}: rules[2].priority: must be a whole number`);
    expect(lines.some((l) => l.startsWith(`${notJson}: not JSON`))).toBe(true);
    expect(lines.some((l) => l.startsWith(`${join(dataDir, 'missing.json')}: cannot read`))).toBe(true);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect((await cli('programs', 'list')).stdout).toBe('No programs published.\n');

    const ok = await cli('programs', 'import', stars, weekend);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^published\s+stars v1\s+"Koffie Stars/m);
    expect(ok.stdout).toMatch(/2 published, 0 unchanged\./);

    const again = await cli('programs', 'import', stars, weekend, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({
      programs: [
        { programId: 'stars', outcome: 'unchanged' },
        { programId: 'weekend-double', outcome: 'unchanged' },
      ],
    });

    const changed = file('stars-changed.json', {
      ...JSON.parse(readFileSync(stars, 'utf8')),
      name: 'Other stars',
    });
    const taken = await cli('programs', 'import', changed);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain(
      `${changed}: version: stars version 1 is already published with other content; a published version never changes — publish it as version 2`,
    );
    const list = JSON.parse((await cli('programs', 'list', '--json')).stdout) as {
      programs: { programId: string; version: number; name: string; scopeStores: null; retiredAt: null }[];
    };
    expect(list.programs.map((p) => [p.programId, p.version, p.name])).toEqual([
      ['stars', 1, 'Koffie Stars (Starbucks Rewards-like)'],
      ['weekend-double', 1, 'Weekend double points'],
    ]);
    expect((await cli('programs', 'list')).stdout).toMatch(/^stars\s+1\s+Koffie Stars.*every store/m);

    expect((await cli('programs', 'retire', 'weekend-double')).stdout).toBe(
      'Retired weekend-double (1 version).\n',
    );
    expect((await cli('programs', 'retire', 'weekend-double')).stdout).toBe(
      'weekend-double was already retired.\n',
    );
    expect(await cli('programs', 'retire', 'nope')).toMatchObject({
      code: 1,
      stderr: 'There is no published program "nope".\n',
    });
    expect((await cli('programs', 'list')).stdout).toMatch(
      /^weekend-double\s+1 .*\d{4}-\d\d-\d\dT.*\d{4}-\d\d-\d\dT/m,
    );
  });

  it('imports, lists and shows members; refuses a bad file with its paths', async () => {
    expect((await cli('seed-demo')).stdout).toMatch(
      /Loyalty: 28 members \(28 written now\), 16 program versions \(16 published now\)\. Demo card to type or scan: 2620000000015/,
    );
    const members = file('members.json', [
      {
        memberId: 'M-CLI-1',
        homeStoreId: 'store-demo-ams',
        fullName: 'Kees van der Kaas',
        email: 'kees@example.nl',
        phone: '0612345699',
        tier: 'Silver',
        optedIn: true,
        cards: ['2620000088880'],
      },
    ]);
    expect(await cli('members', 'import', members)).toMatchObject({
      code: 0,
      stdout: '1 members written, 0 unchanged.\n',
    });
    expect((await cli('members', 'import', members)).stdout).toBe('0 members written, 1 unchanged.\n');
    const bad = file('bad-members.json', [
      { homeStoreId: 'nowhere', fullName: '', optedIn: 'yes', cards: ['2620000000015'] },
    ]);
    const refused = await cli('members', 'import', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Nothing imported\./);
    expect(refused.stderr).toContain(`${bad}: [0].fullName:`);
    expect(refused.stderr).toContain(`${bad}: [0].optedIn:`);

    const list = await cli('members', 'list', '--store', 'store-demo-ams');
    expect(list.stdout).toMatch(
      /^M-CLI-1\s+store-demo-ams\s+Kees van der Kaas\s+Silver\s+2620000088880\s+0\s+0$/m,
    );
    expect(list.stdout).toMatch(/Johanna de Vries\s+Gold\s+2620000000015 7083000000010012/);
    const json = JSON.parse((await cli('members', 'list', '--json', '--limit', '5')).stdout) as {
      members: unknown[];
    };
    expect(json.members).toHaveLength(5);

    const shown = await cli('members', 'show', '2620000088880');
    expect(shown.stdout).toMatch(
      /^Kees van der Kaas \(K\. van der K…\) — member M-CLI-1, home store store-demo-ams$/m,
    );
    expect(shown.stdout).toMatch(/^Balance: 0 {3}Pending: 0 {3}Lifetime earned: 0$/m);
    expect(shown.stdout).toContain('No ledger entries.');
    expect(JSON.parse((await cli('members', 'show', 'M-CLI-1', '--json')).stdout)).toMatchObject({
      member: { memberId: 'M-CLI-1', phoneLast3: '699', tier: 'Silver' },
      ledger: [],
    });
    expect(await cli('members', 'show', '999')).toMatchObject({
      code: 1,
      stderr: 'No member has the id or card "999".\n',
    });
  });

  it.each([
    [
      ['programs', 'import'],
      ['<file...>', '--json'],
    ],
    [['programs', 'list'], ['--json']],
    [['programs', 'retire'], ['<id>']],
    [
      ['members', 'import'],
      ['<file>', '--json'],
    ],
    [
      ['members', 'list'],
      ['--store', '--limit', '--json'],
    ],
    [
      ['members', 'show'],
      ['<card|id>', '--json'],
    ],
  ])('prints the options of %j for --help and exits 0', async (command, options) => {
    const r = await kassa([...command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: kassa-server ${command.join(' ')}`);
    for (const o of options) expect(r.stdout).toContain(o);
  });

  it.each([
    [['programs', 'import'], /missing required argument 'file'/],
    [['members', 'show'], /missing required argument 'card\|id'/],
    [['members', 'list', '--limit', '0'], /--limit.*'0' is invalid/],
  ])('refuses %j with exit 2', async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
