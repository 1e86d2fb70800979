import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../../core/sync/protocol';
import { upsertCatalogue } from '../../../sync-server/src/domain/catalogue';
import { issuePairingCode, pairTerminal } from '../../../sync-server/src/domain/pairing';
import { saveStores } from '../../../sync-server/src/domain/stores';
import type { SqliteStorage } from '../../../sync-server/src/storage/sqlite/sqlite-storage';
import { quietApp } from './support/app';
import { amsterdamStore } from './support/seed';
import { sqliteAdapter } from './support/storages';

/**
 * Every sync and admin HTTP endpoint (issue 11: "fuzzed HTTP bodies per endpoint"), enumerated
 * from the app itself (`printRoutes`), so a new route is fuzzed without anyone listing it — or
 * must be named below with the reason it is not. Each request carries the right token (so the
 * input is what is attacked, not the auth) and fast-check generated path params, query and body:
 * garbage and schema-shaped extremes (2^53 and beyond, -0, 1e308, odd unicode, bidi and zero-width
 * marks, 5,000-character strings, `__proto__`, 20,000-element arrays, JSON nested 10,000 deep,
 * broken JSON and %-escapes). What an operator would notice: a 5xx (a stuck till or a failing
 * script), a refusal a person cannot read (not `{error: {type, message}}`), or a refused request
 * that still stored something (a row count of any table changed). The push's and spend's own
 * deep fuzzing is push-fuzz.test.ts and spend-fuzz.test.ts.
 *
 * Runs: HTTP_FUZZ_RUNS per endpoint, default the issue's 1,000 (× 51 endpoints today: 46 s on the
 * quiet 2-core machine; "nothing stored" reads SQLite's total_changes() instead of counting every
 * table's rows, which took a third of the time). Seed: HTTP_FUZZ_SEED.
 */
const RUNS = Number(process.env.HTTP_FUZZ_RUNS ?? 1_000);
const SEED = Number(process.env.HTTP_FUZZ_SEED ?? 20_261_202);
const ADMIN = 'admin-token-for-tests';
const NOW = Date.parse('2026-12-01T10:00:00Z');

/** Routes not fuzzed here, each with why. */
const NOT_FUZZED: Record<string, string> = {
  // Hijacked SSE: no input but the token (fuzzed below for every route); a valid token opens a
  // stream that never ends. Covered by terminal-revocation, cross-store and member-region-scope.
  'GET /sync/v1/feed/stream': 'SSE',
  'GET /sync/v1/products/stream': 'SSE',
  // Ignores its input and writes the whole demo (2,358 products) on every call.
  'POST /admin/demo/seed': 'demo seed',
};

interface Route {
  method: string;
  /** e.g. /admin/stores/:storeId/products */
  path: string;
  params: string[];
}

/**
 * Parses `printRoutes({commonPrefix: false})`: one node a line, indented four characters a level,
 * `segment (METHOD, …)`. Alternative param names of one node (`:id|:storeId`) are one param.
 */
function routesOf(app: FastifyInstance): Route[] {
  const out: Route[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = (m[1] as string).length / 4;
    const segment = (m[2] as string).replace(/:([\w]+)(\|:[\w]+)+/g, ':$1');
    stack.length = depth;
    stack.push(segment);
    const path = stack.join('');
    for (const method of (m[3] as string).split(', ')) {
      if (method === 'HEAD' || method === 'OPTIONS' || path.includes('*')) continue;
      out.push({ method, path, params: [...path.matchAll(/:(\w+)/g)].map((p) => p[1] as string) });
    }
  }
  return out;
}

const isSyncOrAdmin = (r: Route) => !r.path.startsWith('/backoffice');
const tokenFor = (r: Route, terminalToken: string): string | undefined =>
  r.path.startsWith('/sync/')
    ? terminalToken
    : r.path === '/pair' || r.path === '/health'
      ? undefined
      : ADMIN;

// ————————————————————————————————————————— what is sent

