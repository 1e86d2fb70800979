import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberAppSecret } from '../../../core/loyalty/member-app-code';
import { classifyScan, DEMO_SCAN_CONFIG } from '../../../core/scan';
import { memberLookupPath, type PairResponse } from '../../../core/sync/protocol';
import { terminalKeysPath, terminalKeysSchema } from '../../../core/sync/terminal-keys';
import { DEMO_CARD, demoMemberId } from '../../../sync-server/src/demo/demo-members';
import { memberAppKeys, rotateMemberAppKey } from '../../../sync-server/src/domain/member-app-keys';
import { startSyncServer } from '../../../sync-server/src/start';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { freshSchema, startTestPostgres, type TestPostgres } from '../../support/postgres';
import { startTestSyncServer, type TestSyncServer } from '../../support/sync-server';
import { call, pairNewTerminal } from './support/http';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';
import { kassa } from './support/cli';

const JOHANNA = demoMemberId(1);
const hex = (k: Uint8Array) => Buffer.from(k).toString('hex');

describe.each([sqliteAdapter(), postgresAdapter()])(
  'the member-app key in the database: $name',
  (adapter: AdapterUnderTest) => {
    const open: Storage[] = [];
    beforeAll(() => adapter.setup());
    afterAll(async () => {
      for (const s of open) await s.close();
      await adapter.teardown();
    });

    it('is made once: two instances asking at once get the same key, and so does a reopen', async () => {
      const a = await adapter.open();
      const b = await adapter.reopen();
      open.push(a, b);
      const [ka, kb] = await Promise.all([memberAppKeys(a, 1_000), memberAppKeys(b, 1_001)]);
      expect(ka).toHaveLength(1);
      expect(ka[0]?.key).toHaveLength(32);
      expect(hex(kb[0]!.key)).toBe(hex(ka[0]!.key));
      expect(kb[0]?.keyId).toBe(ka[0]?.keyId);
      expect(await a.serverSecrets.newest('member-app', 10)).toHaveLength(1);
      const c = await adapter.reopen();
      open.push(c);
      expect(hex((await memberAppKeys(c, 2_000))[0]!.key)).toBe(hex(ka[0]!.key));
    });

    it('a rotation serves the new key first and keeps the previous one; older ones are no longer served', async () => {
      const s = open[0]!;
      const [first] = await memberAppKeys(s, 3_000);
      const second = await rotateMemberAppKey(s, 4_000);
      expect(second.keyId).not.toBe(first?.keyId);
      expect((await memberAppKeys(s, 5_000)).map((k) => k.keyId)).toEqual([second.keyId, first?.keyId]);
      const third = await rotateMemberAppKey(s, 6_000);
      expect((await memberAppKeys(open[1]!, 7_000)).map((k) => k.keyId)).toEqual([third.keyId, second.keyId]);
    });
  },
);

/** Verifies `qrText` as a till would, with the key the till was sent. */
function verifiesAt(qrText: string, keyB64: string, nowMs: number) {
  const key = new Uint8Array(Buffer.from(keyB64, 'base64url'));
  return classifyScan({ text: qrText }, DEMO_SCAN_CONFIG, {
    nowMs,
    memberSecret: (ref) => memberAppSecret(key, ref),
  });
}

