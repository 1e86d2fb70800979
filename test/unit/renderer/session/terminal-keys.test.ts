import { describe, expect, it } from 'vitest';
import { memberAppKeyId, memberAppSecret } from '../../../../core/loyalty/member-app-code';
import { memberSecretsOf } from '../../../../renderer/src/features/checkout/member-app-secrets';
import {
  createTerminalKeys,
  keepTerminalKeysFresh,
  terminalKeysStorageKey,
} from '../../../../renderer/src/session/terminal-keys';
import { createSyncStatusStore } from '../../../../renderer/src/sync/sync-status';

const endpoint = { serverUrl: 'http://hq.test:7070', token: 'till-token' };
const KEY = new Uint8Array(32).fill(1);
const OLD = new Uint8Array(32).fill(2);
const b64 = (k: Uint8Array) => Buffer.from(k).toString('base64url');
const answer = (terminalId: string, keys: Uint8Array[]) => ({
  terminalId,
  memberApp: { keys: keys.map((k) => ({ keyId: memberAppKeyId(k), key: b64(k) })) },
});

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}
function transportAnswering(status: number, body: unknown) {
  const calls: string[] = [];
  const transport: typeof fetch = (input, init) => {
    calls.push(`${String(input)} ${new Headers(init?.headers).get('authorization') ?? ''}`);
    return Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
    );
  };
  return { transport, calls };
}
const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));

describe('the keys a till verifies member-app codes with', () => {
  it('are fetched with the terminal token, kept, and there after a restart offline', async () => {
    const storage = memoryStorage();
    const online = transportAnswering(200, answer('T1', [KEY, OLD]));
    const keys = createTerminalKeys({ terminalId: 'T1', endpoint, storage, transport: online.transport });
    expect(keys.memberAppKeys()).toEqual([]);
    let told = 0;
    keys.subscribe(() => told++);
    expect(await keys.refresh()).toBe(true);
    expect(online.calls).toEqual(['http://hq.test:7070/sync/v1/terminal/keys Bearer till-token']);
    expect(keys.memberAppKeys()).toEqual([KEY, OLD]);
    expect(told).toBe(1);

    const restarted = createTerminalKeys({ terminalId: 'T1', endpoint, storage, transport: offline });
    expect(restarted.memberAppKeyIds()).toEqual([memberAppKeyId(KEY), memberAppKeyId(OLD)]);
    expect(await restarted.refresh()).toBe(false);
    expect(restarted.memberAppKeys()).toEqual([KEY, OLD]);
  });

  it('keep what they had when the server refuses, and drop a key that does not match its id', async () => {
    const storage = memoryStorage();
    const keys = createTerminalKeys({
      terminalId: 'T1',
      endpoint,
      storage,
      transport: transportAnswering(200, answer('T1', [KEY])).transport,
    });
    await keys.refresh();
    const refused = createTerminalKeys({
      terminalId: 'T1',
      endpoint,
      storage,
      transport: transportAnswering(401, { error: { type: 'token-unknown', message: 'no' } }).transport,
    });
    expect(await refused.refresh()).toBe(false);
    expect(refused.memberAppKeys()).toEqual([KEY]);

    const damaged = {
      terminalId: 'T1',
      memberApp: { keys: [{ keyId: memberAppKeyId(OLD), key: b64(KEY) }] },
    };
    storage.m.set(terminalKeysStorageKey('T1'), JSON.stringify(damaged));
    expect(createTerminalKeys({ terminalId: 'T1', endpoint, storage }).memberAppKeys()).toEqual([]);
    // A copy another terminal left in the profile is not this till's.
    storage.m.set(terminalKeysStorageKey('T1'), JSON.stringify(answer('T9', [KEY])));
    expect(createTerminalKeys({ terminalId: 'T1', endpoint, storage }).memberAppKeys()).toEqual([]);
  });

  it('give each member their secret under every key held, none before the first answer', async () => {
    const storage = memoryStorage();
    const keys = createTerminalKeys({
      terminalId: 'T1',
      endpoint,
      storage,
      transport: transportAnswering(200, answer('T1', [KEY, OLD])).transport,
    });
    const secretOf = memberSecretsOf(keys);
    expect(secretOf('01JANNA')).toBeUndefined();
    await keys.refresh();
    expect(secretOf('01JANNA')).toEqual([memberAppSecret(KEY, '01JANNA'), memberAppSecret(OLD, '01JANNA')]);
    expect(secretOf('01JBRAM')?.[0]).toEqual(memberAppSecret(KEY, '01JBRAM'));
  });
});

describe('keeping the terminal keys fresh', () => {
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('asks at a start the server answered, and not again once it has them', async () => {
    const status = createSyncStatusStore();
    let asked = 0;
    const stop = keepTerminalKeysFresh({ refresh: async () => (asked++, true) }, status, Promise.resolve({}));
    await settle();
    expect(asked).toBe(1);
    status.reportOnline(1);
    status.reportOnline(2);
    await settle();
    expect(asked).toBe(1);
    stop();
  });

  it('a till that started offline asks when it is online again, at most once a minute while it fails', async () => {
    const status = createSyncStatusStore();
    let now = 0;
    const answers = [false, true];
    let asked = 0;
    const refresh = async () => answers[asked++] ?? true;
    const stop = keepTerminalKeysFresh({ refresh }, status, Promise.resolve(undefined), () => now);
    await settle();
    expect(asked).toBe(0);
    status.reportOffline();
    expect(asked).toBe(0);
    status.reportOnline(1);
    await settle();
    expect(asked).toBe(1); // refused: asked again only a minute later
    now = 30_000;
    status.reportOnline(2);
    expect(asked).toBe(1);
    now = 61_000;
    status.reportOnline(3);
    await settle();
    expect(asked).toBe(2);
    now = 200_000;
    status.reportOnline(4);
    expect(asked).toBe(2);
    stop();
    now = 400_000;
    status.reportOnline(5);
    expect(asked).toBe(2);
  });
});
