import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_RECONNECT_MS,
  MIN_RECONNECT_MS,
  openFeedStream,
  reconnectDelay,
  type FeedStream,
} from '../../../../renderer/src/sync/feed-stream';

type Answer = 'stream' | 'unreachable' | number;

/**
 * A fake server: each fetch is answered by the next of `answers` (then 'stream'): an open SSE
 * stream the test can end, a network error, or an HTTP status. Every stream first asks the
 * EventSource to retry after 10 ms by itself (`retry:`), so a retry of its own would show at once.
 */
function fakeServer(answers: Answer[]) {
  const streams: { end(): void }[] = [];
  let fetches = 0;
  const encoder = new TextEncoder();
  const fetch: typeof globalThis.fetch = () => {
    fetches++;
    const answer = answers.shift() ?? 'stream';
    if (answer === 'unreachable') return Promise.reject(new TypeError('fetch failed'));
    if (typeof answer === 'number') return Promise.resolve(new Response('no', { status: answer }));
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
    controller.enqueue(encoder.encode('retry: 10\ndata: "RESYNC"\n\n'));
    streams.push({ end: () => controller.close() });
    return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
  };
  return { fetch, streams, fetches: () => fetches };
}

/** Records every reconnect the stream asks for; the test fires them one at a time. */
function manualSchedule() {
  const pending: (() => void)[] = [];
  const delays: number[] = [];
  return {
    schedule: (reconnect: () => void, ms: number) => {
      delays.push(ms);
      pending.push(reconnect);
      return () => {
        const i = pending.indexOf(reconnect);
        if (i >= 0) pending.splice(i, 1);
      };
    },
    delays,
    pending,
    fire: () => pending.shift()?.(),
  };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};
const settle = () => new Promise((r) => setTimeout(r, 60));

let feed: FeedStream | undefined;
afterEach(() => feed?.close());

function open(answers: Answer[], random: () => number) {
  const server = fakeServer(answers);
  const timer = manualSchedule();
  let opens = 0;
  const errors: (number | undefined)[] = [];
  feed = openFeedStream(
    { serverUrl: 'http://kassa.test', token: 't' },
    { onOpen: () => opens++, onError: (status) => errors.push(status) },
    server.fetch,
    { random, schedule: timer.schedule },
  );
  feed.collection('products').subscribe(() => {});
  return { server, timer, opens: () => opens, errors };
}

describe('feed stream reconnects', () => {
  it('draws each delay from the whole back-off window, doubling to the cap, the first one too', () => {
    const windows = [0, 1, 2, 3, 4, 5, 40].map((a) => reconnectDelay(a, () => 0.999_999));
    expect(windows).toEqual([499, 999, 1999, 3999, 4999, 4999, 4999]);
    expect(reconnectDelay(0, () => 0)).toBe(0);
    expect(reconnectDelay(3, () => 0.5)).toBe(2000);
    expect(MIN_RECONNECT_MS).toBe(500);
    expect(MAX_RECONNECT_MS).toBe(5_000);
  });

  it('after a network error waits on its own jittered timer, not the EventSource retry', async () => {
    const randoms = [0.1, 0.7, 0.3];
    const t = open(['stream', 'unreachable', 'unreachable'], () => randoms.shift()!);
    await until(() => t.opens() === 1);
    t.server.streams[0]!.end();
    await until(() => t.timer.delays.length === 1);
    t.timer.fire();
    await until(() => t.timer.delays.length === 2);
    await settle();
    // One attempt per reconnect our timer fired: the package did not retry by itself (its
    // stream had asked for 10 ms).
    expect(t.server.fetches()).toBe(2);
    expect(t.errors).toEqual([undefined, undefined]);
    t.timer.fire();
    await until(() => t.timer.delays.length === 3);
    expect(t.timer.delays).toEqual([50, 700, 600]);
    t.timer.fire();
    await until(() => t.opens() === 2);
    await settle();
    expect(t.server.fetches()).toBe(4);
    expect(t.timer.pending).toHaveLength(0);
  });

  it('after the server ends the stream (a restart) reconnects within the first window, jittered', async () => {
    const t = open([], () => 0.42);
    await until(() => t.opens() === 1);
    t.server.streams[0]!.end();
    await until(() => t.timer.delays.length === 1);
    await settle();
    // The stream's `retry: 10` would have reconnected by now; only our timer may.
    expect(t.server.fetches()).toBe(1);
    expect(t.timer.delays).toEqual([210]);
    t.timer.fire();
    await until(() => t.opens() === 2);
    expect(t.server.fetches()).toBe(2);
  });

  it('after HTTP errors backs off with jitter, and starts from the first window again once open', async () => {
    const t = open([503, 503, 'stream'], () => 0.5);
    await until(() => t.timer.delays.length === 1);
    t.timer.fire();
    await until(() => t.timer.delays.length === 2);
    t.timer.fire();
    await until(() => t.opens() === 1);
    expect(t.errors).toEqual([503, 503]);
    expect(t.timer.delays).toEqual([250, 500]);

    t.server.streams[0]!.end();
    await until(() => t.timer.delays.length === 3);
    expect(t.timer.delays[2]).toBe(250);
  });

  it('asks for no reconnect once closed', async () => {
    const t = open(['unreachable'], () => 0.5);
    await until(() => t.timer.pending.length === 1);
    feed!.close();
    expect(t.timer.pending).toHaveLength(0);
  });
});
