import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issuePairingCode, pairTerminal } from '../../../sync-server/src/domain/pairing';
import { authenticateTerminal, terminalInfo } from '../../../sync-server/src/domain/terminal-auth';
import { DEMO_STORE } from '../../../sync-server/src/demo/demo-catalogue';
import { seedDemoStorage } from '../../../sync-server/src/demo/seed-demo';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { sqliteAdapter } from './support/storages';

/** Demo seeding and pairing through the domain functions (no HTTP), on SQLite. */
describe('demo seed and pairing', () => {
  const adapter = sqliteAdapter();
  let s: Storage;
  beforeEach(async () => {
    s = await adapter.open();
  });
  afterEach(async () => {
    await s.close();
    await adapter.teardown();
  });

  it('seeds the demo store once; a second run writes no products but gives a new code', async () => {
    const first = await seedDemoStorage(s, 1_000);
    const [storeDoc] = await s.stores.pull(DEMO_STORE.storeId, 0, 1);
    const head = await s.feed.head();
    const second = await seedDemoStorage(s, 2_000);
    expect(first).toMatchObject({ storeId: DEMO_STORE.storeId, productsWritten: first.products });
    expect(first.products).toBeGreaterThanOrEqual(2000);
    expect(second).toMatchObject({ products: first.products, productsWritten: 0 });
    expect(second.pairingCode).not.toBe(first.pairingCode);
    expect(await s.stores.get(DEMO_STORE.storeId)).toEqual(DEMO_STORE);
    // Nothing changed, so nothing moved in the read-model feed: tills pull nothing new.
    expect(await s.stores.pull(DEMO_STORE.storeId, 0, 1)).toEqual([storeDoc]);
    expect(await s.products.pull(DEMO_STORE.storeId, head, 10)).toEqual([]);
  });

  it('refuses an expired code and a code for an unknown store', async () => {
    await seedDemoStorage(s, 0);
    const code = await issuePairingCode(s, DEMO_STORE.storeId, 10_000, 60_000);
    if (!code.ok) throw new Error(code.message);
    expect(await pairTerminal(s, { code: code.value.code }, 70_000)).toMatchObject({
      ok: false,
      reason: 'pairing-code-expired',
    });
    expect(await issuePairingCode(s, 'no-such-store', 0)).toMatchObject({
      ok: false,
      reason: 'store-unknown',
    });
  });

  it('uses a code once', async () => {
    const { pairingCode } = await seedDemoStorage(s, 0);
    expect(await pairTerminal(s, { code: pairingCode.toLowerCase().replace('-', ' ') }, 5)).toMatchObject({
      ok: true,
    });
    expect(await pairTerminal(s, { code: pairingCode }, 6)).toMatchObject({
      ok: false,
      reason: 'pairing-code-used',
    });
    expect(await pairTerminal(s, { code: 'AAAA-AAAA' }, 6)).toMatchObject({
      ok: false,
      reason: 'pairing-code-unknown',
    });
    expect(await s.terminals.list(DEMO_STORE.storeId)).toHaveLength(1);
  });

  it('gives a paired terminal a token that identifies it, stored only as a hash', async () => {
    const { pairingCode } = await seedDemoStorage(s, 0);
    const paired = await pairTerminal(s, { code: pairingCode, terminalName: 'Kassa 1' }, 5);
    if (!paired.ok) throw new Error(paired.message);
    const who = await authenticateTerminal(s, paired.value.token, 10);
    expect(who).toEqual({
      ok: true,
      value: { terminalId: paired.value.terminalId, storeId: DEMO_STORE.storeId },
    });
    const stored = await s.terminals.get(paired.value.terminalId);
    expect(stored?.tokenHash).not.toContain(paired.value.token);
    expect(stored).toMatchObject({ name: 'Kassa 1', lastSeenAt: 10 });
    if (!who.ok) throw new Error('unreachable');
    expect(await terminalInfo(s, who.value)).toMatchObject({
      lastSeq: 0,
      store: { name: 'Kassa Demo Amsterdam' },
    });
    expect(await authenticateTerminal(s, 'forged', 10)).toMatchObject({ ok: false, reason: 'token-unknown' });
  });
});
