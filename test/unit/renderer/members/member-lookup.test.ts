import { describe, expect, it } from 'vitest';
import {
  resolveAppCodeWhileLoading,
  resolveCard,
  resolveCardWhileLoading,
} from '../../../../renderer/src/features/members/identify';
import { createMemberIndex } from '../../../../renderer/src/features/members/member-index';
import {
  lookupMemberOnline,
  type MemberLookup,
} from '../../../../renderer/src/features/members/member-lookup';
import { ANNA, BOB, CARD_ANNA, CARD_BOB, CARD_UNKNOWN } from './fixtures';

const endpoint = { serverUrl: 'http://hq.test:7070', token: 'till-token' };

/** A fake fetch that records each request and answers with `respond`. */
function fakeFetch(respond: (url: URL, init: RequestInit | undefined) => Promise<Response>) {
  const calls: { url: URL; init: RequestInit | undefined }[] = [];
  const transport: typeof fetch = (input, init) => {
    const url = new URL(String(input));
    calls.push({ url, init });
    return respond(url, init);
  };
  return { transport, calls };
}

const json = (status: number, body: unknown) =>
  Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );

describe('looking up a card online', () => {
  it('asks GET /sync/v1/members/lookup?card= once, with the terminal token, and answers the member', async () => {
    const { transport, calls } = fakeFetch(() => json(200, BOB));
    expect(await lookupMemberOnline(endpoint, CARD_BOB, { transport })).toEqual({ kind: 'found', doc: BOB });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url.pathname).toBe('/sync/v1/members/lookup');
    expect(call?.url.searchParams.get('card')).toBe(CARD_BOB);
    expect(new Headers(call?.init?.headers).get('authorization')).toBe('Bearer till-token');
  });

  it('a 404 member-unknown is an unknown card', async () => {
    const { transport } = fakeFetch(() =>
      json(404, { error: { type: 'member-unknown', message: 'No member has card x.' } }),
    );
    expect(await lookupMemberOnline(endpoint, CARD_UNKNOWN, { transport })).toEqual({ kind: 'unknown' });
  });

  it('a 404 without member-unknown (an older server without the route) is no answer, not "unknown"', async () => {
    const { transport } = fakeFetch(() => json(404, { message: 'Route not found', statusCode: 404 }));
    expect(await lookupMemberOnline(endpoint, CARD_UNKNOWN, { transport })).toEqual({ kind: 'unreachable' });
  });

  it('offline, a server error or an answer that is not a member is no answer', async () => {
    const offline = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await lookupMemberOnline(endpoint, CARD_BOB, { transport: offline.transport })).toEqual({
      kind: 'unreachable',
    });
    const failing = fakeFetch(() => json(500, { error: { type: 'internal', message: 'boom' } }));
    expect(await lookupMemberOnline(endpoint, CARD_BOB, { transport: failing.transport })).toEqual({
      kind: 'unreachable',
    });
    const garbage = fakeFetch(() => json(200, { memberId: 42 }));
    expect(await lookupMemberOnline(endpoint, CARD_BOB, { transport: garbage.transport })).toEqual({
      kind: 'unreachable',
    });
  });

  it('gives up after the timeout: a server that does not answer leaves the till waiting no longer', async () => {
    const { transport } = fakeFetch(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error));
        }),
    );
    const started = performance.now();
    expect(await lookupMemberOnline(endpoint, CARD_BOB, { transport, timeoutMs: 50 })).toEqual({
      kind: 'unreachable',
    });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('resolving a scanned card', () => {
  const index = createMemberIndex([ANNA]);
  const lookupAnswering = (answer: MemberLookup) => {
    const asked: string[] = [];
    return {
      asked,
      lookup: (card: string) => {
        asked.push(card);
        return Promise.resolve(answer);
      },
    };
  };

  it('a card in the replica is the member, with no request', async () => {
    const l = lookupAnswering({ kind: 'unknown' });
    expect(await resolveCard(CARD_ANNA, index, { online: true, lookup: l.lookup })).toEqual({
      kind: 'identified',
      identification: { kind: 'member', memberId: ANNA.memberId, via: 'card', card: CARD_ANNA },
    });
    expect(l.asked).toEqual([]);
  });

  it('online, a card the server knows attaches that member, with the document it answered', async () => {
    const l = lookupAnswering({ kind: 'found', doc: BOB });
    expect(await resolveCard(CARD_BOB, index, { online: true, lookup: l.lookup })).toEqual({
      kind: 'identified',
      identification: { kind: 'member', memberId: BOB.memberId, via: 'card', card: CARD_BOB },
      doc: BOB,
    });
    expect(l.asked).toEqual([CARD_BOB]);
  });

  it('online, a card the server does not know is an unknown card', async () => {
    const l = lookupAnswering({ kind: 'unknown' });
    expect(await resolveCard(CARD_UNKNOWN, index, { online: true, lookup: l.lookup })).toEqual({
      kind: 'card-unknown',
      card: CARD_UNKNOWN,
    });
  });

  it('offline no request is made; with no answer in time the card is provisional, as before', async () => {
    const offline = lookupAnswering({ kind: 'found', doc: BOB });
    expect(await resolveCard(CARD_BOB, index, { online: false, lookup: offline.lookup })).toEqual({
      kind: 'identified',
      identification: { kind: 'provisional', card: CARD_BOB },
    });
    expect(offline.asked).toEqual([]);
    const silent = lookupAnswering({ kind: 'unreachable' });
    expect(await resolveCard(CARD_BOB, index, { online: null, lookup: silent.lookup })).toEqual({
      kind: 'identified',
      identification: { kind: 'provisional', card: CARD_BOB },
    });
    expect(silent.asked).toEqual([CARD_BOB]);
  });
});

