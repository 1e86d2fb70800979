import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { syncPaths } from '../../../../core/sync/protocol';

/** A small seeded PRNG (mulberry32): the proxy's choices replay from the seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bodyOf(req: IncomingMessage): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => ok(Buffer.concat(parts)));
    req.on('error', fail);
  });
}

const FORWARDED = ['authorization', 'content-type', 'accept'];

export interface DupProxy {
  url: string;
  /** Push requests the till sent, and copies the server received (duplicates and replays). */
  stats(): { pushes: number; delivered: number; replays: number; reordered: number };
  /** Waits for every copy still on its way to the server. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real HTTP proxy between a till and the server. Each journal push is split in two halves,
 * each sent to the server 2–5 times at once; for about half the pushes (seeded) the later half
 * is committed before the earlier half leaves. A replay of an earlier push goes along, and a copy
 * of every push is sent once more after the next push. So the server sees each event several
 * times and events out of order. The till gets one answer per half, merged (or the first that
 * is not 200). Every other request is forwarded once.
 */
export async function startDupProxy(upstream: string, seed: number): Promise<DupProxy> {
  const random = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const earlier: { headers: Record<string, string>; body: Buffer }[] = [];
  let late: (() => Promise<void>) | undefined;
  const inFlight = new Set<Promise<unknown>>();
  let pushes = 0;
  let delivered = 0;
  let replays = 0;
  let reordered = 0;

  const send = (path: string, method: string, headers: Record<string, string>, body?: Buffer) => {
    const p = fetch(`${upstream}${path}`, {
      method,
      headers,
      ...(body ? { body: new Uint8Array(body) } : {}),
    });
    inFlight.add(p);
    void p.then(
      () => inFlight.delete(p),
      () => inFlight.delete(p),
    );
    return p;
  };

  // One copy's answer of each part, read; the others are read and dropped.
  const ownAnswer = async (copies: Promise<Response>[]): Promise<Response> => {
    const settled = await Promise.all(copies.map((c) => c.catch(() => undefined)));
    const answered = settled.filter((r): r is Response => r !== undefined);
    if (answered.length === 0) throw new Error('no copy answered');
    const chosen = pick(answered);
    for (const r of answered) if (r !== chosen) await r.text();
    return chosen;
  };

  const pushThrough = async (
    path: string,
    headers: Record<string, string>,
    body: Buffer,
  ): Promise<Response> => {
    pushes++;
    const previousLate = late;
    const rows = JSON.parse(body.toString('utf8')) as unknown[];
    const half = Math.ceil(rows.length / 2);
    const parts = rows.length >= 2 ? [rows.slice(0, half), rows.slice(half)] : [rows];
    const copiesOf = (part: unknown[]) => {
      const n = 2 + Math.floor(random() * 4);
      delivered += n;
      const partBody = Buffer.from(JSON.stringify(part));
      return Array.from({ length: n }, () => send(path, 'POST', headers, partBody));
    };
    const stale = earlier.length > 0 ? pick(earlier) : undefined;
    const replay = () => {
      if (!stale) return;
      replays++;
      delivered++;
      void send(path, 'POST', stale.headers, stale.body).then((r) => r.text());
    };
    let answers: Response[];
    if (parts.length === 2 && random() < 0.5) {
      // Reordered: the later half is committed before the earlier half leaves.
      reordered++;
      const later = await ownAnswer(copiesOf(parts[1]!));
      replay();
      const first = await ownAnswer(copiesOf(parts[0]!));
      answers = [first, later];
    } else {
      const copies = parts.map((part) => copiesOf(part));
      replay();
      answers = await Promise.all(copies.map((c) => ownAnswer(c)));
    }
    // The late copy of the previous push arrives after this one has left the till.
    void previousLate?.();
    late = async () => {
      delivered++;
      replays++;
      await send(path, 'POST', headers, body).then((r) => r.text());
    };
    earlier.push({ headers, body });
    const refused = answers.find((r) => r.status !== 200);
    if (refused) {
      for (const r of answers) if (r !== refused) await r.text();
      return refused;
    }
    const conflicts = (await Promise.all(answers.map((r) => r.json() as Promise<unknown[]>))).flat();
    return new Response(JSON.stringify(conflicts), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await bodyOf(req);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === 'string' && (FORWARDED.includes(k) || k.startsWith('x-kassa'))) headers[k] = v;
      }
      const path = req.url ?? '/';
      const method = req.method ?? 'GET';
      const hasBody = method !== 'GET' && method !== 'HEAD';
      let answer: Response;
      if (method === 'POST' && path === syncPaths.push('journal')) {
        answer = await pushThrough(path, headers, body);
      } else {
        answer = await send(path, method, headers, hasBody ? body : undefined);
      }
      const out = Buffer.from(await answer.arrayBuffer());
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
      res.end(out);
    })().catch((e: unknown) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => ({ pushes, delivered, replays, reordered }),
    async drain() {
      await late?.();
      late = undefined;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
