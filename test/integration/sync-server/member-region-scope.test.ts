import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncPaths } from '../../../core/sync/protocol';
import { issuePairingCode, pairTerminal } from '../../../sync-server/src/domain/pairing';
import { saveStores } from '../../../sync-server/src/domain/stores';
import type { MemberInput } from '../../../sync-server/src/storage/repos/members';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';
import { sseReader } from './support/sse';
import { quietApp } from './support/app';
import { amsterdamStore } from './support/seed';

/**
 * Members replicate to a till by region plus "seen here in the last N days" (issue 8): through
 * the pull and the one SSE stream, on both adapters, with N = 30 (serve --members-seen-days).
 */
const ADMIN = 'admin-token-for-tests';
const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-03-02T10:00:00Z');
const SEEN_DAYS = 30;

const store = (storeId: string, region: string | null) => ({
  ...amsterdamStore(storeId, `Winkel ${storeId}`),
  region,
});
const member = (memberId: string, homeStoreId: string, fullName = `Lid ${memberId}`): MemberInput => ({
  memberId,
  homeStoreId,
  fullName,
  enrolledAt: 1,
  optedIn: true,
  cards: [`7083${memberId.padStart(12, '0')}`],
});

interface MembersPage {
  documents: { memberId: string; displayName: string; serverSeq: number }[];
  checkpoint: { serverSeq: number };
}