describe('a card scanned while the replica is still loading into the index (right after a start)', () => {
  /** A load the test finishes by hand; `settled` tells whether a promise has resolved yet. */
  const loading = () => {
    let finish!: () => void;
    const loaded = new Promise<void>((r) => (finish = r));
    return { loaded, finish };
  };
  const settled = async (p: Promise<unknown>) => {
    let done = false;
    void p.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 0));
    return done;
  };
  const asking = (answer: MemberLookup) => {
    const asked: string[] = [];
    return { asked, lookup: (card: string) => (asked.push(card), Promise.resolve(answer)) };
  };

  it('offline: decided the moment a page brings the member in, not after the whole load', async () => {
    const index = createMemberIndex();
    const { loaded } = loading();
    const l = asking({ kind: 'found', doc: BOB });
    const r = resolveCardWhileLoading(CARD_BOB, index, loaded, { online: false, lookup: l.lookup });
    expect(await settled(r)).toBe(false);
    index.put(ANNA);
    expect(await settled(r)).toBe(false);
    index.put(BOB);
    expect(await r).toEqual({
      kind: 'identified',
      identification: { kind: 'member', memberId: BOB.memberId, via: 'card', card: CARD_BOB },
    });
    expect(l.asked).toEqual([]);
  });

  it('online: the server is asked at once, and its member shown while the load goes on', async () => {
    const { loaded } = loading();
    const l = asking({ kind: 'found', doc: BOB });
    const r = await resolveCardWhileLoading(CARD_BOB, createMemberIndex(), loaded, {
      online: true,
      lookup: l.lookup,
    });
    expect(r).toEqual({
      kind: 'identified',
      identification: { kind: 'member', memberId: BOB.memberId, via: 'card', card: CARD_BOB },
      doc: BOB,
    });
    expect(l.asked).toEqual([CARD_BOB]);
  });

  it('a card the server calls unknown but the last page holds is that member, not refused by the race', async () => {
    const index = createMemberIndex();
    const { loaded, finish } = loading();
    const l = asking({ kind: 'unknown' });
    const r = resolveCardWhileLoading(CARD_ANNA, index, loaded, { online: true, lookup: l.lookup });
    expect(await settled(r)).toBe(false);
    index.put(ANNA);
    finish();
    expect(await r).toEqual({
      kind: 'identified',
      identification: { kind: 'member', memberId: ANNA.memberId, via: 'card', card: CARD_ANNA },
    });
    expect(l.asked).toEqual([CARD_ANNA]);
  });

  it('a card nobody knows is refused (online) or provisional (offline) only once everything is loaded', async () => {
    for (const [online, answer, expected] of [
      [true, { kind: 'unknown' }, { kind: 'card-unknown', card: CARD_UNKNOWN }],
      [
        false,
        { kind: 'unknown' },
        { kind: 'identified', identification: { kind: 'provisional', card: CARD_UNKNOWN } },
      ],
    ] as const) {
      const { loaded, finish } = loading();
      const l = asking(answer);
      const r = resolveCardWhileLoading(CARD_UNKNOWN, createMemberIndex([ANNA]), loaded, {
        online,
        lookup: l.lookup,
      });
      expect(await settled(r)).toBe(false);
      finish();
      expect(await r).toEqual(expected);
      // One request at most: the one made at the scan answers the decision after the load too.
      expect(l.asked).toEqual(online ? [CARD_UNKNOWN] : []);
    }
  });

  it('a verified app code waits for its member to load, then is that member', async () => {
    const index = createMemberIndex();
    const { loaded } = loading();
    const asked: string[] = [];
    const r = resolveAppCodeWhileLoading(
      { memberRef: BOB.memberId, verification: 'verified' },
      index,
      loaded,
      {
        online: true,
        lookupById: (id) => (asked.push(id), Promise.resolve({ kind: 'unknown' } as const)),
      },
    );
    expect(await settled(r)).toBe(false);
    index.put(BOB);
    expect(await r).toEqual({
      ok: true,
      value: { identification: { kind: 'member', memberId: BOB.memberId, via: 'app', card: null } },
    });
    expect(asked).toEqual([]);
  });
});
