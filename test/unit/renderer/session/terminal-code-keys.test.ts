import { describe, expect, it } from 'vitest';
import { memberAppKeyId } from '../../../../core/loyalty/member-app-code';
import { createTerminalKeys } from '../../../../renderer/src/session/terminal-keys';

const endpoint = { serverUrl: 'http://hq.test:7070', token: 'till-token' };
const APP = new Uint8Array(32).fill(1);
const COUPON = new Uint8Array(32).fill(3);
const GIFT = new Uint8Array(26).fill(4);
const b64 = (k: Uint8Array) => Buffer.from(k).toString('base64url');

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}
const answering =
  (body: unknown): typeof fetch =>
  () =>
    Promise.resolve(
      new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
    );
const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
const memberApp = { keys: [{ keyId: memberAppKeyId(APP), key: b64(APP) }] };

describe('the signed-code keys a till verifies coupons and gift cards with', () => {
  it('are kept per format with the member-app keys, and there after a restart offline', async () => {
    const storage = memoryStorage();
    const keys = createTerminalKeys({
      terminalId: 'T1',
      endpoint,
      storage,
      transport: answering({
        terminalId: 'T1',
        memberApp,
        codes: [
          { formatId: 'kassa-coupon', keys: [{ keyId: 'c2', key: b64(COUPON) }] },
          { formatId: 'kassa-gift-card', keys: [{ keyId: 'demo-2026', key: b64(GIFT) }] },
        ],
      }),
    });
    expect(keys.codeKeys('kassa-coupon')).toEqual([]);
    expect(await keys.refresh()).toBe(true);
    expect(keys.codeKeys('kassa-coupon')).toEqual([{ id: 'c2', secret: COUPON }]);
    const restarted = createTerminalKeys({ terminalId: 'T1', endpoint, storage, transport: offline });
    expect(restarted.codeKeys('kassa-gift-card')).toEqual([{ id: 'demo-2026', secret: GIFT }]);
    expect(restarted.codeKeys('partner-coupon')).toEqual([]);
  });

  it('an older server without codes still gives the member-app keys, and no signed-code keys', async () => {
    const keys = createTerminalKeys({
      terminalId: 'T1',
      endpoint,
      storage: memoryStorage(),
      transport: answering({ terminalId: 'T1', memberApp }),
    });
    expect(await keys.refresh()).toBe(true);
    expect(keys.memberAppKeys()).toEqual([APP]);
    expect(keys.codeKeys('kassa-coupon')).toEqual([]);
  });
});
