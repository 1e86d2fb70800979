import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberDocSchema } from '../../../core/loyalty/member-doc';
import { memberLookupPath, syncPaths, type PairResponse } from '../../../core/sync/protocol';
import { SqliteStorage } from '../../../sync-server/src/storage/sqlite/sqlite-storage';
import { startTestSyncServer, type TestSyncServer } from '../../support/sync-server';
import { call, pairNewTerminal } from './support/http';

/** A card the till does not replicate, looked up online, and kept from then on. */
describe('member look-up by card', () => {
  let server: TestSyncServer;
  let till: PairResponse;
  beforeAll(async () => {
    server = await startTestSyncServer();
    till = await pairNewTerminal(server);
    // A member of another store, written beside the running server (same SQLite file, WAL).
    const side = await SqliteStorage.open(server.dataDir);
    await side.transaction(async (tx) => {
      await tx.stores.upsert(
        {
          storeId: 'store-elsewhere',
          name: 'Elders',
          currency: 'EUR',
          timeZone: 'Europe/Amsterdam',
          locale: 'nl-NL',
          variableMeasure: [],
        },
        1,
      );
      await tx.members.upsert([
        {
          memberId: 'M-far',
          homeStoreId: 'store-elsewhere',
          fullName: 'Pieter van den Berg',
          email: 'pieter@example.nl',
          enrolledAt: 1,
          optedIn: true,
          cards: ['7083000000000001'],
        },
      ]);
    });
    await side.close();
  });
  afterAll(() => server.close());

  const membersAfter = async (checkpoint: number) =>
    (await call(server, 'GET', `${syncPaths.pull('members')}?serverSeq=${checkpoint}`, { token: till.token }))
      .body as {
      documents: { memberId: string }[];
      checkpoint: { serverSeq: number };
    };

  it('answers a card of another store’s member, masked, and the feed keeps the member on this store’s tills', async () => {
    const before = await membersAfter(0);
    expect(before.documents.map((d) => d.memberId)).not.toContain('M-far');
    const r = await call(server, 'GET', `${memberLookupPath}?card=7083000000000001`, { token: till.token });
    expect(r.status).toBe(200);
    const doc = memberDocSchema.parse(r.body);
    expect(doc).toMatchObject({
      memberId: 'M-far',
      displayName: 'P. van den B…',
      cards: ['7083000000000001'],
    });
    expect(JSON.stringify(r.body)).not.toMatch(/Pieter|example\.nl/);
    // From its own checkpoint, the till's next pull brings the member.
    expect((await membersAfter(before.checkpoint.serverSeq)).documents.map((d) => d.memberId)).toEqual([
      'M-far',
    ]);
  });

  it('answers an unknown card with 404 and a readable message, and needs the till token', async () => {
    const r = await call(server, 'GET', `${memberLookupPath}?card=7083999999999999`, { token: till.token });
    expect(r).toMatchObject({
      status: 404,
      body: { error: { type: 'member-unknown', message: 'No member has card 7083999999999999.' } },
    });
    expect((await call(server, 'GET', `${memberLookupPath}?card=7083000000000001`)).status).toBe(401);
  });
});