/** A lone surrogate replaced by U+FFFD (String#toWellFormed, which lib ES2022 does not type). */
const wellFormed = (s: string): string =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const ODD = [
  '',
  ' ',
  '..',
  '../..',
  '%',
  '%zz',
  '\u0000',
  '🧀',
  '👨‍👩‍👧‍👦',
  '\u202E',
  '\u200D',
  'é',
  'مرحبا',
  'a'.repeat(5_000),
  '__proto__',
  'constructor',
  "'; DROP TABLE sales; --",
  '9007199254740993',
  '-0',
  '1e309',
  'NaN',
  'null',
  'true',
  '2026-02-30',
  '2026-12-01T10:00:00Z',
  's1',
  'store-a',
];
const KEYS = [
  'storeId',
  'id',
  'code',
  'name',
  'reason',
  'by',
  'memberId',
  'card',
  'cards',
  'points',
  'amountCents',
  'type',
  'key',
  'serverSeq',
  'limit',
  'from',
  'to',
  'day',
  'at',
  'ttlMinutes',
  'region',
  'tier',
  'terminalId',
  'newDocumentState',
  'assumedMasterState',
  '__proto__',
];
const oddString = fc.oneof(fc.constantFrom(...ODD), fc.string({ maxLength: 30, unit: 'binary' }));
const oddNumber = fc.oneof(
  fc.constantFrom(
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53),
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    -0,
    0,
    1,
    -1,
    1e308,
    0.5,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const key = fc.oneof(fc.constantFrom(...KEYS), oddString);
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    oddString,
    oddNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(key, tie('json'), { maxKeys: 5 }),
  ),
}));
/** A body as sent on the wire: JSON text, sometimes not JSON at all. */
const body = fc.oneof(
  { weight: 6, arbitrary: json.map((v) => JSON.stringify(v) ?? 'null') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(2, 20_000).map((n) => JSON.stringify(Array.from({ length: n }, (_, i) => i))),
  },
  { weight: 1, arbitrary: fc.constantFrom(100, 10_000).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`) },
  { weight: 1, arbitrary: fc.constantFrom(100, 10_000).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 50, unit: 'binary' }) },
);
const query = fc.dictionary(
  fc.oneof(fc.constantFrom(...KEYS), oddString),
  fc.oneof(oddString, oddNumber.map(String)),
  {
    maxKeys: 4,
  },
);
/** A path segment: %-encoded (lone surrogates made well-formed first), sometimes raw (a broken escape). */
const segment = fc.oneof(
  { weight: 5, arbitrary: oddString.map((s) => encodeURIComponent(wellFormed(s))) },
  { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '..') },
);

// ————————————————————————————————————————— the test

describe('every sync and admin endpoint, fuzzed (SQLite)', () => {
  const adapter = sqliteAdapter();
  let s: SqliteStorage;
  let app: FastifyInstance;
  let terminalToken = '';

  beforeAll(async () => {
    await adapter.setup();
    s = (await adapter.open()) as SqliteStorage;
    expect((await saveStores(s, amsterdamStore('store-a', 'Winkel A'), 1)).ok).toBe(true);
    expect(
      (
        await upsertCatalogue(s, 'store-a', [
          {
            id: 'p1',
            code: '8710000000001',
            name: 'Brood',
            priceCents: 250,
            unit: 'each',
            category: '',
            brand: '',
            tags: [],
          },
        ])
      ).ok,
    ).toBe(true);
    const code = await issuePairingCode(s, 'store-a', NOW);
    if (!code.ok) throw new Error(code.message);
    const paired = await pairTerminal(s, { code: code.value.code, terminalName: 'Kassa 1' }, NOW);
    if (!paired.ok) throw new Error(paired.message);
    terminalToken = paired.value.token;
    app = await quietApp(s, ADMIN, () => NOW);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await s.close();
    await adapter.teardown();
  });

  /**
   * Rows written so far on the app's one connection (SQLite's total_changes(): every row inserted,
   * updated or deleted), so a refusal that wrote anything — a new row or a changed one — shows.
   */
  const counts = (): number => (s.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

  /** Sends one request; checks the answer; on a refusal, that nothing was stored. */
  const check = async (label: string, req: InjectOptions) => {
    const before = counts();
    const res = await app.inject(req);
    const what = `${label} → ${res.statusCode} ${res.body.slice(0, 300)}`;
    expect(res.statusCode, what).toBeLessThan(500);
    if (res.statusCode < 400) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      parsed = undefined;
    }
    const e = errorBodySchema.safeParse(parsed);
    expect(e.success, `${what}: not {error: {type, message}}`).toBe(true);
    if (e.success) {
      expect(e.data.error.type.length, what).toBeGreaterThan(0);
      expect(e.data.error.message.length, what).toBeGreaterThan(0);
    }
    expect(counts(), `${what}: a refused request stored rows`).toEqual(before);
  };

  it('lists the routes it fuzzes and names every one it does not', () => {
    const all = routesOf(app).filter(isSyncOrAdmin);
    const names = all.map((r) => `${r.method} ${r.path}`);
    // Known landmarks, so a broken parse of the route tree cannot pass with a short list.
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /pair',
        'POST /sync/v1/journal/push',
        'GET /sync/v1/:collection/pull',
        'PUT /admin/stores/:id/products',
        'POST /admin/terminals/:terminalId/revoke',
        'POST /admin/gift-cards/:code/load',
        'POST /events',
        'POST /claims',
      ]),
    );
    expect(all.length).toBeGreaterThan(40);
    for (const name of Object.keys(NOT_FUZZED)) expect(names).toContain(name);
  });

  it('answers every generated body, query and path below 500, refusals readable and storing nothing', async () => {
    const routes = routesOf(app).filter((r) => isSyncOrAdmin(r) && !NOT_FUZZED[`${r.method} ${r.path}`]);
    for (const route of routes) {
      const token = tokenFor(route, terminalToken);
      await fc.assert(
        fc.asyncProperty(
          fc.array(segment, { minLength: route.params.length, maxLength: route.params.length }),
          query,
          body,
          async (params, q, payload) => {
            let url = route.path;
            route.params.forEach((p, i) => (url = url.replace(`:${p}`, params[i] || 'x')));
            const search = new URLSearchParams(
              Object.entries(q).map(([k, v]) => [wellFormed(k), wellFormed(v)]),
            ).toString();
            const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
            await check(`${route.method} ${url}?${search.slice(0, 100)} ${payload.slice(0, 100)}`, {
              method: route.method as InjectOptions['method'],
              url: search ? `${url}?${search}` : url,
              headers: {
                ...(token ? { authorization: `Bearer ${token}` } : {}),
                ...(hasBody ? { 'content-type': 'application/json' } : {}),
              },
              ...(hasBody ? { payload } : {}),
            });
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }
  }, 600_000);

  // Found by this fuzz: zod's error report for a program or reward file nested 10,000 deep
  // overflowed the stack (500). Now a readable 422, and nothing stored.
  it.each(['/admin/programs', '/admin/rewards'])(
    'refuses a body nested 10,000 deep on POST %s with 422',
    async (url) => {
      for (const payload of [
        '['.repeat(10_000) + ']'.repeat(10_000),
        '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
      ]) {
        const before = counts();
        const res = await app.inject({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
          payload,
        });
        expect(res.statusCode).toBe(422);
        expect(res.json()).toEqual({
          error: { type: 'invalid-input', message: 'Invalid input — the body nests deeper than 64 levels.' },
        });
        expect(counts()).toEqual(before);
      }
      // A program file of ordinary depth still reaches the program checks (422 of its own kind).
      const plain = await app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${ADMIN}` },
        payload: { id: 'x' },
      });
      expect(plain.statusCode).toBe(422);
      expect(plain.json()).toMatchObject({
        error: { type: url.endsWith('programs') ? 'invalid-program' : 'invalid-reward' },
      });
    },
  );

  it('answers a wrong, odd or missing token with a readable 401 on every guarded route, streams included', async () => {
    const routes = routesOf(app).filter((r) => isSyncOrAdmin(r) && tokenFor(r, 'x') !== undefined);
    const header = fc.oneof(
      fc.constant(undefined),
      oddString.map((t) => `Bearer ${wellFormed(t).replace(/[\r\n\0]/g, '')}`),
      oddString.map((t) => wellFormed(t).replace(/[\r\n\0]/g, '')),
      fc.constantFrom(`Basic ${ADMIN}`, `Bearer ${ADMIN} extra`, 'Bearer', `bearer  ${'a'.repeat(5_000)}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), header, async (route, authorization) => {
        // A terminal token on an admin route, the admin token on a /sync/ route: refused too.
        const swapped = route.path.startsWith('/sync/') ? `Bearer ${ADMIN}` : `Bearer ${terminalToken}`;
        for (const auth of [authorization, swapped]) {
          const url = route.path.replace(/:\w+/g, 'x');
          const before = counts();
          const res = await app.inject({
            method: route.method as InjectOptions['method'],
            url,
            headers: auth === undefined ? {} : { authorization: auth },
          });
          const what = `${route.method} ${url} with ${String(auth).slice(0, 60)} → ${res.statusCode} ${res.body.slice(0, 200)}`;
          expect(res.statusCode, what).toBe(401);
          expect(errorBodySchema.safeParse(JSON.parse(res.body)).success, what).toBe(true);
          expect(counts(), what).toEqual(before);
        }
      }),
      { numRuns: Math.max(RUNS, 200), seed: SEED, endOnFailure: true },
    );
  }, 300_000);
});
