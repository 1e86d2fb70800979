import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCAN_CONFIG } from '../../../core/scan/scan-config';
import { normalizeSignedCode, verifySignedCode } from '../../../core/scan/signed-code';
import { lookupGiftCard } from '../../../sync-server/src/domain/gift-cards/view';
import { seedDemoStorage } from '../../../sync-server/src/demo/seed-demo';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

const format = DEMO_SCAN_CONFIG.signedCodes.find((f) => f.id === 'kassa-gift-card')!;

/** The demo's gift cards: three signed codes a cashier can scan, seeded once. */
describe.each([sqliteAdapter(), postgresAdapter()])('demo gift cards: $name', (adapter: AdapterUnderTest) => {
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());

  it('seeds €25.00 and €5.00 gift cards and €10.00 store credit, the same codes on a second seed', async () => {
    const s = await adapter.open();
    try {
      const first = await seedDemoStorage(s, Date.UTC(2026, 10, 25, 7));
      expect(first.giftCards.map((c) => [c.kind, c.currency, c.balanceCents])).toEqual([
        ['gift-card', 'EUR', 2_500],
        ['gift-card', 'EUR', 500],
        ['store-credit', 'EUR', 1_000],
      ]);
      const second = await seedDemoStorage(s, Date.UTC(2026, 10, 25, 8));
      expect(second.giftCards).toEqual(first.giftCards);
      for (const card of first.giftCards) {
        // Genuine codes of the demo format: a till verifies each offline with the demo key.
        expect(verifySignedCode(normalizeSignedCode(card.code, format), format)).toMatchObject({
          ok: true,
          value: { kind: 'gift-card', formatId: 'kassa-gift-card' },
        });
        expect(await lookupGiftCard(s, card.code)).toMatchObject({ ok: true, value: { status: 'active' } });
      }
      // The README prints them for a person trying the demo till.
      const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
      for (const card of first.giftCards) expect(readme).toContain(card.code);
    } finally {
      await s.close();
    }
  });
});
