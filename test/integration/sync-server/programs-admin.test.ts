import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSyncServer, type TestSyncServer } from '../../support/sync-server';
import { call, pairNewTerminal } from './support/http';

const EXAMPLES = join(__dirname, '../../../sync-server/programs/examples');
const example = (file: string) =>
  JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Record<string, unknown>;
const bad = {
  id: 'broken',
  version: 1,
  name: 'Broken',
  kind: 'points',
  status: 'active',
  rules: [
    { id: 'a', name: 'A', then: [{ type: 'points-fixed', points: 5 }] },
    { id: 'b', name: 'B', then: [{ type: 'points-fixed', points: 5 }] },
    { id: 'c', name: 'C', then: [{ type: 'points-fixed', points: -1 }] },
  ],
};

/** Publishing, listing and retiring programs over the admin API; what tills pull. */
describe('admin API: programs', () => {
  let server: TestSyncServer;
  let till: string;
  const admin = (method: string, path: string, body?: unknown) =>
    call(server, method, path, { token: server.adminToken, ...(body !== undefined ? { body } : {}) });
  const pulled = async () =>
    (
      (await call(server, 'GET', '/sync/v1/programs/pull?serverSeq=0&limit=5000', { token: till })).body as {
        documents: { docId: string; _deleted: boolean }[];
      }
    ).documents;

  beforeAll(async () => {
    server = await startTestSyncServer();
    till = (await pairNewTerminal(server)).token;
  });
  afterAll(() => server.close());

  it('has the demo store’s programs published by the seed, in its scope', async () => {
    const r = await admin('GET', '/admin/programs');
    const ids = (r.body as { programs: { programId: string; scopeStores: string[] | null }[] }).programs;
    expect(ids.map((p) => p.programId)).toEqual(
      expect.arrayContaining(['demo-stars', 'demo-tiers', 'demo-round-up']),
    );
    expect(ids.every((p) => JSON.stringify(p.scopeStores) === '["store-demo-ams"]')).toBe(true);
    expect((await pulled()).map((d) => d.docId)).toContain('demo-stars@1');
  });

  it('publishes a program once; the same again is unchanged; other content under its version is refused', async () => {
    const weekend = example('weekend-double.json');
    const first = await admin('POST', '/admin/programs', weekend);
    expect(first).toMatchObject({
      status: 200,
      body: {
        programs: [{ programId: 'weekend-double', version: 1, outcome: 'published', scopeStores: null }],
      },
    });
    expect((await admin('POST', '/admin/programs', [weekend])).body).toMatchObject({
      programs: [{ outcome: 'unchanged' }],
    });
    const changed = await admin('POST', '/admin/programs', { ...weekend, name: 'Weekend triple points' });
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({
      error: { type: 'program-version-taken', path: 'version', message: expect.stringMatching(/version 2/) },
    });
    expect(
      (await admin('POST', '/admin/programs', { ...weekend, version: 2, name: 'Weekend triple points' }))
        .body,
    ).toMatchObject({ programs: [{ version: 2, outcome: 'published' }] });
    // A program for every store replicates to the demo till.
    expect((await pulled()).map((d) => d.docId)).toEqual(
      expect.arrayContaining(['weekend-double@1', 'weekend-double@2']),
    );
  });

  it('answers 422 with the path of a bad program, and publishes nothing of the batch', async () => {
    const r = await admin('POST', '/admin/programs', [example('round-up-donation.json'), bad]);
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({
      error: {
        type: 'invalid-program',
        path: 'rules[2].then[0].points',
        message: expect.stringContaining('programs[1]: rules[2].then[0].points: must be a whole number ≥ 0'),
      },
    });
    const list = (await admin('GET', '/admin/programs')).body as { programs: { programId: string }[] };
    expect(list.programs.map((p) => p.programId)).not.toContain('round-up');
    expect((await admin('POST', '/admin/programs', 'not a program')).body).toMatchObject({
      error: { type: 'invalid-program', path: '(program)' },
    });
  });

  it('keeps a program scoped to another store away from the demo till', async () => {
    const scoped = {
      ...example('round-up-donation.json'),
      id: 'elsewhere',
      scope: { stores: ['store-other'] },
    };
    expect((await admin('POST', '/admin/programs', scoped)).body).toMatchObject({
      programs: [{ programId: 'elsewhere', scopeStores: ['store-other'] }],
    });
    expect((await pulled()).map((d) => d.docId)).not.toContain('elsewhere@1');
  });

  it('retires every version of a program: the till gets them deleted; unknown ids are 404', async () => {
    expect((await admin('POST', '/admin/programs/weekend-double/retire')).body).toEqual({
      programId: 'weekend-double',
      retired: 2,
    });
    expect((await admin('POST', '/admin/programs/weekend-double/retire')).body).toEqual({
      programId: 'weekend-double',
      retired: 0,
    });
    const docs = (await pulled()).filter((d) => d.docId.startsWith('weekend-double@'));
    expect(docs.map((d) => d._deleted)).toEqual([true, true]);
    const list = (await admin('GET', '/admin/programs')).body as {
      programs: { programId: string; retiredAt: number | null }[];
    };
    expect(
      list.programs.filter((p) => p.programId === 'weekend-double').every((p) => p.retiredAt !== null),
    ).toBe(true);
    expect(await admin('POST', '/admin/programs/no-such/retire')).toMatchObject({
      status: 404,
      body: { error: { type: 'not-found' } },
    });
  });

  it('needs the admin token', async () => {
    expect((await call(server, 'GET', '/admin/programs', { token: till })).status).toBe(401);
    expect((await call(server, 'POST', '/admin/programs', { body: bad })).status).toBe(401);
  });
});