describe('terminal keys, the admin app code and the look-up by id (SQLite)', () => {
  let server: TestSyncServer;
  let till: PairResponse;
  let other: PairResponse;
  beforeAll(async () => {
    server = await startTestSyncServer();
    [till, other] = [await pairNewTerminal(server), await pairNewTerminal(server)];
  });
  afterAll(() => server.close());

  it('answers the member-app key to a paired till only, the same key to every till, never cached', async () => {
    const r = await call(server, 'GET', terminalKeysPath, { token: till.token });
    expect(r.status).toBe(200);
    const keys = terminalKeysSchema.parse(r.body);
    expect(keys.terminalId).toBe(till.terminalId);
    expect(keys.memberApp.keys).toHaveLength(1);
    const second = terminalKeysSchema.parse(
      (await call(server, 'GET', terminalKeysPath, { token: other.token })).body,
    );
    expect(second.terminalId).toBe(other.terminalId);
    expect(second.memberApp.keys).toEqual(keys.memberApp.keys);
    expect((await call(server, 'GET', terminalKeysPath)).status).toBe(401);
    expect((await call(server, 'GET', terminalKeysPath, { token: 'not-a-token' })).status).toBe(401);
    // The admin token is not a till's.
    expect((await call(server, 'GET', terminalKeysPath, { token: server.adminToken })).status).toBe(401);
    const res = await fetch(new URL(terminalKeysPath, server.url), {
      headers: { authorization: `Bearer ${till.token}` },
    });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('the admin app code of the demo card is a code the till verifies, at a given moment too', async () => {
    const key = terminalKeysSchema.parse(
      (await call(server, 'GET', terminalKeysPath, { token: till.token })).body,
    ).memberApp.keys[0]!.key;
    const r = await call(server, 'GET', `/admin/members/${DEMO_CARD}/app-code`, { token: server.adminToken });
    expect(r.status).toBe(200);
    const body = r.body as {
      memberId: string;
      qrText: string;
      otpauthUri: string;
      keyId: string;
      changesAt: string;
    };
    expect(body.memberId).toBe(JOHANNA);
    expect(body.qrText).toMatch(new RegExp(`^KASSA-M:${JOHANNA}:\\d{8}$`));
    expect(body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Kassa:/);
    expect(verifiesAt(body.qrText, key, Date.now())).toMatchObject({
      ok: true,
      value: { memberRef: JOHANNA },
    });

    const at = '2026-12-01T09:00:10+01:00';
    const then = await call(
      server,
      'GET',
      `/admin/members/${JOHANNA}/app-code?at=${encodeURIComponent(at)}`,
      {
        token: server.adminToken,
      },
    );
    const code = then.body as { qrText: string; changesAt: string; acceptedUntil: string };
    expect(code.changesAt).toBe('2026-12-01T08:00:30.000Z');
    expect(code.acceptedUntil).toBe('2026-12-01T08:00:59.999Z');
    expect(verifiesAt(code.qrText, key, Date.parse(at))).toMatchObject({ ok: true });
    expect(verifiesAt(code.qrText, key, Date.parse(at) + 10 * 60_000)).toMatchObject({
      ok: false,
      reason: 'code-expired',
    });
  });

  it('refuses the admin app code without the admin token, for an unknown member, or an --at without a zone', async () => {
    const path = `/admin/members/${DEMO_CARD}/app-code`;
    expect((await call(server, 'GET', path, { token: till.token })).status).toBe(401);
    expect(
      await call(server, 'GET', '/admin/members/NOBODY/app-code', { token: server.adminToken }),
    ).toMatchObject({
      status: 404,
      body: { error: { type: 'not-found', message: 'No member has the id or card "NOBODY".' } },
    });
    const noZone = await call(server, 'GET', `${path}?at=2026-12-01T09:00:00`, { token: server.adminToken });
    expect(noZone).toMatchObject({ status: 422, body: { error: { type: 'invalid-input' } } });
    expect((noZone.body as { error: { message: string } }).error.message).toContain('has no zone offset');
  });

  it('kassa-server members app-code prints the same QR text as the admin API', async () => {
    const at = '2026-12-01T09:00:10+01:00';
    const api = await call(
      server,
      'GET',
      `/admin/members/${DEMO_CARD}/app-code?at=${encodeURIComponent(at)}`,
      {
        token: server.adminToken,
      },
    );
    const r = await kassa(['members', 'app-code', DEMO_CARD, '--at', at, '--data-dir', server.dataDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`QR text: ${(api.body as { qrText: string }).qrText}\n`);
    expect(r.stdout).toContain('otpauth://totp/Kassa:');
    const noZone = await kassa([
      'members',
      'app-code',
      DEMO_CARD,
      '--at',
      '2026-12-01T09:00',
      '--data-dir',
      server.dataDir,
    ]);
    expect(noZone.code).toBe(2);
    expect(noZone.stderr).toContain('has no zone offset');
    const unknown = await kassa(['members', 'app-code', 'NOBODY', '--data-dir', server.dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No member has the id or card "NOBODY".');
  });

  it('looks a member up by id for a verified app code, and refuses an unknown id or both keys', async () => {
    const r = await call(server, 'GET', `${memberLookupPath}?id=${JOHANNA}`, { token: till.token });
    expect(r).toMatchObject({ status: 200, body: { memberId: JOHANNA, displayName: 'J. de V…' } });
    expect(await call(server, 'GET', `${memberLookupPath}?id=01NOBODY`, { token: till.token })).toMatchObject(
      {
        status: 404,
        body: { error: { type: 'member-unknown', message: 'No member has id 01NOBODY.' } },
      },
    );
    const both = await call(server, 'GET', `${memberLookupPath}?id=${JOHANNA}&card=${DEMO_CARD}`, {
      token: till.token,
    });
    expect(both.status).toBe(422);
    expect((await call(server, 'GET', `${memberLookupPath}?id=${JOHANNA}`)).status).toBe(401);
  });
});

describe('terminal keys on PostgreSQL: two server instances share one key', () => {
  let pg: TestPostgres;
  let server: TestSyncServer;
  let second: Awaited<ReturnType<typeof startSyncServer>> | undefined;
  beforeAll(async () => {
    pg = await startTestPostgres();
  });
  afterAll(async () => {
    await second?.close();
    await server?.close();
    await pg?.stop();
  });

  it('both instances answer the same member-app key to a till', async () => {
    const databaseSchema = freshSchema('keys');
    server = await startTestSyncServer({ databaseUrl: pg.url, databaseSchema });
    second = await startSyncServer({
      port: 0,
      logLevel: 'silent',
      dataDir: server.dataDir,
      databaseUrl: pg.url,
      databaseSchema,
    });
    const till = await pairNewTerminal(server);
    const a = terminalKeysSchema.parse(
      (await call(server, 'GET', terminalKeysPath, { token: till.token })).body,
    );
    const b = terminalKeysSchema.parse(
      (await call(second, 'GET', terminalKeysPath, { token: till.token })).body,
    );
    expect(b.memberApp.keys).toEqual(a.memberApp.keys);
    expect(b.terminalId).toBe(till.terminalId);
    const code = await call(second, 'GET', `/admin/members/${DEMO_CARD}/app-code`, {
      token: second.adminToken,
    });
    expect(
      verifiesAt((code.body as { qrText: string }).qrText, a.memberApp.keys[0]!.key, Date.now()),
    ).toMatchObject({
      ok: true,
    });
  });
});
