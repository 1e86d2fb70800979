import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncPaths } from '../../../core/sync/protocol';
import { issuePairingCode, pairTerminal } from '../../../sync-server/src/domain/pairing';
import { saveStores } from '../../../sync-server/src/domain/stores';
import { revokeTerminal } from '../../../sync-server/src/domain/terminal-revocation';
import { buildApp } from '../../../sync-server/src/http/build-app';
import { createLogger } from '../../../sync-server/src/logger';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { pushRows, saleChain } from './support/sale-events';
import { amsterdamStore } from './support/seed';
import { sseReader } from './support/sse';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/**
 * A revoked terminal credential (issue 11, item 17; a lost till, or a token copied to another
 * machine): from the moment of revocation its push, pull and stream are refused with 401
 * `terminal-revoked`, its open stream is closed by the server, other tills go on, and the refusal
 * survives a restart. On SQLite and PostgreSQL.
 */
const ADMIN = 'admin-token-for-tests';
const NOW = Date.parse('2026-12-01T10:00:00Z');
/** Short, so a revocation made outside the process (the CLI) is seen quickly. */
const POLL_MS = 50;

interface Till {
  terminalId: string;
  token: string;
}

describe.each([sqliteAdapter(), postgresAdapter()])(
  'terminal revocation: $name',
  (adapter: AdapterUnderTest) => {
    let s: Storage;
    let app: FastifyInstance;
    let url: string;
    let till: Till;
    let other: Till;
    const aborts: AbortController[] = [];

    const pair = async (name: string): Promise<Till> => {
      const code = await issuePairingCode(s, 'A', NOW);
      if (!code.ok) throw new Error(code.message);
      const paired = await pairTerminal(s, { code: code.value.code, terminalName: name }, NOW);
      if (!paired.ok) throw new Error(paired.message);
      return { terminalId: paired.value.terminalId, token: paired.value.token };
    };
    const start = async () => {
      app = await buildApp(
        {
          storage: s,
          adminToken: ADMIN,
          clock: () => NOW,
          logger: createLogger('silent'),
          heartbeatMs: 60_000,
        },
        { revocationPollMs: POLL_MS },
      );
      url = await app.listen({ port: 0, host: '127.0.0.1' });
    };

    beforeAll(() => adapter.setup());
    afterAll(() => adapter.teardown());
    beforeEach(async () => {
      s = await adapter.open();
      expect((await saveStores(s, amsterdamStore('A', 'Winkel A'), 1)).ok).toBe(true);
      till = await pair('Kassa 1');
      other = await pair('Kassa 2');
      await start();
    });
    afterEach(async () => {
      for (const a of aborts.splice(0)) a.abort();
      await app.close();
      await s.close();
    });

    const push = (t: Till, seq = 1) =>
      app.inject({
        method: 'POST',
        url: syncPaths.push('journal'),
        headers: { authorization: `Bearer ${t.token}` },
        payload: pushRows(saleChain(t.terminalId, 'A', 1, seq)),
      });
    const pull = (t: Till) =>
      app.inject({
        method: 'GET',
        url: `${syncPaths.pull('products')}?serverSeq=0&limit=10`,
        headers: { authorization: `Bearer ${t.token}` },
      });
    const revoke = (terminalId: string, body: unknown = { reason: 'token cloned', by: 'Ilse (HQ)' }) =>
      app.inject({
        method: 'POST',
        url: `/admin/terminals/${terminalId}/revoke`,
        headers: { authorization: `Bearer ${ADMIN}` },
        payload: body as Record<string, unknown>,
      });
    /** The till's feed stream over real HTTP; resolves once RESYNC (the first message) arrived. */
    const openStream = async (t: Till) => {
      const abort = new AbortController();
      aborts.push(abort);
      const res = await fetch(new URL(syncPaths.feedStream, url), {
        headers: { authorization: `Bearer ${t.token}`, accept: 'text/event-stream' },
        signal: abort.signal,
      });
      expect(res.status).toBe(200);
      const next = sseReader(res.body as ReadableStream<Uint8Array>);
      expect(await next()).toBe('RESYNC');
      /** Resolves with the error once the server ends the stream (heartbeats are too rare to interfere). */
      const ended = next().then(
        (m) => `unexpected message ${JSON.stringify(m)}`,
        (e: Error) => e.message,
      );
      return { ended };
    };
    const journalRows = async () => (await s.journal.linksAt(till.terminalId, [1, 2])).length;

    it('refuses push, pull and stream at once with terminal-revoked, closes the open stream, and leaves the other till alone', async () => {
      expect((await push(till)).statusCode).toBe(200);
      const { ended } = await openStream(till);
      const { ended: otherEnded } = await openStream(other);

      const r = await revoke(till.terminalId);
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({
        already: false,
        streamsClosed: 1,
        revocation: {
          terminalId: till.terminalId,
          revokedAt: NOW,
          revokedBy: 'Ilse (HQ)',
          reason: 'token cloned',
        },
      });
      expect(await ended).toBe('stream ended');

      const pushed = await push(till, 2);
      expect(pushed.statusCode).toBe(401);
      expect(pushed.json()).toEqual({
        error: {
          type: 'terminal-revoked',
          message: expect.stringMatching(/revoked on 2026-12-01T10:00:00.000Z.*pair the terminal again/),
        },
      });
      expect(await journalRows()).toBe(1);
      expect((await pull(till)).json()).toMatchObject({ error: { type: 'terminal-revoked' } });
      expect((await pull(till)).statusCode).toBe(401);
      const stream = await fetch(new URL(syncPaths.feedStream, url), {
        headers: { authorization: `Bearer ${till.token}`, accept: 'text/event-stream' },
      });
      expect(stream.status).toBe(401);
      expect(((await stream.json()) as { error: { type: string } }).error.type).toBe('terminal-revoked');
      // terminalInfo (what a reinstalled till asks first) is refused too.
      const info = await app.inject({
        method: 'GET',
        url: syncPaths.terminal,
        headers: { authorization: `Bearer ${till.token}` },
      });
      expect(info.statusCode).toBe(401);

      // The other till of the store goes on: its stream is open, its push and pull answer.
      expect((await push(other)).statusCode).toBe(200);
      expect((await pull(other)).statusCode).toBe(200);
      await app.close();
      expect(await otherEnded).toBe('stream ended'); // only by the shutdown
    });

    it('records who, when and why once; says so on a second revoke; refuses an unknown terminal and a call without the admin token', async () => {
      expect((await revoke(till.terminalId)).statusCode).toBe(200);
      const again = await revoke(till.terminalId, { reason: 'again' });
      expect(again.json()).toMatchObject({
        already: true,
        revocation: { reason: 'token cloned', revokedBy: 'Ilse (HQ)' },
      });
      const listed = await app.inject({
        method: 'GET',
        url: '/admin/terminal-revocations',
        headers: { authorization: `Bearer ${ADMIN}` },
      });
      expect(listed.json()).toEqual({
        revocations: [
          { terminalId: till.terminalId, revokedAt: NOW, revokedBy: 'Ilse (HQ)', reason: 'token cloned' },
        ],
      });

      const unknown = await revoke('no-such-terminal');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ error: { type: 'terminal-unknown' } });
      const bad = await revoke(other.terminalId, { reason: 'x'.repeat(501) });
      expect(bad.statusCode).toBe(422);
      const asTill = await app.inject({
        method: 'POST',
        url: `/admin/terminals/${other.terminalId}/revoke`,
        headers: { authorization: `Bearer ${other.token}` },
        payload: {},
      });
      expect(asTill.statusCode).toBe(401);
      // Without a body: recorded as the admin API, no reason.
      const plain = await app.inject({
        method: 'POST',
        url: `/admin/terminals/${other.terminalId}/revoke`,
        headers: { authorization: `Bearer ${ADMIN}` },
      });
      expect(plain.json()).toMatchObject({ revocation: { revokedBy: 'admin-api', reason: '' } });
    });

    it('closes the open stream of a terminal revoked outside this server (the CLI), and the refusal survives a restart', async () => {
      const { ended } = await openStream(till);
      // As `kassa-server terminals revoke` does: straight in the database, not through this process.
      const r = await revokeTerminal(
        s,
        { terminalId: till.terminalId, by: 'cli:ops', reason: 'till stolen' },
        NOW,
      );
      expect(r.ok).toBe(true);
      expect(await ended).toBe('stream ended');
      expect((await push(till, 2)).statusCode).toBe(401);

      await app.close();
      await s.close();
      s = await adapter.reopen();
      await start();
      expect((await push(till, 2)).json()).toMatchObject({ error: { type: 'terminal-revoked' } });
      expect((await pull(other)).statusCode).toBe(200);
    });
  },
);
