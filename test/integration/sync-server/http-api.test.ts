import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  errorBodySchema,
  pairResponseSchema,
  productPullResponseSchema,
  pushRefusedBodySchema,
  syncPaths,
  terminalInfoSchema,
  type PairResponse,
} from '../../../core/sync/protocol';
import { demoSamples } from '../../../sync-server/src/demo/demo-catalogue';
import { startTestSyncServer, type TestSyncServer } from '../../support/sync-server';
import { call, pairNewTerminal } from './support/http';
import { eventHash } from '../../../core/journal/hash-chain';
import { GENESIS_HASH } from '../../../core/journal/sale-event';
import { makeSale, makeSaleV1, pushRows, saleChain } from './support/sale-events';

const reseal = <T extends object>(d: T): T => ({ ...d, hash: eventHash(d) });
const rowsOf = (docs: readonly object[]) =>
  docs.map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, _deleted: false } }));

const PUSH = syncPaths.push('journal');
const PULL = syncPaths.pull('products');

describe('sync server over HTTP', () => {
  let server: TestSyncServer;
  let till: PairResponse;
  beforeAll(async () => {
    server = await startTestSyncServer();
    till = await pairNewTerminal(server);
  });
  afterAll(() => server.close());

  const push = (events: Parameters<typeof pushRows>[0], token = till.token) =>
    call(server, 'POST', PUSH, { token, body: pushRows(events) });
  const admin = (path: string) => call(server, 'GET', path, { token: server.adminToken });

  describe('pairing and auth', () => {
    it('pairs a terminal once with a one-time code and returns its store', async () => {
      const code = (
        await call(server, 'POST', `/admin/stores/${server.storeId}/pairing-codes`, {
          token: server.adminToken,
          body: { ttlMinutes: 5 },
        })
      ).body as { code: string };
      const first = await call(server, 'POST', '/pair', { body: { code: code.code.toLowerCase() } });
      expect(first.status).toBe(200);
      const paired = pairResponseSchema.parse(first.body);
      expect(paired.store).toMatchObject({
        name: 'Kassa Demo Amsterdam',
        currency: 'EUR',
        timeZone: 'Europe/Amsterdam',
      });
      const second = await call(server, 'POST', '/pair', { body: { code: code.code } });
      expect(second.status).toBe(409);
      expect(errorBodySchema.parse(second.body).error.type).toBe('pairing-code-used');
      expect((await call(server, 'POST', '/pair', { body: { code: 'ZZZZ-ZZZZ' } })).status).toBe(401);
    });

    it('answers 401 without a token or with a wrong one', async () => {
      const none = await call(server, 'GET', PULL);
      expect(none.status).toBe(401);
      expect(errorBodySchema.parse(none.body).error.message).toMatch(/Bearer/);
      expect((await call(server, 'GET', PULL, { token: 'not-a-token' })).status).toBe(401);
      expect((await call(server, 'GET', '/admin/sales', { token: till.token })).status).toBe(401);
    });

    it('tells a terminal who it is and where to resume its seq', async () => {
      const other = await pairNewTerminal(server);
      const events = saleChain(other.terminalId, other.storeId, 3);
      await push(events, other.token);
      const raw = (await call(server, 'GET', syncPaths.terminal, { token: other.token })).body;
      expect(raw).toMatchObject({ lastHash: events[2]!.hash });
      const info = terminalInfoSchema.parse(
        (await call(server, 'GET', syncPaths.terminal, { token: other.token })).body,
      );
      expect(info).toMatchObject({ terminalId: other.terminalId, storeId: server.storeId, lastSeq: 3 });
    });

    it('refuses (403) an event of another terminal and stores nothing', async () => {
      const other = await pairNewTerminal(server);
      const r = await push(saleChain(other.terminalId, other.storeId, 1));
      expect(r.status).toBe(403);
      expect(errorBodySchema.parse(r.body).error.type).toBe('forbidden-terminal');
      expect((await admin(`/admin/sales?terminalId=${other.terminalId}`)).body).toMatchObject({
        totals: { count: 0 },
      });
    });
  });

  describe('products', () => {
    it('pulls the catalogue by serverSeq checkpoint, page by page', async () => {
      const first = productPullResponseSchema.parse(
        (await call(server, 'GET', `${PULL}?serverSeq=0&limit=500`, { token: till.token })).body,
      );
      expect(first.documents).toHaveLength(500);
      expect(first.checkpoint.serverSeq).toBe(first.documents[499]?.serverSeq);
      let checkpoint = first.checkpoint.serverSeq;
      const all = [...first.documents];
      for (;;) {
        const page = productPullResponseSchema.parse(
          (await call(server, 'GET', `${PULL}?serverSeq=${checkpoint}&limit=5000`, { token: till.token }))
            .body,
        );
        if (page.documents.length === 0) break;
        all.push(...page.documents);
        checkpoint = page.checkpoint.serverSeq;
      }
      expect(all.length).toBeGreaterThanOrEqual(2000);
      const { bananas } = demoSamples();
      expect(all.find((p) => p.code === bananas.code)).toMatchObject({ unit: 'kg', name: 'Bananen' });
    });

    it('refuses at import a product a sale line could not carry (ids, codes ≤ 64, names ≤ 200, price ≤ 10^11)', async () => {
      const put = (products: unknown) =>
        call(server, 'PUT', `/admin/stores/${server.storeId}/products`, {
          token: server.adminToken,
          body: products,
        });
      const ok = {
        id: 'p-bounds',
        code: '8719999999999',
        name: 'Grenswaarde',
        priceCents: 100_000_000_000,
        unit: 'each',
        category: '',
        brand: '',
        tags: [],
      };
      expect((await put([ok])).status).toBe(200);
      for (const [field, value] of [
        ['id', 'p'.repeat(65)],
        ['code', '8'.repeat(65)],
        ['name', 'n'.repeat(201)],
        ['priceCents', 100_000_000_001],
      ] as const) {
        const r = await put([{ ...ok, [field]: value }]);
        expect(r.status, field).toBe(422);
        expect(errorBodySchema.parse(r.body).error.message, field).toContain(field);
      }
    });

    it('refuses at import a store a sale could not name (id ≤ 64, currency ISO 4217, name ≤ 200)', async () => {
      const post = (store: unknown) =>
        call(server, 'POST', '/admin/stores', { token: server.adminToken, body: store });
      const store = {
        storeId: 's'.repeat(64),
        name: 'Grenswinkel',
        currency: 'EUR',
        timeZone: 'Europe/Amsterdam',
        locale: 'nl-NL',
        variableMeasure: [],
      };
      expect((await post(store)).status).toBe(200);
      for (const [field, value] of [
        ['storeId', 's'.repeat(65)],
        ['currency', 'eur'],
        ['currency', 'E1R'],
        ['name', 'n'.repeat(201)],
      ] as const) {
        const r = await post({ ...store, [field]: value });
        expect(r.status, `${field}=${value}`).toBe(422);
        expect(errorBodySchema.parse(r.body).error.message).toContain(field);
      }
    });

    it('rejects a bad pull query with 422', async () => {
      const r = await call(server, 'GET', `${PULL}?serverSeq=-1`, { token: till.token });
      expect(r.status).toBe(422);
      expect(errorBodySchema.parse(r.body).error.message).toMatch(/serverSeq/);
    });
  });

  describe('journal push', () => {
    it('stores an event pushed twice once and answers no conflict', async () => {
      const t = await pairNewTerminal(server);
      const events = saleChain(t.terminalId, t.storeId, 2);
      expect(await push(events, t.token)).toEqual({ status: 200, body: [] });
      expect(await push(events, t.token)).toEqual({ status: 200, body: [] });
      const sales = (await admin(`/admin/sales?terminalId=${t.terminalId}`)).body;
      expect(sales).toMatchObject({ totals: { count: 2, totalCents: 1008 } });
    });

    it('answers the stored event as the conflict for a tampered re-push and lists a tamper exception', async () => {
      const t = await pairNewTerminal(server);
      const [sale] = saleChain(t.terminalId, t.storeId, 1);
      await push([sale!], t.token);
      const r = await push([{ ...sale!, totalCents: 1 }], t.token);
      expect(r).toEqual({ status: 200, body: [{ ...sale!, _deleted: false }] });
      const ex = (await admin(`/admin/exceptions?terminalId=${t.terminalId}`)).body;
      expect(ex).toMatchObject({ exceptions: [{ kind: 'tamper', eventId: sale!.id }] });
    });

    it('shows seq gaps and chain breaks to the admin, and closes a gap when the events arrive', async () => {
      const t = await pairNewTerminal(server);
      const events = saleChain(t.terminalId, t.storeId, 5);
      await push([events[0]!, events[1]!, events[4]!], t.token);
      const terminals = (await admin(`/admin/terminals?storeId=${server.storeId}`)).body as {
        terminals: { terminalId: string; gaps: unknown; lastSeq: number; lastSeenAt: number | null }[];
      };
      const mine = terminals.terminals.find((x) => x.terminalId === t.terminalId);
      expect(mine).toMatchObject({ lastSeq: 5, gaps: [{ from: 3, to: 4 }] });
      expect(mine?.lastSeenAt).toBeTypeOf('number');
      await push([events[2]!, events[3]!], t.token);
      const forged = makeSale({
        terminalId: t.terminalId,
        storeId: t.storeId,
        seq: 6,
        prevHash: 'a'.repeat(64),
      });
      await push([forged], t.token);
      const ex = (await admin(`/admin/exceptions?terminalId=${t.terminalId}`)).body;
      expect(ex).toEqual({ exceptions: [expect.objectContaining({ kind: 'chain-break', seq: 6 })] });
    });

    it('refuses an event past its bounds with 422 naming it and the path, and stores the rest of the push', async () => {
      const t = await pairNewTerminal(server);
      const [first, second] = saleChain(t.terminalId, t.storeId, 2);
      const line = first!.lines[0]!;
      const huge = reseal({
        ...first!,
        lines: Array.from({ length: 3_277 }, (_, i) => ({ ...line, lineId: `l${i}` })),
      });
      const r = await call(server, 'POST', PUSH, { token: t.token, body: rowsOf([huge, second!]) });
      expect(r.status).toBe(422);
      const { error } = pushRefusedBodySchema.parse(r.body);
      expect(error).toMatchObject({
        type: 'event-refused',
        path: 'lines',
        stored: 1,
        refused: [{ id: huge.id, seq: 1, reason: 'body-invalid', path: 'lines' }],
      });
      expect(error.message).toMatch(/3,277 entries; at most 500/);
      expect((await admin(`/admin/sales?terminalId=${t.terminalId}`)).body).toMatchObject({
        totals: { count: 1 },
      });
      const ex = (await admin(`/admin/exceptions?terminalId=${t.terminalId}`)).body as {
        exceptions: { kind: string }[];
      };
      expect(ex.exceptions.map((e) => e.kind)).toContain('event-refused');
    });

    it('rejects a push that is not a list of rows with 422 and a readable message', async () => {
      const t = await pairNewTerminal(server);
      const junk = await call(server, 'POST', PUSH, { token: t.token, rawBody: '{"not json' });
      expect(junk.status).toBe(422);
      expect(errorBodySchema.parse(junk.body).error.type).toBe('invalid-input');
      const shape = await call(server, 'POST', PUSH, { token: t.token, body: [{ newDocumentState: 7 }] });
      expect(shape.status).toBe(422);
      expect(errorBodySchema.parse(shape.body).error.message).toContain('0.newDocumentState');
    });

    it('drains a landed till’s queue: version-1 sales and an event of a type it does not know yet', async () => {
      const t = await pairNewTerminal(server);
      const v1 = makeSaleV1({ terminalId: t.terminalId, storeId: t.storeId, seq: 1, prevHash: GENESIS_HASH });
      const later = reseal({
        ...makeSale({ terminalId: t.terminalId, storeId: t.storeId, seq: 2, prevHash: v1.hash }),
        type: 'gift-card-sale',
        schemaVersion: 1,
      });
      const r = await call(server, 'POST', PUSH, { token: t.token, body: rowsOf([v1, later]) });
      expect(r).toMatchObject({ status: 200, body: [] });
      expect((await admin(`/admin/sales?terminalId=${t.terminalId}`)).body).toMatchObject({
        totals: { count: 1, totalCents: 504 },
        sales: [{ eventId: v1.id, subtotalCents: 504, discountCents: 0 }],
      });
      const ex = (await admin(`/admin/exceptions?terminalId=${t.terminalId}`)).body;
      expect(ex).toEqual({
        exceptions: [expect.objectContaining({ kind: 'parked', eventId: later.id, seq: 2, id: null })],
      });
      const info = await call(server, 'GET', syncPaths.terminal, { token: t.token });
      expect(terminalInfoSchema.parse(info.body)).toMatchObject({ lastSeq: 2, lastHash: later.hash });
    });
  });

  describe('versions, errors, CORS, health', () => {
    it('answers 426 to an older or newer sync API version', async () => {
      const old = await call(server, 'POST', '/sync/v0/journal/push', { token: till.token, body: [] });
      expect(old.status).toBe(426);
      expect(errorBodySchema.parse(old.body).error.type).toBe('client-too-old');
      const newer = await call(server, 'GET', '/sync/v2/products/pull', { token: till.token });
      expect(newer.status).toBe(426);
      expect(errorBodySchema.parse(newer.body).error.type).toBe('client-too-new');
    });

    it('refuses an oversized body with 413 and the error shape', async () => {
      const r = await call(server, 'POST', PUSH, {
        token: till.token,
        rawBody: `"${'x'.repeat(9 * 1024 * 1024)}"`,
      });
      expect(r.status).toBe(413);
      expect(errorBodySchema.parse(r.body).error.type).toBe('payload-too-large');
    });

    it('answers unknown routes with the error shape', async () => {
      const r = await call(server, 'GET', '/nope');
      expect(r.status).toBe(404);
      expect(errorBodySchema.parse(r.body).error.type).toBe('not-found');
    });

    it('lets a renderer on another origin call with a Bearer token', async () => {
      const res = await fetch(new URL(PUSH, server.url), {
        method: 'OPTIONS',
        headers: {
          origin: 'http://127.0.0.1:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(res.status).toBeLessThan(300);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    });

    it('reports health', async () => {
      expect(await call(server, 'GET', syncPaths.health)).toMatchObject({
        status: 200,
        body: { status: 'ok', storage: 'sqlite' },
      });
    });
  });
});
