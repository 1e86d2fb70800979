import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_REWARDS } from '../../../sync-server/src/demo/demo-rewards';
import { kassaServerArgs } from '../../support/kassa-server-command';
import { startTestSyncServer, type TestSyncServer } from '../../support/sync-server';
import { call, pairNewTerminal } from './support/http';

const run = promisify(execFile);
const voucher = {
  id: 'voucher-five',
  version: 1,
  name: '€5 voucher',
  cost: { points: 500 },
  kind: { type: 'voucher', amountCents: 500, validDays: 30 },
};

/** `kassa-server rewards …` on its own data dir: exit 1 with every mistake, file and path. */
describe('kassa-server CLI: rewards', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kassa-cli-rewards-'));
  const file = (name: string, content: unknown) => {
    const path = join(dataDir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const cli = async (...args: string[]) => {
    try {
      const r = await run(process.execPath, [...kassaServerArgs(), ...args, '--data-dir', dataDir]);
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const x = e as { code?: number; stdout?: string; stderr?: string };
      return { code: x.code ?? -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
    }
  };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses bad files with their paths (nothing published), publishes, lists and retires', async () => {
    const good = file('voucher.json', voucher);
    const bad = file('bad.json', [voucher, { ...voucher, id: 'Bad Id', kind: { type: 'cashback' } }]);
    const refused = await cli('rewards', 'import', good, bad, file('nope.json', '{ nope'));
    expect(refused.code).toBe(1);
    const lines = refused.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('Nothing published.');
    expect(lines).toContain(`${bad}[1]: id: must be lower-case letters, digits, ".", "_" or "-"`);
    expect(lines).toContain(
      `${bad}[1]: kind.type: must be one of: basket-amount, basket-percent, line-discount, free-product, voucher, donation`,
    );
    expect(lines.some((l) => l.includes('nope.json: not JSON'))).toBe(true);
    expect((await cli('rewards', 'list')).stdout).toBe('No rewards published.\n');

    const ok = await cli('rewards', 'import', good);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/^published\s+voucher-five v1/m) });
    const taken = await cli('rewards', 'import', file('changed.json', { ...voucher, cost: { points: 400 } }));
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/version: voucher-five version 1 is already published .* as version 2/);
    expect((await cli('rewards', 'list')).stdout).toMatch(
      /^voucher-five\s+1\s+€5 voucher\s+voucher\s+500 points\s+every store/m,
    );
    expect((await cli('rewards', 'retire', 'voucher-five')).stdout).toBe(
      'Retired voucher-five (1 version).\n',
    );
    expect(await cli('rewards', 'retire', 'nope')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no published reward "nope"'),
    });
  });
});

/** The admin API: the same, and what a till of the demo store pulls. */
describe('admin API: rewards', () => {
  let server: TestSyncServer;
  let till: string;
  const admin = (method: string, path: string, body?: unknown) =>
    call(server, method, path, { token: server.adminToken, ...(body !== undefined ? { body } : {}) });
  const pulled = async () =>
    (
      (await call(server, 'GET', '/sync/v1/rewards/pull?serverSeq=0&limit=5000', { token: till })).body as {
        documents: { docId: string; _deleted: boolean }[];
      }
    ).documents;
  beforeAll(async () => {
    server = await startTestSyncServer();
    till = (await pairNewTerminal(server)).token;
  });
  afterAll(() => server.close());

  it('has the demo catalogue seeded, and the demo till pulls it', async () => {
    const r = (await admin('GET', '/admin/rewards')).body as { rewards: { rewardId: string }[] };
    expect(r.rewards.map((x) => x.rewardId).sort()).toEqual(DEMO_REWARDS.map((x) => x.id).sort());
    expect((await pulled()).map((d) => d.docId)).toEqual(expect.arrayContaining(['demo-donate-foodbank@1']));
  });

  it('answers 422 with the path of a bad reward, 409 for other content under a version, 401 without the token', async () => {
    const bad = await admin('POST', '/admin/rewards', [voucher, { ...voucher, id: 'x', cost: {} }]);
    expect(bad).toMatchObject({
      status: 422,
      body: {
        error: {
          type: 'invalid-reward',
          path: 'cost.points',
          message: expect.stringContaining('rewards[1]: cost.points: is required'),
        },
      },
    });
    expect((await admin('POST', '/admin/rewards', voucher)).body).toMatchObject({
      rewards: [{ outcome: 'published' }],
    });
    expect(await admin('POST', '/admin/rewards', { ...voucher, name: 'Other' })).toMatchObject({
      status: 409,
      body: { error: { type: 'reward-version-taken', path: 'version' } },
    });
    expect((await call(server, 'GET', '/admin/rewards', { token: till })).status).toBe(401);
    // A reward for every store replicates to the demo till; retired, it comes back deleted.
    expect((await admin('POST', '/admin/rewards/voucher-five/retire')).body).toEqual({
      rewardId: 'voucher-five',
      retired: 1,
    });
    expect((await pulled()).find((d) => d.docId === 'voucher-five@1')).toMatchObject({ _deleted: true });
    expect((await admin('POST', '/admin/rewards/nope/retire')).status).toBe(404);
  });
});