describe.each([sqliteAdapter(), postgresAdapter()])(
  'members scope by region: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    let app: FastifyInstance;
    let url: string;
    const tokens = new Map<string, string>();
    const streams: AbortController[] = [];

    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      // A and B share nl-randstad; C is in nl-brabant; D has no region.
      const saved = await saveStores(
        s,
        [store('A', 'nl-randstad'), store('B', 'nl-randstad'), store('C', 'nl-brabant'), store('D', null)],
        1,
      );
      expect(saved.ok).toBe(true);
      await s.transaction(async (tx) => {
        await tx.members.upsert([
          member('MA', 'A'),
          member('MB', 'B'),
          member('MC', 'C'),
          member('MD', 'D'),
          member('MX', 'C'),
          member('MY', 'C'),
        ]);
        // Seen at D exactly N days ago (still in the window), and one millisecond before that.
        await tx.members.markSeen('MX', 'D', NOW - SEEN_DAYS * DAY);
        await tx.members.markSeen('MY', 'D', NOW - SEEN_DAYS * DAY - 1);
      });
      for (const storeId of ['A', 'B', 'C', 'D']) {
        const code = await issuePairingCode(s, storeId, NOW);
        if (!code.ok) throw new Error(code.message);
        const paired = await pairTerminal(
          s,
          { code: code.value.code, terminalName: `Kassa ${storeId}` },
          NOW,
        );
        if (!paired.ok) throw new Error(paired.message);
        tokens.set(storeId, paired.value.token);
      }
      app = await quietApp(s, ADMIN, () => NOW, { membersSeenDays: SEEN_DAYS });
      url = await app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterEach(async () => {
      for (const c of streams.splice(0)) c.abort();
      await app.close();
      await s.close();
    });

    const pull = async (storeId: string, after = 0): Promise<MembersPage> => {
      const res = await fetch(new URL(`${syncPaths.pull('members')}?serverSeq=${after}&limit=1000`, url), {
        headers: { authorization: `Bearer ${tokens.get(storeId)}` },
      });
      expect(res.status).toBe(200);
      return (await res.json()) as MembersPage;
    };
    const ids = (p: MembersPage) => p.documents.map((d) => d.memberId).sort();

    /** The till's one feed stream; the first message (RESYNC) is read before this resolves. */
    const openStream = async (storeId: string) => {
      const abort = new AbortController();
      streams.push(abort);
      const res = await fetch(new URL(syncPaths.feedStream, url), {
        headers: { authorization: `Bearer ${tokens.get(storeId)}`, accept: 'text/event-stream' },
        signal: abort.signal,
      });
      const next = sseReader(res.body as ReadableStream<Uint8Array>);
      expect(await next()).toBe('RESYNC');
      /** The next members message (other collections' messages are skipped). */
      return async (): Promise<MembersPage> => {
        for (;;) {
          const m = (await next()) as { collection?: string } & MembersPage;
          if (m.collection === 'members') return m;
        }
      };
    };
    const rename = (m: MemberInput, fullName: string) =>
      s.transaction((tx) => tx.members.upsert([{ ...m, fullName }]));

    it("pulls the region's members and those seen here within N days, and no other region's member", async () => {
      // B is A's neighbour: A's member and its own.
      expect(ids(await pull('B'))).toEqual(['MA', 'MB']);
      expect(ids(await pull('A'))).toEqual(['MA', 'MB']);
      // C, in another region, gets none of A's or B's.
      expect(ids(await pull('C'))).toEqual(['MC', 'MX', 'MY']);
      // D has no region: its own member, and MX seen here exactly N days ago; MY (N days and 1 ms) is out.
      expect(ids(await pull('D'))).toEqual(['MD', 'MX']);
    });

    it("wakes the tills of the member's region and of the stores that saw them, and no other", async () => {
      const nextB = await openStream('B');
      const nextC = await openStream('C');
      const nextD = await openStream('D');
      const head = await s.feed.head();

      await rename(member('MA', 'A'), 'Anna Jansen');
      const toB = await nextB();
      expect(toB.documents.map((d) => [d.memberId, d.displayName])).toEqual([['MA', 'A. J…']]);
      expect(toB.documents[0]!.serverSeq).toBeGreaterThan(head);

      // A member of C changes: C's till, and D's (MX was seen there), hear it; B's does not.
      await rename(member('MX', 'C'), 'Xander de Wit');
      expect((await nextC()).documents.map((d) => d.memberId)).toEqual(['MX']);
      expect((await nextD()).documents.map((d) => d.memberId)).toEqual(['MX']);
      // B's next message is its own member: nothing of C's region came before it.
      await rename(member('MB', 'B'), 'Bram Bakker');
      expect((await nextB()).documents.map((d) => d.memberId)).toEqual(['MB']);
      // And C's next message is C's own: A's change never reached it.
      await rename(member('MC', 'C'), 'Cor Smit');
      expect((await nextC()).documents.map((d) => d.memberId)).toEqual(['MC']);
    });

    it('a store that moves to another region gets its new neighbours’ members, and no longer its old ones’', async () => {
      const b = await pull('B');
      const c = await pull('C');
      const nextB = await openStream('B');
      const nextC = await openStream('C');

      // C joins nl-randstad (the admin API, as HQ would).
      const moved = await app.inject({
        method: 'POST',
        url: '/admin/stores',
        headers: { authorization: `Bearer ${ADMIN}` },
        payload: store('C', 'nl-randstad'),
      });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ store: { storeId: 'C', region: 'nl-randstad' } });
      // From their own checkpoints, C's till gets A's and B's members, and B's gets C's.
      expect(ids(await pull('C', c.checkpoint.serverSeq))).toEqual(['MA', 'MB', 'MC', 'MX', 'MY']);
      expect(ids(await pull('B', b.checkpoint.serverSeq))).toEqual(['MA', 'MB', 'MC', 'MX', 'MY']);
      // The streams were woken with the same.
      expect(ids(await nextC())).toEqual(['MA', 'MB', 'MC', 'MX', 'MY']);
      expect(ids(await nextB())).toEqual(['MA', 'MB', 'MC', 'MX', 'MY']);

      // B leaves for a region of its own: A's changes no longer reach B's till.
      const left = await saveStores(s, store('B', 'nl-utrecht'), 2);
      expect(left.ok).toBe(true);
      // Its own member again, republished for the region it joined (its only store).
      expect(ids(await nextB())).toEqual(['MB']);
      await rename(member('MA', 'A'), 'Anna de Boer');
      await rename(member('MB', 'B'), 'Bram de Boer');
      expect(ids(await nextB())).toEqual(['MB']);
      expect(ids(await nextC())).toEqual(['MA']);
      expect(ids(await pull('B'))).toEqual(['MB']);
    });

    it('keeps a region when an update sends none, and takes the store out of it with null', async () => {
      const settings = { ...store('B', null) } as Partial<ReturnType<typeof store>>;
      delete settings.region;
      expect(await saveStores(s, { ...settings, name: 'Winkel Bee' }, 2)).toMatchObject({
        ok: true,
        value: [{ storeId: 'B', name: 'Winkel Bee', region: 'nl-randstad' }],
      });
      expect(ids(await pull('B'))).toEqual(['MA', 'MB']);
      expect(await saveStores(s, store('B', null), 3)).toMatchObject({ ok: true, value: [{ region: null }] });
      expect(ids(await pull('B'))).toEqual(['MB']);
      expect((await s.stores.list()).map((st) => [st.storeId, st.region])).toEqual([
        ['A', 'nl-randstad'],
        ['B', null],
        ['C', 'nl-brabant'],
        ['D', null],
      ]);
    });

    it('refuses a bad region at the admin API with a readable message, and changes nothing', async () => {
      const r = await app.inject({
        method: 'POST',
        url: '/admin/stores',
        headers: { authorization: `Bearer ${ADMIN}` },
        payload: store('B', 'NL Randstad'),
      });
      expect(r.statusCode).toBe(422);
      expect(r.json<{ error: { message: string } }>().error.message).toMatch(
        /region: a region is lowercase letters and digits in words joined by single hyphens, such as nl-randstad/,
      );
      expect((await s.stores.record('B'))?.region).toBe('nl-randstad');
    });
  },
);
